import { functionLogEcho, parseLogLine, TerminalLogFormat } from './terminal-format';

const powertools = (level: string, extra: object = {}): string =>
  JSON.stringify({ level, message: 'Fulfillment attempt failed; SQS will retry', timestamp: '2026-11-28T10:11:12.345Z', service: 'fulfill-order', order_id: 'o-1', correlation_id: 'c-1', ...extra });

describe('the terminal log format', () => {
  it('prints one readable line: time, function, level, message, order id', () => {
    const format = new TerminalLogFormat(['api-handler', 'fulfill-order'], false);
    expect(format.format('fulfill-order', powertools('INFO'))).toBe('10:11:12.345 fulfill-order INFO  Fulfillment attempt failed; SQS will retry  order o-1');
  });

  it('highlights errors in red and warnings in yellow when colours are on, and colours the function', () => {
    const format = new TerminalLogFormat(['fulfill-order'], true);
    const error = format.format('fulfill-order', powertools('ERROR', { error: { name: 'DependencyUnavailableError', message: 'orders table' } }));
    expect(error).toContain('\u001b[31m');
    expect(error).toContain('(DependencyUnavailableError: orders table)');
    expect(format.format('fulfill-order', powertools('WARN'))).toContain('\u001b[33m');
    expect(format.format('fulfill-order', powertools('INFO'))).toContain('\u001b[36mfulfill-order');
  });

  it('summarises a metrics document and keeps a line that is not JSON as it is', () => {
    const emf = JSON.stringify({ _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'DOFS', Dimensions: [['service']], Metrics: [{ Name: 'FailedOrders' }] }] }, service: 'dlq-processor', FailedOrders: 1 });
    expect(parseLogLine(emf).message).toBe('metrics FailedOrders=1');
    expect(parseLogLine('Warning: something plain')).toEqual({ level: 'INFO', message: 'Warning: something plain' });
  });

  it('keeps the raw lines with DOFS_LOG_FORMAT=json, prints nothing when quiet, and still feeds the console', () => {
    const printed: string[] = [];
    const settings = { quiet: false, console: true, logFormat: 'json' as const };
    functionLogEcho(settings, ['validator'], (line) => printed.push(line), false)?.('validator', '{"level":"INFO"}');
    expect(printed).toEqual(['validator     | {"level":"INFO"}']);
    const quiet = functionLogEcho({ ...settings, quiet: true }, ['validator'], (line) => printed.push(line), false);
    expect(quiet).toBeDefined();
    quiet?.('validator', 'x');
    expect(printed).toHaveLength(1);
    expect(functionLogEcho({ ...settings, quiet: true, console: false }, [], () => undefined, false)).toBeUndefined();
  });
});
