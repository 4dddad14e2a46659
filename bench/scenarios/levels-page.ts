import { pageScenario } from './page-pair.js';

/** The syllabus overview of every level (/levels), as the logged-in trainee sees it. */
export default pageScenario({
  name: 'levels overview',
  request: async (ctx) => ({ path: '/levels', headers: { cookie: ctx.trainee.cookie } }),
  expectText: (ctx) => ctx.trainee.name,
});
