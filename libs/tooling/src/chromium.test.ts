// The project's one browser (chromium.mjs): the packaged Chromium starts, renders, prints, and
// reaches nothing but this machine; an override that names no file is refused by its name.
// The PDF it prints is read back with pdf-text.mjs, whose cells and image count the docs rely on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumExecutablePath, launchChromium } from './chromium.mjs';

import type { PdfPage } from './pdf-text.mjs';

let browser: Browser;
let page: Page;
const scratch = mkdtempSync(path.join(tmpdir(), 'dofs-chromium-test-'));

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `action` with the variables set (or unset, for undefined), then puts them back. */
async function withEnv<T>(variables: Record<string, string | undefined>, action: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(variables);
  try {
    return await action();
  } finally {
    apply(saved);
  }
}

/** Prints the HTML to an A4 PDF and reads it back as pdf-text.mjs does for docs:pdf. */
async function printAndRead(html: string): Promise<PdfPage[]> {
  const printed = await browser.newPage();
  await printed.setContent(html);
  const file = path.join(scratch, 'page.pdf');
  writeFileSync(file, await printed.pdf({ format: 'A4' }));
  await printed.close();
  return JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'pdf-text.mjs'), file], { encoding: 'utf8' })) as PdfPage[];
}

describe('launchChromium', () => {
  it('runs the Chromium unpacked from @sparticuz/chromium, not a system browser, when no override is set', async () => {
    const executable = await withEnv({ CHROMIUM_PATH: undefined, DOFS_CHROMIUM: undefined }, chromiumExecutablePath);
    expect(executable).toMatch(/node_modules\/\.cache\/dofs-chromium-[\d.]+\/chromium$/);
    expect(browser.version()).toMatch(/^\d+\./);
  });

  it('loads pages from this machine and resolves no other host', async () => {
    const server: Server = createServer((_, response) => response.end('<p id="here">served locally</p>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      expect(await page.textContent('#here')).toBe('served locally');
      await page.goto(`http://localhost:${port}/`);
      expect(await page.textContent('#here')).toBe('served locally');
      await expect(page.goto('http://example.com/', { timeout: 10_000 })).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    } finally {
      server.close();
    }
  });

  it('refuses an override that names no file, by the variable that set it', async () => {
    const missing = path.join(scratch, 'no-such-chromium');
    await expect(withEnv({ CHROMIUM_PATH: missing }, chromiumExecutablePath)).rejects.toThrow(/^CHROMIUM_PATH=.*no-such-chromium: no such file/);
    await expect(withEnv({ CHROMIUM_PATH: undefined, DOFS_CHROMIUM: missing }, chromiumExecutablePath)).rejects.toThrow(/^DOFS_CHROMIUM=/);
  });
});

describe('pdf-text.mjs', () => {
  it('reads an A4 page as lines of cells, top to bottom, with no image', async () => {
    const [first, ...rest] = await printAndRead(`<h1>Contents</h1>
      <div style="display:flex;width:300px"><span style="min-width:40px">1</span><span style="flex:1">The story</span><span>3</span></div>
      <p>Plain words on one line</p>`);
    expect(rest).toEqual([]);
    expect({ width: Math.round(first?.width ?? 0), height: Math.round(first?.height ?? 0) }).toEqual({ width: 596, height: 843 });
    expect(first?.lines).toEqual([['Contents'], ['1', 'The story', '3'], ['Plain words on one line']]);
    expect(first?.text).toBe('Contents\n1  The story  3\nPlain words on one line');
    expect(first?.images).toBe(0);
  });

  it('counts a raster image that a page paints', async () => {
    const [first] = await printAndRead(`<p>Above</p><canvas id="c" width="40" height="40"></canvas>
      <script>const g = document.getElementById('c').getContext('2d'); g.fillStyle = '#c00'; g.fillRect(0, 0, 25, 40); g.fillStyle = '#00c'; g.fillRect(25, 0, 15, 40);</script>`);
    expect(first?.lines).toEqual([['Above']]);
    expect(first?.images).toBeGreaterThan(0);
  });
});
