import { orderIdForKey } from '@dofs/domain';
import { RUNTIME_NODE_FLAGS, startLocalSystem, type LocalSystemOptions } from '@dofs/local-client';
import { CHAPTERS } from '../chapters';
import { caption, chapter, dofs, hold, shell, showTerminal, type Demo } from '../demo-context';

export const CUSTOMER = 'shop-demo-42';

/** The runtime's settings for the demo: `npm start`'s, with a seed, fast retries and an alarm at the first failure. */
export function demoSystemOptions(demo: Demo): Partial<LocalSystemOptions> {
  return {
    dataDir: demo.settings.dataDir,
    port: 0,
    quiet: false,
    console: true,
    seed: demo.settings.seed,
    visibilityTimeoutSeconds: 2,
    alertThreshold: 1,
    alertPeriodSeconds: 10,
  };
}

export async function startSystem(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.start);
  await showTerminal(demo, 'npm start', 'what npm start runs once its build is done, started by @dofs/local-client');
  await demo.terminal.write(
    `\x1b[32m$\x1b[0m DOFS_PORT=0 DOFS_FULFILLMENT_SEED=${demo.settings.seed} DOFS_VISIBILITY_TIMEOUT_S=2 DOFS_DLQ_ALERT_THRESHOLD=1 DOFS_DLQ_ALERT_PERIOD_S=10 node ${RUNTIME_NODE_FLAGS.join(' ')} dist/apps/local/main.mjs\n`,
  );
  const started = Date.now();
  demo.system = await demo.recorder.cut(() => startLocalSystem(demoSystemOptions(demo)));
  await caption(
    demo,
    `It started in ${((Date.now() - started) / 1000).toFixed(1)} s (cut): API, DynamoDB, SQS/SNS, Step Functions, the Lambda workers and the console, each on 127.0.0.1, and a curl to try. Seeded: the same seed, the same run.`,
  );
  await demo.terminal.write(demo.system.output());
  demo.terminal.save('02-npm-start');
  await hold(demo, 9000);
}

const ORDER_BODY = JSON.stringify({
  customer_id: CUSTOMER,
  items: [
    { product_id: 'sku-lamp', quantity: 1, price: 49.0 },
    { product_id: 'sku-bulb', quantity: 4, price: 2.5 },
  ],
  total_amount: 59.0,
});

export async function orderByCurl(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.curl);
  await showTerminal(demo, 'An order by curl', 'the API wants the local client\'s key ($KEY), as API Gateway does');
  await caption(demo, 'POST /order: the API validates the body, runs the Express workflow synchronously (validate, store, enqueue) and answers 201 PENDING.');
  const key = demo.scripted.journeyKey;
  const post = `curl -s -w '\\n-> HTTP %{http_code}\\n' -X POST "$API/order" -H "x-api-key: $KEY" -H 'Content-Type: application/json' -H 'Idempotency-Key: ${key}' -d '${ORDER_BODY}'`;
  const created = await demo.terminal.run(shell(demo, post));
  if (!created.stdout.includes('HTTP 201')) throw new Error(`POST /order did not answer 201:\n${created.stdout}`);
  demo.orders.journey = orderIdForKey(key);
  // short, so that the polls see the order PENDING, its failed first attempt, then FULFILLED
  await hold(demo, 1000);
  await caption(demo, 'Then GET /order/{id} once a second. This order\'s first attempt fails (attempts 1, last_error); SQS redelivers it after the visibility timeout (2 s here), and the second attempt fulfils it.');
  const poll = `while :; do B=$(curl -s "$API/order/${demo.orders.journey}" -H "x-api-key: $KEY"); echo "$B"; case "$B" in *'"FULFILLED"'*) break;; esac; sleep 1; done`;
  await demo.terminal.run(shell(demo, poll));
  demo.terminal.save('03-order-by-curl');
  await hold(demo, 4000);
}

export async function ordersOfCustomer(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.list);
  await showTerminal(demo, 'GET /orders?customer_id=' + CUSTOMER, 'a Query on the customer index, newest first');
  await caption(demo, `Every order of customer ${CUSTOMER}, newest first: the journey order, the one that failed, and its replay.`);
  await demo.terminal.run(shell(demo, `curl -s "$API/orders?customer_id=${CUSTOMER}&limit=5" -H "x-api-key: $KEY"; echo`));
  await hold(demo, 4000);
  await demo.terminal.run(dofs(demo, ['order', 'list', '--customer', CUSTOMER]));
  demo.terminal.save('07-orders-of-customer');
  await hold(demo, 6000);
}
