import { live, connect, onLive } from './live';
import { failedOrdersView } from './views/failed-orders';
import { functionsView } from './views/functions';
import { logsView } from './views/logs';
import { orderDetailView } from './views/order-detail';
import { overviewView } from './views/overview';
import { queuesView } from './views/queues';
import { workflowView } from './views/workflow';

type View = (root: HTMLElement, parameter: string | undefined) => () => void;

const VIEWS: Readonly<Record<string, View>> = {
  overview: overviewView,
  orders: orderDetailView,
  workflow: workflowView,
  queues: queuesView,
  failed: failedOrdersView,
  functions: functionsView,
  logs: logsView,
};

const main = document.getElementById('main') as HTMLElement;
const connection = document.getElementById('connection') as HTMLElement;
let leave: () => void = () => undefined;

function route(): void {
  const [name = 'overview', parameter] = location.hash.replace(/^#\/?/, '').split('/');
  const view = VIEWS[name] ?? overviewView;
  leave();
  leave = view(main, parameter === undefined ? undefined : decodeURIComponent(parameter));
  for (const link of document.querySelectorAll('nav a')) {
    const current = link.getAttribute('href') === `#/${VIEWS[name] ? name : 'overview'}`;
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `DOFS console: ${name}`;
}

onLive((change) => {
  if (change !== 'connection') return;
  connection.textContent = live.connected ? 'live' : 'disconnected: is `npm start` running?';
  connection.className = `connection ${live.connected ? 'up' : 'down'}`;
});
window.addEventListener('hashchange', () => {
  route();
  main.focus();
});
connect();
route();
