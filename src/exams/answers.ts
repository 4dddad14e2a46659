// Translating between what the browser shows and what is stored. The page only ever sees option
// positions in its shuffled order ("0", "2"); the database keeps the question's own letters ("AC"),
// so grading, review and item statistics never depend on one trainee's shuffle.
import type { CasePart, Question } from '../catalog/index.js';
import { normaliseLetters } from './grading.js';
import type { Slot } from './types.js';

const LETTERS = 'ABCDEF';

export const letter = (i: number) => LETTERS[i] ?? '?';

/** The machine-graded question behind a slot: the question itself, or the case part. */
export function slotPart(q: Question | undefined, slot: Slot): Exclude<Question, { type: 'case' | 'written' }> | CasePart | undefined {
  // A written answer is prose marked by hand: no options, no key (see exams/written/).
  if (!q || q.type === 'written') return undefined;
  if (q.type === 'case') return q.parts.find((p) => p.id === slot.part?.id);
  return q;
}

/**
 * The stored form of the positions a trainee picked, or null if the picks don't fit the slot
 * (a position out of range, two picks for a single choice). No picks is a valid empty answer.
 */
export function encodePicks(slot: Slot, picks: readonly string[]): string | null {
  if (picks.length === 0) return '';
  if (slot.type === 'written') return picks.length === 1 ? writtenText(picks[0]!) : null;
  if (slot.type === 'truefalse') return picks.length === 1 && (picks[0] === 'true' || picks[0] === 'false') ? picks[0] : null;
  const order = slot.order ?? [];
  if (slot.type === 'single' && picks.length !== 1) return null;
  let out = '';
  for (const p of picks) {
    if (!/^[0-5]$/.test(p)) return null;
    const original = order[Number(p)];
    if (original === undefined) return null;
    out += letter(original);
  }
  return normaliseLetters(out);
}

/**
 * A written answer as stored: the text as typed, line breaks made \n (browsers send \r\n), and
 * nothing at all for whitespace only, so a cleared box is a blank answer like an unticked question.
 * Its length is the save's check (ANSWER_MAX_CHARS), which says so rather than cutting it.
 */
export function writtenText(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  return normalised.trim() === '' ? '' : normalised;
}

/** The displayed positions (as input values) that a stored answer corresponds to. */
export function displayPicks(slot: Slot, stored: string): Set<string> {
  if (slot.type === 'written') return new Set();
  if (slot.type === 'truefalse') return new Set(stored === 'true' || stored === 'false' ? [stored] : []);
  const order = slot.order ?? [];
  const out = new Set<string>();
  for (const l of stored) {
    const pos = order.indexOf(LETTERS.indexOf(l));
    if (pos >= 0) out.add(String(pos));
  }
  return out;
}

/** A stored answer as the trainee saw it: display letters ("B、D", "B, D" by `tf.sep`), or 正确/错误 via `tf`. */
export function displayAnswer(slot: Slot, stored: string, tf: { yes: string; no: string; sep?: string }): string {
  if (stored === '') return '';
  if (slot.type === 'written') return stored;
  if (slot.type === 'truefalse') return stored === 'true' ? tf.yes : tf.no;
  return [...displayPicks(slot, stored)]
    .map(Number)
    .sort((a, b) => a - b)
    .map(letter)
    .join(tf.sep ?? '、');
}

/** The key of a part/question in stored form. */
export function storedKey(part: { type: string; answer: string | boolean }): string {
  return typeof part.answer === 'boolean' ? String(part.answer) : normaliseLetters(part.answer);
}
