// Autosave, the hot path of an exam day: one cached lookup, one (shared) commit. Saves carry a
// sequence number so retries are harmless and the newest change wins however requests reorder.
import { ANSWER_MAX_CHARS, charCount } from '../catalog/index.js';
import { encodePicks } from './answers.js';
import { finaliseAttempt, type ExamDeps } from './attempts.js';
import { acceptsAnswers } from './clock.js';
import { commitSave } from './group-commit.js';
import { paperOf } from './paper-cache.js';
import * as store from './store.js';
import type { Slot } from './types.js';

export type SaveInput = { attemptId: number; traineeId: number; key: string; picks: readonly string[]; flagged: boolean; seq: number };

export type SaveOutcome =
  | { kind: 'saved'; seq: number }
  | { kind: 'notFound' }
  | { kind: 'invalid' }
  /** A written answer over ANSWER_MAX_CHARS: refused whole (the page's box stops typing there). */
  | { kind: 'tooLong'; max: number }
  /** Already submitted (by the trainee, the clock or the sweep). */
  | { kind: 'closed' }
  /** Arrived after the deadline and its grace: refused, and the attempt is finalised now. */
  | { kind: 'late' };

export function slotsOf(deps: ExamDeps, attemptId: number): Map<string, Slot> | undefined {
  return paperOf(deps, attemptId)?.slots;
}

export const isSeq = (n: number) => Number.isSafeInteger(n) && n > 0;

/** The autosave: validated now, acknowledged once its (group) commit is done. */
export async function saveAnswer(deps: ExamDeps, input: SaveInput, now = Date.now()): Promise<SaveOutcome> {
  const meta = store.attemptMeta(deps.db, input.attemptId);
  if (!meta || meta.traineeId !== input.traineeId) return { kind: 'notFound' };
  const checked = checkSave(deps, meta, input, now);
  if (checked.kind !== 'ok') return checked;
  // Closed meanwhile: by another process (WORKERS=N) between the check and the commit.
  if (!(await commitSave(deps, checked.row))) return { kind: 'closed' };
  return { kind: 'saved', seq: input.seq };
}

/** Stores a save at once (answers the browser sends along with "submit", just before grading). */
export function saveNow(deps: ExamDeps, meta: store.AttemptMeta, input: SaveInput, now: number): SaveOutcome {
  const checked = checkSave(deps, meta, input, now);
  if (checked.kind !== 'ok') return checked;
  if (store.saveAnswerRow(deps.db, checked.row).size > 0) return { kind: 'closed' };
  return { kind: 'saved', seq: input.seq };
}

/** Whether a save may be stored, and the row to store: owned attempt, open, in time, on the paper. */
function checkSave(
  deps: ExamDeps,
  meta: store.AttemptMeta,
  input: SaveInput,
  now: number,
): Exclude<SaveOutcome, { kind: 'saved' }> | { kind: 'ok'; row: store.SaveRow } {
  if (meta.status !== 'open') return { kind: 'closed' };
  if (!acceptsAnswers(now, meta.deadlineAt)) {
    finaliseAttempt(deps, meta.id, 'deadline', now);
    return { kind: 'late' };
  }
  // Practice answers are final once checked (the feedback showed the key); they go through /check.
  if (meta.mode !== 'exam' || !isSeq(input.seq)) return { kind: 'invalid' };
  const slot = slotsOf(deps, meta.id)?.get(input.key);
  if (slot?.type === 'written' && input.picks.some((text) => charCount(text) > ANSWER_MAX_CHARS)) return { kind: 'tooLong', max: ANSWER_MAX_CHARS };
  const answer = slot ? encodePicks(slot, input.picks) : null;
  if (answer === null) return { kind: 'invalid' };
  return { kind: 'ok', row: { attemptId: meta.id, key: input.key, answer, flagged: input.flagged, seq: input.seq, savedAt: now } };
}

export type CheckOutcome =
  /** `answered` of `total`: the practice page's counter after this check. */
  | { kind: 'checked'; slot: Slot; answer: string; finished: boolean; answered: number; total: number }
  | { kind: 'notFound' }
  /** Nothing picked, or picks that don't fit; `slot` when the question itself was recognised. */
  | { kind: 'invalid'; slot?: Slot }
  | { kind: 'closed' };

/**
 * Practice: stores the answer to one slot and reports it for feedback. A slot already answered
 * keeps its first answer (the feedback revealed the key). When every slot is answered the run
 * is finalised, so its misses reach the wrong-answer notebook.
 */
export function checkPractice(deps: ExamDeps, input: Omit<SaveInput, 'flagged' | 'seq'>, now = Date.now()): CheckOutcome {
  const { db } = deps;
  const meta = store.attemptMeta(db, input.attemptId);
  if (!meta || meta.traineeId !== input.traineeId || meta.mode !== 'practice') return { kind: 'notFound' };
  if (meta.status !== 'open') return { kind: 'closed' };
  const slots = slotsOf(deps, meta.id);
  const slot = slots?.get(input.key);
  const encoded = slot ? encodePicks(slot, input.picks) : null;
  if (!slots || !slot || encoded === null || encoded === '') return { kind: 'invalid', slot };
  const result = store.immediate(db, () => {
    const answers = store.answersOf(db, meta.id);
    const existing = answers.find((a) => a.questionKey === slot.key && a.answer !== '');
    if (existing) return { answer: existing.answer, answered: answers.filter((a) => a.answer !== '').length };
    const seq = Math.max(meta.lastSeq, ...answers.map((a) => a.seq)) + 1;
    store.saveAnswerRow(db, { attemptId: meta.id, key: slot.key, answer: encoded, flagged: false, seq, savedAt: now });
    return { answer: encoded, answered: answers.filter((a) => a.answer !== '').length + 1 };
  });
  const finished = result.answered >= slots.size;
  if (finished) finaliseAttempt(deps, meta.id, 'trainee', now);
  return { kind: 'checked', slot, answer: result.answer, finished, answered: result.answered, total: slots.size };
}
