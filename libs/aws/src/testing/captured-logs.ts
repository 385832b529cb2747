/**
 * Captures what the handlers log (Powertools writes info to stdout, warn and error to stderr)
 * for the duration of each test, and parses it: every line must be JSON.
 */
export function captureLogs(): { lines(): Record<string, unknown>[] } {
  let spies: jest.SpyInstance[] = [];
  beforeEach(() => {
    spies = [process.stdout, process.stderr].map((stream) => jest.spyOn(stream, 'write').mockImplementation(() => true));
  });
  afterEach(() => spies.forEach((spy) => spy.mockRestore()));
  return {
    lines: () => spies.flatMap((spy) => spy.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>)),
  };
}
