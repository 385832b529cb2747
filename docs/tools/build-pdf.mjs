#!/usr/bin/env node
// `npm run docs:pdf`: the documentation and its diagrams as one PDF, dist/docs/dofs.pdf, built from
// the repository the same way every time. docs/pdf/manifest.json says which Markdown goes into
// which chapter; the project's headless Chromium (libs/tooling/src/chromium.mjs: from npm, driven by
// playwright-core, nothing downloaded) lays it out and draws the Mermaid diagrams as vector graphics
// with the mermaid package's own bundle, offline. The page numbers of the table of contents come
// from a first rendering, read back with pdfjs-dist (libs/tooling/src/pdf-text.mjs).
//   node docs/tools/build-pdf.mjs [--out FILE]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '#tooling/chromium.mjs';
import { readPdf } from '#tooling/pdf-text.mjs';
import { renderDocument, repositoryUrl } from './pdf-document.mjs';

const workspace = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const started = performance.now();
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? String(process.argv[outIndex + 1]) : path.join(workspace, 'dist/docs/dofs.pdf'));

const pkg = JSON.parse(readFileSync(path.join(workspace, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(workspace, 'docs/pdf/manifest.json'), 'utf8'));
const styles = readFileSync(path.join(workspace, 'docs/pdf/pdf.css'), 'utf8');
const edition = { name: pkg.name, version: pkg.version, repositoryUrl: repositoryUrl(pkg), ...gitEdition() };
const mermaidBundle = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

const browser = await launchChromium();
try {
  const first = renderDocument(manifest, edition, workspace, styles);
  const pages = await tocPages(await renderPdf(first.html), first.toc);
  const pdf = await renderPdf(renderDocument(manifest, edition, workspace, styles, pages).html);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, pdf);
} finally {
  await browser.close();
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`docs:pdf: wrote ${path.relative(process.cwd(), out)} (${(statSync(out).size / 1024).toFixed(0)} KB) in ${seconds} s`);

/** Lays the HTML out, draws its diagrams, prints it. */
async function renderPdf(/** @type {string} */ html) {
  const page = await browser.newPage();
  try {
    // Nothing leaves the machine: the document and the mermaid bundle are all it loads.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: readFileSync(mermaidBundle, 'utf8') });
    const errors = await page.evaluate(drawDiagrams);
    if (errors.length > 0) fail(`Mermaid could not draw ${errors.length} diagram(s):\n${errors.join('\n')}`);
    const footer = `<div style="font-family:'Liberation Sans',sans-serif;font-size:7.5pt;color:#777;width:100%;padding:0 15mm;display:flex;justify-content:space-between">
      <span>${edition.name} ${edition.version}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    return await page.pdf({
      format: 'A4',
      margin: { top: '16mm', bottom: '18mm', left: '15mm', right: '15mm' },
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      outline: true,
      tagged: true,
    });
  } finally {
    await page.close();
  }
}

/** Runs in the page: every <pre class="mermaid"> becomes its SVG; returns what failed to draw. */
async function drawDiagrams() {
  const fontFamily = "'Liberation Sans', 'DejaVu Sans', sans-serif";
  const mermaid = /** @type {any} */ (globalThis).mermaid;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'neutral',
    fontFamily,
    themeVariables: { fontFamily, fontSize: '14px', noteBkgColor: '#fff4d6', noteTextColor: '#1f1f1f', noteBorderColor: '#b38600' },
    htmlLabels: false,
    markdownAutoWrap: false,
    // Labels keep the line breaks written in the source; mermaid's default wraps at 200 px and splits long names.
    flowchart: { htmlLabels: false, useMaxWidth: true, padding: 10, wrappingWidth: 1000 },
    // Narrow actors and small gaps: ten participants must fit the page's width at a readable size.
    sequence: { useMaxWidth: true, mirrorActors: false, wrap: false, width: 96, actorMargin: 14, boxMargin: 6, messageFontSize: 14, noteFontSize: 13, actorFontSize: 13 },
  });
  /** @type {string[]} */
  const errors = [];
  const blocks = [...document.querySelectorAll('pre.mermaid')];
  for (const [index, block] of blocks.entries()) {
    const source = block.textContent ?? '';
    try {
      const { svg } = await mermaid.render(`diagram-${index + 1}`, source);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      block.replaceWith(...holder.childNodes);
    } catch (error) {
      errors.push(`diagram ${index + 1} (${source.split('\n')[0]}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return errors;
}

/** The page of every TOC entry in a rendering: the first page, in order, with a line "number title". */
async function tocPages(/** @type {Buffer} */ pdf, /** @type {{ id: string, number: string, text: string }[]} */ toc) {
  const pages = (await readPdf(pdf, { images: false })).map((page) => page.text.split('\n').map((line) => line.replace(/\s+/g, '')));
  /** @type {Map<string, number>} */
  const found = new Map();
  let from = 0;
  for (const entry of toc) {
    // Compared without white space: the text's runs break around inline code.
    const heading = `${entry.number} ${entry.text}`;
    const index = pages.findIndex((lines, i) => i >= from && lines.includes(heading.replace(/\s+/g, '')));
    if (index < 0) fail(`The heading "${heading}" is not in the rendered PDF (a heading that wraps? keep it shorter)`);
    found.set(entry.id, index + 1);
    from = index;
  }
  return found;
}

/** Version control facts for the title page; a copy that is not a git checkout says so. */
function gitEdition() {
  try {
    const git = (/** @type {string[]} */ ...args) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--untracked-files=no') !== '';
    return { commit: `${git('rev-parse', 'HEAD')}${changed ? ' + uncommitted changes' : ''}`, commitDate: git('log', '-1', '--format=%cs') };
  } catch {
    return { commit: 'uncommitted', commitDate: 'not a git checkout' };
  }
}

/** @returns {never} */
function fail(/** @type {string} */ message) {
  console.error(`docs:pdf: ${message}`);
  process.exit(1);
}
