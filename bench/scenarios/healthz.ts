import { measure, type Scenario } from '../harness.js';

/** The full middleware chain plus one `select 1`, a small JSON body. */
export default {
  name: 'healthz',
  run: (ctx) => measure({ name: 'healthz', url: `${ctx.app.url}/healthz`, expectText: '"ok"' }),
} satisfies Scenario;
