// The esbuild options of a Node app of this workspace (apps/local, apps/perf, apps/demo; their build.mjs import
// it as `#tooling/node-app-build.mjs`, package.json `imports`): the workspace's own
// TypeScript (@dofs/*) and ajv's runtime are bundled, every other package stays in node_modules.
// ajv is bundled because the generated validators import it ESM-style from a CommonJS file (only a
// bundler's interop gets its default export right).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** @param {string} app the folder under apps/ @returns {import('esbuild').BuildOptions} */
export function nodeAppOptions(app) {
  return {
    absWorkingDir: workspaceRoot,
    bundle: true,
    platform: 'node',
    target: 'node24',
    plugins: [
      {
        name: 'external-node-modules',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.kind === 'entry-point' || args.path.startsWith('@dofs/') || args.path.startsWith('ajv/')
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
    tsconfig: path.join(workspaceRoot, `apps/${app}/tsconfig.json`),
    sourcemap: 'linked',
    logLevel: 'warning',
  };
}

/**
 * ESM output (.mjs). ESM has no __dirname/require; the sources also run as CommonJS under jest,
 * so they use them and the bundle provides them.
 * @type {import('esbuild').BuildOptions}
 */
export const esmWithCommonJsGlobals = {
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join('\n'),
  },
};
