import type { MiddlewareHandler } from 'hono';
import pino, { type Logger } from 'pino';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env.js';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    // Defence in depth: request logs below never include headers or bodies, but anything that
    // does log an object with these keys has them censored.
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'cookie',
        '*.cookie',
        'authorization',
        '*.authorization',
        'nationalId',
        '*.nationalId',
        'phone',
        '*.phone',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * One JSON line per request. Logs the matched route pattern (e.g. /activate/:token) rather than
 * the raw path, and never the query string, so tokens and personal data in URLs stay out of logs.
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const start = performance.now();
    try {
      await next();
    } finally {
      // c.get, not c.var: c.var copies every variable into a new object on each access.
      const logger = c.get('deps').logger;
      if (logger.isLevelEnabled('info')) {
        logger.info({
          reqId: c.get('requestId'),
          method: c.req.method,
          route: routePath(c, -1),
          status: c.res.status,
          ms: Math.round((performance.now() - start) * 10) / 10,
          user: c.get('user')?.id,
        });
      }
    }
  };
}
