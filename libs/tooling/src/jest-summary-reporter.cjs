// A jest reporter that leaves each project's counts in dist/test-results/<project>.json, so that
// `npm test` can close with one line that CI reads: "tests: N passed, N failed, N skipped", and
// each suite's wall time, so that it can name the slowest suites.
const fs = require('node:fs');
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '../../..');

class JestSummaryReporter {
  /** @param {import('@jest/types').Config.GlobalConfig} globalConfig */
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  /**
   * @param {unknown} _contexts
   * @param {import('@jest/test-result').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    // A project's second jest target (docs:pdf-test) keeps its own file instead of overwriting `test`'s.
    const target = process.env.NX_TASK_TARGET_TARGET;
    const name = process.env.NX_TASK_TARGET_PROJECT || path.basename(this.globalConfig.rootDir || process.cwd());
    const project = target && target !== 'test' ? `${name}-${target}` : name;
    const dir = path.join(workspaceRoot, 'dist/test-results');
    fs.mkdirSync(dir, { recursive: true });
    const summary = {
      project,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
      suiteTimes: results.testResults.map((suite) => ({
        file: path.relative(workspaceRoot, suite.testFilePath),
        ms: suite.perfStats.end - suite.perfStats.start,
      })),
    };
    fs.writeFileSync(path.join(dir, `${project}.json`), JSON.stringify(summary) + '\n');
  }
}

module.exports = JestSummaryReporter;
