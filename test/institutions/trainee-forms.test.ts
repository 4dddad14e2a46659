import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';

// Issue 12: the enrolment form (cohort page) and the admin's profile edit (trainee page) are one
// set of fields (views/admin/trainee-fields.tsx): the same labels, names and limits, and, since
// both are checked by validateTrainee, the same messages for the same bad input.

/** Each field of the form posting to `action`: its label and its control's tag and attributes. */
function fieldsOf(html: string, action: string): string[] {
  const form = html.match(new RegExp(`<form method="post" action="${action}"[^>]*>([\\s\\S]*?)</form>`))?.[1];
  if (!form) throw new Error(`no form posting to ${action}`);
  return [...form.matchAll(/<label>([^<]*)<(input|select)([^>]*)>/g)].map(
    (m) => `${m[1]!.trim()} <${m[2]}${m[3]!.replace(/ value="[^"]*"/, '').replace(/\/$/, '')}>`,
  );
}

const errorsOf = (html: string) =>
  [...(html.match(/<div class="form-errors" role="alert">([\s\S]*?)<\/div>/)?.[1] ?? '').matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);

describe('the trainee fields of the enrolment form and the profile edit', () => {
  it('are the same fields, but the e-mail (the login) that only enrolment asks for', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const base = `/admin/cohorts/${a.cohort.id}`;
    const traineeUrl = `${base}/trainees/${a.trainee.id}`;
    const enrol = fieldsOf(await (await t.request(base, { cookie })).text(), `${base}/enrol`);
    const edit = fieldsOf(await (await t.request(traineeUrl, { cookie })).text(), traineeUrl);
    expect(enrol).toEqual([
      '姓名 <input name="name" required="" maxlength="60">',
      '身份证号/工号 <input name="idNumber" required="" maxlength="40" autocomplete="off">',
      '电子邮箱 <input type="email" name="email" required="" maxlength="254">',
      '手机号 <input type="tel" name="phone" maxlength="20" inputmode="numeric">',
      '学历 <select name="education" required="">',
      '金融从业年限 <input type="number" name="yearsInFinance" min="0" max="60">',
    ]);
    expect(edit).toEqual(enrol.filter((f) => !f.includes('name="email"')));

    const bad = { name: '', idNumber: '440106198001010018', phone: '123', education: '小学', yearsInFinance: '99' };
    const enrolRes = await t.request(`${base}/enrol`, { method: 'POST', cookie, body: t.form({ ...bad, email: 'ok@example.com' }) });
    const editRes = await t.request(traineeUrl, { method: 'POST', cookie, body: t.form(bad) });
    expect([enrolRes.status, editRes.status]).toEqual([400, 400]);
    const messages = errorsOf(await enrolRes.text());
    expect(messages).toHaveLength(5);
    expect(errorsOf(await editRes.text())).toEqual(messages);
  });
});
