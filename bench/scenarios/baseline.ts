import { measure, type Scenario } from '../harness.js';

/** The bare Hono server returning a fixed string as large as the trainee page. */
export default {
  name: 'baseline',
  isBaseline: true,
  run: (ctx) => measure({ name: 'baseline', url: `${ctx.baseline.url}/`, expectText: ctx.trainee.name }),
} satisfies Scenario;
