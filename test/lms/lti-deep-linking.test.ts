import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { ORIGIN } from '../helpers/app.js';
import * as people from '../../src/institutions/store.js';
import { Jar, lmsTest, ROLE, type LmsTest } from './helpers.js';
import { CLIENT_ID, DEPLOYMENT_ID } from './platform.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

/** An instructor's deep-linking launch; returns the picker page and the cookies it set. */
async function deepLinkLaunch(lms: LmsTest, roles = [ROLE.instructor], sub = 'teacher-1') {
  return lms.launch({
    extra: {
      sub,
      email: `${sub}@a.example`,
      [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
      [`${LTI}roles`]: roles,
      [`${LTI}resource_link`]: undefined,
      [`${DL}deep_linking_settings`]: {
        deep_link_return_url: `${lms.platform.base}/deep-link-return?course=7`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        data: 'opaque-platform-data-123',
      },
    },
  });
}

const ticketOf = (html: string) => /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function pick(lms: LmsTest, jar: Jar, ticket: string, target: string) {
  const res = await lms.t.app.request('/lti/deep-link', {
    method: 'POST',
    body: new URLSearchParams({ ticket, target }),
    // Posted from our own picker page inside the LMS iframe: same origin.
    headers: { Cookie: jar.header(), Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' },
  });
  jar.absorb(res);
  return res;
}

async function verifyResponse(lms: LmsTest, html: string) {
  const jwt = /name="JWT" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const jwks = (await (await lms.t.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    algorithms: ['RS256'],
    issuer: CLIENT_ID,
    audience: lms.platform.issuer,
  });
  return { payload, protectedHeader };
}

describe('LTI deep linking', () => {
  it('lets an instructor pick a mock exam and returns a signed response that verifies against our JWKS', async () => {
    const lms = await lmsTest();
    const { res, jar } = await deepLinkLaunch(lms);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('选择要放入 LMS 的内容');
    for (const value of ['level:assistant', 'exam:assistant-mock', 'course:bcm-intro', 'lesson:bcm-intro/01-role-and-duties'])
      expect(html).toContain(`value="${value}"`);
    // The picker lives in the LMS iframe.
    expect(res.headers.get('Content-Security-Policy')).toContain(`frame-ancestors 'self' ${lms.platform.base}`);

    const back = await pick(lms, jar, ticketOf(html), 'exam:assistant-mock');
    expect(back.status).toBe(200);
    const page = await back.text();
    // No inline script: a real form with a visible button, submitted by our static script.
    expect(page).toContain(`action="${lms.platform.base}/deep-link-return?course=7"`);
    expect(page.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    expect(page).toContain('返回 LMS');
    expect(page).toContain('src="/static/js/lti.js"');
    expect(page).not.toMatch(/<script>[^<]/);
    const csp = back.headers.get('Content-Security-Policy')!;
    expect(csp).toContain(`form-action 'self' ${lms.platform.base}`);
    expect(csp).toContain("script-src 'self'");

    const { payload, protectedHeader } = await verifyResponse(lms, page);
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload[`${LTI}message_type`]).toBe('LtiDeepLinkingResponse');
    expect(payload[`${LTI}version`]).toBe('1.3.0');
    expect(payload[`${LTI}deployment_id`]).toBe(DEPLOYMENT_ID);
    expect(payload[`${DL}data`]).toBe('opaque-platform-data-123');
    expect(payload[`${DL}content_items`]).toEqual([
      {
        type: 'ltiResourceLink',
        title: '助理级银行客户经理模拟考试',
        url: `${ORIGIN}/exams?exam=assistant-mock`,
        custom: { bcm_target: 'exam:assistant-mock' },
        lineItem: { scoreMaximum: 100, label: '助理级银行客户经理模拟考试', resourceId: 'assistant-mock', tag: 'bcm-mock-exam' },
      },
    ]);

    // The platform then launches the new placement: it lands on the exam.
    const placed = await lms.launch({
      extra: {
        sub: 'learner-9',
        email: 'learner-9@a.example',
        [`${LTI}resource_link`]: { id: 'placed-exam' },
        [`${LTI}target_link_uri`]: `${ORIGIN}/exams?exam=assistant-mock`,
        [`${LTI}custom`]: { bcm_target: 'exam:assistant-mock' },
      },
    });
    expect(placed.res.status).toBe(303);
    expect(placed.res.headers.get('Location')).toBe('/exams?exam=assistant-mock');
  });

  it('places a lesson without a gradebook column', async () => {
    const lms = await lmsTest();
    const { res, jar } = await deepLinkLaunch(lms);
    const back = await pick(lms, jar, ticketOf(await res.text()), 'lesson:bcm-intro/01-role-and-duties');
    const { payload } = await verifyResponse(lms, await back.text());
    const [item] = payload[`${DL}content_items`] as Record<string, unknown>[];
    expect(item).toMatchObject({
      type: 'ltiResourceLink',
      url: `${ORIGIN}/courses/bcm-intro/01-role-and-duties`,
      custom: { bcm_target: 'lesson:bcm-intro/01-role-and-duties' },
    });
    expect(item.lineItem).toBeUndefined();
  });

  it('refuses learners, unknown choices and tickets of someone else', async () => {
    const lms = await lmsTest();
    const learner = await deepLinkLaunch(lms, [ROLE.learner], 'learner-dl');
    expect(learner.res.status).toBe(403);
    expect(await learner.res.text()).toContain('只有教师可以');
    expect(people.findPersonByEmail(lms.t.db, 'learner-dl@a.example')).toBeUndefined();

    const { res, jar } = await deepLinkLaunch(lms);
    const ticket = ticketOf(await res.text());
    const bad = await pick(lms, jar, ticket, 'lesson:bcm-intro/no-such-lesson');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请选择一项内容');

    // Another instructor's session cannot use this ticket.
    const other = await deepLinkLaunch(lms, [ROLE.instructor], 'teacher-2');
    await other.res.text();
    const stolen = await pick(lms, other.jar, ticket, 'level:assistant');
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain('内容选择已过期或不属于当前登录');
    const forged = await pick(lms, jar, `${ticket.slice(0, -4)}AAAA`, 'level:assistant');
    expect(forged.status).toBe(400);
  });
});
