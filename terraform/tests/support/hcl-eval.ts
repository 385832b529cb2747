// Evaluates HCL expressions the way Terraform does, over values a test supplies (input
// variables, data sources, the attributes of resources whose ARN format it knows). It covers the
// subset this configuration's IAM policies and the locals they read are written with:
// references, string templates, list and object literals, list and object `for` expressions,
// [*] splats, comparisons, the conditional operator, and the functions listed in FUNCTIONS.
// Anything else throws with the expression, so a new construct fails the test instead of being
// misread.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type Value = unknown;
export type Scope = Readonly<Record<string, Value>>;

export class Unsupported extends Error {
  override readonly name = 'Unsupported';
}

type Token = { kind: 'ident' | 'number' | 'string' | 'op'; text: string; parts?: (string | Expr)[] };
type Expr =
  | { type: 'literal'; value: Value }
  | { type: 'template'; parts: (string | Expr)[] }
  | { type: 'ref'; name: string }
  | { type: 'get'; target: Expr; key: Expr }
  | { type: 'attr'; target: Expr; name: string }
  | { type: 'splat'; target: Expr; path: string[] }
  | { type: 'list'; items: Expr[] }
  | { type: 'object'; items: [Expr, Expr][] }
  | { type: 'for'; key?: string; value: string; source: Expr; body: Expr; filter?: Expr; objectKey?: Expr; group?: boolean }
  | { type: 'call'; name: string; args: Expr[]; expand?: boolean }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'not'; operand: Expr }
  | { type: 'conditional'; test: Expr; then: Expr; else: Expr };

/** Splits a template string into literal text and the expressions inside ${...}. */
function templateParts(text: string, where: string): (string | Expr)[] {
  const parts: (string | Expr)[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      let depth = 1;
      let j = i + 2;
      let quoted = false;
      for (; j < text.length && depth > 0; j++) {
        const c = text.charAt(j);
        if (quoted) {
          if (c === '\\') j++;
          else if (c === '"') quoted = false;
        } else if (c === '"') quoted = true;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      if (depth !== 0) throw new Unsupported(`unbalanced \${ in ${where}`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push(parseExpression(text.slice(i + 2, j - 1), where));
      i = j;
    } else if (text.startsWith('%{', i)) {
      throw new Unsupported(`template directives are not evaluated: ${where}`);
    } else {
      literal += text.charAt(i);
      i += 1;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

function tokenize(source: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '#' || source.startsWith('//', i)) {
      while (i < source.length && source.charAt(i) !== '\n') i += 1;
    } else if (c === '-' && /[0-9]/.test(source.charAt(i + 1)) && !['ident', 'number', 'string'].includes(tokens[tokens.length - 1]?.kind ?? '') && ![')', ']', '}'].includes(tokens[tokens.length - 1]?.text ?? '')) {
      const match = /^-[0-9]+(\.[0-9]+)?/.exec(source.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', text: match });
      i += match.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'ident', text: match });
      i += match.length;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', text: match });
      i += match.length;
    } else if (c === '"') {
      let j = i + 1;
      let raw = '';
      let depth = 0;
      for (; j < source.length; j++) {
        const d = source.charAt(j);
        if (d === '\\') {
          const next = source.charAt(j + 1);
          raw += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j++;
          continue;
        }
        if (depth === 0 && d === '"') break;
        if (source.startsWith('${', j)) depth++;
        else if (d === '}' && depth > 0) depth--;
        raw += d;
      }
      tokens.push({ kind: 'string', text: raw, parts: templateParts(raw, where) });
      i = j + 1;
    } else {
      const op = ['==', '!=', '&&', '||', '[*]', '=>', '...', '>=', '<='].find((candidate) => source.startsWith(candidate, i)) ?? c;
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

function parseExpression(source: string, where: string): Expr {
  const tokens = tokenize(source, where);
  let at = 0;
  const peek = (text?: string): Token | undefined => (text === undefined || tokens[at]?.text === text ? tokens[at] : undefined);
  const expect = (text: string): void => {
    if (tokens[at]?.text !== text) throw new Unsupported(`expected "${text}" in ${where}: ${source}`);
    at += 1;
  };

  const primary = (): Expr => {
    const token = tokens[at];
    if (!token) throw new Unsupported(`unexpected end of ${where}: ${source}`);
    at += 1;
    if (token.kind === 'string') return { type: 'template', parts: token.parts ?? [] };
    if (token.kind === 'number') return { type: 'literal', value: Number(token.text) };
    if (token.kind === 'ident') {
      if (token.text === 'true' || token.text === 'false') return { type: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { type: 'literal', value: null };
      if (peek('(')) {
        at += 1;
        const args: Expr[] = [];
        let expand = false;
        while (!peek(')')) {
          args.push(expression());
          if (peek('...')) {
            at += 1;
            expand = true;
          }
          if (peek(',')) at += 1;
        }
        expect(')');
        return { type: 'call', name: token.text, args, ...(expand ? { expand } : {}) };
      }
      return { type: 'ref', name: token.text };
    }
    if (token.text === '(') {
      const inner = expression();
      expect(')');
      return inner;
    }
    if ((token.text === '[' || token.text === '{') && peek('for')) {
      const close = token.text === '[' ? ']' : '}';
      at += 1;
      const first = tokens[at++]?.text ?? '';
      let key: string | undefined;
      let value = first;
      if (peek(',')) {
        at += 1;
        key = first;
        value = tokens[at++]?.text ?? '';
      }
      expect('in');
      const sourceExpr = expression();
      expect(':');
      let objectKey: Expr | undefined;
      let body = expression();
      if (close === '}') {
        expect('=>');
        objectKey = body;
        body = expression();
      }
      const group = Boolean(peek('...'));
      if (group) at += 1;
      let filter: Expr | undefined;
      if (peek('if')) {
        at += 1;
        filter = expression();
      }
      expect(close);
      return { type: 'for', ...(key ? { key } : {}), value, source: sourceExpr, body, ...(filter ? { filter } : {}), ...(objectKey ? { objectKey } : {}), group };
    }
    if (token.text === '{') {
      const items: [Expr, Expr][] = [];
      while (!peek('}')) {
        const keyToken = tokens[at];
        const keyExpr: Expr = keyToken?.kind === 'ident' ? ((at += 1), { type: 'literal', value: keyToken.text }) : primary();
        if (peek('=') || peek(':')) at += 1;
        else throw new Unsupported(`expected = in an object (${where}): ${source}`);
        items.push([keyExpr, expression()]);
        if (peek(',')) at += 1;
      }
      expect('}');
      return { type: 'object', items };
    }
    if (token.text === '[') {
      const items: Expr[] = [];
      while (!peek(']')) {
        items.push(expression());
        if (peek(',')) at += 1;
      }
      expect(']');
      return { type: 'list', items };
    }
    throw new Unsupported(`"${token.text}" is not evaluated (${where}): ${source}`);
  };

  const postfix = (): Expr => {
    let target = primary();
    for (;;) {
      if (peek('.')) {
        at += 1;
        target = { type: 'attr', target, name: tokens[at++]?.text ?? '' };
      } else if (peek('[*]')) {
        at += 1;
        const path: string[] = [];
        while (peek('.')) {
          at += 1;
          path.push(tokens[at++]?.text ?? '');
        }
        target = { type: 'splat', target, path };
      } else if (peek('[')) {
        at += 1;
        const key = expression();
        expect(']');
        target = { type: 'get', target, key };
      } else return target;
    }
  };
  const unary = (): Expr => {
    if (peek('!')) {
      at += 1;
      return { type: 'not', operand: unary() };
    }
    return postfix();
  };
  const binary = (next: () => Expr, ops: string[]) => (): Expr => {
    let left = next();
    while (tokens[at] && ops.includes(tokens[at]?.text ?? '')) {
      const op = tokens[at++]?.text ?? '';
      left = { type: 'binary', op, left, right: next() };
    }
    return left;
  };
  const product = binary(unary, ['*', '/']);
  const comparison = binary(product, ['==', '!=', '>=', '<=', '>', '<']);
  const and = binary(comparison, ['&&']);
  const or = binary(and, ['||']);
  function expression(): Expr {
    const test = or();
    if (!peek('?')) return test;
    at += 1;
    const then = expression();
    expect(':');
    return { type: 'conditional', test, then, else: expression() };
  }

  const parsed = expression();
  if (at !== tokens.length) throw new Unsupported(`could not evaluate all of ${where}: ${source}`);
  return parsed;
}

/** Go's RE2 and JavaScript agree on the patterns this configuration uses. */
function regex(pattern: Value, text: Value): Value {
  const found = new RegExp(String(pattern)).exec(String(text));
  if (!found) throw new Unsupported(`regex ${String(pattern)} does not match ${String(text)}`);
  return found.length > 1 ? found.slice(1) : found[0];
}

function fileset(dir: Value, pattern: Value): Value {
  const [first, ...rest] = String(pattern).split('/');
  const matches = (name: string, glob: string) => new RegExp(`^${glob.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(name);
  const walkGlob = (base: string, parts: string[]): string[] => {
    const [head, ...tail] = parts;
    if (head === undefined) return [];
    return readdirSync(path.join(String(dir), base), { withFileTypes: true })
      .filter((entry) => matches(entry.name, head))
      .flatMap((entry) => {
        const relative = base ? `${base}/${entry.name}` : entry.name;
        if (tail.length === 0) return entry.isFile() ? [relative] : [];
        return entry.isDirectory() ? walkGlob(relative, tail) : [];
      });
  };
  return walkGlob('', [first ?? '', ...rest]).sort();
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  merge: (...maps) => Object.assign({}, ...(maps as object[])),
  keys: (map) => Object.keys(map as object).sort(),
  values: (map) => Object.keys(map as object).sort().map((key) => (map as Record<string, Value>)[key]),
  lookup: (map, key, fallback) => (String(key) in (map as object) ? (map as Record<string, Value>)[String(key)] : fallback),
  contains: (list, value) => (list as Value[]).includes(value),
  coalesce: (...values) => values.find((value) => value !== null && value !== undefined),
  length: (value) => (Array.isArray(value) ? value.length : Object.keys(value as object).length),
  tostring: (value) => String(value),
  jsondecode: (text) => JSON.parse(String(text)) as Value,
  jsonencode: (value) => JSON.stringify(value),
  file: (name) => readFileSync(String(name), 'utf8'),
  fileset,
  dirname: (name) => path.posix.dirname(String(name)),
  basename: (name) => path.posix.basename(String(name)),
  regex,
  split: (separator, text) => String(text).split(String(separator)),
  trimspace: (text) => String(text).trim(),
  lower: (text) => String(text).toLowerCase(),
  format: (spec, ...args) => String(spec).replace(/%[sd]/g, () => String(args.shift())),
  // Terraform's compact() drops null and empty-string elements
  compact: (list) => (list as Value[]).filter((item) => item !== null && item !== undefined && item !== ''),
  uuid: () => randomUUID(),
  concat: (...lists) => lists.flatMap((list) => list as Value[]),
  one: (list) => ((list as Value[]).length === 0 ? null : (list as Value[])[0]),
  toset: (list) => [...new Set(list as Value[])],
  tolist: (list) => [...(list as Value[])],
  distinct: (list) => [...new Set(list as Value[])],
  flatten: (list) => (list as Value[]).flat(Infinity),
  anytrue: (list) => (list as Value[]).some((item) => item === true),
  alltrue: (list) => (list as Value[]).every((item) => item === true),
  title: (text) => String(text).replace(/\b[a-z]/g, (letter) => letter.toUpperCase()),
  floor: (value) => Math.floor(Number(value)),
  join: (separator, list) => (list as Value[]).map(String).join(String(separator)),
  sort: (list) => [...(list as Value[])].map(String).sort(),
};

/** A value for an error message; lazily rendered objects are named by their keys, not rendered. */
function describe(value: Value): string {
  if (value === null || typeof value !== 'object') return String(value);
  return `{ ${Object.keys(value).join(', ')} }`.slice(0, 200);
}

function evaluate(expr: Expr, scope: Scope, where: string): Value {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'template': {
      if (expr.parts.length === 1 && typeof expr.parts[0] !== 'string') return evaluate(expr.parts[0] as Expr, scope, where);
      return expr.parts.map((part) => (typeof part === 'string' ? part : String(evaluate(part, scope, where)))).join('');
    }
    case 'ref': {
      if (!(expr.name in scope)) throw new Unsupported(`${where}: nothing is known of ${expr.name}`);
      return scope[expr.name];
    }
    case 'attr':
    case 'get': {
      const target = evaluate(expr.target, scope, where) as Record<string, Value> | undefined;
      const key = expr.type === 'attr' ? expr.name : String(evaluate(expr.key, scope, where));
      if (target === null || typeof target !== 'object' || !(key in target)) throw new Unsupported(`${where}: no ${key} in ${describe(target)}`);
      return target[key];
    }
    case 'splat': {
      const target = evaluate(expr.target, scope, where);
      const list = Array.isArray(target) ? target : target === null || target === undefined ? [] : [target];
      return list.map((item) => expr.path.reduce<Value>((value, name) => (value as Record<string, Value>)[name], item));
    }
    case 'list':
      return expr.items.map((item) => evaluate(item, scope, where));
    case 'object':
      return Object.fromEntries(expr.items.map(([key, value]) => [String(evaluate(key, scope, where)), evaluate(value, scope, where)]));
    case 'for': {
      const source = evaluate(expr.source, scope, where);
      const entries: [Value, Value][] = Array.isArray(source)
        ? source.map((value, index) => [index, value])
        : Object.keys(source as object)
            .sort()
            .map((key) => [key, (source as Record<string, Value>)[key]]);
      const scopes = entries
        .map(([key, value]) => ({ ...scope, [expr.value]: value, ...(expr.key ? { [expr.key]: key } : {}) }))
        .filter((inner) => !expr.filter || evaluate(expr.filter, inner, where) === true);
      if (!expr.objectKey) return scopes.map((inner) => evaluate(expr.body, inner, where));
      const result: Record<string, Value> = {};
      for (const inner of scopes) {
        const key = String(evaluate(expr.objectKey, inner, where));
        const value = evaluate(expr.body, inner, where);
        if (expr.group) result[key] = [...((result[key] as Value[] | undefined) ?? []), value];
        else result[key] = value;
      }
      return result;
    }
    case 'call': {
      if (expr.name === 'try') {
        for (const arg of expr.args) {
          try {
            return evaluate(arg, scope, where);
          } catch (error) {
            if (!(error instanceof Unsupported)) throw error;
          }
        }
        throw new Unsupported(`${where}: no argument of try() could be evaluated`);
      }
      if (expr.name === 'can') {
        try {
          evaluate(expr.args[0] as Expr, scope, where);
          return true;
        } catch (error) {
          if (error instanceof Unsupported) return false;
          throw error;
        }
      }
      const fn = FUNCTIONS[expr.name];
      if (!fn) throw new Unsupported(`${where}: the function ${expr.name}() is not evaluated`);
      const args = expr.args.map((arg) => evaluate(arg, scope, where));
      // f(list...) passes the list's elements as the arguments
      if (expr.expand) args.push(...((args.pop() as Value[] | undefined) ?? []));
      return fn(...args);
    }
    case 'binary': {
      const left = evaluate(expr.left, scope, where);
      const right = () => evaluate(expr.right, scope, where);
      if (expr.op === '==') return left === right();
      if (expr.op === '!=') return left !== right();
      if (expr.op === '&&') return left === true && right() === true;
      if (expr.op === '||') return left === true || right() === true;
      const [a, b] = [Number(left), Number(right())];
      if (expr.op === '*') return a * b;
      if (expr.op === '/') return a / b;
      return expr.op === '>=' ? a >= b : expr.op === '<=' ? a <= b : expr.op === '>' ? a > b : a < b;
    }
    case 'not':
      return evaluate(expr.operand, scope, where) !== true;
    case 'conditional':
      return evaluate(expr.test, scope, where) === true ? evaluate(expr.then, scope, where) : evaluate(expr.else, scope, where);
  }
}

/** The value of an attribute as hcl2json gives it: strings are templates, lists and objects are walked. */
export function evaluateValue(value: Value, scope: Scope, where: string): Value {
  if (typeof value === 'string') return evaluate({ type: 'template', parts: templateParts(value, where) }, scope, where);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope, where));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, evaluateValue(inner, scope, where)]));
  }
  return value;
}

/**
 * A module's `local` values, evaluated when first read (locals refer to each other, to inputs
 * and to resources in any order).
 */
export function lazyLocals(raw: Readonly<Record<string, Value>>, scope: () => Scope, where: string): Record<string, Value> {
  const cache = new Map<string, Value>();
  return new Proxy(
    {},
    {
      has: (_target, key) => typeof key === 'string' && key in raw,
      get: (_target, key) => {
        if (typeof key !== 'string' || !(key in raw)) throw new Unsupported(`${where}: no local ${String(key)}`);
        if (!cache.has(key)) cache.set(key, evaluateValue(raw[key], scope(), `${where} local.${key}`));
        return cache.get(key);
      },
    },
  );
}
