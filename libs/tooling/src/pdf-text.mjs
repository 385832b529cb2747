// Reads a PDF back with pdfjs-dist (Mozilla's PDF.js, from npm): each page's size, its text laid
// out as lines of cells, and the images it paints. `docs:pdf` finds its table of contents' page
// numbers with it, and the PDF test checks what was printed. No system tool is needed.
//   node libs/tooling/src/pdf-text.mjs FILE.pdf   prints the reading as JSON (for jest, which
//                                                 cannot load pdfjs's ES modules itself)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * @typedef {{ x: number, y: number, width: number, size: number, text: string }} Run
 * @typedef {{ width: number, height: number, lines: string[][], text: string, images: number | null }} PdfPage
 */

/** The operators by which a page paints a raster image: a vector-only page has none of them. */
const IMAGE_OPS = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask]);

/**
 * Every page of the PDF, in order: its size in points, its text as lines (top to bottom) of cells
 * (left to right; a gap wider than most of a character starts a new cell, as a layout would show
 * a column), the same as plain text (a line per row, cells two spaces apart), and how many images
 * it paints (null when not asked: counting reads every drawing operator, which doubles the time).
 * @param {Uint8Array} data
 * @param {{ images?: boolean }} [options]
 * @returns {Promise<PdfPage[]>}
 */
export async function readPdf(data, { images = true } = {}) {
  const task = getDocument({ data: new Uint8Array(data), useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    /** @type {PdfPage[]} */
    const pages = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
      const content = await page.getTextContent();
      const runs = content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [runOf(item)] : []));
      const lines = linesOf(runs);
      const text = lines.map((cells) => cells.join('  ')).join('\n');
      const painted = images ? (await page.getOperatorList()).fnArray.filter((op) => IMAGE_OPS.has(op)).length : null;
      pages.push({ width: right - left, height: top - bottom, lines, text, images: painted });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** @returns {Run} */
function runOf(/** @type {import('pdfjs-dist/types/src/display/api').TextItem} */ item) {
  const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
  return { x, y, width: item.width, size: item.height || Math.hypot(a, b), text: item.str };
}

/** Groups runs that share a baseline into lines, top to bottom, and each line's runs into cells. */
function linesOf(/** @type {Run[]} */ runs) {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  /** @type {Run[][]} */
  const rows = [];
  for (const run of sorted) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(first.y - run.y) <= Math.min(first.size, run.size) / 2) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => cellsOf(row.sort((p, q) => p.x - q.x)));
}

function cellsOf(/** @type {Run[]} */ row) {
  /** @type {string[]} */
  const cells = [];
  let end = -Infinity;
  for (const run of row) {
    const gap = run.x - end;
    const last = cells.length - 1;
    if (last < 0 || gap > run.size * 0.8) cells.push(run.text.trim());
    else cells[last] += (gap > run.size * 0.15 && !/\s$/.test(cells[last] ?? '') ? ' ' : '') + run.text;
    end = run.x + run.width;
  }
  return cells.map((cell) => cell.replace(/\s+/g, ' ').trim());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node libs/tooling/src/pdf-text.mjs FILE.pdf');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(await readPdf(readFileSync(file))));
}
