// Draws the order workflow as a Mermaid flowchart from its ASL definition: every state with its
// type, every Next, every Choice rule and default, every Catch (dashed) and each Task's Retry
// policy, so that the diagram cannot say something the workflow does not do.

/** @typedef {{ ErrorEquals: string[], MaxAttempts?: number, IntervalSeconds?: number, BackoffRate?: number }} Retrier */
/** @typedef {{ ErrorEquals: string[], Next: string }} Catcher */
/** @typedef {{ Variable?: string, Next: string } & Record<string, unknown>} ChoiceRule */
/**
 * @typedef {{
 *   Type: string, Next?: string, End?: boolean, Resource?: string, Default?: string,
 *   Choices?: ChoiceRule[], Retry?: Retrier[], Catch?: Catcher[], Error?: string,
 *   Parameters?: Record<string, unknown>
 * }} State
 */
/** @typedef {{ StartAt: string, States: Record<string, State> }} StateMachine */

const START = 'start';
const END = 'done';

/** Mermaid labels are quoted; a double quote inside one is written as an entity. */
const quote = (/** @type {string} */ text) => `"${text.replaceAll('"', '#quot;')}"`;

/** Three or more errors of one family ("Lambda.ServiceException", ...) are named as "Lambda.* (4)". */
export function summariseErrors(/** @type {string[]} */ errors) {
  /** @type {Map<string, string[]>} */
  const families = new Map();
  for (const error of errors) {
    const family = error.includes('.') ? error.slice(0, error.indexOf('.')) : error;
    families.set(family, [...(families.get(family) ?? []), error]);
  }
  return [...families.entries()]
    .flatMap(([family, members]) => (members.length > 2 ? [`${family}.* (${members.length})`] : members))
    .join(', ');
}

/** What a Task calls: "lambda:invoke validator", "sqs:sendMessage order_queue". */
function taskTarget(/** @type {State} */ state) {
  const action = (state.Resource ?? '').replace(/^arn:aws:states:::/, '');
  const target = String(state.Parameters?.FunctionName ?? state.Parameters?.QueueUrl ?? '');
  // a function may be invoked through an alias or version: `${validator_function_arn}:${function_alias}`
  const placeholder = /^\$\{(\w+?)(?:_function_arn|_url|_arn)?\}(?::\$\{\w+\})?$/.exec(target);
  return placeholder ? `${action} ${placeholder[1]}` : action;
}

function retryLines(/** @type {Retrier[]} */ retriers) {
  return retriers.map((retrier) =>
    (retrier.MaxAttempts ?? 3) === 0
      ? `no retry: ${summariseErrors(retrier.ErrorEquals)}`
      : `retry ×${retrier.MaxAttempts ?? 3} (${retrier.IntervalSeconds ?? 1} s, ×${retrier.BackoffRate ?? 2}): ${summariseErrors(retrier.ErrorEquals)}`,
  );
}

function node(/** @type {string} */ name, /** @type {State} */ state) {
  switch (state.Type) {
    case 'Task':
      return `${name}[${quote([`${name}`, taskTarget(state), ...retryLines(state.Retry ?? [])].join('<br/>'))}]:::task`;
    case 'Choice':
      return `${name}{${quote(name)}}:::choice`;
    case 'Pass': {
      const outcome = state.Parameters?.outcome;
      return `${name}(${quote(outcome ? `${name}<br/>outcome ${String(outcome)}` : name)}):::pass`;
    }
    case 'Fail':
      return `${name}[[${quote(`${name}<br/>Fail: ${state.Error ?? name}`)}]]:::fail`;
    case 'Succeed':
      return `${name}([${quote(name)}]):::pass`;
    default:
      return `${name}[${quote(`${name}<br/>${state.Type}`)}]`;
  }
}

/** "$.validation.valid BooleanEquals true" -> "validation.valid = true". */
function condition(/** @type {ChoiceRule} */ rule) {
  const variable = String(rule.Variable ?? '').replace(/^\$\./, '');
  const comparison = Object.entries(rule).find(([key]) => key !== 'Variable' && key !== 'Next');
  if (!comparison) return variable;
  const [operator, value] = comparison;
  const symbol = operator.endsWith('Equals') ? '=' : operator;
  return `${variable} ${symbol} ${String(value)}`;
}

function edges(/** @type {string} */ name, /** @type {State} */ state) {
  const lines = [];
  for (const rule of state.Choices ?? []) lines.push(`${name} -->|${quote(condition(rule))}| ${rule.Next}`);
  if (state.Default) lines.push(`${name} -->|otherwise| ${state.Default}`);
  if (state.Next) lines.push(`${name} --> ${state.Next}`);
  for (const catcher of state.Catch ?? []) {
    lines.push(`${name} -.->|${quote(`catch ${summariseErrors(catcher.ErrorEquals)}`)}| ${catcher.Next}`);
  }
  if (state.End) lines.push(`${name} --> ${END}`);
  return lines;
}

/**
 * @param {StateMachine} machine the parsed ASL
 * @param {string} source where it was read from, named in the diagram's header comment
 */
export function workflowDiagram(machine, source) {
  const states = Object.entries(machine.States);
  return [
    `%% Generated from ${source} by \`npm run docs:diagrams\`: edit the ASL, not this file.`,
    'flowchart TD',
    `  ${START}((start)) --> ${machine.StartAt}`,
    ...states.map(([name, state]) => `  ${node(name, state)}`),
    `  ${END}((end))`,
    ...states.flatMap(([name, state]) => edges(name, state).map((line) => `  ${line}`)),
    '  classDef task fill:#e8f0fe,stroke:#3367d6',
    '  classDef choice fill:#fff4d6,stroke:#b38600',
    '  classDef pass fill:#e6f4ea,stroke:#188038',
    '  classDef fail fill:#fce8e6,stroke:#c5221f',
    '',
  ].join('\n');
}
