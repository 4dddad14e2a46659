import { measure, type Scenario } from '../harness.js';

/** The trainee's home page (/me), logged in: session lookup, queries, JSX render. */
export default {
  name: 'trainee page',
  targets: { minBaselineRatio: 0.5, maxP99Ms: 20 },
  run: (ctx) =>
    measure({
      name: 'trainee page',
      url: `${ctx.app.url}/me`,
      headers: { cookie: ctx.trainee.cookie },
      expectText: ctx.trainee.name,
    }),
} satisfies Scenario;
