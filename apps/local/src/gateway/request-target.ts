/** The path and query of a request, as the client sent them. */
export interface RequestTarget {
  /** not normalised: no dot segments resolved, no backslash read as a slash, no percent-decoding */
  readonly path: string;
  readonly searchParams: URLSearchParams;
}

/**
 * Splits a request target (RFC 9112: origin-form `/a?b`, or absolute-form `http://host/a?b`)
 * into its raw path and its query. API Gateway routes on the path as sent; WHATWG URL parsing
 * would turn `/order\<id>` into `/order/<id>` and `/order/../health` into `/health`, reaching
 * routes the client did not ask for.
 */
export function parseRequestTarget(target: string): RequestTarget {
  const originForm = target.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, '');
  const queryAt = originForm.indexOf('?');
  const path = queryAt < 0 ? originForm : originForm.slice(0, queryAt);
  return { path, searchParams: new URLSearchParams(queryAt < 0 ? '' : originForm.slice(queryAt + 1)) };
}
