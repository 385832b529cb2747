import { InvalidSettingError } from './invalid-setting-error';

/**
 * The faults the local runtime can inject, each where AWS itself would produce it (see
 * apps/local/src/faults/fault-injector.ts): `lambda.*` in the Lambda service, `dynamodb.*` and
 * `sqs.error` at the endpoints the functions call, `sfn.task.error` in a Task's Lambda invoke.
 */
export const FAULT_KINDS = [
  'lambda.crash',
  'lambda.timeout',
  'lambda.throttle',
  'dynamodb.throttle',
  'dynamodb.error',
  'sqs.error',
  'sfn.task.error',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Probability of each fault per call it can hit (0 or absent: never). */
export type FaultPlan = Readonly<Partial<Record<FaultKind, number>>>;

/** The plan the soak uses when none is given; also the example in the docs. */
export const DEFAULT_FAULT_PLAN_TEXT =
  'lambda.crash=0.02,lambda.timeout=0.01,lambda.throttle=0.02,dynamodb.throttle=0.02,dynamodb.error=0.01,sqs.error=0.02,sfn.task.error=0.01';

/** `kind=probability,...` -> a plan; anything else is an InvalidSettingError naming the variable and the bad part. */
export function parseFaultPlan(text: string | undefined, variable = 'DOFS_FAULTS'): FaultPlan {
  const plan: Partial<Record<FaultKind, number>> = {};
  if (text === undefined || text.trim() === '' || text.trim() === 'none') return plan;
  const invalid = (why: string): InvalidSettingError => new InvalidSettingError(`${variable}=${text} is not valid: ${why}`);
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const match = /^([a-z.]+)=([0-9.eE+-]+)$/.exec(entry);
    if (!match) throw invalid(`"${entry}" is not kind=probability (e.g. lambda.crash=0.02).`);
    const [, kind = '', value = ''] = match;
    if (!(FAULT_KINDS as readonly string[]).includes(kind))
      throw invalid(`unknown fault "${kind}"; the kinds are ${FAULT_KINDS.join(', ')}.`);
    const probability = Number(value);
    if (!Number.isFinite(probability) || probability < 0 || probability > 1)
      throw invalid(`${kind}=${value} is not a probability from 0 to 1.`);
    if (kind in plan) throw invalid(`${kind} is given twice.`);
    plan[kind as FaultKind] = probability;
  }
  return plan;
}

/** The plan as `kind=probability,...` (the inverse of parseFaultPlan), "none" when empty. */
export function formatFaultPlan(plan: FaultPlan): string {
  const parts = FAULT_KINDS.filter((kind) => (plan[kind] ?? 0) > 0).map((kind) => `${kind}=${plan[kind]}`);
  return parts.length === 0 ? 'none' : parts.join(',');
}
