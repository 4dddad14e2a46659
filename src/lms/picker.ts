import { lessonSummary, type Catalog } from '../catalog/index.js';
import type { Locale } from '../i18n/index.js';
import type { PickerLevel } from '../../views/lms/deep-link.js';
import type { Blueprints } from '../exams/index.js';
import { targetParam } from './targets.js';

// The deep-linking choices, straight from the catalogue: each level, its mock exams (the
// blueprints of that level; examKey is the blueprint id), its courses and lessons in syllabus order.

export function pickerLevels(catalog: Catalog, blueprints: Blueprints, locale: Locale): PickerLevel[] {
  const pick = (b: { zh: string; en: string }) => (locale === 'en' ? b.en : b.zh);
  return catalog.programme.levels.map((level) => ({
    name: pick(level.name),
    levelValue: targetParam({ kind: 'level', level: level.id }),
    exams: blueprints.list.filter((bp) => bp.level === level.id).map((bp) => ({ value: targetParam({ kind: 'exam', examKey: bp.id }), title: pick(bp.title) })),
    courses: level.courses.flatMap((slug) => {
      const course = catalog.course(slug);
      if (!course) return [];
      return [
        {
          value: targetParam({ kind: 'course', course: slug }),
          title: `${course.code} ${pick(course.title)}`,
          lessons: catalog.lessons(slug).map((l) => ({ value: targetParam({ kind: 'lesson', course: slug, lesson: l.slug }), title: lessonSummary(l).title })),
        },
      ];
    }),
  }));
}
