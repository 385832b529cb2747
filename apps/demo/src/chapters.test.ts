import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from '@dofs/local-client';
import { CHAPTERS } from './chapters';

describe('the chapters the documents list', () => {
  const root = findWorkspaceRoot();
  it.each(['README.md', 'docs/demo-video.md', 'apps/demo/README.md'])('%s lists every chapter of the video, in order', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const positions = Object.values(CHAPTERS).map((title) => text.indexOf(title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
