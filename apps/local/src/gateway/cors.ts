import type { Route } from './openapi-routes';

/**
 * CORS for browsers calling the local API from another origin. contracts/openapi.yaml declares no
 * OPTIONS methods, so this is the local gateway's own behaviour, derived from the routes: the
 * methods of the path, the header parameters the operations accept, the headers they answer with.
 */
export function preflightHeaders(routes: readonly Route[]): Record<string, string> {
  const methods = [...new Set([...routes.map((route) => route.method), 'OPTIONS'])];
  const headers = [
    ...new Set(['Content-Type', ...routes.flatMap((route) => route.parameters.filter((p) => p.in === 'header').map((p) => p.name))]),
  ];
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': methods.join(','),
    'Access-Control-Allow-Headers': headers.join(','),
    'Access-Control-Max-Age': '600',
  };
}

/** Added to an answer that does not set CORS headers itself. */
export function responseCorsHeaders(route: Route | undefined): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    ...(route && route.responseHeaders.length > 0 && { 'Access-Control-Expose-Headers': route.responseHeaders.join(',') }),
  };
}
