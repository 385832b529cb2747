import { differences, type Difference, type Json } from './compare';
import type { ParityContext } from './parity-system';

export type Service = 'sqs' | 'sns' | 'dynamodb' | 'stepfunctions' | 'apigateway' | 'lambda';

/**
 * One recorded AWS behaviour: what to do against the local runtime, and what AWS answered to the
 * same thing. `source` names the recording (file and test) or, where AWS behaviour was never
 * recorded, says so and names the AWS documentation page.
 */
export interface Scenario {
  /** stable and unique: `<service>.<operation>.<case>`; the lists of known differences use it */
  readonly id: string;
  readonly service: Service;
  /** the AWS operation (or integration) the scenario exercises, as the fidelity table groups it */
  readonly operation: string;
  readonly name: string;
  readonly source: string;
  /** the recorded answer, with `<id>`, `<timestamp>`, `<host>` placeholders (compare.ts) */
  readonly expected: Json;
  /** does it and returns what the runtime answered, in the shape of `expected` */
  run(context: ParityContext): Promise<Json>;
}

/** The runtime does not serve the operation at all (as opposed to answering it otherwise). */
export class Unsupported extends Error {
  override readonly name = 'Unsupported';
}

export type Outcome = 'matched' | 'differs-wording' | 'differs' | 'unsupported';

/** A difference in wording only, with the reason it may stay (wording-differences.json). */
export interface WordingAllowance {
  /** the paths (as differences() names them) whose text may differ */
  readonly paths: readonly string[];
  readonly reason: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly service: Service;
  readonly operation: string;
  readonly name: string;
  readonly source: string;
  readonly outcome: Outcome;
  readonly differences: readonly Difference[];
  /** why the runtime could not run it (unsupported) or what went wrong running it */
  readonly note?: string;
  readonly wordingReason?: string;
  readonly ms: number;
}

export function classify(found: Difference[], wording: WordingAllowance | undefined): Outcome {
  if (found.length === 0) return 'matched';
  if (wording && found.every((difference) => wording.paths.includes(difference.path))) return 'differs-wording';
  return 'differs';
}

/** Runs one scenario and classifies its answer; an error thrown while running is a difference too. */
export async function runScenario(
  scenario: Scenario,
  context: ParityContext,
  wording: WordingAllowance | undefined,
): Promise<ScenarioResult> {
  const started = Date.now();
  const base = { id: scenario.id, service: scenario.service, operation: scenario.operation, name: scenario.name, source: scenario.source };
  try {
    const actual = await scenario.run(context);
    const found = differences(scenario.expected, actual);
    const outcome = classify(found, wording);
    return {
      ...base,
      outcome,
      differences: found,
      ...(outcome === 'differs-wording' && { wordingReason: wording?.reason }),
      ms: Date.now() - started,
    };
  } catch (error) {
    const note = (error as Error).message;
    if (error instanceof Unsupported) return { ...base, outcome: 'unsupported', differences: [], note, ms: Date.now() - started };
    return {
      ...base,
      outcome: 'differs',
      differences: [{ path: '$', expected: scenario.expected, actual: `threw ${(error as Error).name}: ${note}` }],
      note,
      ms: Date.now() - started,
    };
  }
}
