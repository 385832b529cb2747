import type { Order } from '@dofs/contracts';
export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** the API's Order schema, as every other part of DOFS names it */
export type { Order } from '@dofs/contracts';

export interface ErrorBody {
  error: { code: string; message: string; details: { path: string; problem: string }[]; request_id: string };
}

async function answer<T>(response: Response): Promise<ApiAnswer<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text for the assertion to show
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** Where the API answers and the key to call it with (a LocalSystem is one). */
export interface ApiTarget {
  readonly apiUrl: string;
  readonly apiKey: string;
}

export async function postOrder<T = Order>(api: ApiTarget, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  return answer<T>(
    await fetch(`${api.apiUrl}/order`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-api-key': api.apiKey, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export async function getOrder<T = Order>(api: ApiTarget, orderId: string): Promise<ApiAnswer<T>> {
  return answer<T>(await fetch(`${api.apiUrl}/order/${orderId}`, { headers: { 'x-api-key': api.apiKey } }));
}

export async function request<T = unknown>(url: string, init?: RequestInit): Promise<ApiAnswer<T>> {
  return answer<T>(await fetch(url, init));
}
