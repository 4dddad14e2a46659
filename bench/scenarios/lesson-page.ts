import { measure, type Scenario } from '../harness.js';

/** A lesson for a logged-in trainee: compiled MDX rendered per request, plus the study status. */
export default {
  name: 'lesson page',
  targets: { minBaselineRatio: 0.5 },
  run: (ctx) =>
    measure({
      name: 'lesson page',
      url: `${ctx.app.url}/courses/bcm-intro/01-role-and-duties`,
      headers: { cookie: ctx.trainee.cookie },
      expectText: '银行客户经理的角色、职责与核心能力',
    }),
} satisfies Scenario;
