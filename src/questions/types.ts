// What the spreadsheet and GIFT readers hand to the import pipeline: questions as read, each with
// the row (spreadsheet) or line (GIFT) it came from, before ids are assigned and the result is
// checked against the catalogue's importedQuestionSchema.
import type { Criterion, WrittenKind } from '../catalog/index.js';
import type { ChoiceType } from './answers.js';

/** A problem at a spreadsheet row or a GIFT line (1-based, as the user's editor counts). */
export type SourceError = { at: number; message: string };

export interface DraftPart {
  at: number;
  /** Given in the file; otherwise derived from the case's id (…a, …b). */
  id?: string;
  type: ChoiceType;
  stem: string;
  options?: string[];
  answer: string | boolean;
  /** '' when the file gives none: a warning, and the review shows 暂无解析. */
  explanation: string;
}

export interface DraftQuestion {
  at: number;
  /** Given in the file; otherwise generated when the import is saved. */
  id?: string;
  /** The name the source gave the question (a Moodle question name), when it is not the id. */
  title?: string;
  type: ChoiceType | 'case' | 'written';
  stem: string;
  options?: string[];
  answer?: string | boolean;
  explanation?: string;
  difficulty: number;
  lesson: string;
  topic: string;
  parts?: DraftPart[];
  /** A written question (主观题): what kind, the 字数 guide, the 评分标准, the 参考答案, its points. */
  kind?: WrittenKind;
  words?: { min: number; max: number };
  rubric?: Criterion[];
  modelAnswer?: string;
  points?: number;
}

/**
 * The questions that read cleanly, and every problem; any problem means nothing is imported.
 * Warnings (a question without an explanation) do not stop an import: they are shown with it.
 */
export type ReadResult = { drafts: DraftQuestion[]; errors: SourceError[]; warnings: SourceError[] };

/** The course questions are imported into: enough of the catalogue's Course for defaults and checks. */
export interface ImportCourse {
  slug: string;
  code: string;
  title: { zh: string; en: string };
  lessons: readonly { slug: string }[];
}

/** 所属课 / lesson: a lesson file name, its number in the course (1, 01, 第1课), or blank (first lesson). */
export function resolveLesson(course: ImportCourse, raw: string): string | undefined {
  const s = raw.normalize('NFKC').trim();
  if (s === '') return course.lessons[0]?.slug;
  if (course.lessons.some((l) => l.slug === s)) return s;
  const n = /^(?:第\s*)?(\d{1,2})(?:\s*[课讲章])?$/.exec(s);
  if (n) return course.lessons[Number(n[1]) - 1]?.slug;
  return undefined;
}
