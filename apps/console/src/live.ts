import type { ConsoleLogLine, ConsoleOverview, ConsoleStreamEvent, ConsoleWorkflow } from '@dofs/contracts';

/** What the one event stream (/api/events) has told so far; views read it and re-render on change. */
export interface LiveState {
  overview?: ConsoleOverview;
  workflow?: ConsoleWorkflow;
  /** the log tail, oldest first */
  logs: ConsoleLogLine[];
  connected: boolean;
}

export type LiveChange = 'overview' | 'workflow' | 'logs' | 'orders' | 'connection';

const MAX_LOG_LINES = 3000;

export const live: LiveState = { logs: [], connected: false };
const listeners = new Set<(change: LiveChange, orderIds: readonly string[]) => void>();

export function onLive(listener: (change: LiveChange, orderIds: readonly string[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const emit = (change: LiveChange, orderIds: readonly string[] = []): void => {
  for (const listener of listeners) listener(change, orderIds);
};

export function addLogLines(lines: readonly ConsoleLogLine[]): void {
  const known = new Set(live.logs.map((line) => line.seq));
  live.logs.push(...lines.filter((line) => !known.has(line.seq)));
  live.logs.sort((a, b) => a.seq - b.seq);
  if (live.logs.length > MAX_LOG_LINES) live.logs.splice(0, live.logs.length - MAX_LOG_LINES);
}

/** Opens the stream; EventSource reconnects by itself when the runtime restarts. */
export function connect(): void {
  const source = new EventSource('/api/events');
  const handle = (raw: MessageEvent<string>): void => {
    const event = JSON.parse(raw.data) as ConsoleStreamEvent;
    switch (event.type) {
      case 'overview':
        live.overview = event.overview;
        return emit('overview');
      case 'workflow':
        live.workflow = event.workflow;
        return emit('workflow');
      case 'logs':
        addLogLines(event.lines);
        return emit('logs');
      case 'orders':
        return emit('orders', event.order_ids);
    }
  };
  for (const type of ['overview', 'workflow', 'logs', 'orders']) source.addEventListener(type, handle as EventListener);
  source.addEventListener('open', () => {
    live.connected = true;
    emit('connection');
  });
  source.addEventListener('error', () => {
    live.connected = false;
    emit('connection');
  });
}

/** GET a console API path as JSON; a non-2xx answer throws its error envelope's message. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `${path} answered ${response.status}`);
  return body;
}

export async function postJson<T>(path: string, payload: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const body = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `${path} answered ${response.status}`);
  return body;
}
