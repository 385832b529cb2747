import { JSONPath as jsonPathPlus, type JSONPathOptions } from 'jsonpath-plus';

/**
 * What aws-local-stepfunctions imports as jsonpath-plus's `JSONPath` in the runtime's bundle
 * (apps/local/tools/build.mjs points its import here). It calls `JSONPath({ path, json, wrap: false })`
 * for every path of every state. Called that way, jsonpath-plus hands a scalar answer back by
 * throwing an Error that carries it and catching it again (its `NewError`), and V8 captures a stack
 * trace for every such Error: the largest single item in the profile of the runtime's main thread
 * (issue 21). Made with `autostart: false` and evaluated with the arguments jsonpath-plus itself
 * would pass, the query gives the same answer, scalar or not, without the Error.
 */
export function JSONPath(options: JSONPathOptions): unknown {
  const query = jsonPathPlus({ ...options, autostart: false });
  const args: Pick<JSONPathOptions, 'path' | 'json'> = { path: options.path, json: options.json };
  return query.evaluate(args as Parameters<typeof query.evaluate>[0]);
}
