import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import lambdaConfig from './lambda-esbuild.config.cjs';

const config = lambdaConfig as BuildOptions;

const root = path.resolve(__dirname, '../../..');

// The same settings the apps' build targets use; the determinism the pipeline relies on.
async function bundle(app: string): Promise<Uint8Array> {
  const result = await build({
    ...config,
    entryPoints: [path.join(root, 'apps', app, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    write: false,
    outfile: 'index.js',
    absWorkingDir: root,
    logLevel: 'silent',
  });
  return result.outputFiles?.[0]?.contents ?? new Uint8Array();
}

describe('Lambda bundles', () => {
  it('are byte-for-byte the same when built twice from the same source', async () => {
    const [first, second] = [await bundle('fulfill-order'), await bundle('fulfill-order')];
    expect(first.length).toBeGreaterThan(10_000);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('bundle the SDK with the environment-only credential provider, not the full chain', async () => {
    const code = Buffer.from(await bundle('order-storage')).toString('utf8');
    expect(code).toContain('AWS_SECRET_ACCESS_KEY');
    expect(code).not.toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    expect(code).not.toContain('sso_start_url');
  });
});
