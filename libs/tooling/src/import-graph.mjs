// The rooms of a source folder and the arrows between them, drawn from the relative imports.
// A room is a sub-folder of the source root, or a file directly in it. The floors are counted
// from the bottom: a room that imports no other room is on floor 0, any other one floor above the
// highest room it imports. An arrow that runs back up imports a room on its own floor or higher
// (only a circle makes one); a circle is a set of rooms that reach each other through their imports.
// Production code only: tests and type declarations are left out.
//   node libs/tooling/src/import-graph.mjs apps/local/src   -> the floors, arrows back up, circles, lines
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ts = createRequire(join(root, 'package.json'))('typescript');

/** @param {string} dir @returns {string[]} */
function productionFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return productionFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|spec|d)\.tsx?$/.test(name) ? [path] : [];
  });
}

/** @param {string} from @param {string} specifier @returns {string | undefined} */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/**
 * @param {string} srcDir
 * @returns {{ rooms: Map<string, { lines: number, imports: Set<string> }> }}
 */
export function roomsOf(srcDir) {
  const src = resolve(srcDir);
  const roomOf = (/** @type {string} */ file) => relative(src, file).split(sep)[0] ?? file;
  /** @type {Map<string, { lines: number, imports: Set<string> }>} */
  const rooms = new Map();
  const files = productionFiles(src);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const room = rooms.get(roomOf(file)) ?? { lines: 0, imports: new Set() };
    rooms.set(roomOf(file), room);
    room.lines += text.split('\n').length;
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const target = resolveImport(file, fileName);
      if (target && target.startsWith(src + sep) && roomOf(target) !== roomOf(file)) room.imports.add(roomOf(target));
    }
  }
  return { rooms };
}

/** Tarjan's strongly connected components: the circles are those with more than one room. */
function circlesOf(/** @type {Map<string, { imports: Set<string> }>} */ rooms) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const circles = [];
  const visit = (/** @type {string} */ room) => {
    index.set(room, next);
    low.set(room, next++);
    stack.push(room);
    onStack.add(room);
    for (const target of rooms.get(room)?.imports ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(room, Math.min(low.get(room), low.get(target)));
      } else if (onStack.has(target)) low.set(room, Math.min(low.get(room), index.get(target)));
    }
    if (low.get(room) !== index.get(room)) return;
    /** @type {string[]} */
    const component = [];
    /** @type {string | undefined} */
    let member;
    do {
      member = /** @type {string} */ (stack.pop());
      onStack.delete(member);
      component.push(member);
    } while (member !== room);
    if (component.length > 1) circles.push(component.sort());
  };
  for (const room of [...rooms.keys()].sort()) if (!index.has(room)) visit(room);
  return circles;
}

/**
 * The arrows that close a circle, found by walking down from the rooms nothing imports: an arrow to
 * a room still on the walk's path runs back up. Without them the rooms stand on floors.
 */
function backArrowsOf(/** @type {Map<string, { imports: Set<string> }>} */ rooms) {
  const importers = new Map([...rooms.keys()].map((room) => [room, 0]));
  for (const { imports } of rooms.values()) for (const target of imports) importers.set(target, (importers.get(target) ?? 0) + 1);
  const order = [...rooms.keys()].sort((a, b) => (importers.get(a) ?? 0) - (importers.get(b) ?? 0) || a.localeCompare(b));
  const done = new Set();
  const path = new Set();
  /** @type {string[]} */
  const back = [];
  const walk = (/** @type {string} */ room) => {
    path.add(room);
    for (const target of [...(rooms.get(room)?.imports ?? [])].sort()) {
      if (path.has(target)) back.push(`${room} -> ${target}`);
      else if (!done.has(target)) walk(target);
    }
    path.delete(room);
    done.add(room);
  };
  for (const room of order) if (!done.has(room)) walk(room);
  return back.sort();
}

export function structureOf(/** @type {string} */ srcDir) {
  const { rooms } = roomsOf(srcDir);
  const backArrows = backArrowsOf(rooms);
  /** @type {Map<string, number>} */
  const floors = new Map();
  /** @type {(room: string) => number} */
  const floorOf = (room) => {
    const known = floors.get(room);
    if (known !== undefined) return known;
    const below = [...(rooms.get(room)?.imports ?? [])].filter((target) => !backArrows.includes(`${room} -> ${target}`));
    /** @type {number} */
    const floor = below.length === 0 ? 0 : 1 + Math.max(...below.map(floorOf));
    floors.set(room, floor);
    return floor;
  };
  const floorList = [...rooms.keys()].map(floorOf);
  return {
    rooms: [...rooms]
      .map(([room, { lines, imports }]) => ({ room, floor: floorOf(room), lines, imports: [...imports].sort() }))
      .sort((a, b) => a.floor - b.floor || a.room.localeCompare(b.room)),
    floorCount: floorList.length === 0 ? 0 : Math.max(...floorList) + 1,
    backArrows,
    circles: circlesOf(rooms),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const srcDir = process.argv[2] ?? 'apps/local/src';
  const structure = structureOf(srcDir);
  for (const { room, floor, lines, imports } of structure.rooms) {
    console.log(`floor ${floor}  ${room.padEnd(24)} ${String(lines).padStart(5)} lines  -> ${imports.join(', ') || '-'}`);
  }
  const lines = structure.rooms.reduce((sum, room) => sum + room.lines, 0);
  console.log(`${structure.rooms.length} rooms on ${structure.floorCount} floors, ${lines} lines; arrows back up: ${structure.backArrows.length}; circles: ${structure.circles.length}`);
  for (const arrow of structure.backArrows) console.log(`  back up: ${arrow}`);
  for (const circle of structure.circles) console.log(`  circle: ${circle.join(' <-> ')}`);
}
