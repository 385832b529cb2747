// Everything the tests and the build steps need comes with `npm ci` (DESIGN.md): no system browser,
// no PDF tool, nothing from apt. Two proofs, so that it cannot rot:
// - no file of the repository names one (outside this check), and every browser is started by
//   libs/tooling/src/chromium.mjs;
// - with a PATH of node and git only (bare-environment.mjs, which docs:pdf-test builds the PDF in
//   as well), the system tools are not found, and the browser and the PDF reader still work.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bareEnvironment } from './bare-environment.mjs';

const root = path.resolve(__dirname, '../../..');
const THIS_CHECK = 'libs/tooling/src/system-tools.test.ts';
/** The one file that may start a browser. */
const BROWSER_HELPER = 'libs/tooling/src/chromium.mjs';

/** What a step that needs the system would name. */
const SYSTEM_TOOLS: { name: string; pattern: RegExp }[] = [
  { name: 'a system browser', pattern: /\/usr\/(local\/)?bin\/(chromium|chrome|google-chrome)/ },
  { name: 'a poppler tool', pattern: /\bpdfto(text|ppm|cairo|html)\b|\bpdf(info|images|fonts)\b|\bpoppler\b/i },
  { name: 'an apt install', pattern: /\bapt(-get)? +install\b/ },
];
const DIRECT_LAUNCH = /\bchromium\.launch(Server|PersistentContext)?\(/;
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', '.nx', '.dofs', 'tmp', 'coverage', '.terraform']);

/** Every text file under `dir`, relative to it (git's view when it is a checkout). */
function filesUnder(dir: string): string[] {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: dir, encoding: 'utf8' });
  if (git.status === 0 && git.stdout !== '') return git.stdout.split('\0').filter((file) => file !== '');
  const walk = (relative: string): string[] =>
    readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : walk(file);
      return entry.isFile() ? [file] : [];
    });
  return walk('');
}

/** "file:line: what" for every line of a file under `dir` that needs a system tool or starts a browser itself. */
function systemToolUses(dir: string): string[] {
  return filesUnder(dir).flatMap((file) => {
    if (file === THIS_CHECK || !statSync(path.join(dir, file), { throwIfNoEntry: false })?.isFile()) return [];
    const content = readFileSync(path.join(dir, file));
    if (content.subarray(0, 8000).includes(0)) return [];
    return content
      .toString('utf8')
      .split('\n')
      .flatMap((line, index) => [
        ...SYSTEM_TOOLS.filter(({ pattern }) => pattern.test(line)).map(({ name }) => `${file}:${index + 1}: ${name}`),
        ...(file !== BROWSER_HELPER && DIRECT_LAUNCH.test(line) ? [`${file}:${index + 1}: a browser started without ${BROWSER_HELPER}`] : []),
      ]);
  });
}

describe('the scan of the repository', () => {
  it('finds a system tool, an apt install and a browser started by hand, in any kind of file', () => {
    const fixture = mkdtempSync(path.join(tmpdir(), 'dofs-system-tools-'));
    try {
      mkdirSync(path.join(fixture, 'docs'));
      writeFileSync(path.join(fixture, 'docs/build.mjs'), "const exe = '/usr/bin/chromium';\nexecFileSync('pdftoppm', [file]);\nawait chromium.launch({ executablePath: exe });\n");
      writeFileSync(path.join(fixture, 'run.sh'), 'apt-get install -y poppler-utils\n');
      writeFileSync(path.join(fixture, 'clean.md'), 'The browser comes with npm ci.\n');
      expect(systemToolUses(fixture).sort()).toEqual([
        'docs/build.mjs:1: a system browser',
        'docs/build.mjs:2: a poppler tool',
        `docs/build.mjs:3: a browser started without ${BROWSER_HELPER}`,
        'run.sh:1: a poppler tool',
        'run.sh:1: an apt install',
      ]);
    } finally {
      rmSync(fixture, { recursive: true, force: true });
    }
  });

  it('finds none in this repository: no test, tool, script or document needs a system browser or PDF tool', () => {
    expect(systemToolUses(root)).toEqual([]);
  });
});

describe('a step run in the bare environment', () => {
  const env = bareEnvironment();

  it('finds node and git, and no system browser or PDF tool, even where they are installed', () => {
    expect(execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim()).toBe(`v${process.versions.node}`);
    expect(env['CHROMIUM_PATH']).toBeUndefined();
    expect(env['DOFS_CHROMIUM']).toBeUndefined();
    for (const tool of ['chromium', 'chromium-browser', 'google-chrome', 'pdftotext', 'pdftoppm', 'pdfinfo']) {
      expect({ tool, error: spawnSync(tool, ['--version'], { env }).error?.message }).toEqual({ tool, error: `spawnSync ${tool} ENOENT` });
    }
  });

  it('prints a PDF with the packaged browser and reads it back with pdfjs', () => {
    const url = (file: string) => JSON.stringify(pathToFileURL(path.join(__dirname, file)).href);
    const script = `import { chromiumExecutablePath, launchChromium } from ${url('chromium.mjs')};
      import { readPdf } from ${url('pdf-text.mjs')};
      const browser = await launchChromium();
      const page = await browser.newPage();
      await page.setContent('<p>printed with nothing from the system</p>');
      const [read] = await readPdf(await page.pdf());
      await browser.close();
      console.log(JSON.stringify({ executable: await chromiumExecutablePath(), text: read.text }));`;
    const result = JSON.parse(execFileSync('node', ['--input-type=module', '-e', script], { env, cwd: root, encoding: 'utf8' })) as { executable: string; text: string };
    expect(result.executable.startsWith(path.join(root, 'node_modules/.cache/'))).toBe(true);
    expect(result.text).toBe('printed with nothing from the system');
  });
});
