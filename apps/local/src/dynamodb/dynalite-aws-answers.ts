import { createRequire } from 'node:module';

/**
 * What dynalite 4 does otherwise than DynamoDB, aligned inside dynalite, in its thread, before
 * it serves: no proxy, no hop. dynalite validates each action's parameters against a table of
 * types (validations/<action>.js `types`) and drops those it does not know, then runs the
 * action, which asks db.checkConditional whether the condition holds; both are module exports,
 * reached with the same require dynalite uses. dynalite is pinned to an exact version and
 * dynalite-aws-answers.test.ts fails on an upgrade that moves them.
 *
 * - ReturnValuesOnConditionCheckFailure (PutItem, UpdateItem, DeleteItem): with ALL_OLD, a failed
 *   condition's ConditionalCheckFailedException carries the item as it was (`Item`). Recorded:
 *   LocalStack tests/aws/services/dynamodb/test_dynamodb.snapshot.json,
 *   test_return_values_on_conditions_check_failure. dynalite dropped the parameter.
 * - An ExpressionAttributeNames or ExpressionAttributeValues entry no expression uses: in a write
 *   (PutItem, UpdateItem, DeleteItem) the ValidationException's message starts "1 validation error
 *   detected: ", in a read (GetItem, Query, Scan) it does not (moto
 *   tests/test_dynamodb/exceptions/test_dynamodb_exceptions.py, aws_verified:
 *   test_update_item_unused_attributes, test_put_item_unused_attributes,
 *   test_delete_unused_attribute_name; test_get_item_unused_attribute_name,
 *   test_query_unused_attribute_name, test_scan_unused_attribute_name).
 */
interface ActionValidation {
  types: Record<string, unknown>;
  custom(...args: unknown[]): string | undefined;
}

interface DynaliteError extends Error {
  body?: Record<string, unknown>;
}

interface DynaliteDb {
  checkConditional(data: Record<string, unknown>, existingItem: Record<string, unknown> | undefined): DynaliteError | null;
}

const WITH_CONDITION = ['putItem', 'updateItem', 'deleteItem'];
let aligned = false;

export function alignDynaliteWithAws(): void {
  if (aligned) return;
  aligned = true;
  const requireFromDynalite = createRequire(require.resolve('dynalite'));
  for (const action of WITH_CONDITION) {
    const validation = requireFromDynalite(`./validations/${action}`) as ActionValidation;
    validation.types['ReturnValuesOnConditionCheckFailure'] = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
    const custom = validation.custom.bind(validation);
    validation.custom = (...args) => {
      const message = custom(...args);
      return message?.startsWith('Value provided in ExpressionAttribute') ? `1 validation error detected: ${message}` : message;
    };
  }
  const db = requireFromDynalite('./db') as DynaliteDb;
  const checkConditional = db.checkConditional.bind(db);
  db.checkConditional = (data, existingItem) => {
    const failure = checkConditional(data, existingItem);
    if (failure?.body && existingItem && data['ReturnValuesOnConditionCheckFailure'] === 'ALL_OLD') failure.body['Item'] = existingItem;
    return failure;
  };
}
