import { localisedCourseTitle } from '../catalog/index.js';
import { formText } from '../http/form-text.js';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole, cohortAccess, type CohortEnv } from '../auth/index.js';
import { inTransaction } from '../db/client.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import type { MessageKey } from '../i18n/index.js';
import { findPerson, findProfile, isEnrolled, upsertProfile, writeAudit } from '../institutions/index.js';
import { CohortHoursPage } from '../../views/hours/cohort-hours.js';
import { TraineeHoursPage, type CorrectionValues } from '../../views/hours/trainee-hours.js';
import * as store from './store.js';
import { addCorrection, levelPosition } from './ledger/ledger.js';
import { traineeMinutesByLevel, type LevelId } from './ledger/totals.js';
import { calendarDay } from '../platform/zoned-time.js';
import { attendanceMatrix, cohortLevel, cohortPositions, elapsedShare, expectedMinutesBy, fallingBehind } from './ledger/cohort-report.js';
import { ledgerRows } from './ledger/report-store.js';
import { parseCorrection } from './ledger/correction-form.js';
import type { FeedUrls } from './feeds.js';

// The institution admin's hours screens: a cohort's hours, attendance and pace; one trainee's
// ledger with corrections and the eligibility flags.

type Trainee = { id: number; name: string };

/** After cohortAccess: the :userId must be enrolled in that cohort, else 404 (nothing revealed). */
function enrolledTrainee(c: Context<CohortEnv>): Trainee {
  const id = Number(c.req.param('userId'));
  const { db } = c.var.deps;
  const person = Number.isSafeInteger(id) && isEnrolled(db, c.var.cohort.id, id) ? findPerson(db, id) : undefined;
  if (!person) throw new HTTPException(404);
  return { id: person.id, name: person.name };
}

export function renderCohortHours(c: Context<CohortEnv>, feed?: FeedUrls) {
  const { db, catalog } = c.var.deps;
  const cohort = c.var.cohort;
  const level = cohortLevel(catalog, cohort);
  const programme = catalog.programme;
  const rows = cohortPositions(db, catalog, cohort);
  const share = elapsedShare(cohort.startsOn, cohort.endsOn, calendarDay(Date.now(), c.var.deps.config.timeZone));
  const matrix = attendanceMatrix(db, cohort.id);
  const classHourMinutes = programme.hoursRules.classHourMinutes;
  // The rules' rounding (requirements.ts): class hours to minutes, rounded up.
  const requiredMinutes = Math.ceil(level.studyHours * classHourMinutes - 1e-6);
  return c.html(
    <CohortHoursPage
      ctx={viewContext(c)}
      cohort={cohort}
      rows={rows}
      mayApply={rows.filter((r) => r.position.mayApply).length}
      behind={fallingBehind(rows, share)}
      share={share}
      requirement={{
        studyHours: level.studyHours,
        minimumHours: level.minimumTrainingHours ?? programme.minimumTrainingHours,
        requiredMinutes,
        expectedMinutes: expectedMinutesBy(requiredMinutes, share),
      }}
      sessions={matrix.sessions}
      status={matrix.status}
      classHourMinutes={classHourMinutes}
      feed={feed}
    />,
  );
}

function renderTrainee(c: Context<CohortEnv>, trainee: Trainee, correction?: { values: CorrectionValues; errors: string[] }) {
  const { db, catalog } = c.var.deps;
  const { cohort, locale } = c.var;
  const profile = findProfile(db, trainee.id);
  const courseTitle = (slug: string) => localisedCourseTitle(catalog, locale, slug);
  return c.html(
    <TraineeHoursPage
      ctx={viewContext(c)}
      cohort={cohort}
      trainee={trainee}
      position={levelPosition(db, catalog, trainee.id, cohortLevel(catalog, cohort))}
      rows={ledgerRows(db, trainee.id, cohort.institutionId)}
      courseTitle={courseTitle}
      classHourMinutes={catalog.programme.hoursRules.classHourMinutes}
      flags={{ assistantCertificate: profile?.assistantCertificate ?? false, majorViolation: profile?.majorViolation ?? false }}
      correction={correction}
    />,
    correction ? 400 : 200,
  );
}

export function adminHoursRoutes() {
  const app = new Hono<CohortEnv>();
  const admin = requireRole('admin');
  const manage = cohortAccess('manage');
  const trainee = '/admin/cohorts/:cohortId/trainees/:userId';

  app.get('/admin/cohorts/:cohortId/hours', admin, manage, (c) => renderCohortHours(c));

  app.get(`${trainee}/hours`, admin, manage, (c) => renderTrainee(c, enrolledTrainee(c)));

  app.post(`${trainee}/corrections`, admin, manage, async (c) => {
    const { db } = c.var.deps;
    const { t, cohort } = c.var;
    const person = enrolledTrainee(c);
    const form = await c.req.parseBody();
    const values: CorrectionValues = {
      mode: formText(form.mode),
      minutes: formText(form.minutes),
      reason: formText(form.reason),
      correctsId: formText(form.correctsId),
    };
    const parsed = parseCorrection(values, t);
    if (!parsed.ok) return renderTrainee(c, person, { values, errors: parsed.errors });
    const { mode, minutes, reason, correctsId } = parsed.value;
    // A correction of a given entry counts where that entry counted (its level, course, session).
    let target: store.HourEntry | undefined;
    if (correctsId !== null) {
      target = store.findEntry(db, correctsId);
      if (!target || target.traineeId !== person.id || target.institutionId !== cohort.institutionId) {
        return renderTrainee(c, person, { values, errors: [t('dashboards.correction.error.correctsId')] });
      }
    }
    const level: LevelId = target?.level ?? cohort.level;
    const current = traineeMinutesByLevel(db, person.id).get(level)?.[mode] ?? 0;
    if (current + minutes < 0) {
      const modeName = t(`dashboards.mode.${mode}` as MessageKey);
      return renderTrainee(c, person, { values, errors: [t('dashboards.correction.error.negative', { mode: modeName, minutes: current })] });
    }
    addCorrection(db, {
      traineeId: person.id,
      institutionId: cohort.institutionId,
      cohortId: cohort.id,
      level,
      mode,
      minutes,
      reason,
      actorId: c.var.user!.id,
      correctsId,
      courseSlug: target?.courseSlug ?? null,
      sessionId: target?.sessionId ?? null,
    });
    setFlash(c, 'ok', 'dashboards.correction.saved', { name: person.name, minutes });
    return c.redirect(`/admin/cohorts/${cohort.id}/trainees/${person.id}/hours`, 303);
  });

  app.post(`${trainee}/flags`, admin, manage, async (c) => {
    const { db } = c.var.deps;
    const { cohort } = c.var;
    const person = enrolledTrainee(c);
    const form = await c.req.parseBody();
    const after = { assistantCertificate: formText(form.assistantCertificate) === '1', majorViolation: formText(form.majorViolation) === '1' };
    const profile = findProfile(db, person.id);
    const before = { assistantCertificate: profile?.assistantCertificate ?? false, majorViolation: profile?.majorViolation ?? false };
    const back = `/admin/cohorts/${cohort.id}/trainees/${person.id}/hours`;
    if (before.assistantCertificate === after.assistantCertificate && before.majorViolation === after.majorViolation) {
      setFlash(c, 'ok', 'dashboards.flags.unchanged');
      return c.redirect(back, 303);
    }
    inTransaction(db, () => {
      upsertProfile(db, { ...(profile ?? { userId: person.id }), ...after });
      writeAudit(db, {
        actorId: c.var.user!.id,
        institutionId: cohort.institutionId,
        action: 'trainee.flags',
        subject: `user:${person.id}`,
        detail: { before, after },
      });
    });
    setFlash(c, 'ok', 'dashboards.flags.saved', { name: person.name });
    return c.redirect(back, 303);
  });

  return app;
}
