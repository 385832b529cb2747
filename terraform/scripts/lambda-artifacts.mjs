#!/usr/bin/env node
// Builds only the Lambda bundles a change affects, and keeps every other function on the exact zip
// it runs today, so that `terraform plan` shows no change for functions nobody touched.
//
// The release store (an S3 bucket in the pipeline, any directory in tests) holds
//   lambda/<app>/<zip sha256>.zip        every zip ever deployed, keyed by content
//   <marker>                             JSON: the last deployed commit and the zip of each app
//
//   lambda-artifacts.mjs base    --store <s3://bucket|dir> --marker <key>
//       prints the last deployed commit (nothing before the first deployment)
//   lambda-artifacts.mjs prepare --store <s3://bucket|dir> --marker <key> [--head <rev>]
//       bundles the Lambda apps affected since the deployed commit (`nx affected`), fetches the
//       deployed zip of every other app into dist/artifacts/, writes dist/release/release.json
//   lambda-artifacts.mjs record  --store <s3://bucket|dir> --marker <key>
//       after a successful apply: uploads new zips, then points the marker at this release
//   lambda-artifacts.mjs verify
//       before each environment's plan and apply: every zip in dist/artifacts/ is byte for byte the
//       one the build recorded in dist/release/release.json (sha256), and no other zip is there
//
// Run from the repository root. Every app with a `bundle` target and the tag scope:lambda counts.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ARTIFACTS_DIR = 'dist/artifacts';
const RELEASE_FILE = 'dist/release/release.json';

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    if (!flag?.startsWith('--') || rest[i + 1] === undefined) throw new Error(`Bad argument near ${flag ?? '(end)'}`);
    options[flag.slice(2)] = rest[i + 1];
  }
  return { command, options };
}

function run(file, args, { cwd = process.cwd(), quiet = false } = {}) {
  return execFileSync(file, args, {
    cwd,
    encoding: 'utf8',
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

/** A directory, or an S3 bucket reached through the AWS CLI that CodeBuild images ship. */
function openStore(uri) {
  if (uri.startsWith('s3://')) {
    const bucket = uri.slice('s3://'.length).replace(/\/$/, '');
    return {
      describe: uri,
      read(key) {
        const dir = mkdtempSync(path.join(tmpdir(), 'release-'));
        const file = path.join(dir, 'object');
        try {
          execFileSync('aws', ['s3api', 'get-object', '--bucket', bucket, '--key', key, file], { stdio: 'pipe' });
          return readFileSync(file);
        } catch (error) {
          const message = String(error.stderr ?? error.message);
          if (/NoSuchKey|Not Found|404/.test(message)) return null;
          throw new Error(`Reading s3://${bucket}/${key} failed: ${message}`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      exists(key) {
        try {
          execFileSync('aws', ['s3api', 'head-object', '--bucket', bucket, '--key', key], { stdio: 'pipe' });
          return true;
        } catch (error) {
          if (/Not Found|404/.test(String(error.stderr ?? error.message))) return false;
          throw error;
        }
      },
      write(key, file, contentType) {
        execFileSync('aws', ['s3', 'cp', file, `s3://${bucket}/${key}`, '--content-type', contentType, '--only-show-errors'], { stdio: 'inherit' });
      },
    };
  }
  const root = path.resolve(uri);
  return {
    describe: root,
    read: (key) => (existsSync(path.join(root, key)) ? readFileSync(path.join(root, key)) : null),
    exists: (key) => existsSync(path.join(root, key)),
    write(key, file) {
      mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
      writeFileSync(path.join(root, key), readFileSync(file));
    },
  };
}

const zipKey = (app, zipSha256) => `lambda/${app}/${zipSha256}.zip`;

function readMarker(store, markerKey) {
  const bytes = store.read(markerKey);
  return bytes === null ? null : JSON.parse(bytes.toString('utf8'));
}

function lambdaApps(nx) {
  return JSON.parse(run(nx, ['show', 'projects', '--projects', 'tag:scope:lambda', '--withTarget', 'bundle', '--json'], { quiet: true })).sort();
}

function commitExists(rev) {
  try {
    run('git', ['cat-file', '-e', `${rev}^{commit}`], { quiet: true });
    return true;
  } catch {
    return false;
  }
}

/** Which apps to bundle, and why: everything without a usable deployed commit, else nx affected. */
function selectAffected(nx, apps, marker, head) {
  if (!marker) return { affected: apps, reason: 'no deployed commit recorded: first deployment, bundling every Lambda' };
  if (!commitExists(marker.commit)) {
    return { affected: apps, reason: `deployed commit ${marker.commit} is not in this clone's history: bundling every Lambda` };
  }
  const affectedByNx = JSON.parse(
    run(nx, ['show', 'projects', '--affected', '--base', marker.commit, '--head', head, '--projects', 'tag:scope:lambda', '--withTarget', 'bundle', '--json'], {
      quiet: true,
    }),
  );
  // An app the last release did not deploy (new, or its zip record is missing) must be bundled too.
  const unknown = apps.filter((app) => !marker.artifacts?.[app]);
  const affected = apps.filter((app) => affectedByNx.includes(app) || unknown.includes(app));
  return { affected, reason: `affected since deployed commit ${marker.commit}` };
}

function fetchDeployed(store, app, record) {
  const bytes = store.read(record.key ?? zipKey(app, record.zip_sha256));
  if (bytes === null) return false;
  const digest = sha256(bytes);
  if (digest.toString('hex') !== record.zip_sha256) throw new Error(`The stored zip of ${app} does not match its recorded sha256: refusing to deploy it.`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTIFACTS_DIR, `${app}.zip`), bytes);
  writeFileSync(
    path.join(ARTIFACTS_DIR, `${app}.json`),
    JSON.stringify({ app, zip_bytes: bytes.length, zip_sha256: record.zip_sha256, zip_base64sha256: digest.toString('base64'), reused_from: record.commit }, null, 2) + '\n',
  );
  return true;
}

function readArtifactRecord(app) {
  const file = path.join(ARTIFACTS_DIR, `${app}.json`);
  if (!existsSync(file)) throw new Error(`No ${file}: the bundle of ${app} was not produced.`);
  const record = JSON.parse(readFileSync(file, 'utf8'));
  const bytes = readFileSync(path.join(ARTIFACTS_DIR, `${app}.zip`));
  if (sha256(bytes).toString('hex') !== record.zip_sha256) throw new Error(`${app}.zip does not match ${app}.json.`);
  return { zip_sha256: record.zip_sha256, zip_base64sha256: record.zip_base64sha256 };
}

function prepare({ store: storeUri, marker: markerKey, head = 'HEAD' }) {
  const nx = path.resolve('node_modules/.bin/nx');
  const store = openStore(storeUri);
  const marker = readMarker(store, markerKey);
  const apps = lambdaApps(nx);
  const { affected, reason } = selectAffected(nx, apps, marker, head);
  console.log(`Lambda apps: ${apps.join(', ')}`);
  console.log(`${reason}: ${affected.length ? affected.join(', ') : 'none'}`);

  const reused = [];
  const toBundle = [...affected];
  for (const app of apps.filter((name) => !affected.includes(name))) {
    const record = { ...marker.artifacts[app], commit: marker.commit };
    if (fetchDeployed(store, app, record)) reused.push(app);
    else {
      console.log(`${app}: its deployed zip is missing from ${store.describe}; bundling it instead`);
      toBundle.push(app);
    }
  }
  if (toBundle.length > 0) {
    execFileSync(nx, ['run-many', '-t', 'bundle', '-p', toBundle.join(','), '--outputStyle=static'], {
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    });
  }
  const release = {
    commit: run('git', ['rev-parse', head], { quiet: true }).trim(),
    base: marker?.commit ?? null,
    bundled: toBundle.sort(),
    reused: reused.sort(),
    artifacts: Object.fromEntries(apps.map((app) => [app, readArtifactRecord(app)])),
  };
  mkdirSync(path.dirname(RELEASE_FILE), { recursive: true });
  writeFileSync(RELEASE_FILE, JSON.stringify(release, null, 2) + '\n');
  for (const app of apps) {
    const how = reused.includes(app) ? `deployed zip of ${marker.commit.slice(0, 12)}` : 'bundled now';
    console.log(`  ${app.padEnd(16)} ${release.artifacts[app].zip_sha256.slice(0, 16)}  ${how}`);
  }
}

function record({ store: storeUri, marker: markerKey }) {
  const store = openStore(storeUri);
  const release = JSON.parse(readFileSync(RELEASE_FILE, 'utf8'));
  const artifacts = {};
  for (const [app, artifact] of Object.entries(release.artifacts)) {
    const key = zipKey(app, artifact.zip_sha256);
    if (!store.exists(key)) store.write(key, path.join(ARTIFACTS_DIR, `${app}.zip`), 'application/zip');
    artifacts[app] = { ...artifact, key };
  }
  const marker = { commit: release.commit, deployed_at: new Date().toISOString(), artifacts };
  const dir = mkdtempSync(path.join(tmpdir(), 'marker-'));
  try {
    const file = path.join(dir, 'deployed.json');
    writeFileSync(file, JSON.stringify(marker, null, 2) + '\n');
    store.write(markerKey, file, 'application/json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Recorded ${release.commit} as deployed (${Object.keys(artifacts).length} Lambda zips) in ${store.describe}`);
}

/** The zips an environment is about to deploy are the ones the build recorded, and only those. */
function verify() {
  const release = JSON.parse(readFileSync(RELEASE_FILE, 'utf8'));
  const problems = [];
  for (const [app, artifact] of Object.entries(release.artifacts)) {
    const file = path.join(ARTIFACTS_DIR, `${app}.zip`);
    const found = existsSync(file) ? sha256(readFileSync(file)).toString('hex') : null;
    if (found !== artifact.zip_sha256) problems.push(`${app}.zip: built ${artifact.zip_sha256}, found ${found ?? 'no file'}`);
  }
  const unknown = readdirSync(ARTIFACTS_DIR).filter((file) => file.endsWith('.zip') && !release.artifacts[file.slice(0, -'.zip'.length)]);
  for (const file of unknown) problems.push(`${file}: not part of the release`);
  if (problems.length > 0) throw new Error(`The Lambda zips are not the ones built for ${release.commit}; refusing to deploy them:\n  ${problems.join('\n  ')}`);
  const apps = Object.keys(release.artifacts);
  console.log(`Lambda zips match the build of ${release.commit} (sha256): ${apps.map((app) => `${app} ${release.artifacts[app].zip_sha256.slice(0, 16)}`).join(', ')}`);
}

function base({ store: storeUri, marker: markerKey }) {
  const marker = readMarker(openStore(storeUri), markerKey);
  if (marker && commitExists(marker.commit)) process.stdout.write(`${marker.commit}\n`);
}

const { command, options } = parseArgs(process.argv.slice(2));
if (command !== 'verify' && (!options.store || !options.marker)) {
  console.error('usage: lambda-artifacts.mjs <base|prepare|record> --store <s3://bucket|dir> --marker <key> [--head <rev>] | verify');
  process.exit(2);
}
const commands = { base, prepare, record, verify };
if (!commands[command]) {
  console.error(`Unknown command ${command}: use base, prepare, record or verify.`);
  process.exit(2);
}
try {
  commands[command](options);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
