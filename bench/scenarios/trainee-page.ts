import { pageScenario } from './page-pair.js';

/** The trainee's home page (/me), logged in: session lookup, queries, JSX render. */
export default pageScenario({
  name: 'trainee page',
  request: async (ctx) => ({ path: '/me', headers: { cookie: ctx.trainee.cookie } }),
  expectText: (ctx) => ctx.trainee.name,
});
