import { localisedCourseTitle } from '../catalog/index.js';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole, cohortAccess, type CohortEnv } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { DEFAULT_LOCALE, translator } from '../i18n/index.js';
import { CohortCalendarPage, MyCalendarPage } from '../../views/hours/calendar.js';
import { traineeCohorts } from '../institutions/index.js';
import * as store from './store.js';
import { createFeed, feedUrls, resolveFeed, type ResolvedFeed } from './feeds.js';
import { classesCalendar } from './ical.js';
import { renderCohortHours } from './admin-hours-routes.js';

// Calendar feeds: pages that make a secret feed address (trainee: their own cohorts; admin and
// instructor: one cohort), and the .ics the address serves to calendar apps without a login.

function urlsFor(c: Context<CohortEnv>, token: string) {
  return feedUrls(c.var.deps.config.publicUrl, token);
}

function calendarBody(c: Context<CohortEnv>, feed: ResolvedFeed): string {
  const { db, catalog, config } = c.var.deps;
  const locale = feed.user.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const courseTitle = (slug: string) => localisedCourseTitle(catalog, locale, slug);
  if (feed.kind === 'cohort') {
    return classesCalendar({
      name: t('dashboards.feed.calendarName', { name: feed.cohort.name }),
      host: config.publicUrl.hostname,
      sessions: store.cohortClasses(db, feed.cohort.id),
      t,
      courseTitle,
    });
  }
  const cohorts = new Map(traineeCohorts(db, feed.user.id).map((x) => [x.id, x.name]));
  return classesCalendar({
    name: t('dashboards.feed.calendarName', { name: feed.user.name }),
    host: config.publicUrl.hostname,
    sessions: store.traineeClasses(db, feed.user.id),
    t,
    courseTitle,
    cohortName: (id) => cohorts.get(id),
  });
}

export function calendarRoutes() {
  const app = new Hono<CohortEnv>();

  app.get('/me/calendar', requireRole('trainee'), (c) => c.html(<MyCalendarPage ctx={viewContext(c)} />));
  app.post('/me/calendar', requireRole('trainee'), (c) => {
    const token = createFeed(c.var.deps.db, c.var.user!, null);
    return c.html(<MyCalendarPage ctx={viewContext(c)} created={urlsFor(c, token)} />);
  });

  // The admin's section lives on the cohort hours page, which shows the new address once.
  app.post('/admin/cohorts/:cohortId/calendar-feed', requireRole('admin'), cohortAccess('manage'), (c) => {
    const token = createFeed(c.var.deps.db, c.var.user!, c.var.cohort.id);
    return renderCohortHours(c, urlsFor(c, token));
  });

  const instructorPage = '/instructor/cohorts/:cohortId/calendar';
  const page = (c: Context<CohortEnv>, token?: string) =>
    c.html(
      <CohortCalendarPage
        ctx={viewContext(c)}
        cohort={c.var.cohort}
        back={`/instructor/cohorts/${c.var.cohort.id}`}
        action={`/instructor/cohorts/${c.var.cohort.id}/calendar`}
        created={token ? urlsFor(c, token) : undefined}
      />,
    );
  app.get(instructorPage, requireRole('instructor'), cohortAccess('view'), (c) => page(c));
  app.post(instructorPage, requireRole('instructor'), cohortAccess('view'), (c) => page(c, createFeed(c.var.deps.db, c.var.user!, c.var.cohort.id)));

  app.get('/calendar/:file{[a-z0-9]+\\.ics}', (c) => {
    const token = c.req.param('file').slice(0, -'.ics'.length);
    const feed = resolveFeed(c.var.deps.db, token);
    if (!feed) throw new HTTPException(404);
    // The address is a secret and the events are personal: nobody in between keeps a copy.
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', 'inline; filename="bcm-academy.ics"');
    return c.body(calendarBody(c, feed));
  });

  return app;
}
