// The local console in a real browser (the project's packaged Chromium, driven by playwright-core) against the
// real local system: orders appear and reach FULFILLED, a timeline shows states and attempts, the
// workflow graph highlights an execution's path; with success rate 0 an order reaches the DLQ
// view, is redriven (the queue moves), and lands in failed orders. Screenshots of every view go to
// dist/test-output/console/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { launchChromium } from '@dofs/tooling';
import { workspacePaths } from '../../src/workspace';
import { screenshot } from '../support/browser';
import { postOrder } from '../support/api';
import { validOrder } from '../support/orders';
import { waitFor } from '../support/wait-for';

let browser: Browser;
/**
 * The console's stream sends the overview five times a second instead of once: the live updates
 * the tests wait for come sooner, and what they check of each update is the same.
 */
const CONSOLE_TICK_MS = 200;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').trim();

/** Waits until the element's text is exactly `expected` (the console updates it live). */
async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  await waitFor(`${selector} to read ${expected}`, async () => ((await text(page, selector)) === expected ? true : undefined), 45_000);
}

describe('the console with orders that fulfil', () => {
  let system: LocalSystem;
  let page: Page;

  beforeAll(async () => {
    system = await startLocalSystem({ successRate: 1, consoleTickMs: CONSOLE_TICK_MS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await page?.close();
    await system?.stop();
  });

  it('is announced in endpoints.json and answers on 127.0.0.1', () => {
    expect(system.endpoints.console_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('says what to do when there are no orders yet, with the real API URL', async () => {
    await page.goto(system.endpoints.console_url ?? '');
    await page.getByRole('heading', { name: 'No orders yet' }).waitFor();
    expect(await text(page, '.empty-state pre')).toContain(`curl -s -X POST ${system.apiUrl}/order -H 'Content-Type: application/json' -H 'x-api-key: ${system.apiKey}'`);
    await waitForText(page, '#connection', 'live');
    await screenshot(page, 'overview-empty');
  });

  it('shows submitted orders appear and reach FULFILLED, live', async () => {
    const posted = await Promise.all([1, 2, 3].map((n) => postOrder(system, validOrder(), { 'Idempotency-Key': `console-e2e-${n}` })));
    expect(posted.map((answer) => answer.status)).toEqual([201, 201, 201]);
    await waitForText(page, '[data-testid=count-FULFILLED] .card-value', '3');
    expect(await text(page, '[data-testid=count-PENDING] .card-value')).toBe('0');
    for (const answer of posted) await page.locator(`a[href="#/orders/${answer.body.order_id}"]`).waitFor();
    expect(await page.locator('table[aria-label="Latest orders"] .status-fulfilled').count()).toBe(3);
    expect(await page.getByRole('heading', { name: 'No orders yet' }).count()).toBe(0);
    await screenshot(page, 'overview');
  });

  it('finds an order by its Idempotency-Key and shows its timeline: the POST, each state, the attempt, the logs', async () => {
    await page.getByRole('searchbox', { name: 'Order id or Idempotency-Key' }).fill('console-e2e-2');
    await page.getByRole('button', { name: 'Find order' }).press('Enter');
    await page.locator('ol[aria-label=Timeline]').waitFor();
    const orderId = decodeURIComponent(page.url().split('#/orders/')[1] ?? '');
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
    await page.locator('li.step-attempt').waitFor();
    const steps = await page.locator('ol[aria-label=Timeline] li .step-title').allInnerTexts();
    expect(steps[0]).toBe('POST /order -> 201');
    expect(steps).toEqual(
      expect.arrayContaining(['ValidateOrder', 'IsOrderValid', 'StoreOrder', 'ShouldEnqueue', 'EnqueueOrder', 'OrderAccepted', 'Fulfillment attempt (receive 1): succeeded']),
    );
    expect(await page.locator('.order-summary .badge').innerText()).toBe('FULFILLED');
    // a state's input and output are there to open
    await page.locator('li.step-state', { hasText: 'StoreOrder' }).locator('summary').click();
    expect(await page.locator('li.step-state', { hasText: 'StoreOrder' }).locator('pre').last().innerText()).toContain('"created": true');
    const logFunctions = await page.locator('table[aria-label="Log lines"] td.fn').allInnerTexts();
    expect(new Set(logFunctions)).toEqual(new Set(['validator', 'order-storage', 'api-handler', 'fulfill-order']));
    await screenshot(page, 'order-detail');
  });

  it('draws the workflow from the ASL with counts, and highlights an execution path on click', async () => {
    await page.getByRole('link', { name: 'Workflow' }).click();
    await page.locator('svg.workflow-graph').waitFor();
    // every state of contracts/order-workflow.asl.json, each Fail state among them
    const asl = JSON.parse(readFileSync(path.join(workspacePaths().contractsDir, 'order-workflow.asl.json'), 'utf8')) as { States: object };
    const drawn = await page.locator('g[data-state]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')));
    expect(drawn.sort()).toEqual(Object.keys(asl.States).sort());
    await waitForText(page, 'g[data-state=StoreOrder] .state-count', 'Task · 3');
    expect(await text(page, 'g[data-state=StoreFailed] .state-count')).toBe('Fail · 0');
    expect(await page.locator('g.edge-catch').count()).toBeGreaterThanOrEqual(4);
    await page.locator('button[data-execution]').first().click();
    expect(await page.locator('g[data-state].on-path').count()).toBe(6);
    expect(await page.locator('g[data-edge].on-path').count()).toBe(5);
    await screenshot(page, 'workflow');
  });

  it('shows per-function statistics and a live, filterable log tail', async () => {
    await page.getByRole('link', { name: 'Functions' }).click();
    const row = page.locator('table[aria-label=Functions] tr', { hasText: 'fulfill-order' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(Number(cells[1])).toBeGreaterThanOrEqual(1);
    expect(cells[2]).toBe('0');
    expect(Number(cells[3])).toBeGreaterThanOrEqual(1);
    expect(cells[4]).toMatch(/ms$/);
    await screenshot(page, 'functions');

    await page.getByRole('link', { name: 'Logs' }).click();
    await page.locator('table[aria-label="Log lines"]').waitFor();
    await page.getByRole('combobox', { name: 'Function' }).selectOption('fulfill-order');
    const shown = await page.locator('table[aria-label="Log lines"] td.fn').allInnerTexts();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(new Set(shown)).toEqual(new Set(['fulfill-order']));
    await screenshot(page, 'logs');
  });

  it('is usable from the keyboard: a skip link first, then every view by Tab and Enter', async () => {
    await page.goto(`${system.endpoints.console_url ?? ''}/#/overview`);
    // a fresh load: focus starts at the top of the page
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await text(page, ':focus')).toBe('Skip to content');
    for (const view of ['Overview', 'Orders', 'Workflow']) {
      await page.keyboard.press('Tab');
      expect(await text(page, ':focus')).toBe(view);
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Workflow/ }).waitFor();
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Workflow');
  });

  it('updates in place: typed text, focus and a text selection survive ten live updates', async () => {
    await page.goto(`${system.endpoints.console_url ?? ''}/#/overview`);
    await page.getByRole('heading', { name: 'Latest orders' }).waitFor();
    // a second listener on the page's stream counts the overviews the server sends it that differ
    // from the one before, each an update the page must draw (the page's code runs in the browser:
    // these are expressions for it, not TypeScript of this test)
    await page.evaluate(`window.overviews = 0; window.lastOverview = '';
      new EventSource('/api/events').addEventListener('overview', (event) => {
        if (event.data !== window.lastOverview) window.overviews += 1;
        window.lastOverview = event.data;
      });`);
    const overviews = async (): Promise<number> => Number(await page.evaluate('window.overviews'));
    const afterUpdates = async (count: number): Promise<void> => {
      const start = await overviews();
      let sent = 0;
      // orders keep arriving meanwhile, one each time the test looks, so the overview keeps changing
      await waitFor(`${count} overview updates that change the page`, async () => {
        await postOrder(system, validOrder(), { 'Idempotency-Key': `console-e2e-in-place-${start}-${(sent += 1)}` });
        return (await overviews()) >= start + count ? true : undefined;
      });
    };
    const search = page.getByRole('searchbox', { name: 'Order id or Idempotency-Key' });
    await search.click();
    await page.keyboard.type('an order I am typing');
    await afterUpdates(10);
    expect(await search.inputValue()).toBe('an order I am typing');
    expect(await page.evaluate(`document.activeElement === document.querySelector('input[name=q]')`)).toBe(true);

    const selection = `document.getSelection().toString()`;
    await page.evaluate(`{
      const heading = [...document.querySelectorAll('h2')].find((candidate) => candidate.textContent === 'Latest orders');
      const range = document.createRange();
      range.selectNodeContents(heading);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
    }`);
    expect(await page.evaluate(selection)).toBe('Latest orders');
    await afterUpdates(10);
    expect(await page.evaluate(selection)).toBe('Latest orders');
  });
});

describe('the console with orders that fail', () => {
  let system: LocalSystem;
  let page: Page;

  beforeAll(async () => {
    system = await startLocalSystem({ successRate: 0, maxReceiveCount: 2, visibilityTimeoutSeconds: 1, alertThreshold: 1, consoleTickMs: CONSOLE_TICK_MS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await page?.close();
    await system?.stop();
  });

  it('shows the order in the DLQ, redrives it to order_queue, then lists it in failed orders', async () => {
    // dlq-processor off, so the message stays in the DLQ to be seen and redriven
    await system.setEventSourceEnabled('dlq-processor', false);
    const created = await postOrder(system, validOrder());
    expect(created.status).toBe(201);
    const orderId = created.body.order_id;

    await page.goto(`${system.endpoints.console_url ?? ''}/#/queues`);
    const message = page.locator('li.dlq-message', { hasText: orderId });
    await message.waitFor({ timeout: 45_000 });
    expect(await message.locator('pre').innerText()).toContain(`"order_id":"${orderId}"`);
    await screenshot(page, 'queues-dlq');

    await message.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Redrive selected' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved 1 message(s) to order_queue.' }).waitFor();
    // the queue moved: the message left the DLQ for order_queue, where it fails again
    await page.locator('li.dlq-message', { hasText: orderId }).waitFor({ state: 'detached' });
    await page.locator('li.dlq-message', { hasText: orderId }).waitFor({ timeout: 45_000 });

    await system.setEventSourceEnabled('dlq-processor', true);
    await page.getByRole('link', { name: 'Overview' }).click();
    await waitForText(page, '[data-testid=count-FAILED] .card-value', '1');
    await waitForText(page, '[data-testid=alarm] .card-value', 'ALARM');
    await screenshot(page, 'overview-failures');

    await page.getByRole('link', { name: 'Failed orders' }).click();
    const row = page.locator('table[aria-label="Failed orders"] tr', { hasText: orderId });
    await row.waitFor();
    expect(await row.innerText()).toContain('MAX_RECEIVES_EXCEEDED');
    await screenshot(page, 'failed-orders');

    await page.goto(`${system.endpoints.console_url ?? ''}/#/orders/${orderId}`);
    await page.locator('li.step-failed', { hasText: 'failed_orders row' }).waitFor();
    const titles = await page.locator('ol[aria-label=Timeline] li .step-title').allInnerTexts();
    // two receives, the redrive, two more, then the DLQ: four failed attempts in all
    expect(titles.filter((title) => title.endsWith(': failed') && title.includes('Fulfillment attempt'))).toHaveLength(4);
    expect(titles.some((title) => title.startsWith('In order_dlq'))).toBe(true);
    await screenshot(page, 'order-detail-failed');
  });
});
