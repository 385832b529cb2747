import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { workspacePaths } from '../../src/workspace';

/** Screenshots are test output: dist/test-output/console/<name>.png (dist/ is not in git). */
export const SCREENSHOT_DIR = path.join(workspacePaths().root, 'dist/test-output/console');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
