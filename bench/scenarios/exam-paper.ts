import { pageScenario } from './page-pair.js';

const EXAM = 'assistant-mock';

/**
 * The paper of a running mock exam, reloaded by its trainee (the demo trainee starts one, as a
 * browser would: POST start, follow the redirect). Measured after the other pages, since an open
 * attempt shows on the trainee's home page.
 */
export default pageScenario({
  name: 'exam paper page',
  request: async (ctx) => {
    const res = await fetch(`${ctx.app.url}/exams/start/${EXAM}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: ctx.trainee.cookie, origin: new URL(ctx.app.url).origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    await res.arrayBuffer();
    const location = res.headers.get('location') ?? '';
    if (res.status !== 303 || !/^\/exams\/attempts\/\d+$/.test(location)) throw new Error(`start ${EXAM}: HTTP ${res.status} to "${location}"`);
    return { path: location, headers: { cookie: ctx.trainee.cookie } };
  },
  expectText: () => 'id="submit-form"',
});
