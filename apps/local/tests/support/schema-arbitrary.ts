import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { workspacePaths } from '../../src/workspace';

/** The draft-4 subset contracts/openapi.yaml's request schemas use (the contracts project checks they stay in it). */
interface Schema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

/** Arrays without a maxItems are kept short: the properties are about shapes, not volume. */
const DEFAULT_MAX_ITEMS = 4;

/** The component schemas of contracts/openapi.yaml, by name. */
export function openApiSchemas(): Readonly<Record<string, Schema>> {
  const doc = parse(readFileSync(path.join(workspacePaths().contractsDir, 'openapi.yaml'), 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  };
  return doc.components.schemas;
}

/**
 * Values that the schema accepts, generated from the schema itself: a change to the contract
 * changes what the properties send. Numbers are a mix of whole cents and arbitrary doubles, as a
 * client computing amounts in floating point would send them.
 */
export function arbitraryFromSchema(schema: Schema, schemas: Readonly<Record<string, Schema>>): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1] ?? '';
    const target = schemas[name];
    if (!target) throw new Error(`no component schema ${schema.$ref}`);
    return arbitraryFromSchema(target, schemas);
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [name, arbitraryFromSchema(property, schemas)]),
      );
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(arbitraryFromSchema(schema.items ?? {}, schemas), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? DEFAULT_MAX_ITEMS,
      });
    case 'string': {
      const { minLength = 0, maxLength = 64 } = schema;
      const text = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string({ maxLength });
      return text.filter((value) => value.length >= minLength && value.length <= maxLength);
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 2000 });
    case 'number':
      return fc.oneof(
        fc.integer({ min: -100, max: 10_000_000 }).map((cents) => cents / 100),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      );
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue();
  }
}
