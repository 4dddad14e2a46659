import { formText } from '../http/form-text.js';
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole, cohortAccess, createInvite, type CohortEnv } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import { AdminDashboard, type CohortForm } from '../../views/admin/dashboard.js';
import { AdminCohortPage } from '../../views/admin/cohort.js';
import * as store from './store.js';
import { isLevelId } from './levels.js';
import { TRAINEE_FIELD_MAX, validateTrainee, type TraineeInput } from './trainee-row.js';
import { inTransaction } from '../db/client.js';
import { onSqlite } from '../db/database.js';
import { RosterPreviewPage } from '../../views/admin/roster-preview.js';
import { applyEnrolment, enrolTrainees, formatLineErrors, planEnrolment, planSignature, validateRoster } from './enrolment.js';
import { rosterPreviews } from './roster-previews.js';
import { rosterRows } from './roster-view.js';
import { rosterPreview } from './roster-preview-view.js';
import { readRosterFile, ROSTER_TEMPLATE_HEADER } from './roster-file.js';
import { cohortFormErrors } from './people-edits.js';
import { inviteUrl, managePeopleRoutes, renderTrainee, rosterTrainee } from './people-admin-routes.js';

function institutionOf(c: Context<AppEnv>): number {
  const id = c.var.user?.institutionId;
  if (id == null) throw new HTTPException(403);
  return id;
}

function renderDashboard(c: Context<AppEnv>, extra: Partial<Parameters<typeof AdminDashboard>[0]> = {}, status: 200 | 400 = 200) {
  const { db } = c.var.deps;
  const institutionId = institutionOf(c);
  const institution = store.findInstitution(db, institutionId)!;
  return c.html(
    <AdminDashboard
      ctx={viewContext(c)}
      institutionName={institution.name}
      cohorts={store.listCohorts(db, institutionId)}
      instructors={store.listInstructors(db, institutionId)}
      {...extra}
    />,
    status,
  );
}

function renderCohort(c: Context<CohortEnv>, extra: Partial<Parameters<typeof AdminCohortPage>[0]> = {}, status: 200 | 400 = 200) {
  const { db } = c.var.deps;
  const cohort = c.var.cohort;
  const roster = store.listRoster(db, cohort.id);
  const assigned = store.listCohortInstructors(db, cohort.id);
  return c.html(
    <AdminCohortPage
      ctx={viewContext(c)}
      cohort={cohort}
      roster={rosterRows(c.var.user, roster)}
      pending={roster.filter((r) => !r.activated).length}
      assigned={assigned}
      assignable={store.listInstructors(db, cohort.institutionId).filter((i) => !assigned.some((a) => a.id === i.id))}
      {...extra}
    />,
    status,
  );
}

export function adminRoutes() {
  const app = new Hono<CohortEnv>();
  app.use('*', requireRole('admin'));

  app.get('/', (c) => renderDashboard(c));

  app.post('/cohorts', async (c) => {
    const { db } = c.var.deps;
    const t = c.var.t;
    const form = await c.req.parseBody();
    const values: CohortForm = {
      name: formText(form.name).trim(),
      level: formText(form.level),
      startsOn: formText(form.startsOn),
      endsOn: formText(form.endsOn),
    };
    const errors = cohortFormErrors({ name: values.name!, startsOn: values.startsOn!, endsOn: values.endsOn! }, t);
    if (!isLevelId(values.level)) errors.push(t('form.invalidChoice', { field: t('field.level') }));
    if (errors.length) return renderDashboard(c, { cohortForm: values, cohortErrors: errors }, 400);
    const institutionId = institutionOf(c);
    const cohort = store.createCohort(db, {
      institutionId,
      name: values.name!,
      level: values.level as store.Level,
      startsOn: values.startsOn!,
      endsOn: values.endsOn!,
    });
    store.writeAudit(db, { actorId: c.var.user!.id, institutionId, action: 'cohort.create', subject: `cohort:${cohort.id}` });
    setFlash(c, 'ok', 'admin.cohortCreated', { name: cohort.name });
    return c.redirect(`/admin/cohorts/${cohort.id}`, 303);
  });

  app.post('/instructors', async (c) => {
    const { db } = c.var.deps;
    const t = c.var.t;
    const form = await c.req.parseBody();
    const name = formText(form.name).trim();
    const email = formText(form.email).trim().toLowerCase();
    const errors: string[] = [];
    if (!name) errors.push(t('form.required', { field: t('field.name') }));
    else if (name.length > TRAINEE_FIELD_MAX.name) errors.push(t('form.tooLong', { field: t('field.name'), max: TRAINEE_FIELD_MAX.name }));
    if (email.length > TRAINEE_FIELD_MAX.email) errors.push(t('form.tooLong', { field: t('field.email'), max: TRAINEE_FIELD_MAX.email }));
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push(t('form.invalidEmail', { field: t('field.email') }));
    // The same words whoever holds the address: an admin learns it is in use, not by whom.
    else if (store.findPersonByEmail(db, email)) errors.push(t('form.emailTaken', { email }));
    if (errors.length) return renderDashboard(c, { instructorForm: { name, email }, instructorErrors: errors }, 400);
    const institutionId = institutionOf(c);
    const person = store.createUser(db, { email, name, role: 'instructor', institutionId });
    store.writeAudit(db, { actorId: c.var.user!.id, institutionId, action: 'user.create', subject: `user:${person.id}`, detail: { role: 'instructor' } });
    const token = createInvite(db, person.id, c.var.user!.id);
    return renderDashboard(c, { invite: { name: person.name, url: inviteUrl(c, token) } });
  });

  app.post('/users/:userId/invite', (c) => {
    const { db } = c.var.deps;
    const person = store.findPerson(db, Number(c.req.param('userId')));
    // Only people of the admin's own institution, and never another admin or the office.
    if (!person || person.institutionId !== institutionOf(c) || person.role === 'admin' || person.role === 'office') throw new HTTPException(404);
    const token = createInvite(db, person.id, c.var.user!.id);
    store.writeAudit(db, {
      actorId: c.var.user!.id,
      institutionId: person.institutionId,
      action: 'user.invite',
      subject: `user:${person.id}`,
      detail: { reset: person.activated },
    });
    return renderDashboard(c, { invite: { name: person.name, url: inviteUrl(c, token), reset: person.activated } });
  });

  app.get('/roster-template.csv', (c) => {
    const body = `\uFEFF${ROSTER_TEMPLATE_HEADER.join(',')}\r\n张三,11010519491231002X,zhangsan@example.com,13800138000,本科,2\r\n`;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="roster-template.csv"`);
    return c.body(body);
  });

  app.get('/cohorts/:cohortId', cohortAccess('manage'), (c) => renderCohort(c));

  app.post('/cohorts/:cohortId/enrol', cohortAccess('manage'), async (c) => {
    const t = c.var.t;
    const form = await c.req.parseBody();
    const input: TraineeInput = {
      name: formText(form.name),
      idNumber: formText(form.idNumber),
      email: formText(form.email),
      phone: formText(form.phone),
      education: formText(form.education),
      yearsInFinance: formText(form.yearsInFinance),
    };
    const checked = validateTrainee(input, t);
    if ('errors' in checked) return renderCohort(c, { enrolForm: input, enrolErrors: checked.errors }, 400);
    const result = enrolTrainees(c.var.deps.db, c.var.cohort, [{ line: 1, row: checked.row }], c.var.user!.id, t);
    if ('errors' in result) {
      return renderCohort(c, { enrolForm: input, enrolErrors: result.errors.map((e) => e.message) }, 400);
    }
    setFlash(c, 'ok', result.outcome.enrolled ? 'admin.enrolled' : 'admin.alreadyEnrolled', { name: checked.row.name });
    return c.redirect(`/admin/cohorts/${c.var.cohort.id}`, 303);
  });

  app.post('/cohorts/:cohortId/roster', cohortAccess('manage'), async (c) => {
    const t = c.var.t;
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) {
      return renderCohort(c, { importErrors: [t('form.required', { field: t('field.file') })] }, 400);
    }
    const read = await readRosterFile(file.name, new Uint8Array(await file.arrayBuffer()), t);
    if ('errors' in read) return renderCohort(c, { importErrors: read.errors }, 400);
    const valid = validateRoster(read.rows, t);
    if ('errors' in valid) return renderCohort(c, { importErrors: formatLineErrors(valid.errors, t), importErrorCount: valid.errors.length }, 400);
    const result = enrolTrainees(c.var.deps.db, c.var.cohort, valid.rows, c.var.user!.id, t);
    if ('errors' in result) return renderCohort(c, { importErrors: formatLineErrors(result.errors, t), importErrorCount: result.errors.length }, 400);
    setFlash(c, 'ok', 'admin.imported', { created: result.outcome.created, enrolled: result.outcome.enrolled });
    return c.redirect(`/admin/cohorts/${c.var.cohort.id}`, 303);
  });

  // Step 1 of the two-step import: read and check the file, show what each row will do, keep the
  // rows for the confirmation. Bad rows are reported exactly as by the one-step import above.
  app.post('/cohorts/:cohortId/roster/preview', cohortAccess('manage'), async (c) => {
    const t = c.var.t;
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) {
      return renderCohort(c, { importErrors: [t('form.required', { field: t('field.file') })] }, 400);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const read = await readRosterFile(file.name, bytes, t);
    if ('errors' in read) return renderCohort(c, { importErrors: read.errors }, 400);
    const valid = validateRoster(read.rows, t);
    if ('errors' in valid) return renderCohort(c, { importErrors: formatLineErrors(valid.errors, t), importErrorCount: valid.errors.length }, 400);
    const planned = planEnrolment(c.var.deps.db, c.var.cohort, valid.rows, t);
    if ('errors' in planned) return renderCohort(c, { importErrors: formatLineErrors(planned.errors, t), importErrorCount: planned.errors.length }, 400);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const preview = await rosterPreviews(onSqlite(c.var.deps.db)).put({
      adminId: c.var.user!.id,
      cohortId: c.var.cohort.id,
      digest,
      rows: valid.rows,
      signature: planSignature(planned.plans),
    });
    return c.html(
      <RosterPreviewPage
        ctx={viewContext(c)}
        cohort={c.var.cohort}
        fileName={file.name}
        preview={rosterPreview(planned.plans)}
        previewId={preview.id}
        digest={digest}
        expiresAt={preview.expiresAt}
      />,
    );
  });

  // Step 2: import exactly the previewed rows, provided nothing they depend on changed meanwhile
  // (an account created, a profile edited, someone enrolled): then nothing is imported.
  app.post('/cohorts/:cohortId/roster/confirm', cohortAccess('manage'), async (c) => {
    const { db } = c.var.deps;
    const { t, cohort } = c.var;
    const form = await c.req.parseBody();
    const taken = await rosterPreviews(onSqlite(db)).take(formText(form.previewId), {
      adminId: c.var.user!.id,
      cohortId: cohort.id,
      digest: formText(form.digest),
    });
    if (!taken.ok) return renderCohort(c, { importErrors: [t(taken.reason === 'missing' ? 'admin.preview.missing' : 'admin.preview.changedFile')] }, 400);
    const result = inTransaction(db, () => {
      const planned = planEnrolment(db, cohort, taken.preview.rows, t);
      if ('errors' in planned || planSignature(planned.plans) !== taken.preview.signature) return null;
      return applyEnrolment(db, cohort, planned.plans, c.var.user!.id);
    });
    if (!result) return renderCohort(c, { importErrors: [t('admin.preview.changedSince')] }, 400);
    setFlash(c, 'ok', 'admin.imported', { created: result.created, enrolled: result.enrolled });
    return c.redirect(`/admin/cohorts/${cohort.id}`, 303);
  });

  app.post('/cohorts/:cohortId/instructors', cohortAccess('manage'), async (c) => {
    const { db } = c.var.deps;
    const form = await c.req.parseBody();
    const person = store.findPerson(db, Number(formText(form.instructorId)));
    // An instructor of another institution is treated as one that does not exist.
    if (!person || person.role !== 'instructor' || person.institutionId !== c.var.cohort.institutionId) throw new HTTPException(404);
    store.assignInstructor(db, c.var.cohort.id, person.id);
    store.writeAudit(db, {
      actorId: c.var.user!.id,
      institutionId: c.var.cohort.institutionId,
      action: 'cohort.assignInstructor',
      subject: `cohort:${c.var.cohort.id}`,
      detail: { instructorId: person.id },
    });
    setFlash(c, 'ok', 'admin.assigned', { name: person.name });
    return c.redirect(`/admin/cohorts/${c.var.cohort.id}`, 303);
  });

  app.post('/cohorts/:cohortId/trainees/:userId/invite', cohortAccess('manage'), async (c) => {
    const { db } = c.var.deps;
    const entry = rosterTrainee(c);
    const back = formText((await c.req.parseBody()).back);
    const token = createInvite(db, entry.id, c.var.user!.id);
    store.writeAudit(db, {
      actorId: c.var.user!.id,
      institutionId: c.var.cohort.institutionId,
      action: 'user.invite',
      subject: `user:${entry.id}`,
      detail: { reset: entry.activated },
    });
    // An activated account's new link is a password reset (the earlier sessions end when it is used).
    const invite = { name: entry.name, url: inviteUrl(c, token), reset: entry.activated };
    // Shown where it was asked for: the trainee's own page or the roster.
    return back === 'trainee' ? renderTrainee(c, entry, { invite }) : renderCohort(c, { invite });
  });

  app.route('/', managePeopleRoutes());

  return app;
}
