// The exam paper as plain strings. It is the page of the start storm (thousands of trainees
// opening the same exam at once), and hono/jsx spends ~3 ms building and escaping its ~1,500 nodes;
// string templates do it in a fraction of that. Only stems and options in the trainee's order are
// written here: answer keys and explanations never reach this code.
import { ANSWER_MAX_CHARS, charCount, displayPicks, letter, type ViewSection, type ViewSlot } from '../../src/exams/index.js';
import type { Translate } from '../../src/i18n/index.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (ch) => ESC[ch]!);

const checked = (on: boolean) => (on ? ' checked=""' : '');

/** The translated words a paper repeats on every question, looked up once per page. */
export type Labels = { t: Translate; yes: string; no: string; flag: string; multipleHint: string; withdrawn: string; points: (n: number) => string };

const labelCache = new WeakMap<Translate, Labels>();

export function labelsFor(t: Translate): Labels {
  let l = labelCache.get(t);
  if (!l) {
    const points = new Map<number, string>();
    l = {
      t,
      yes: esc(t('exams.true')),
      no: esc(t('exams.false')),
      flag: esc(t('exams.flag')),
      multipleHint: esc(t('exams.multipleHint')),
      withdrawn: esc(t('exams.withdrawn')),
      points: (n) => points.get(n) ?? (points.set(n, esc(t('exams.points', { points: n }))), points.get(n)!),
    };
    labelCache.set(t, l);
  }
  return l;
}

/** The inputs of one slot: radios, checkboxes or 正确/错误, valued by displayed position. */
export function slotOptionsHtml(t: Translate, vs: ViewSlot, disabled = false): string {
  const L = labelsFor(t);
  const { slot, options, saved } = vs;
  const picked = saved ? displayPicks(slot, saved.answer) : new Set<string>();
  const off = disabled ? ' disabled=""' : '';
  if (slot.type === 'truefalse') {
    const opt = (v: 'true' | 'false') =>
      `<label><input type="radio" name="a" value="${v}"${checked(picked.has(v))}${off}/> ${v === 'true' ? L.yes : L.no}</label>`;
    return `<div class="options tf">${opt('true')}${opt('false')}</div>`;
  }
  const kind = slot.type === 'single' ? 'radio' : 'checkbox';
  let out = '<div class="options">';
  options.forEach((text, i) => {
    out += `<label><input type="${kind}" name="a" value="${i}"${checked(picked.has(String(i)))}${off}/><b>${letter(i)}.</b> ${esc(text)}</label>`;
  });
  return `${out}</div>`;
}

export function slotLegendHtml(t: Translate, vs: ViewSlot): string {
  const L = labelsFor(t);
  const { slot, part } = vs;
  const hint = slot.type === 'multiple' ? `<span class="qhint"> ${L.multipleHint}</span>` : '';
  return `<legend><span class="qno">${slot.no}.</span> ${part ? esc(part.stem) : L.withdrawn}${hint}<span class="pts"> ${L.points(slot.points)}</span></legend>`;
}

/** The htmx settings every exam question form inherits from the paper around them. */
export const EXAM_FORM_SETTINGS = {
  'hx-trigger:inherited': 'change, bcm:resave',
  'hx-target:inherited': '#save-status',
  'hx-swap:inherited': 'innerHTML',
  // Per form: a change made while its previous save is in flight waits, and only the newest waits.
  'hx-sync:inherited': 'queue last',
};

/** Exam mode: every change autosaves (static/js/exam.js adds the sequence number). */
export function examSlotHtml(t: Translate, attemptId: number, vs: ViewSlot): string {
  if (vs.slot.type === 'written') return writtenSlotHtml(t, attemptId, vs);
  const { slot, part, saved } = vs;
  return (
    `<form id="q-${slot.no}" class="q" tabindex="-1" hx-post="/exams/attempts/${attemptId}/save" ` +
    `data-key="${esc(slot.key)}" data-seq="${saved?.seq ?? 0}">` +
    `<fieldset${part ? '' : ' disabled=""'}>${slotLegendHtml(t, vs)}${slotOptionsHtml(t, vs)}</fieldset>` +
    `<input type="hidden" name="q" value="${esc(slot.key)}"/>` +
    `<label class="flag"><input type="checkbox" name="f" value="1"${checked(saved?.flagged ?? false)}/> ${labelsFor(t).flag}</label></form>`
  );
}

/**
 * A written question (主观题): its prompt, the length guide and a plain text box. exam.js saves it
 * about a second after typing stops (never in the middle of an IME composition) and on leaving the
 * box, with the same sequence numbers and offline buffer as a choice; `maxlength` stops typing at
 * the limit the server enforces.
 */
export function writtenSlotHtml(t: Translate, attemptId: number, vs: ViewSlot): string {
  const { slot, written, saved } = vs;
  const id = `q-${slot.no}`;
  const text = saved?.answer ?? '';
  const legend =
    `<legend><span class="qno">${slot.no}.</span> ${written ? esc(t(`written.kind.${written.kind}`)) : labelsFor(t).withdrawn}` +
    `<span class="pts"> ${labelsFor(t).points(slot.points)}</span></legend>`;
  if (!written) return `<form id="${id}" class="q q-written" tabindex="-1" data-key="${esc(slot.key)}"><fieldset disabled="">${legend}</fieldset></form>`;
  const guide = t('written.guide', { min: written.words.min, max: written.words.max, limit: ANSWER_MAX_CHARS });
  return (
    `<form id="${id}" class="q q-written" tabindex="-1" hx-post="/exams/attempts/${attemptId}/save" ` +
    `data-key="${esc(slot.key)}" data-seq="${saved?.seq ?? 0}"><fieldset>${legend}` +
    `<div class="written-prompt">${esc(written.stem)}</div>` +
    `<label class="written-label" for="${id}-a">${esc(t('written.answerLabel'))}</label>` +
    `<p class="muted small" id="${id}-help">${esc(guide)} ${esc(t('written.answerHelp'))}</p>` +
    `<textarea id="${id}-a" name="a" rows="12" maxlength="${ANSWER_MAX_CHARS}" aria-describedby="${id}-help ${id}-count" data-written>\n${esc(text)}</textarea>` +
    `<p class="char-count muted small" id="${id}-count" data-char-count data-msg="${esc(t('written.count'))}">${esc(t('written.count', { n: charCount(text) }))}</p>` +
    `</fieldset><input type="hidden" name="q" value="${esc(slot.key)}"/>` +
    `<label class="flag"><input type="checkbox" name="f" value="1"${checked(saved?.flagged ?? false)}/> ${labelsFor(t).flag}</label></form>`
  );
}

export function sectionHeadingHtml(t: Translate, section: ViewSection, index: number): string {
  const numerals = t('exams.sectionNumerals').split(',');
  const key = section.type === 'case' ? 'exams.sectionHeadingCase' : 'exams.sectionHeading';
  const text = t(key, { n: numerals[index] ?? String(index + 1), name: t(`exams.type.${section.type}`), points: section.points });
  return `<h2 id="sec-${section.type}" class="exam-section">${esc(text)}</h2>`;
}

/** All sections; a case question's scenario is written once above its sub-questions. */
export function sectionsHtml(t: Translate, sections: readonly ViewSection[], slot: (vs: ViewSlot) => string): string {
  let out = '';
  let caseNo = 0;
  sections.forEach((section, i) => {
    out += `<section class="exam-part" aria-labelledby="sec-${section.type}">${sectionHeadingHtml(t, section, i)}`;
    for (const vi of section.items) {
      if (vi.item.type !== 'case') {
        for (const vs of vi.slots) out += slot(vs);
        continue;
      }
      const n = ++caseNo;
      out += `<article class="case-q" aria-labelledby="case-${n}"><h3 id="case-${n}">${esc(t('exams.caseTitle', { n }))}</h3>`;
      out += `<p class="case-stem">${esc(vi.question ? vi.question.stem : t('exams.withdrawn'))}</p>`;
      for (const vs of vi.slots) out += slot(vs);
      out += '</article>';
    }
    out += '</section>';
  });
  return out;
}

/**
 * The answer sheet (答题卡): one numbered cell per slot, grouped by type, filled when answered and
 * marked with a corner when flagged (the state is also spelled out for screen readers; exam.js keeps it
 * current). On a phone it is a drawer that the header's button opens; without script it stays in
 * the page above the paper.
 */
export function navigatorHtml(t: Translate, sections: readonly ViewSection[]): string {
  const answeredText = t('exams.nav.answered');
  const unansweredText = t('exams.nav.unanswered');
  const flaggedText = t('exams.nav.flagged');
  let total = 0;
  let done = 0;
  let cells = '';
  for (const s of sections) {
    cells += `<h3 class="qnav-sec">${esc(t(`exams.type.${s.type}`))}</h3><ol>`;
    for (const vi of s.items) {
      for (const { slot, saved } of vi.slots) {
        const answered = Boolean(saved && saved.answer !== '');
        const flagged = Boolean(saved?.flagged);
        total++;
        if (answered) done++;
        const cls = [answered ? 'is-answered' : '', flagged ? 'is-flagged' : ''].filter(Boolean).join(' ');
        const state = [answered ? answeredText : unansweredText, flagged ? flaggedText : ''].filter(Boolean).join('，');
        cells += `<li><a href="#q-${slot.no}"${cls ? ` class="${cls}"` : ''}>${slot.no}<span class="visually-hidden">${esc(state)}</span></a></li>`;
      }
    }
    cells += '</ol>';
  }
  return (
    `<nav id="answer-sheet" class="qnav" aria-labelledby="sheet-h"><div class="qnav-head"><h2 id="sheet-h">${esc(t('exams.sheet'))}</h2>` +
    `<span class="sheet-count" data-sheet-count>${esc(t('exams.sheetCount', { done, total }))}</span>` +
    `<button type="button" class="link qnav-close" data-sheet-close hidden>${esc(t('exams.sheetClose'))}</button></div>${cells}` +
    `<p class="qnav-legend muted"><span class="key-answered">${esc(answeredText)}</span> <span class="key-unanswered">${esc(unansweredText)}</span> ` +
    `<span class="key-flagged">${esc(flaggedText)}</span> <span class="key-current">${esc(t('exams.nav.current'))}</span></p></nav>`
  );
}
