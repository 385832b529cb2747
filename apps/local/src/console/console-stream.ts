import type { ServerResponse } from 'node:http';
import type { ConsoleStreamEvent } from '@dofs/contracts';
import type { ConsoleState } from './console-state';
import type { ConsoleViews } from './console-views';

/**
 * The server-sent events the browser app listens to: on connect the overview and the workflow;
 * then, once a tick, the overview, the workflow when it changed, the fresh log lines and the
 * orders whose timelines moved.
 */
export class ConsoleStream {
  private readonly clients = new Set<ServerResponse>();
  private ticking = false;
  private sentWorkflow = -1;

  constructor(
    private readonly state: ConsoleState,
    private readonly views: ConsoleViews,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  open(res: ServerResponse): void {
    res.writeHead(200, { ...this.headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    void this.views.overview().then(
      (value) => write(res, { type: 'overview', overview: value }),
      () => undefined,
    );
    write(res, { type: 'workflow', workflow: this.views.workflow() });
  }

  /** One tick: what changed since the last, to every client. The events seen meanwhile are taken even with no client. */
  async tick(): Promise<void> {
    const lines = this.state.takeFreshLogs();
    const touched = this.state.takeTouched();
    if (this.clients.size === 0 || this.ticking) return;
    this.ticking = true;
    try {
      const events: ConsoleStreamEvent[] = [{ type: 'overview', overview: await this.views.overview() }];
      if (this.state.workflowVersion !== this.sentWorkflow) {
        this.sentWorkflow = this.state.workflowVersion;
        events.push({ type: 'workflow', workflow: this.views.workflow() });
      }
      if (lines.length > 0) events.push({ type: 'logs', lines });
      if (touched.length > 0) events.push({ type: 'orders', order_ids: touched });
      for (const res of this.clients) for (const event of events) write(res, event);
    } catch {
      // a service stopping under the console; the next tick tries again
    } finally {
      this.ticking = false;
    }
  }

  close(): void {
    for (const res of this.clients) res.end();
  }
}

function write(res: ServerResponse, event: ConsoleStreamEvent): void {
  res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}
