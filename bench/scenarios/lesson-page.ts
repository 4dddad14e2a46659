import { pageScenario } from './page-pair.js';

/** A lesson for a logged-in trainee: the cached lesson body in the layout, plus the study status. */
export default pageScenario({
  name: 'lesson page',
  request: async (ctx) => ({ path: '/courses/bcm-intro/01-role-and-duties', headers: { cookie: ctx.trainee.cookie } }),
  expectText: () => '银行客户经理的角色、职责与核心能力',
});
