import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The monorepo root: the nearest directory above `start` holding nx.json. The code runs both
 * from its sources (jest) and from dist/ (node), so a fixed `../..` would be wrong in one.
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

/** dist/apps/local/main.mjs: what `npm start` runs, built by `nx run local:build`. */
export const runtimeEntry = (root: string = findWorkspaceRoot()): string => path.join(root, 'dist/apps/local/main.mjs');
