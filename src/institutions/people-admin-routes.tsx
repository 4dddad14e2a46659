import { formText } from '../http/form-text.js';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import QRCode from 'qrcode';
import type { AppEnv } from '../env.js';
import { canSeeSensitive, cohortAccess, createInvite, INVITE_TTL_MS, requireRole, type CohortEnv } from '../auth/index.js';
import { inTransaction } from '../db/client.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import { CONTENT_TYPES, tableBytes, type Table } from '../platform/tables.js';
import { TraineePage, RemoveTraineePage } from '../../views/admin/trainee.js';
import { CohortEditPage } from '../../views/admin/cohort-edit.js';
import { InviteSheetPage, type SheetLink } from '../../views/admin/invite-sheet.js';
import * as store from './store.js';
import { validateTrainee } from './trainee-row.js';
import { cohortChanges, cohortFormErrors, profileChanges, profileFormOf, type CohortForm, type ProfileForm } from './people-edits.js';

// The institution admin manages the people of one cohort: a trainee's profile, activation links
// (one, or all pending as a CSV or a printable sheet), moving and removing trainees, the cohort's
// name and dates. Every route goes through cohortAccess('manage') (the cohort's own institution's
// admin; anyone else 404 or 403) and then finds the trainee on that cohort's roster, so an id from
// elsewhere is a 404 too. Form posts pass the app's Origin check (docs/decisions/001).

export function inviteUrl(c: Context<AppEnv>, token: string): string {
  return new URL(`/activate/${token}`, c.var.deps.config.publicUrl).toString();
}

/** The route's trainee, who must be on the route's cohort's roster. */
export function rosterTrainee(c: Context<CohortEnv>): store.RosterEntry {
  const userId = Number(c.req.param('userId'));
  const entry = Number.isSafeInteger(userId) ? store.findRosterEntry(c.var.deps.db, c.var.cohort.id, userId) : undefined;
  if (!entry) throw new HTTPException(404);
  return entry;
}

/**
 * The route's trainee, for reading and changing their personal details: only an admin of the
 * trainee's own institution may (auth's canSeeSensitive). A trainee of another institution on this
 * admin's cohort can still be removed or moved, not opened.
 */
function editableTrainee(c: Context<CohortEnv>): store.RosterEntry {
  const entry = rosterTrainee(c);
  if (!canSeeSensitive(c.var.user!, entry)) throw new HTTPException(403);
  return entry;
}

/** Other cohorts a trainee may move to: the same institution and level (the hours count toward it). */
function moveTargets(c: Context<CohortEnv>) {
  const cohort = c.var.cohort;
  return store.listCohorts(c.var.deps.db, cohort.institutionId).filter((x) => x.id !== cohort.id && x.level === cohort.level);
}

export function renderTrainee(
  c: Context<CohortEnv>,
  entry: store.RosterEntry,
  extra: { form?: ProfileForm; errors?: string[]; moveErrors?: string[]; invite?: { name: string; url: string } } = {},
  status: 200 | 400 = 200,
) {
  return c.html(
    <TraineePage
      ctx={viewContext(c)}
      cohort={c.var.cohort}
      entry={entry}
      form={extra.form ?? profileFormOf(entry)}
      errors={extra.errors}
      moveTargets={moveTargets(c)}
      moveErrors={extra.moveErrors}
      invite={extra.invite}
    />,
    status,
  );
}

export function managePeopleRoutes() {
  const app = new Hono<CohortEnv>();
  const guard = [requireRole('admin'), cohortAccess('manage')] as const;
  const trainee = '/cohorts/:cohortId/trainees/:userId';

  app.get(trainee, ...guard, (c) => renderTrainee(c, editableTrainee(c)));

  app.post(trainee, ...guard, async (c) => {
    const { db } = c.var.deps;
    const { cohort, t } = c.var;
    const entry = editableTrainee(c);
    const body = await c.req.parseBody();
    const form: ProfileForm = {
      name: formText(body.name),
      idNumber: formText(body.idNumber),
      phone: formText(body.phone),
      education: formText(body.education),
      yearsInFinance: formText(body.yearsInFinance),
    };
    // The same rules and limits as a roster row; the e-mail (the login) is not edited here.
    const checked = validateTrainee({ ...form, email: entry.email }, t);
    if ('errors' in checked) return renderTrainee(c, entry, { form, errors: checked.errors }, 400);
    const row = checked.row;
    const changes = profileChanges(entry, row);
    if (changes.length) {
      inTransaction(db, () => {
        if (row.name !== entry.name) store.renameUser(db, entry.id, row.name);
        store.upsertProfile(db, {
          userId: entry.id,
          nationalId: row.nationalId,
          employeeNo: row.employeeNo,
          phone: row.phone,
          education: row.education,
          yearsInFinance: row.yearsInFinance,
          assistantCertificate: entry.profile?.assistantCertificate ?? false,
          majorViolation: entry.profile?.majorViolation ?? false,
        });
        store.writeAudit(db, {
          actorId: c.var.user!.id,
          institutionId: cohort.institutionId,
          action: 'trainee.profileChange',
          subject: `user:${entry.id}`,
          detail: { via: 'edit', cohortId: cohort.id, changes },
        });
      });
    }
    setFlash(c, 'ok', changes.length ? 'admin.person.saved' : 'admin.person.unchanged', { name: row.name });
    return c.redirect(`/admin/cohorts/${cohort.id}/trainees/${entry.id}`, 303);
  });

  app.get(`${trainee}/remove`, ...guard, (c) => c.html(<RemoveTraineePage ctx={viewContext(c)} cohort={c.var.cohort} entry={rosterTrainee(c)} />));

  app.post(`${trainee}/remove`, ...guard, (c) => {
    const { db } = c.var.deps;
    const { cohort } = c.var;
    const entry = rosterTrainee(c);
    inTransaction(db, () => {
      store.unenrol(db, cohort.id, entry.id);
      store.writeAudit(db, {
        actorId: c.var.user!.id,
        institutionId: cohort.institutionId,
        action: 'cohort.unenrol',
        subject: `user:${entry.id}`,
        detail: { cohortId: cohort.id },
      });
    });
    setFlash(c, 'ok', 'admin.person.removed', { name: entry.name, cohort: cohort.name });
    return c.redirect(`/admin/cohorts/${cohort.id}`, 303);
  });

  app.post(`${trainee}/move`, ...guard, async (c) => {
    const { db } = c.var.deps;
    const { cohort, t } = c.var;
    const entry = editableTrainee(c);
    const body = await c.req.parseBody();
    const target = store.findCohort(db, Number(formText(body.targetCohortId)));
    // Another institution's cohort is one that does not exist.
    if (!target || target.institutionId !== cohort.institutionId || target.id === cohort.id) throw new HTTPException(404);
    if (target.level !== cohort.level)
      return renderTrainee(c, entry, { moveErrors: [t('admin.person.moveLevel', { level: t(`level.${cohort.level}`) })] }, 400);
    if (store.isEnrolled(db, target.id, entry.id))
      return renderTrainee(c, entry, { moveErrors: [t('admin.person.moveAlready', { name: entry.name, cohort: target.name })] }, 400);
    inTransaction(db, () => {
      store.unenrol(db, cohort.id, entry.id);
      store.enrol(db, target.id, entry.id);
      store.writeAudit(db, {
        actorId: c.var.user!.id,
        institutionId: cohort.institutionId,
        action: 'cohort.move',
        subject: `user:${entry.id}`,
        detail: { fromCohortId: cohort.id, toCohortId: target.id },
      });
    });
    setFlash(c, 'ok', 'admin.person.moved', { name: entry.name, cohort: target.name });
    return c.redirect(`/admin/cohorts/${target.id}/trainees/${entry.id}`, 303);
  });

  app.get('/cohorts/:cohortId/edit', ...guard, (c) => {
    const { name, startsOn, endsOn } = c.var.cohort;
    return c.html(<CohortEditPage ctx={viewContext(c)} cohort={c.var.cohort} form={{ name, startsOn, endsOn }} />);
  });

  app.post('/cohorts/:cohortId/edit', ...guard, async (c) => {
    const { db } = c.var.deps;
    const { cohort, t } = c.var;
    const body = await c.req.parseBody();
    const form: CohortForm = { name: formText(body.name).trim(), startsOn: formText(body.startsOn), endsOn: formText(body.endsOn) };
    const errors = cohortFormErrors(form, t);
    if (errors.length) return c.html(<CohortEditPage ctx={viewContext(c)} cohort={cohort} form={form} errors={errors} />, 400);
    const changes = cohortChanges(cohort, form);
    if (changes.length) {
      inTransaction(db, () => {
        store.updateCohort(db, cohort.id, form);
        store.writeAudit(db, {
          actorId: c.var.user!.id,
          institutionId: cohort.institutionId,
          action: 'cohort.edit',
          subject: `cohort:${cohort.id}`,
          detail: { changes },
        });
      });
    }
    setFlash(c, 'ok', 'admin.cohortEdit.saved', { name: form.name });
    return c.redirect(`/admin/cohorts/${cohort.id}`, 303);
  });

  // New activation links for every trainee of the cohort who has not activated yet. Each replaces
  // that trainee's earlier link (auth/invites.ts), so one batch goes out as a CSV or as a sheet
  // whose own CSV holds the same links.
  app.post('/cohorts/:cohortId/invites', ...guard, async (c) => {
    const { db } = c.var.deps;
    const { cohort } = c.var;
    const body = await c.req.parseBody();
    const format = formText(body.format) === 'csv' ? 'csv' : 'sheet';
    const pending = store.listRoster(db, cohort.id).filter((r) => !r.activated);
    if (pending.length === 0) {
      setFlash(c, 'ok', 'admin.bulk.none');
      return c.redirect(`/admin/cohorts/${cohort.id}`, 303);
    }
    const now = Date.now();
    const links = inTransaction(db, () => {
      const made = pending.map((p) => ({ name: p.name, email: p.email, url: inviteUrl(c, createInvite(db, p.id, c.var.user!.id, now)) }));
      store.writeAudit(db, {
        actorId: c.var.user!.id,
        institutionId: cohort.institutionId,
        action: 'cohort.invites',
        subject: `cohort:${cohort.id}`,
        detail: { count: made.length, userIds: pending.map((p) => p.id) },
      });
      return made;
    });
    const expiresAt = now + INVITE_TTL_MS;
    const csv = Buffer.from(await tableBytes(linksTable(c, links, expiresAt), 'csv'));
    if (format === 'csv') {
      c.header('Content-Type', CONTENT_TYPES.csv);
      c.header('Content-Disposition', `attachment; filename="activation-links-${cohort.id}.csv"`);
      return c.body(csv);
    }
    const sheet: SheetLink[] = await Promise.all(
      links.map(async (l) => ({ ...l, qrSvg: await QRCode.toString(l.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) })),
    );
    const csvHref = `data:text/csv;charset=utf-8;base64,${csv.toString('base64')}`;
    return c.html(<InviteSheetPage ctx={viewContext(c)} cohort={cohort} links={sheet} expiresAt={expiresAt} csvHref={csvHref} />);
  });

  return app;
}

function linksTable(c: Context<CohortEnv>, links: { name: string; email: string; url: string }[], expiresAt: number): Table {
  const { t, fmt } = c.var;
  const expires = fmt.dateTime(expiresAt);
  return {
    meta: [],
    sheetName: 'links',
    columns: [
      { key: 'name', header: t('field.name'), type: 'string', width: 12 },
      { key: 'email', header: t('field.email'), type: 'string', width: 28 },
      { key: 'url', header: t('admin.bulk.col.link'), type: 'string', width: 60 },
      { key: 'expires', header: t('admin.bulk.col.expires'), type: 'string', width: 20 },
    ],
    rows: () => links.map((l) => [l.name, l.email, l.url, expires]),
    close: () => {},
  };
}
