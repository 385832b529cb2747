// The one headless Chromium that every browser user runs: the console's browser tests, `docs:pdf`
// and the demo video. It is the binary that `@sparticuz/chromium` ships inside its npm package, so
// `npm ci` brings it and nothing downloads a browser at run time (DESIGN.md). The package holds it
// Brotli-compressed; the first call unpacks it once into node_modules/.cache (211 MB, about 3 s of
// CPU), later calls find it there. `CHROMIUM_PATH` or `DOFS_CHROMIUM` names another binary instead.
// TypeScript reaches it as `@dofs/tooling`; a plain Node script as `#tooling/chromium.mjs` (the
// root package.json's `imports`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

/**
 * Flags that keep the browser off the network and quiet: the pages the caller opens are all it
 * loads. Every host but localhost, 127.0.0.1 and [::1] fails to resolve, IP addresses included, so
 * a page that reaches for the internet fails visibly instead of depending on it. playwright adds its own profile (an empty, temporary
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
 * Unpacks the package's browser into `dir`: the binary, its fonts, and the shared libraries it
 * brings for machines that lack them (the set it unpacks on Lambda). The package unpacks into the
 * temporary directory, so a child process does it with TMPDIR pointing at a private staging
 * directory, which is then renamed into place: a crash leaves no half-written binary behind, and
 * of two processes unpacking at once the second simply finds the first one's.
 */
async function unpack(/** @type {{ packageDir: string, dir: string }} */ { packageDir, dir }) {
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const entry = pathToFileURL(require.resolve('@sparticuz/chromium')).href;
  const bin = path.join(packageDir, 'bin');
  const script = `const { default: c, inflate } = await import(${JSON.stringify(entry)});
    await c.executablePath(${JSON.stringify(bin)}); await inflate(${JSON.stringify(path.join(bin, 'al2023.tar.br'))});`;
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
    const fontsConf = `<?xml version="1.0"?>\n<fontconfig><dir>${path.join(dir, 'fonts/fonts')}</dir><cachedir>${path.join(dir, 'fonts-cache')}</cachedir></fontconfig>\n`;
    writeFileSync(path.join(staging, 'fonts.conf'), fontsConf);
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'chromium'))) throw new Error(`could not unpack @sparticuz/chromium into ${dir}`, { cause: error });
  }
}

/**
 * The binary to run and what its environment adds: the override if one is set, else the packaged
 * browser (unpacked on first use).
 * @param {NodeJS.ProcessEnv} env the environment it will start in
 */
async function resolveChromium(env) {
  const override = overridePath();
  if (override) return { executable: override, env: {} };
  const packaged = packagedChromium();
  if (!existsSync(packaged.executable)) await unpack(packaged);
  return { executable: packaged.executable, env: packagedEnvironment(packaged.dir, env) };
}

/**
 * The packaged browser uses its own NSS, NSPR and expat libraries, so it needs nothing from the
 * machine but glibc 2.25 or later. It draws with the machine's fonts through fontconfig; a machine
 * without fontconfig gets the package's own Open Sans.
 * @param {string} dir @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
function packagedEnvironment(dir, env) {
  const libraries = [path.join(dir, 'al2023/lib'), env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
  const hasFontconfig = existsSync('/etc/fonts/fonts.conf') || env['FONTCONFIG_FILE'] || env['FONTCONFIG_PATH'];
  return hasFontconfig ? { LD_LIBRARY_PATH: libraries } : { LD_LIBRARY_PATH: libraries, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') };
}

/** The path of the Chromium binary to run: the override if one is set, else the packaged one (unpacked on first use). */
export async function chromiumExecutablePath() {
  return (await resolveChromium(process.env)).executable;
}

/**
 * Starts the headless Chromium with the offline flags. `options` are playwright's launch options;
 * its `args` are added after ours.
 * @param {import('playwright-core').LaunchOptions} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium(options = {}) {
  const baseEnv = options.env ?? process.env;
  const { executable, env } = await resolveChromium(baseEnv);
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: executable,
    args: [...PACKAGED_ARGS, ...OFFLINE_ARGS, ...(options.args ?? [])],
    env: { ...baseEnv, ...env },
  });
}
