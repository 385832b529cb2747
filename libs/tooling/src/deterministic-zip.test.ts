import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deterministicZip } from './deterministic-zip.mjs';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const files = [
  { name: 'index.js', data: Buffer.from('exports.handler = async () => 1;\n'.repeat(50)) },
  { name: 'lib/extra.txt', data: Buffer.from('héllo') },
];

describe('deterministicZip', () => {
  it('gives the same bytes for the same files, whatever their order', () => {
    expect(sha(deterministicZip(files))).toBe(sha(deterministicZip([...files].reverse())));
  });

  it('changes when a byte changes', () => {
    const changed = [{ ...files[0], data: Buffer.from('exports.handler = async () => 2;\n') }, files[1]] as typeof files;
    expect(sha(deterministicZip(changed))).not.toBe(sha(deterministicZip(files)));
  });

  it('writes a zip that a standard tool extracts to the same files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dofs-zip-'));
    try {
      const zipPath = path.join(dir, 'a.zip');
      writeFileSync(zipPath, deterministicZip(files));
      const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor i in z.infolist(): print(i.filename, i.date_time, oct(i.external_attr >> 16))\nz.extractall(sys.argv[2])';
      const listing = execFileSync('python3', ['-c', script, zipPath, path.join(dir, 'out')], { encoding: 'utf8' });
      expect(listing.trim().split('\n')).toEqual(["index.js (1980, 1, 1, 0, 0, 0) 0o100644", "lib/extra.txt (1980, 1, 1, 0, 0, 0) 0o100644"]);
      for (const file of files) expect(readFileSync(path.join(dir, 'out', file.name))).toEqual(file.data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
