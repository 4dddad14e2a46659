import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { devReload } from '../../src/http/dev-reload.js';
import { makeTestApp } from '../helpers/app.js';

describe('npm run dev: reloading the open lesson', () => {
  it('streams a "changed" event with the recompiled lesson keys to open pages', async () => {
    const t = await makeTestApp();
    const reload = devReload();
    const app = createApp({ db: t.db, config: { ...t.config, production: false }, logger: pino({ level: 'silent' }), catalog: t.catalog, devReload: reload });
    const res = await app.request('/dev/reload');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: ping')) text += decoder.decode((await reader.read()).value);
    reload.notify(['bcm-intro/01-role-and-duties']);
    while (!text.includes('event: changed')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('data: ["bcm-intro/01-role-and-duties"]');
    await reader.cancel();
    // Pages opt in through a meta tag only in development.
    const u = await t.user('trainee', null);
    const cookie = await t.login(u.email);
    const page = await (await app.request('/courses/bcm-intro/01-role-and-duties', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('<meta name="bcm-dev-reload" content="/dev/reload"/>');
    expect(await (await t.request('/courses/bcm-intro/01-role-and-duties', { cookie })).text()).not.toContain('bcm-dev-reload');
    expect((await t.request('/dev/reload')).status).toBe(404);
  });
});
