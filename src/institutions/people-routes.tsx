import { localisedCourseTitle } from '../catalog/index.js';
import { Hono, type Context } from 'hono';
import { requireRole, cohortAccess, type CohortEnv } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { InstructorCohortPage, InstructorHome } from '../../views/instructor/pages.js';
import { OfficeHome } from '../../views/office/pages.js';
import { TraineeHome } from '../../views/me/home.js';
import { AccountPage } from '../../views/me/account.js';
import { readSnapshot } from '../db/snapshot.js';
import { traineeHome } from './trainee-home.js';
import * as store from './store.js';
import { rosterRows } from './roster-view.js';

// Read-only screens for trainees, instructors and the programme office.

export function traineeRoutes() {
  const app = new Hono<CohortEnv>();
  const account = (c: Context<CohortEnv>) => {
    const { db } = c.var.deps;
    const user = c.var.user!;
    return c.html(
      <AccountPage ctx={viewContext(c)} email={user.email} profile={store.findProfile(db, user.id)} enrolments={store.listUserEnrolments(db, user.id)} />,
    );
  };
  // A trainee's home says what to do next; other roles have their own desks, and /me is their account.
  app.get('/', requireRole('trainee', 'instructor', 'admin', 'office'), (c) => {
    const user = c.var.user!;
    if (user.role !== 'trainee') return account(c);
    const { db, catalog } = c.var.deps;
    const courseTitle = (slug: string) => localisedCourseTitle(catalog, c.var.locale, slug);
    return c.html(
      <TraineeHome
        ctx={viewContext(c)}
        model={readSnapshot(db, () => traineeHome(db, catalog, c.var.deps.exams.blueprints, user.id))}
        classHourMinutes={catalog.programme.hoursRules.classHourMinutes}
        courseTitle={courseTitle}
      />,
    );
  });
  app.get('/account', requireRole('trainee', 'instructor', 'admin', 'office'), account);
  return app;
}

export function instructorRoutes() {
  const app = new Hono<CohortEnv>();
  app.use('*', requireRole('instructor'));
  app.get('/', (c) => c.html(<InstructorHome ctx={viewContext(c)} cohorts={store.listInstructorCohorts(c.var.deps.db, c.var.user!.id)} />));
  app.get('/cohorts/:cohortId', cohortAccess('view'), (c) =>
    c.html(
      <InstructorCohortPage ctx={viewContext(c)} cohort={c.var.cohort} roster={rosterRows(c.var.user, store.listRoster(c.var.deps.db, c.var.cohort.id))} />,
    ),
  );
  return app;
}

export function officeRoutes() {
  const app = new Hono<CohortEnv>();
  app.use('*', requireRole('office'));
  app.get('/', (c) => {
    const { db } = c.var.deps;
    const cohorts = store.listCohorts(db);
    const trainees = store.countTraineesByInstitution(db);
    const institutions = store.listInstitutions(db).map((institution) => ({
      institution,
      cohorts: cohorts.filter((x) => x.institutionId === institution.id),
      trainees: trainees.get(institution.id) ?? 0,
    }));
    return c.html(<OfficeHome ctx={viewContext(c)} institutions={institutions} />);
  });
  app.get('/cohorts/:cohortId', cohortAccess('view'), (c) =>
    c.html(
      <InstructorCohortPage ctx={viewContext(c)} cohort={c.var.cohort} roster={rosterRows(c.var.user, store.listRoster(c.var.deps.db, c.var.cohort.id))} />,
    ),
  );
  return app;
}
