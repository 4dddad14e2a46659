import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { translator } from '../../src/i18n/index.js';
import { classesCalendar } from '../../src/hours/ical.js';
import { assignInstructor } from '../../src/institutions/store.js';
import { cohortOf, count, sessionAt } from './dashboards-fixtures.js';

// iCalendar feeds: secret addresses, RFC 5545 output, and times that are right on a UTC server.

type Component = { name: string; props: { name: string; params: string; value: string }[]; children: Component[] };

/** A strict-enough RFC 5545 reader: CRLF lines, unfolding, balanced BEGIN/END, NAME[;PARAMS]:VALUE. */
function parseIcs(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare line breaks
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const root: Component = { name: '', props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const m = /^([A-Z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${line}`);
    const [, name, params, value] = m as unknown as [string, string, string, string];
    if (name === 'BEGIN') {
      const c: Component = { name: value, props: [], children: [] };
      stack.at(-1)!.children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      expect(stack.pop()!.name).toBe(value);
    } else {
      stack.at(-1)!.props.push({ name, params, value });
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

const prop = (c: Component, name: string) => c.props.find((p) => p.name === name);

// 09:00 on 10 March 2026 in Shanghai (UTC+8) is 01:00 UTC.
const NINE_SHANGHAI = Date.UTC(2026, 2, 10, 1, 0);

async function feedFrom(t: TestApp, res: Response) {
  expect(res.status).toBe(200);
  const html = await res.text();
  const url = /data-testid="feed-url">([^<]+)</.exec(html)?.[1];
  expect(url).toMatch(/^http:\/\/localhost:3000\/calendar\/[a-z0-9]+\.ics$/);
  expect(html).toContain(`href="${url!.replace(/^http:/, 'webcal:')}"`);
  return new URL(url!).pathname;
}

describe('calendar feeds', () => {
  it("serves a trainee's sessions as iCalendar with DTSTART in UTC (09:00 Shanghai = 01:00Z)", async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    sessionAt(t, a.cohort, NINE_SHANGHAI, { title: '客户经理概论 第一讲', room: '302 教室' });
    sessionAt(t, a.cohort, NINE_SHANGHAI + 86_400_000, { title: '远程答疑', mode: 'remote', room: null, meetingUrl: 'https://meeting.example.cn/j/123' });
    sessionAt(t, b.cohort, NINE_SHANGHAI, { title: '别的机构的课' });
    const cookie = await t.login(a.trainee.email);
    expect((await t.request('/me/calendar', { cookie })).status).toBe(200);
    const path = await feedFrom(t, await t.request('/me/calendar', { method: 'POST', cookie }));
    // Stored hashed: the token itself is nowhere in the database.
    const token = path.split('/').pop()!.replace('.ics', '');
    expect(JSON.stringify(t.db.$client.prepare('select * from calendar_feeds').all())).not.toContain(token);

    const res = await t.request(path); // a calendar app: no cookie
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const cal = parseIcs(await res.text());
    expect(cal.name).toBe('VCALENDAR');
    expect(prop(cal, 'VERSION')?.value).toBe('2.0');
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    expect(events).toHaveLength(2);
    const first = events.find((e) => prop(e, 'SUMMARY')!.value.startsWith('客户经理概论 第一讲'))!;
    expect(prop(first, 'DTSTART')).toEqual({ name: 'DTSTART', params: '', value: '20260310T010000Z' });
    expect(prop(first, 'DTEND')?.value).toBe('20260310T040000Z');
    expect(prop(first, 'SUMMARY')?.value).toBe('客户经理概论 第一讲 · 银行客户经理概论');
    expect(prop(first, 'LOCATION')?.value).toBe('302 教室');
    expect(prop(first, 'DESCRIPTION')?.value).toContain(`班级：${a.cohort.name}`);
    const remote = events.find((e) => e !== first)!;
    expect(prop(remote, 'LOCATION')?.value).toBe('https://meeting.example.cn/j/123');
    expect(prop(remote, 'URL')?.value).toBe('https://meeting.example.cn/j/123');
    expect(new Set(events.map((e) => prop(e, 'UID')!.value)).size).toBe(2);
  });

  it('answers 404 for an unknown token, and a new address turns off the old one', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    expect((await t.request('/calendar/abcdefghijklmnopqrstuvwx.ics')).status).toBe(404);
    expect((await t.request('/calendar/not-a-token.ics')).status).toBe(404);
    const cookie = await t.login(a.trainee.email);
    const old = await feedFrom(t, await t.request('/me/calendar', { method: 'POST', cookie }));
    const fresh = await feedFrom(t, await t.request('/me/calendar', { method: 'POST', cookie }));
    expect((await t.request(old)).status).toBe(404);
    expect((await t.request(fresh)).status).toBe(200);
    expect(count(t, 'calendar_feeds')).toBe(1);
  });

  it('gives an admin (hours page) and an assigned instructor a cohort feed; it stops when the instructor is taken off', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const other = cohortOf(t, a.inst.id, 'retail');
    sessionAt(t, a.cohort, NINE_SHANGHAI, { title: '本班的课' });
    sessionAt(t, other, NINE_SHANGHAI, { title: '别班的课' });
    const admin = await t.login(a.admin.email);
    const adminPath = await feedFrom(t, await t.request(`/admin/cohorts/${a.cohort.id}/calendar-feed`, { method: 'POST', cookie: admin }));
    const text = await (await t.request(adminPath)).text();
    expect(text).toContain('本班的课');
    expect(text).not.toContain('别班的课');

    const instructor = await t.login(a.instructor.email);
    expect((await t.request(`/instructor/cohorts/${a.cohort.id}/calendar`, { cookie: instructor })).status).toBe(200);
    expect((await t.request(`/instructor/cohorts/${other.id}/calendar`, { cookie: instructor })).status).toBe(403);
    const path = await feedFrom(t, await t.request(`/instructor/cohorts/${a.cohort.id}/calendar`, { method: 'POST', cookie: instructor }));
    expect((await t.request(path)).status).toBe(200);
    t.db.$client.prepare('delete from cohort_instructors where user_id = ?').run(a.instructor.id);
    expect((await t.request(path)).status).toBe(404);
    assignInstructor(t.db, a.cohort.id, a.instructor.id);
    expect((await t.request(path)).status).toBe(200);
  });

  it('writes UTC instants whatever zone the server runs in', () => {
    const ics = classesCalendar({
      name: 'x',
      host: 'localhost',
      t: translator('en'),
      courseTitle: (s) => s,
      sessions: [
        {
          id: 1,
          cohortId: 1,
          title: 'Opening',
          courseSlug: 'bcm-intro',
          room: null,
          meetingUrl: null,
          startsAt: NINE_SHANGHAI,
          endsAt: NINE_SHANGHAI + 3_600_000,
        },
      ],
      now: 0,
    });
    const event = parseIcs(ics).children.find((c) => c.name === 'VEVENT')!;
    expect(prop(event, 'DTSTART')?.value).toBe('20260310T010000Z');
    expect(prop(event, 'DESCRIPTION')?.value).toBe('Course: bcm-intro');
  });
});
