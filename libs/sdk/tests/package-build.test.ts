// Builds the publishable package into a temp dir and uses it the way a stranger would: no path
// aliases, no @dofs/contracts, only the package and its declared dependency.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
let work: string;
let pkgDir: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'dofs-sdk-package-'));
  pkgDir = path.join(work, 'node_modules/@dofs/sdk');
  execFileSync(process.execPath, [path.join(root, 'libs/sdk/tools/build.mjs'), pkgDir], { cwd: root, stdio: 'pipe' });
  for (const dep of ['openapi-fetch', 'openapi-typescript-helpers', '@types']) {
    mkdirSync(path.dirname(path.join(work, 'node_modules', dep)), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', dep), path.join(work, 'node_modules', dep));
  }
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the built @dofs/sdk package', () => {
  it('ships JS for import and require, declarations, the contract types, package.json and README', () => {
    const files = readdirSync(pkgDir).sort();
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'api-types.d.ts', 'index.cjs', 'index.d.ts', 'index.mjs', 'openapi.d.ts', 'package.json']),
    );
    const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@dofs/sdk', dependencies: { 'openapi-fetch': expect.any(String) } });
    expect(manifest.private).toBeUndefined();
  });

  it('refers to nothing of this repository', () => {
    for (const file of readdirSync(pkgDir)) {
      expect({ file, dofsImports: readFileSync(path.join(pkgDir, file), 'utf8').match(/@dofs\/(contracts|domain|aws|tooling)/g) }).toEqual({
        file,
        dofsImports: null,
      });
    }
  });

  it('type-checks a consumer against the shipped declarations, and rejects a wrong body', () => {
    const consumer = path.join(work, 'consumer.ts');
    writeFileSync(
      consumer,
      [
        "import { createDofsClient, DofsApiError, type Order } from '@dofs/sdk';",
        "const dofs = createDofsClient({ baseUrl: 'http://localhost:3000' });",
        "export const ok = dofs.createOrder({ customer_id: 'c', items: [{ product_id: 'p', quantity: 1, price: 1 }], total_amount: 1 });",
        "export const status = (o: Order): 'PENDING' | 'FULFILLED' | 'FAILED' => o.status;",
        'export const isApiError = (e: unknown) => e instanceof DofsApiError && e.code === "NOT_FOUND";',
        "export const wrong = dofs.createOrder({ customer_id: 'c', items: [], total_amount: 'one' });",
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([consumer], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: [path.join(work, 'node_modules/@types')],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ({
      line: d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0,
      file: d.file ? path.relative(work, d.file.fileName) : '',
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    }));
    expect(errors).toEqual([{ line: 6, file: 'consumer.ts', message: expect.stringContaining("'string' is not assignable to type 'number'") }]);
  });

  describe('at run time', () => {
    let server: Server;
    let baseUrl: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/health') return void res.end('{"status":"ok"}');
        res.statusCode = 404;
        res.end('{"error":{"code":"NOT_FOUND","message":"No order has this id","details":[],"request_id":"r-1"}}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const script = (load: string) => `
      ${load}
      const dofs = sdk.createDofsClient({ baseUrl: process.argv[2], retry: { retries: 0 } });
      const health = await dofs.health();
      const error = await dofs.getOrder('00000000-0000-4000-8000-000000000000').catch((e) => e);
      console.log(JSON.stringify({ health, isApiError: error instanceof sdk.DofsApiError, code: error.code }));`;

    it.each([
      ['ESM import', 'const sdk = await import("@dofs/sdk");', '.mjs'],
      ['CommonJS require', 'const sdk = require("@dofs/sdk");', '.cjs'],
    ])('works through %s', async (_, load, extension) => {
      const file = path.join(work, `run${extension}`);
      writeFileSync(file, extension === '.cjs' ? `(async () => {${script(load)}})();` : script(load));
      // asynchronously: the server answering the script runs in this process
      const { stdout } = await promisify(execFile)(process.execPath, [file, baseUrl], { cwd: work, timeout: 20_000 });
      expect(JSON.parse(stdout)).toEqual({ health: { status: 'ok' }, isApiError: true, code: 'NOT_FOUND' });
    });
  });
});
