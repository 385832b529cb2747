import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, 'print-test-summary.mjs');

function summarize(results: readonly object[]): { status: number | null; lines: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dofs-test-summary-'));
  try {
    results.forEach((result, i) => writeFileSync(path.join(dir, `p${i}.json`), JSON.stringify(result)));
    const run = spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, DOFS_TEST_RESULTS_DIR: dir }, encoding: 'utf8' });
    return { status: run.status, lines: run.stdout.split('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('print-test-summary', () => {
  it('names the ten slowest suites of every project, slowest first, before the closing line', () => {
    const times = (project: string, seconds: readonly number[]) =>
      seconds.map((s, i) => ({ file: `${project}/suite-${i}.test.ts`, ms: s * 1000 }));
    const { status, lines } = summarize([
      { project: 'a', passed: 8, failed: 0, skipped: 0, suiteTimes: times('a', [1, 12, 3, 40, 5, 6, 7, 8]) },
      { project: 'b', passed: 5, failed: 0, skipped: 0, suiteTimes: times('b', [2, 30, 0.5, 9, 11]) },
    ]);
    expect(status).toBe(0);
    const start = lines.indexOf('The 10 slowest test suites (wall time, of 13):');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lines.slice(start + 1, start + 11).map((line) => line.trim())).toEqual([
      '40.0 s  a/suite-3.test.ts',
      '30.0 s  b/suite-1.test.ts',
      '12.0 s  a/suite-1.test.ts',
      '11.0 s  b/suite-4.test.ts',
      '9.0 s  b/suite-3.test.ts',
      '8.0 s  a/suite-7.test.ts',
      '7.0 s  a/suite-6.test.ts',
      '6.0 s  a/suite-5.test.ts',
      '5.0 s  a/suite-4.test.ts',
      '3.0 s  a/suite-2.test.ts',
    ]);
    expect(lines).toContain('tests: 13 passed, 0 failed, 0 skipped');
  });

  it('prints no slowest list for results without suite times (a non-jest check)', () => {
    const { lines } = summarize([{ project: 'terraform-cli', passed: 3, failed: 0, skipped: 0 }]);
    expect(lines.some((line) => line.includes('slowest'))).toBe(false);
    expect(lines).toContain('tests: 3 passed, 0 failed, 0 skipped');
  });
});
