import path from 'node:path';
import { findWorkspaceRoot } from '@dofs/local-client';

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
