import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SoakClient } from './soak-client';

// A stand-in API (unit test: the soak's client alone): the first POST of a key is answered late
// with a 503, every later one at once with a 201, so an overlapping re-send would finish first and
// have its 201 overwritten by the late 503.
let server: Server;
let posts = 0;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    const first = ++posts === 1;
    const answer = () => response.writeHead(first ? 503 : 201, { 'content-type': 'application/json' }).end(first ? '{}' : '{"order_id":"o-1"}');
    if (first) setTimeout(answer, 300);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('has one send of a key on its way at a time, so its last status is its latest answer', async () => {
  const { port } = server.address() as AddressInfo;
  const client = new SoakClient(() => ({ apiUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }));
  try {
    const first = client.sendNew('key-1', '{}');
    // the restart's re-send while the first send is still on its way: nothing is sent again
    await client.resendUnanswered();
    const record = await first;
    expect({ posts, lastStatus: record.lastStatus }).toEqual({ posts: 1, lastStatus: 503 });
    await client.resendUnanswered();
    expect({ posts, lastStatus: record.lastStatus, sends: record.sends, orderIds: [...record.orderIds] }).toEqual({ posts: 2, lastStatus: 201, sends: 2, orderIds: ['o-1'] });
  } finally {
    client.close();
  }
});
