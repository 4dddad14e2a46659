import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';

// Every request body is bounded while it is read (hono/body-limit counts the bytes of a streamed
// body as they arrive and stops at the limit; a Content-Length above it is refused before any byte
// is read), so no request can make the process buffer more than its route allows.

/** A request body over its route's limit: rendered by the app's error handler as a 413 page. */
export class BodyTooLarge extends HTTPException {
  constructor(readonly maxBytes: number) {
    super(413, { message: 'body_too_large' });
  }
}

export type BodyLimitRule = { method: string; path: RegExp; maxBytes: number };

export type BodyLimits = {
  /** Forms, htmx posts, JSON and LTI launches: everything not listed in `routes`. */
  defaultBytes: number;
  /** Routes that take more (file uploads), first match wins. */
  routes: BodyLimitRule[];
};

/** Room for the multipart boundaries and the small fields sent beside an uploaded file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function bodyLimits(limits: BodyLimits): MiddlewareHandler {
  const limiter = (maxBytes: number) =>
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new BodyTooLarge(maxBytes);
      },
    });
  const fallback = { maxBytes: limits.defaultBytes, limit: limiter(limits.defaultBytes) };
  const routes = limits.routes.map((r) => ({ ...r, limit: limiter(r.maxBytes) }));
  return async function bodyLimits(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const path = c.req.path;
    const rule = routes.find((r) => r.method === c.req.method && r.path.test(path)) ?? fallback;
    // A declared length is the whole body (Node's parser never reads past it), so it is judged from
    // the header alone — the very test hono/body-limit makes, but without first asking for
    // `c.req.raw.body`, which makes @hono/node-server build a full web Request and stream
    // (~200 µs of every form post and autosave). Bodies without a length are counted as they arrive.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length, 10) > rule.maxBytes) throw new BodyTooLarge(rule.maxBytes);
      return next();
    }
    return rule.limit(c, next);
  };
}
