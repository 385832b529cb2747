import type { ConsoleOrderDetail, ConsoleOverview, ConsoleWorkflow } from '@dofs/contracts';
import type { ConsoleData } from './console-data';
import type { ConsoleState } from './console-state';

/** What the views are drawn from besides the services: the run's fixed facts. */
export interface ConsoleFacts {
  readonly apiUrl: string;
  /** the local client's key, for the curl the empty overview shows (the console answers 127.0.0.1 only) */
  readonly apiKey: string;
  readonly workflow: { readonly name: string; readonly definitionText: string };
  readonly alarm: { readonly name: string; readonly threshold: number; readonly periodSeconds: number };
  readonly settings: ConsoleOverview['settings'];
}

/** The console's three composite answers, from the services (data) and the runtime's events (state). */
export interface ConsoleViews {
  overview(): Promise<ConsoleOverview>;
  workflow(): ConsoleWorkflow;
  orderDetail(orderId: string): Promise<ConsoleOrderDetail>;
}

export function consoleViews(facts: ConsoleFacts, data: ConsoleData, state: ConsoleState): ConsoleViews {
  const definition = JSON.parse(facts.workflow.definitionText) as unknown;
  return {
    async overview() {
      const [counts, queues, recent] = await Promise.all([data.statusCounts(), data.queueStats(), data.recentOrders()]);
      return {
        api_url: facts.apiUrl,
        api_key: facts.apiKey,
        counts,
        rates: state.ratePoints(),
        queues,
        alarm: {
          name: facts.alarm.name,
          state: state.alarmState,
          threshold: facts.alarm.threshold,
          period_s: facts.alarm.periodSeconds,
          alerts: state.alerts,
        },
        functions: state.functionStats(),
        recent_orders: recent,
        settings: facts.settings,
      };
    },
    workflow: () => ({
      name: facts.workflow.name,
      definition,
      state_counts: state.stateCounts,
      edge_counts: state.edgeCounts,
      executions: state.executionList(),
    }),
    async orderDetail(orderId) {
      const [order, failed] = await Promise.all([data.order(orderId), data.failedOrder(orderId)]);
      const correlationId = failed?.correlation_id ?? state.logLines({ orderId, limit: 1 })[0]?.correlation_id;
      const logs = state
        .logLines({ limit: 5000 })
        .filter((line) => line.order_id === orderId || (correlationId !== undefined && line.correlation_id === correlationId));
      return {
        order_id: orderId,
        ...(order ? { order } : {}),
        ...(failed ? { failed } : {}),
        timeline: state.timeline(orderId),
        logs: logs.slice(-500),
      };
    },
  };
}
