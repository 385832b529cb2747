#!/usr/bin/env node
// Builds the publishable @dofs/sdk package into the directory given (default dist/libs/sdk):
//   index.mjs + index.cjs   the SDK bundled by esbuild (openapi-fetch stays a dependency)
//   *.d.ts                  declarations emitted by tsc
//   openapi.d.ts            the generated contract types, which api-types.d.ts is pointed at
//   package.json, README.md
// The result needs nothing from this repository: no @dofs/contracts, no path aliases.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(sdkDir, '../..');
const srcDir = path.join(sdkDir, 'src');
const generatedOpenapi = path.join(root, 'libs/contracts/src/generated/openapi.ts');
const CONTRACTS_IMPORT = /from '@dofs\/contracts'/g;

export async function buildSdk(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const common = {
    entryPoints: [path.join(srcDir, 'index.ts')],
    bundle: true,
    platform: 'neutral',
    target: 'es2022',
    external: ['openapi-fetch'],
    tsconfig: path.join(sdkDir, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
  };
  await build({ ...common, format: 'esm', outfile: path.join(outDir, 'index.mjs') });
  await build({ ...common, format: 'cjs', outfile: path.join(outDir, 'index.cjs') });

  emitDeclarations(outDir);
  writeFileSync(path.join(outDir, 'openapi.d.ts'), readFileSync(generatedOpenapi, 'utf8'));
  copyFileSync(path.join(sdkDir, 'package.json'), path.join(outDir, 'package.json'));
  copyFileSync(path.join(sdkDir, 'README.md'), path.join(outDir, 'README.md'));
}

function emitDeclarations(outDir) {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(sdkDir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  const options = { ...parsed.options, declaration: true, emitDeclarationOnly: true, noEmit: false, types: ['node'] };
  const program = ts.createProgram([path.join(srcDir, 'index.ts')], options);
  const problems = ts.getPreEmitDiagnostics(program);
  if (problems.length > 0) {
    throw new Error(ts.formatDiagnostics(problems, { ...ts.sys, getCanonicalFileName: (f) => f, getNewLine: () => '\n' }));
  }
  program.emit(undefined, (fileName, text) => {
    const source = fileName.replace(/\.d\.ts$/, '.ts');
    const relative = path.relative(srcDir, source);
    // The program also holds @dofs/contracts; only the SDK's own declarations are shipped.
    if (relative.startsWith('..') || relative.endsWith('.test.ts')) return;
    const shipped = text.replace(CONTRACTS_IMPORT, "from './openapi'");
    if (relative !== 'api-types.ts' && shipped !== text) {
      throw new Error(`${relative} imports @dofs/contracts: only api-types.ts may, so the package stays self-contained`);
    }
    const target = path.join(outDir, relative.replace(/\.ts$/, '.d.ts'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, shipped);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(root, process.argv[2] ?? 'dist/libs/sdk');
  await buildSdk(outDir);
  console.log(`@dofs/sdk built in ${path.relative(process.cwd(), outDir) || '.'}`);
}
