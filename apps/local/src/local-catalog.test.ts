import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPENAPI_PLACEHOLDERS, ORDER_WORKFLOW_PLACEHOLDERS, placeholdersOf } from '@dofs/contracts';
import { arns } from './aws-identity';
import { loadManifests, resolveEnvironment } from './function-manifest';
import { placeholderResolver, sourceResolver, type LocalCatalog } from './local-catalog';
import { workspacePaths } from './workspace';
import { LOCAL_DEFAULTS } from '@dofs/local-client';

const paths = workspacePaths();
const apps = ['api-handler', 'validator', 'order-storage', 'fulfill-order', 'dlq-processor'];
const catalog: LocalCatalog = {
  functionArns: new Map(apps.map((app) => [app, arns.function(app)])),
  queueUrls: { order_queue: 'http://127.0.0.1:1/000000000000/order_queue', order_dlq: 'http://127.0.0.1:1/000000000000/order_dlq' },
  topicArns: { alerts: arns.topic('alerts') },
  stateMachineArns: { 'order-workflow': arns.stateMachine('order-workflow') },
  secrets: { cursor_signing_key: 'a-local-key-of-at-least-32-characters' },
};

describe('the local catalog', () => {
  it('has a value for every placeholder of the contracts (drift between contracts and runtime fails here)', () => {
    const resolve = placeholderResolver(catalog);
    const placeholders = [...ORDER_WORKFLOW_PLACEHOLDERS, ...OPENAPI_PLACEHOLDERS];
    // the generated lists match the files
    expect([...placeholders].sort()).toEqual(
      [
        ...placeholdersOf(readFileSync(path.join(paths.contractsDir, 'order-workflow.asl.json'), 'utf8')),
        ...placeholdersOf(readFileSync(path.join(paths.contractsDir, 'openapi.yaml'), 'utf8')),
      ].sort(),
    );
    for (const name of placeholders) expect([name, resolve(name)]).toEqual([name, expect.any(String)]);
    expect(resolve('validator_function_arn')).toBe(arns.function('validator'));
    expect(resolve('order_storage_function_arn')).toBe(arns.function('order-storage'));
    expect(resolve('order_queue_url')).toBe(catalog.queueUrls['order_queue']);
    // the tasks invoke <function ARN>:live, as on AWS; the dispatcher calls the function by name
    expect(resolve('function_alias')).toBe('live');
    expect(resolve('api_handler_invoke_arn')).toBe(
      `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arns.function('api-handler')}/invocations`,
    );
    expect(resolve('nothing_known_arn')).toBeUndefined();
  });

  it('wires every environment variable of every lambda.json from its source', async () => {
    const manifests = await loadManifests(paths.appsDir);
    expect(manifests.map((m) => m.app).sort()).toEqual([...apps].sort());
    const resolve = sourceResolver(catalog, { ...LOCAL_DEFAULTS, successRate: 0.25, seed: 'seed' });
    const env = Object.fromEntries(manifests.map((manifest) => [manifest.app, resolveEnvironment(manifest, resolve)]));
    expect(env['api-handler']).toEqual({
      ORDERS_TABLE_NAME: 'orders',
      STATE_MACHINE_ARN: arns.stateMachine('order-workflow'),
      CURSOR_SIGNING_KEY: 'a-local-key-of-at-least-32-characters',
    });
    expect(env['fulfill-order']).toMatchObject({ ORDERS_TABLE_NAME: 'orders', FULFILLMENT_SUCCESS_RATE: '0.25', FULFILLMENT_SEED: 'seed' });
    expect(env['dlq-processor']).toMatchObject({ FAILED_ORDERS_TABLE_NAME: 'failed_orders', POWERTOOLS_METRICS_NAMESPACE: 'DOFS' });
  });

  it('stops on a source it does not know', () => {
    const resolve = sourceResolver(catalog, LOCAL_DEFAULTS);
    expect(() => resolve('vault:secret', 'SECRET')).toThrow('Unknown environment source "vault:secret" for SECRET');
  });
});
