// The one headless Chromium that every browser user runs: the console's browser tests, `docs:pdf`
// and the demo video. It is the binary that `@sparticuz/chromium` ships inside its npm package, so
// `npm ci` brings it and nothing downloads a browser at run time (DESIGN.md). The package holds it
// Brotli-compressed; the first call unpacks it once into node_modules/.cache (about 2–5 s, ~210 MB),
// later calls find it there. `CHROMIUM_PATH` or `DOFS_CHROMIUM` names another binary instead.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

/**
 * Flags that keep the browser off the network and quiet: the pages the caller opens are all it
 * loads. Every host name but localhost fails to resolve, so a page that reaches for the internet
 * fails visibly instead of depending on it. playwright adds its own profile (an empty, temporary
 * user-data-dir, removed on close) and `--headless`.
 */
export const OFFLINE_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
  '--safebrowsing-disable-auto-update',
  '--metrics-recording-only',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
];

/**
 * What the packaged headless shell needs on a machine without a GPU, possibly as root: no setuid
 * sandbox helper (the package ships none), no zygote, software rendering only. A subset of
 * `@sparticuz/chromium`'s own `args`; its Lambda-only flags (`--single-process`,
 * `--disable-web-security`) are left out so that pages behave as in a desktop browser.
 */
export const PACKAGED_ARGS = ['--no-sandbox', '--disable-setuid-sandbox', '--no-zygote', '--disable-gpu', '--font-render-hinting=none'];

const require = createRequire(import.meta.url);

/** Where the packaged browser lives once unpacked: per node_modules and per package version. */
function packagedChromium() {
  const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const dir = path.resolve(packageDir, '../../.cache', `dofs-chromium-${version}`);
  return { packageDir, dir, executable: path.join(dir, 'chromium') };
}

/** The override, when one is set; it must exist. */
function overridePath() {
  for (const name of ['CHROMIUM_PATH', 'DOFS_CHROMIUM']) {
    const file = process.env[name];
    if (!file) continue;
    if (!existsSync(file)) throw new Error(`${name}=${file}: no such file. Unset it to use the Chromium that npm ci installed.`);
    return file;
  }
  return undefined;
}

/**
 * Unpacks the package's browser into `dir`. The package unpacks into the temporary directory,
 * so a child process does it with TMPDIR pointing at a private staging directory, which is then
 * renamed into place: a crash leaves no half-written binary behind, and of two processes unpacking
 * at once the second simply finds the first one's.
 */
async function unpack(/** @type {{ packageDir: string, dir: string }} */ { packageDir, dir }) {
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const entry = pathToFileURL(require.resolve('@sparticuz/chromium')).href;
  const script = `const { default: c } = await import(${JSON.stringify(entry)}); await c.executablePath(${JSON.stringify(path.join(packageDir, 'bin'))});`;
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'chromium'))) throw new Error(`could not unpack @sparticuz/chromium into ${dir}`, { cause: error });
  }
}

/** The path of the Chromium binary to run: the override if one is set, else the packaged one (unpacked on first use). */
export async function chromiumExecutablePath() {
  const override = overridePath();
  if (override) return override;
  const packaged = packagedChromium();
  if (!existsSync(packaged.executable)) await unpack(packaged);
  return packaged.executable;
}

/**
 * The fonts the browser draws with: the machine's own (fontconfig), or, where the machine has no
 * fontconfig at all, the small set the package ships.
 */
function fontEnvironment(/** @type {string} */ executable) {
  if (existsSync('/etc/fonts/fonts.conf') || process.env['FONTCONFIG_PATH']) return {};
  const packagedFonts = path.join(path.dirname(executable), 'fonts');
  return existsSync(packagedFonts) ? { FONTCONFIG_PATH: packagedFonts } : {};
}

/**
 * Starts the headless Chromium with the offline flags. `options` are playwright's launch options;
 * its `args` are added after ours.
 * @param {import('playwright-core').LaunchOptions} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium(options = {}) {
  const executablePath = await chromiumExecutablePath();
  return chromium.launch({
    headless: true,
    ...options,
    executablePath,
    args: [...PACKAGED_ARGS, ...OFFLINE_ARGS, ...(options.args ?? [])],
    env: { ...(options.env ?? process.env), ...fontEnvironment(executablePath) },
  });
}
