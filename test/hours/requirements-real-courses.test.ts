// Issue 14, "Done when": every level's requirement in the real courses/ can be met by self-study of
// its written lessons plus the scheduled classes of the lessons taught only in class (role play,
// workshops). Hours come from the app's own rules: a lesson's self-study credit from
// lessonCompletion, a class's from rosterCredit over the session's scheduled minutes, the assistant
// credit from creditedHoursFrom, the verdict from positionFrom, as /me/progress computes it.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/catalog/catalog.js';
import type { Level } from '../../src/catalog/programme.js';
import { creditCourseHours, creditedHoursFrom, positionFrom } from '../../src/hours/ledger/ledger.js';
import { emptyMinutes, type MinutesByMode } from '../../src/hours/index.js';
import { rosterCredit } from '../../src/hours/rules/attendance.js';
import { lessonCompletion } from '../../src/hours/rules/completion.js';
import { scheduledMinutes } from '../../src/hours/classes/credit.js';

const REAL_COURSES = path.resolve(import.meta.dirname, '../../courses');
const MINUTE = 60_000;

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ coursesDir: REAL_COURSES, cacheDir: path.resolve('node_modules/.cache/bcm-test-mdx'), production: true });
}, 120_000);

/**
 * The minutes a trainee earns by studying `courses` in full: each written lesson that offers
 * self-study read for its whole nominal time with every self-check answered, each lesson taught
 * only in class attended from start to end. Lessons that earn nothing either way are listed.
 */
function bestEffort(courses: readonly string[]): { minutes: MinutesByMode; earnsNothing: string[] } {
  const rules = catalog.programme.hoursRules;
  const minutes = emptyMinutes();
  const earnsNothing: string[] = [];
  for (const slug of courses) {
    for (const lesson of catalog.lessons(slug)) {
      if (!('ok' in lesson.state)) {
        earnsNothing.push(`${lesson.key} (does not compile)`);
        continue;
      }
      const fm = lesson.state.ok.frontmatter;
      const nominalMs = fm.hours * rules.classHourMinutes * MINUTE;
      if (fm.modes.includes('self-study')) {
        const completion = lessonCompletion({
          activeMs: nominalMs,
          lessonHours: fm.hours,
          classHourMinutes: rules.classHourMinutes,
          requiredShare: rules.selfStudyActiveShare,
          selfCheckIds: fm.selfCheck.map((q) => q.id),
          answeredIds: new Set(fm.selfCheck.map((q) => q.id)),
          status: fm.status,
        });
        if (completion.complete) minutes.selfStudy += completion.creditMinutes;
        else earnsNothing.push(`${lesson.key} (self-study: ${completion.reasons.join(', ')})`);
      } else {
        // Taught in a class session as long as the lesson: face-to-face where offered, else remote.
        const session = { startsAt: Date.UTC(2026, 2, 2, 1), endsAt: Date.UTC(2026, 2, 2, 1) + nominalMs };
        const credit = rosterCredit('present', { scheduledMinutes: scheduledMinutes(session) });
        if (!credit.ok) throw new Error(`${lesson.key}: ${credit.error.code}`);
        minutes[fm.modes.includes('face-to-face') ? 'faceToFace' : 'remote'] += credit.creditMinutes;
      }
    }
  }
  return { minutes, earnsNothing };
}

function position(level: Level, assistantCertificate: boolean) {
  const credited = level.credit ? new Set(level.credit.courses) : new Set<string>();
  // A certificate holder has the credit courses counted already; everyone else studies them too.
  const studied = assistantCertificate ? level.courses.filter((c) => !credited.has(c)) : level.courses;
  const { minutes, earnsNothing } = bestEffort(studied);
  const creditedHours = creditedHoursFrom(
    level,
    catalog.programme.hoursRules.classHourMinutes,
    creditCourseHours(catalog, level),
    assistantCertificate,
    new Map(),
  );
  const profile = { education: 'bachelor' as const, yearsInFinance: 5, assistantCertificate, majorViolation: false };
  return { hours: positionFrom(catalog.programme, level, profile, minutes, creditedHours).hours, earnsNothing };
}

describe('the real programme: every level can be completed', () => {
  it('has the four levels', () => {
    expect(catalog.programme.levels.map((l) => l.id)).toEqual(['assistant', 'retail', 'corporate', 'senior']);
  });

  for (const id of ['assistant', 'retail', 'corporate', 'senior']) {
    it(`${id}: self-study of the written lessons plus the scheduled classes meet its hours, starting from nothing`, () => {
      const { hours, earnsNothing } = position(catalog.level(id)!, false);
      expect(hours.missing, `lessons that earn nothing: ${earnsNothing.join('; ') || 'none'}`).toEqual([]);
      expect(hours.complete).toBe(true);
    });

    it(`${id}: holding the assistant certificate, the credit plus the rest of its courses meet them`, () => {
      const level = catalog.level(id)!;
      const { hours, earnsNothing } = position(level, true);
      expect(hours.missing, `lessons that earn nothing: ${earnsNothing.join('; ') || 'none'}`).toEqual([]);
      expect(hours.complete).toBe(true);
    });
  }
});
