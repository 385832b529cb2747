// Which AWS API actions a Lambda app's code can make, read from the source with the TypeScript
// parser: the SDK commands its own files create, plus those of the libs/aws adapter methods it
// can reach (an adapter it instantiates, a method the app or the libs/domain functions it
// imports call by name). Method-level, so an app that only reads through DynamoOrderStore is not
// charged with the store's writes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { WORKSPACE_DIR } from './terraform';

/** lib-dynamodb's document commands and the DynamoDB operations they call. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactGetCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems',
};

const SERVICE_PREFIX: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-sfn': 'states',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-sns': 'sns',
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    parsed.set(file, source);
  }
  return source;
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Imported names of a file: local name => module specifier. */
function importsOf(source: ts.SourceFile): Map<string, string> {
  const imports = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imports.set(element.name.text, statement.moduleSpecifier.text);
  }
  return imports;
}

/** IAM actions of the SDK commands created under `node`, e.g. `new GetCommand(...)` => dynamodb:GetItem. */
function commandActions(node: ts.Node, imports: Map<string, string>): string[] {
  const actions: string[] = [];
  walk(node, (inner) => {
    if (!ts.isNewExpression(inner) || !ts.isIdentifier(inner.expression)) return;
    const name = inner.expression.text;
    const module = imports.get(name);
    const prefix = module ? SERVICE_PREFIX[module] : undefined;
    if (!name.endsWith('Command') || !prefix) return;
    const operation = module === '@aws-sdk/lib-dynamodb' ? DOCUMENT_COMMANDS[name] : name.slice(0, -'Command'.length);
    if (!operation) throw new Error(`${inner.getSourceFile().fileName}: no IAM action known for ${name}`);
    actions.push(`${prefix}:${operation}`);
  });
  return actions;
}

interface AdapterMethod {
  readonly actions: readonly string[];
  /** methods of the same class it calls (`this.name(...)`) */
  readonly calls: readonly string[];
}

/** Names called on `this` under `node`. */
function thisCalls(node: ts.Node): string[] {
  const names: string[] = [];
  walk(node, (inner) => {
    if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      names.push(inner.expression.name.text);
    }
  });
  return names;
}

/** class => method => what it does, for every class of libs/aws. */
function adapterMethods(): Map<string, Map<string, AdapterMethod>> {
  const classes = new Map<string, Map<string, AdapterMethod>>();
  for (const file of sourceFiles(path.join(WORKSPACE_DIR, 'libs/aws/src'))) {
    const source = parse(file);
    const imports = importsOf(source);
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const methods = new Map<string, AdapterMethod>();
      for (const member of statement.members) {
        if ((ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) && member.name && ts.isIdentifier(member.name)) {
          methods.set(member.name.text, { actions: commandActions(member, imports), calls: thisCalls(member) });
        }
      }
      classes.set(statement.name.text, methods);
    }
  }
  return classes;
}

/** Files of libs/domain that define the given exported names, with the files they import in turn. */
function domainFilesFor(names: ReadonlySet<string>): string[] {
  const files = sourceFiles(path.join(WORKSPACE_DIR, 'libs/domain/src'));
  const defines = (source: ts.SourceFile) =>
    source.statements.some((statement) => {
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return names.has(statement.name.text);
      if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && names.has(d.name.text));
      return false;
    });
  const reached = new Set(files.filter((file) => defines(parse(file))));
  for (const file of reached) {
    for (const module of new Set(importsOf(parse(file)).values())) {
      if (!module.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), `${module}.ts`);
      if (existsSync(target)) reached.add(target);
    }
  }
  return [...reached];
}

/** Names called as methods (`x.name(...)`) anywhere in the files. */
function calledMethods(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    walk(parse(file), (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) names.add(node.expression.name.text);
    });
  }
  return names;
}

/** The AWS API actions apps/<app>'s code can make, sorted. */
export function sdkActionsOf(app: string): string[] {
  const appFiles = sourceFiles(path.join(WORKSPACE_DIR, 'apps', app, 'src'));
  const adapters = adapterMethods();
  const actions = new Set<string>();
  const instantiated = new Set<string>();
  const domainNames = new Set<string>();
  for (const file of appFiles) {
    const source = parse(file);
    const imports = importsOf(source);
    for (const action of commandActions(source, imports)) actions.add(action);
    for (const [name, module] of imports) if (module === '@dofs/domain') domainNames.add(name);
    walk(source, (node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && imports.get(node.expression.text) === '@dofs/aws') instantiated.add(node.expression.text);
    });
  }
  const called = calledMethods([...appFiles, ...domainFilesFor(domainNames)]);
  for (const adapter of instantiated) {
    const methods = adapters.get(adapter) ?? new Map<string, AdapterMethod>();
    const reached = new Set([...methods.keys()].filter((method) => called.has(method)));
    for (const method of reached) for (const inner of methods.get(method)?.calls ?? []) if (methods.has(inner)) reached.add(inner);
    for (const method of reached) methods.get(method)?.actions.forEach((action) => actions.add(action));
  }
  return [...actions].sort();
}
