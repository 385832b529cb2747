import { parseRequestTarget } from './request-target';

describe('parseRequestTarget', () => {
  it.each([
    ['/order/abc', '/order/abc'],
    ['/order\\abc', '/order\\abc'],
    ['/order/../health', '/order/../health'],
    ['/order/%2e%2e', '/order/%2e%2e'],
    ['//health', '//health'],
    ['http://localhost:3000/order/abc?x=1', '/order/abc'],
    ['*', '*'],
  ])('keeps the path of %s as sent: %s', (target, path) => expect(parseRequestTarget(target).path).toBe(path));

  it('reads the query, repeated keys included', () => {
    expect([...parseRequestTarget('/order?a=1&a=2&b=%20x').searchParams]).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', ' x'],
    ]);
  });
});
