import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The monorepo root: the nearest directory above `start` holding nx.json. The runtime is run both
 * from its sources (jest) and from dist/apps/local (node), so a fixed `../..` would be wrong in one.
 */
export function findWorkspaceRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No nx.json above ${start}: is this the DOFS workspace?`);
    dir = parent;
  }
}

export interface WorkspacePaths {
  readonly root: string;
  readonly contractsDir: string;
  readonly appsDir: string;
  /** dist/apps: each Lambda's bundle is <bundlesDir>/<app>/index.js */
  readonly bundlesDir: string;
  /** dist/apps/local: the built runtime */
  readonly runtimeDir: string;
}

export function workspacePaths(root: string = findWorkspaceRoot(), bundlesDir?: string): WorkspacePaths {
  return {
    root,
    contractsDir: path.join(root, 'contracts'),
    appsDir: path.join(root, 'apps'),
    bundlesDir: bundlesDir ? path.resolve(bundlesDir) : path.join(root, 'dist/apps'),
    runtimeDir: path.join(root, 'dist/apps/local'),
  };
}
