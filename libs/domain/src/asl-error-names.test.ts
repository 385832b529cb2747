import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as domain from './index';

// The workflow retries and catches by error name; a renamed error class would silently stop
// matching. Every custom name in the ASL must be the name of a domain error.
describe('error names in contracts/order-workflow.asl.json', () => {
  const asl = readFileSync(path.resolve(__dirname, '../../../contracts/order-workflow.asl.json'), 'utf8');
  const names = new Set([...asl.matchAll(/"ErrorEquals":\s*\[([^\]]*)\]/g)].flatMap((m) => (m[1] ?? '').match(/"[^"]+"/g) ?? []).map((s) => s.slice(1, -1)));
  const custom = [...names].filter((n) => !n.startsWith('States.') && !n.startsWith('Lambda.'));

  it('are names of domain errors', () => {
    const errorClasses = Object.values(domain).filter(
      (v) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof domain.DomainError,
    ) as (new (...args: unknown[]) => Error)[];
    // The instance's `name` is what Lambda reports as errorType; class names do not survive minification.
    const domainErrorNames = errorClasses.map((cls) => (Reflect.construct(cls, ['x', []]) as Error).name);
    expect(custom.length).toBeGreaterThan(0);
    for (const name of custom) expect(domainErrorNames).toContain(name);
  });
});
