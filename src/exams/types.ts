// Shapes shared by drawing, grading, storage and views. A paper is stored as JSON on the attempt,
// so these field names are a storage format: add fields, don't rename them.
import type { QuestionType } from '../catalog/index.js';

export type { QuestionType };
/** What one answer slot is: a choice, a case's part, or a written answer (主观题, marked by hand). */
export type PartType = Exclude<QuestionType, 'case'>;

/** How a multiple-choice answer that is not exactly right scores. */
export type Scoring = 'allOrNothing' | 'partial';

export type ReviewRule = { answers: boolean; explanations: boolean };

export type PaperPart = {
  /** The part's id within its case question. */
  id: string;
  type: PartType;
  points: number;
  /** Option order shown: entry i is the original option index displayed in position i. */
  order?: number[];
};

export type PaperItem = {
  /** Pool key: the bank id, or `imp:<id>` for an institution's imported question. */
  key: string;
  course: string;
  type: QuestionType;
  /** Points for a non-case question; a case's points are its parts'. */
  points: number;
  order?: number[];
  parts?: PaperPart[];
};

export type Paper = {
  v: 1;
  items: PaperItem[];
  scoring: Scoring;
  passPercent: number;
  review: ReviewRule;
};

/** One answerable unit: a question, or one part of a case (key `<caseKey>/<partId>`). */
export type Slot = {
  key: string;
  item: PaperItem;
  part?: PaperPart;
  type: PartType;
  points: number;
  order?: number[];
  /** 1-based number shown to the trainee. */
  no: number;
};

export type Tally = { score: number; max: number };

export type SlotResult = {
  key: string;
  item: string;
  course: string;
  type: QuestionType;
  score: number;
  max: number;
  /** Set when nothing was answered (a blank in an exam is a miss; in practice it was never tried). */
  blank?: true;
  /** A written answer not marked yet: its score (0) is not final. */
  pending?: true;
};

export type AttemptResult = {
  score: number;
  max: number;
  percent: number;
  passed: boolean;
  byCourse: Record<string, Tally>;
  byType: Partial<Record<QuestionType, Tally>>;
  slots: SlotResult[];
  /** Items no longer in any bank when graded: left out of score and maximum. */
  withdrawn: string[];
  /**
   * Written slots awaiting marking (待阅卷). While set, the attempt has no final score and no pass
   * or fail: the stored score and passed are null, and `score` here counts the marked part only.
   */
  awaiting?: string[];
};

export const TYPE_ORDER: readonly QuestionType[] = ['single', 'multiple', 'truefalse', 'case', 'written'];

/** Every answerable unit of a paper, numbered in the order shown. */
export function paperSlots(paper: Paper): Slot[] {
  const out: Slot[] = [];
  for (const item of paper.items) {
    if (item.type === 'case') {
      for (const part of item.parts ?? []) {
        out.push({ key: `${item.key}/${part.id}`, item, part, type: part.type, points: part.points, order: part.order, no: out.length + 1 });
      }
    } else {
      out.push({ key: item.key, item, type: item.type, points: item.points, order: item.order, no: out.length + 1 });
    }
  }
  return out;
}
