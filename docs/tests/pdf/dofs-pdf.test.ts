// Builds the PDF as `npm run docs:pdf` does and reads it back with pdfjs-dist
// (libs/tooling/src/pdf-text.mjs: page sizes, text laid out in lines and cells, images painted):
// it opens, holds the chapters in order, every diagram as vector text, the link to the repository,
// and no Markdown or Mermaid source left unrendered.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bareEnvironment } from '#tooling/bare-environment.mjs';
import type { PdfPage } from '#tooling/pdf-text.mjs';

const workspace = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(workspace, file), 'utf8');
/** Reads the PDF in a child process: jest's CommonJS runtime cannot load pdfjs-dist's ES modules. */
const readPdf = (file: string): PdfPage[] =>
  JSON.parse(execFileSync(process.execPath, [path.join(workspace, 'libs/tooling/src/pdf-text.mjs'), file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as PdfPage[];
/** The text has spaces where the layout has gaps (around inline code, between SVG text runs): compare without them. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

const scratch = mkdtempSync(path.join(tmpdir(), 'dofs-pdf-test-'));
const pdf = path.join(scratch, 'dofs.pdf');
let pdfPages: PdfPage[] = [];
let pages: string[] = [];
let text = '';

beforeAll(() => {
  // As on a bare machine: a PATH of node and git only, so that a system browser or PDF tool is never found.
  execFileSync(process.execPath, [path.join(workspace, 'docs/tools/build-pdf.mjs'), '--out', pdf], { cwd: workspace, stdio: 'pipe', env: bareEnvironment() });
  pdfPages = readPdf(pdf);
  // Pages separated by form feeds, as the plain text of a PDF is written.
  pages = pdfPages.map((page) => page.text);
  text = pages.join('\f');
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pkg = JSON.parse(read('package.json')) as { version: string; repository: { url: string } };
const repositoryUrl = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const manifest = JSON.parse(read('docs/pdf/manifest.json')) as { chapters: { title: string; parts?: { file: string }[] }[] };

/** The first page (1-based) at or after `from` holding a line that is exactly `line`, white space aside. */
function pageWithLine(line: string, from = 1) {
  const index = pages.findIndex((page, i) => i + 1 >= from && page.split('\n').some((l) => squeeze(l) === squeeze(line)));
  return index < 0 ? undefined : index + 1;
}

it('opens as a PDF of A4 pages', () => {
  expect(pdfPages.length).toBeGreaterThan(0);
  // A4 within a point, as PDF readers name it: 595 × 842 pt.
  const notA4 = pdfPages.flatMap((page, index) => (Math.abs(page.width - 595) < 1 && Math.abs(page.height - 842) < 1 ? [] : [{ page: index + 1, width: page.width, height: page.height }]));
  expect(notA4).toEqual([]);
  expect(pages.length).toBeGreaterThan(manifest.chapters.length);
});

it('has a title page with the version, the commit and the repository link', () => {
  const title = squeeze(pages[0] ?? '');
  expect(title).toContain(squeeze('DOFS: Distributed Order Fulfillment System'));
  expect(title).toContain(`version${pkg.version}`);
  let commit = 'uncommitted';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout: the title page says "uncommitted"
  }
  expect(title).toContain(`commit${commit}`);
  expect(title).toContain(squeeze(repositoryUrl));
});

it('has the chapters the assignment asks for, in order, each where the table of contents says', () => {
  const required = [
    'The story',
    'Architecture',
    'The API',
    'The order workflow',
    'Retries and the dead-letter queue',
    'The local runtime and its fidelity',
    'Testing',
    'Deploying to AWS',
    'Security',
    'Cost',
    'The code repository',
  ];
  expect(manifest.chapters.map((chapter) => chapter.title)).toEqual(required);
  // The contents pages, laid out: one row per entry, "number  title  page".
  const tocRows = pdfPages.slice(1, 3).flatMap((page) => page.lines);
  let previous = 2;
  required.forEach((title, index) => {
    const page = pageWithLine(`${index + 1} ${title}`, previous + 1);
    expect({ title, page }).toEqual({ title, page: expect.any(Number) });
    expect(tocRows).toContainEqual([String(index + 1), title, String(page)]);
    previous = page ?? previous;
  });
});

it('covers the scenarios, the deployment steps and the troubleshooting inside their chapters', () => {
  const within = (chapter: string, next: string, headings: string[]) => {
    const body = squeeze(text.slice(text.lastIndexOf(chapter), text.lastIndexOf(next)));
    for (const heading of headings) expect({ chapter, heading, found: body.includes(squeeze(heading)) }).toEqual({ chapter, heading, found: true });
  };
  within('Testing\n', 'Deploying to AWS\n', ['Success: an order reaches FULFILLED', 'Failure: retries, the DLQ, failed_orders and the alert', 'The pipeline: a change deploys only what it touches']);
  within('Deploying to AWS\n', 'Security\n', ['Prerequisites', 'Setup', 'The pipeline, step by step', 'Troubleshooting']);
});

it('draws every diagram of docs/diagrams/ as vector graphics: its labels are text, and the PDF holds no image', () => {
  const diagrams = readdirSync(path.join(workspace, 'docs/diagrams')).filter((name) => name.endsWith('.mmd'));
  expect(diagrams.length).toBeGreaterThanOrEqual(5);
  for (const name of diagrams) {
    const labels = diagramLabels(read(`docs/diagrams/${name}`));
    expect({ name, count: labels.length > 3 }).toEqual({ name, count: true });
    // A diagram never splits across pages, so one page holds all of its labels.
    const page = pages.find((content) => labels.every((label) => squeeze(content).includes(squeeze(label))));
    const missing = labels.filter((label) => !squeeze(text).includes(squeeze(label)));
    expect({ name, missing, onOnePage: page !== undefined }).toEqual({ name, missing: [], onOnePage: true });
  }
  const images = pdfPages.flatMap((page, index) => (page.images === 0 ? [] : [`page ${index + 1}: ${page.images ?? 'uncounted'} image(s)`]));
  expect(images).toEqual([]);
});

it('links to the code repository from package.json', () => {
  const last = squeeze(pages.filter((page) => page.trim() !== '').at(-1) ?? '');
  expect(last).toContain(squeeze(repositoryUrl));
  expect(readFileSync(pdf).includes(Buffer.from(`(${repositoryUrl})`))).toBe(true);
});

it('leaves no Markdown, Mermaid source or diagram error in the text', () => {
  const headings = manifest.chapters
    .flatMap((chapter) => chapter.parts ?? [])
    .flatMap((part) => read(part.file).replace(/^```[\s\S]*?^```$/gm, '').match(/^#{1,6} .+$/gm) ?? []);
  expect(headings.length).toBeGreaterThan(20);
  const lines = text.split('\n').map((line) => line.trim());
  for (const heading of headings) expect(lines).not.toContain(heading.trim());
  for (const markup of ['```', '](', '**', '<br/>', '<!--']) expect({ markup, found: text.includes(markup) }).toEqual({ markup, found: false });
  // HTML escaped twice shows its entities (the contents once read "Terraform&#39;s").
  expect(text.match(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot);/gi) ?? []).toEqual([]);
  // A table Markdown could not parse leaves its rows as text starting with a pipe.
  expect(lines.filter((line) => /^\|.*\|/.test(line))).toEqual([]);
  for (const source of [/\bflowchart (TB|TD|LR)\b/, /\bsequenceDiagram\b/, /-->|-\.->|->>/, /\bclassDef\b/, /^%%/m, /\bparticipant \w+ as\b/]) {
    expect({ source: String(source), found: source.test(text) }).toEqual({ source: String(source), found: false });
  }
  // What mermaid's error box says when it draws one instead of a diagram.
  for (const error of ['Syntax error in text', 'mermaid version']) {
    expect({ error, found: text.includes(error) }).toEqual({ error, found: false });
  }
});

/** The words a diagram must show: its nodes' and participants' first label lines. */
function diagramLabels(source: string) {
  const labels = [
    ...[...source.matchAll(/\b\w+(?:\[\[|\[\/|\(\(|\(\[|\[\(|\[|\(|\{\{|\{)"?([^"[\](){}|]+)/g)].map((m) => String(m[1])),
    ...[...source.matchAll(/^\s*participant \w+ as (.+)$/gm)].map((m) => String(m[1])),
  ];
  return labels.map((label) => label.split('<br/>')[0]?.replace(/#quot;/g, '"').trim() ?? '').filter((label) => label !== '');
}
