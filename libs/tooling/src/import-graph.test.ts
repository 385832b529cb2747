import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { structureOf } from './import-graph.mjs';

const root = path.resolve(__dirname, '../../..');
const structure = structureOf;

// STYLE.md: a lower floor never imports a higher one. The runtime's rooms stand on floors with no
// arrow back up and no circle; a service publishes to the event bus below it, never to the console.
describe('apps/local/src, drawn from its imports', () => {
  const local = structure(path.join(root, 'apps/local/src'));

  it('has no arrow that runs back up and no circle', () => {
    expect({ backArrows: local.backArrows, circles: local.circles }).toEqual({ backArrows: [], circles: [] });
  });

  it('has the event bus on the bottom floor and the console above the services it reads', () => {
    const floor = (room: string): number | undefined => local.rooms.find((candidate) => candidate.room === room)?.floor;
    expect(floor('events')).toBe(0);
    expect(floor('console')).toBeGreaterThan(floor('lambda') ?? Infinity);
  });
});

describe('the drawing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-graph-'));
    await mkdir(path.join(dir, 'a'));
    await mkdir(path.join(dir, 'b'));
    await writeFile(path.join(dir, 'a/one.ts'), "import { two } from '../b/two';\nexport const one = two;\n");
    await writeFile(path.join(dir, 'b/two.ts'), "import { one } from '../a/one';\nexport const two = 2;\nexport const again = one;\n");
    await writeFile(path.join(dir, 'top.ts'), "import { one } from './a/one';\nexport const top = one;\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds a circle and the arrow that closes it', () => {
    const drawn = structure(dir);
    expect(drawn.circles).toEqual([['a', 'b']]);
    expect(drawn.backArrows).toEqual(['b -> a']);
    expect(drawn.rooms.find((room) => room.room === 'top.ts')?.floor).toBe(2);
  });
});
