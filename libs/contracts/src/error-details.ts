import type { ErrorObject } from 'ajv';
import type { ErrorDetail } from './api-types';

const MAX_DETAILS = 20;

/** `/items/0/price` -> `items[0].price`: the field as a person writes it. */
export function toFieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), '');
}

const join = (parent: string, child: string): string => (parent ? `${parent}.${child}` : child);

function describe(error: ErrorObject): ErrorDetail {
  const path = toFieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: join(path, String(params['missingProperty'])), problem: 'is required' };
    case 'additionalProperties':
      return { path: join(path, String(params['additionalProperty'])), problem: 'is not an allowed field' };
    case 'enum':
      return { path, problem: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { path, problem: `must be of type ${String(params['type'])}` };
    case 'pattern':
      return { path, problem: `must match the pattern ${String(params['pattern'])}` };
    case 'minLength':
      return { path, problem: `must have at least ${String(params['limit'])} character(s)` };
    case 'maxLength':
      return { path, problem: `must have at most ${String(params['limit'])} characters` };
    case 'minItems':
      return { path, problem: `must have at least ${String(params['limit'])} item(s)` };
    case 'maxItems':
      return { path, problem: `must have at most ${String(params['limit'])} items` };
    case 'minimum':
    case 'maximum':
      return { path, problem: `must be ${String(params['comparison'])} ${String(params['limit'])}` };
    case 'oneOf':
      return { path, problem: 'must match exactly one of the allowed shapes' };
    default:
      return { path, problem: error.message ?? `fails the ${error.keyword} rule` };
  }
}

/**
 * Turns a validator's errors into the API's error details, one per problem, at most 20.
 * For a `oneOf`, Ajv reports every branch; the branch-level noise is dropped when a more precise
 * error exists.
 */
export function toErrorDetails(errors: readonly ErrorObject[] | null | undefined): ErrorDetail[] {
  if (!errors || errors.length === 0) return [];
  const precise = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const error of precise.length > 0 ? precise : errors) {
    const detail = describe(error);
    const key = `${detail.path}\u0000${detail.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push(detail);
    if (details.length === MAX_DETAILS) break;
  }
  return details;
}
