import type { Locale } from '../i18n/index.js';
import type { Catalog } from './catalog.js';

/** A course's title in the reader's language; the slug itself for a course the catalogue no longer has. */
export function localisedCourseTitle(catalog: Pick<Catalog, 'course'>, locale: Locale, slug: string): string {
  const course = catalog.course(slug);
  if (!course) return slug;
  return locale === 'en' ? course.title.en : course.title.zh;
}
