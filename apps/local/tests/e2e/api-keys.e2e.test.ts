// The API key and usage plan the contract declares, enforced by the local gateway as by API
// Gateway: a refused request gets the error envelope and leaves nothing behind.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { getOrder, postOrder, request, type ErrorBody } from '../support/api';
import { localAws, type LocalAws } from '../support/local-aws';
import { validOrder } from '../support/orders';

let system: LocalSystem;
let aws: LocalAws;

beforeAll(async () => {
  // a usage plan lowered to see the 429s: a burst of 2, one request a second after that
  system = await startLocalSystem({ successRate: 1, usagePlanRateLimit: 1, usagePlanBurstLimit: 2 });
  aws = localAws(system.endpoints);
});

afterAll(async () => {
  aws?.destroy();
  await system?.stop();
});

const forbidden = (requestId: string) => ({
  error: { code: 'FORBIDDEN', message: 'A valid API key is required in the x-api-key header.', details: [], request_id: requestId },
});

describe('the API key', () => {
  it("is the local client's key from api-keys.json, also in endpoints.json", async () => {
    const file = JSON.parse(await readFile(path.join(system.endpoints.data_dir, 'api-keys.json'), 'utf8')) as { keys: { client: string; value: string }[] };
    expect(file.keys.find((key) => key.client === 'local')?.value).toBe(system.apiKey);
    expect(system.apiKey).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('is required by POST /order: without it 403 FORBIDDEN, and nothing is stored', async () => {
    const answer = await request<ErrorBody>(`${system.apiUrl}/order`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validOrder()),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(forbidden(answer.headers.get('x-amzn-requestid') ?? ''));
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(await aws.itemCount(system.endpoints.tables.orders)).toBe(0);
  });

  it('refuses a key no client has, on POST /order and GET /order/{id}', async () => {
    const wrong = { apiUrl: system.apiUrl, apiKey: 'x'.repeat(40) };
    const post = await postOrder<ErrorBody>(wrong, validOrder());
    const get = await getOrder<ErrorBody>(wrong, '00000000-0000-4000-8000-000000000000');
    expect([post.status, get.status]).toEqual([403, 403]);
    expect(get.body.error.code).toBe('FORBIDDEN');
    expect(await aws.itemCount(system.endpoints.tables.orders)).toBe(0);
  });

  it('is not asked of GET /health or of the CORS preflight, which allows the x-api-key header', async () => {
    expect((await request(`${system.apiUrl}/health`)).status).toBe(200);
    const preflight = await request(`${system.apiUrl}/order`, { method: 'OPTIONS', headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Api-Key');
  });
});

describe("the client's usage plan", () => {
  it('answers 429 THROTTLED with Retry-After past the burst, and stores only the admitted orders', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => postOrder<ErrorBody>(system, validOrder({ customer_id: `burst-${i}` }))),
    );
    const throttled = answers.filter((a) => a.status === 429);
    const created = answers.filter((a) => a.status === 201);
    expect(throttled.length).toBeGreaterThan(0);
    expect(created.length + throttled.length).toBe(10);
    for (const answer of throttled) {
      expect(answer.body.error).toMatchObject({ code: 'THROTTLED', details: [] });
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    expect(await aws.itemCount(system.endpoints.tables.orders)).toBe(created.length);
  });
});
