import { pageScenario } from './page-pair.js';

/** The lesson every lesson-page row asks for (also bench/scenarios/workers.ts), and its title. */
export const LESSON_PATH = '/courses/bcm-intro/01-role-and-duties';
export const LESSON_TITLE = '银行客户经理的角色、职责与核心能力';

/** A lesson for a logged-in trainee: the cached lesson body in the layout, plus the study status. */
export default pageScenario({
  name: 'lesson page',
  request: async (ctx) => ({ path: LESSON_PATH, headers: { cookie: ctx.trainee.cookie } }),
  expectText: () => LESSON_TITLE,
});
