import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Compiles client-types.ts with its `@ts-expect-error` directives removed, and checks that each
// line they covered fails for the reason the directive gives, and that nothing else fails.
const file = path.join(__dirname, 'client-types.ts');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error (.*)$/;

/** What the compiler must say about the line under each directive. */
const expectedReason: Record<string, RegExp> = {
  'total_amount must be a number': /Type 'string' is not assignable to type 'number'/,
  'customer_id is required': /Property 'customer_id' is missing/,
  'note is not a field of CreateOrderRequest': /'note' does not exist in type/,
  'quantity must be a number': /Type 'string' is not assignable to type 'number'/,
  '/customers is not a path of the API': /Argument of type '"\/customers"' is not assignable/,
  'a list needs customer_id or status': /is not assignable to parameter of type 'OrderListQuery'/,
  // TypeScript reports the union member it tried last: a status where none may be, or the reverse
  'a list takes customer_id or status, not both': /Type '(string|"PENDING")' is not assignable to type '.*undefined'/,
  'a list order is asc or desc': /Type '"newest"' is not assignable to type '"asc" \| "desc"/,
  'POST /order/{order_id} is not an operation of the API': /Argument of type '"\/order\/\{order_id\}"' is not assignable/,
  'order_id is required': /Property 'order_id' is missing/,
  'the body must be a CreateOrderRequest': /'customer' does not exist in type/,
  'SHIPPED is not an OrderStatus': /Type '"SHIPPED"' is not assignable to type/,
};

function compileWithoutDirectives() {
  const original = readFileSync(file, 'utf8').split('\n');
  const expectations = new Map<number, string>();
  const lines: string[] = [];
  for (const line of original) {
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      expectations.set(lines.length, directive[1]!);
      lines.push('');
    } else {
      lines.push(line);
    }
  }
  const source = lines.join('\n');
  const config = ts.getParsedCommandLineOfConfigFile(path.join(__dirname, '../../tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('tsconfig.json could not be read');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) =>
    path.resolve(name) === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language);
  const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error(`${file} is not in the program`);
  const errors = ts.getPreEmitDiagnostics(program, sourceFile).map((d) => ({
    // the directive stood on the line before the one that fails
    directiveLine: sourceFile.getLineAndCharacterOfPosition(d.start ?? 0).line - 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  return { expectations, errors };
}

describe('the SDK types', () => {
  const { expectations, errors } = compileWithoutDirectives();

  it('covers every expectation in client-types.ts', () => {
    expect([...expectations.values()].sort()).toEqual(Object.keys(expectedReason).sort());
  });

  it.each(Object.entries(expectedReason))('rejects at compile time: %s', (reason, message) => {
    const line = [...expectations].find(([, r]) => r === reason)?.[0];
    const onLine = errors.filter((e) => e.directiveLine === line).map((e) => e.message);
    expect(onLine.join('\n')).toMatch(message);
  });

  it('accepts everything else, including the right calls', () => {
    const unexpected = errors.filter((e) => !expectations.has(e.directiveLine));
    expect(unexpected).toEqual([]);
  });
});
