import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { workspacePaths } from '../../src/workspace';

/** Debian's Chromium (DESIGN.md): nothing downloads a browser. `.ci/run` installs it when missing. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium), as .ci/run does.`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Screenshots are test output: dist/test-output/console/<name>.png (dist/ is not in git). */
export const SCREENSHOT_DIR = path.join(workspacePaths().root, 'dist/test-output/console');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
