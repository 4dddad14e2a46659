// A stored paper joined with the pool and the stored answers, in the shape the pages render:
// sections by type, items, and their answerable slots with options in the trainee's order.
import type { CasePart, Question, WrittenQuestion } from '../catalog/index.js';
import { slotPart } from './answers.js';
import { scoreAnswer } from './grading.js';
import type { Pool } from './pool.js';
import type { AnswerRow } from './store.js';
import { paperSlots, TYPE_ORDER, type AttemptResult, type Paper, type PaperItem, type QuestionType, type Scoring, type Slot } from './types.js';

export type Answerable = Exclude<Question, { type: 'case' | 'written' }> | CasePart;

export type ViewSlot = {
  slot: Slot;
  /** Missing when the question has left its bank since the paper was drawn. */
  part?: Answerable;
  /** Options in display order (empty for true/false). */
  options: string[];
  saved?: AnswerRow;
  /** A written question (主观题): its prompt, word guide and rubric; `part` is then unset. */
  written?: WrittenQuestion;
  /** What the answer earned, once it is final (practice feedback, a result's review); see withScores. */
  score?: number;
  /** A written answer still to be marked (待阅卷): `score` is not final. */
  awaiting?: boolean;
  /** A marked written answer: the markers' comments to the trainee (the route adds them). */
  comments?: string[];
};

export type ViewItem = { item: PaperItem; question?: Question; slots: ViewSlot[] };
export type ViewSection = { type: QuestionType; points: number; items: ViewItem[] };

export function displayOptions(part: Answerable | undefined, slot: Slot): string[] {
  if (!part || part.type === 'truefalse') return [];
  const order = slot.order ?? part.options.map((_, i) => i);
  return order.map((i) => part.options[i] ?? '');
}

/** `slots` may be passed when already at hand (the paper cache keeps them). */
export function paperView(paper: Paper, pool: Pool, answers: readonly AnswerRow[], slots: Iterable<Slot> = paperSlots(paper)): ViewSection[] {
  const saved = new Map(answers.map((a) => [a.questionKey, a]));
  const byItem = new Map<PaperItem, ViewSlot[]>();
  for (const slot of slots) {
    const question = pool.byKey.get(slot.item.key)?.question;
    const part = slotPart(question, slot);
    // A part whose type changed in the bank cannot be shown with the stored option order.
    const usable = part && part.type === slot.type ? part : undefined;
    const written = slot.type === 'written' && question?.type === 'written' ? question : undefined;
    const list = byItem.get(slot.item) ?? [];
    list.push({ slot, part: usable, options: displayOptions(usable, slot), saved: saved.get(slot.key), score: undefined, ...(written ? { written } : {}) });
    byItem.set(slot.item, list);
  }
  const sections: ViewSection[] = [];
  for (const type of TYPE_ORDER) {
    const items = paper.items.filter((i) => i.type === type);
    if (items.length === 0) continue;
    const first = items[0]!;
    const points = type === 'case' ? (first.parts?.[0]?.points ?? 0) : first.points;
    sections.push({ type, points, items: items.map((item) => ({ item, question: pool.byKey.get(item.key)?.question, slots: byItem.get(item) ?? [] })) });
  }
  return sections;
}

/**
 * Fills in what each final answer earned, in place (the view slots are this request's own): a
 * submitted attempt's from its stored result (the grade it was given), a practice run's answered
 * slots scored now (each practice answer is final once checked).
 */
export function withScores(sections: ViewSection[], from: { result: AttemptResult } | { practice: Scoring }): ViewSection[] {
  const stored = 'result' in from ? new Map(from.result.slots.map((s) => [s.key, s])) : undefined;
  for (const section of sections) {
    for (const item of section.items) {
      for (const vs of item.slots) {
        if (stored) {
          vs.score = stored.get(vs.slot.key)?.score ?? 0;
          if (stored.get(vs.slot.key)?.pending) vs.awaiting = true;
        } else if ('practice' in from && vs.part && vs.saved && vs.saved.answer !== '')
          vs.score = scoreAnswer(vs.part, vs.saved.answer, vs.slot.points, from.practice);
      }
    }
  }
  return sections;
}

/** What a result still waits for: written answers to mark, and the part already marked (the objective part, and any written answer marked so far). */
export type AwaitingMarking = { count: number; score: number; max: number };

export function awaitingMarking(result: AttemptResult): AwaitingMarking | undefined {
  if (!result.awaiting?.length) return undefined;
  const marked = result.slots.filter((s) => !s.pending);
  const sum = (f: (s: (typeof marked)[number]) => number) => Math.round(marked.reduce((n, s) => n + f(s), 0) * 100) / 100;
  return { count: result.awaiting.length, score: sum((s) => s.score), max: sum((s) => s.max) };
}
