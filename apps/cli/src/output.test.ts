import { progressLine, renderFields, renderTable } from './output';

describe('renderTable', () => {
  it('pads columns to their widest cell, right-aligns numbers, cuts long values', () => {
    const rows = [
      { id: 'a', n: 5, note: 'short' },
      { id: 'bbbb', n: 123, note: 'a note far longer than allowed' },
    ];
    const table = renderTable(rows, [
      { header: 'ID', value: (r) => r.id },
      { header: 'N', value: (r) => r.n, align: 'right' },
      { header: 'NOTE', value: (r) => r.note, maxWidth: 10 },
    ]);
    expect(table).toBe(['ID      N  NOTE', '----  ---  ----------', 'a       5  short', 'bbbb  123  a note fa…', ''].join('\n'));
  });

  it('shows a missing value as "-"', () => {
    expect(renderTable([{ v: undefined }], [{ header: 'V', value: (r) => r.v }])).toBe('V\n-\n-\n');
  });
});

it('renderFields aligns keys', () => {
  expect(renderFields([['order', 'x'], ['attempts', 2]])).toBe('order     x\nattempts  2\n');
});

it('progressLine shows the share done', () => {
  expect(progressLine(25, 100, '10.0/s', 80)).toBe(`[${'#'.repeat(10)}${'.'.repeat(30)}] 25/100  25%  10.0/s`);
  expect(progressLine(0, 0, '', 80)).toContain('100%');
});
