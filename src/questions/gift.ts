import { createHash } from 'node:crypto';
import { parse, type GIFTQuestion, type MultipleChoice, type TextFormat, type TrueFalse } from 'gift-pegjs';
import type { MessageKey, Translate } from '../i18n/index.js';
import { readDifficulty } from './answers.js';
import { resolveLesson, type DraftQuestion, type ImportCourse, type ReadResult, type SourceError } from './types.js';

// Moodle's GIFT format, the subset our question types can hold: multiple choice with one `=`
// answer (单选), multiple choice with weights `~%50%` (多选: every option with a positive weight
// is correct), and true/false. `::title::` (or a `// [id:…]` comment) is the question id,
// `####…` the explanation, and `// [tag:难度:3]`, `[tag:知识点:…]`, `[tag:所属课:…]` the metadata.
//
// Questions are separated by blank lines, as in Moodle, so each one is parsed on its own: errors
// then carry the line of the question they belong to, and one bad question cannot swallow the next.

type Block = { line: number; text: string };

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let start = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      if (current.length) blocks.push({ line: start + 1, text: current.join('\n') });
      current = [];
      return;
    }
    if (!current.length) start = i;
    current.push(line);
  });
  if (current.length) blocks.push({ line: start + 1, text: current.join('\n') });
  return blocks;
}

/**
 * A Chinese keyboard types ｛ ｝ ＝ ～ ＃ ： instead of the ASCII markers, and the parser then reads
 * the whole question as a description without complaint. ｛｝ are flagged anywhere; ＝～＃ only
 * where they would start an answer or feedback (～ is the usual range sign in Chinese text).
 */
function lint(block: Block, t: Translate): SourceError[] {
  const errors: SourceError[] = [];
  let depth = 0;
  let previous = '';
  block.text.split('\n').forEach((line, li) => {
    const at = block.line + li;
    const report = (char: string, column: number, ascii: string) => errors.push({ at, message: t('questions.gift.fullWidth', { char, column, ascii }) });
    if (li === 0 && /^\s*：：/.test(line)) report('：：', line.indexOf('：') + 1, '::');
    let escaped = false;
    [...line].forEach((ch, ci) => {
      if (escaped || ch === '\\') {
        escaped = !escaped;
        previous = ch;
        return;
      }
      if (ch === '{' || ch === '｛') depth++;
      if (ch === '}' || ch === '｝') depth = Math.max(0, depth - 1);
      if (ch === '｛' || ch === '｝') report(ch, ci + 1, ch === '｛' ? '{' : '}');
      const startsAnswer = /[\s{｛}｝]/.test(previous) || previous === '' || ci === 0;
      if (depth > 0 && startsAnswer && (ch === '＝' || ch === '～')) report(ch, ci + 1, ch === '＝' ? '=' : '~');
      if (depth > 0 && ch === '＃') report(ch, ci + 1, '#');
      previous = ch;
    });
    previous = '\n';
  });
  return errors;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** HTML as the text a reader sees: scripts and styles dropped whole, block ends as line breaks. */
function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/[ \t]*\n[ \t\n]*/g, '\n');
}

/** Markdown as plain text: emphasis, code and link markers dropped, the words kept. */
function markdownToText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/\*(\S(?:.*?\S)?)\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1');
}

/** Question text as plain text, whatever its [format] tag (see the header comment). */
function plain(f: TextFormat | null | undefined): string {
  if (!f) return '';
  if (f.format === 'html') return htmlToText(f.text).trim();
  if (f.format === 'markdown') return markdownToText(f.text).trim();
  return f.text.trim();
}

/** The last part of a Moodle category path: `$course$/BCM-101/客户分层` → 客户分层. */
const categoryTopic = (path: string) =>
  path
    .replace(/^\$(course|system|module|cat\d*)\$\/?/, '')
    .split('/')
    .filter(Boolean)
    .pop() ?? '';

const ID = /^[\p{L}\p{N}_.:-]{1,64}$/u;

/**
 * An id for a question named in free text, the same on every import of the same file: the name's
 * words joined by -, or for a name with nothing usable (or too long) a short hash of it.
 */
export function idFromTitle(title: string): string {
  const words = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_.:-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (words && words.length <= 64) return words;
  const hash = createHash('sha256').update(title).digest('hex').slice(0, 8);
  return words ? `${words.slice(0, 55).replace(/-+$/, '')}-${hash}` : `q-${hash}`;
}

type Meta = { topic?: string; difficulty?: string; lesson?: string };

function metaOf(tags: string[] | null | undefined): Meta {
  const meta: Meta = {};
  for (const tag of tags ?? []) {
    const m = /^\s*([^:：=]+)\s*[:：=]\s*(.+)$/.exec(tag);
    if (!m) continue;
    const [key, value] = [m[1]!.trim().toLowerCase(), m[2]!.trim()];
    if (key === '难度' || key === 'difficulty') meta.difficulty = value;
    else if (key === '知识点' || key === '考点' || key === 'topic') meta.topic = value;
    else if (key === '所属课' || key === 'lesson') meta.lesson = value;
  }
  return meta;
}

/**
 * Reads a GIFT file block by block, giving the event loop a turn every GIFT_YIELD_EVERY blocks
 * (the parser takes about 0.1 ms a block), and refuses a file of more than `maxBlocks` blocks
 * before parsing any: a question is one block, so this is the spreadsheets' question limit.
 */
const GIFT_YIELD_EVERY = 200;

export async function readGift(text: string, course: ImportCourse, t: Translate, maxBlocks = Infinity): Promise<ReadResult> {
  const errors: SourceError[] = [];
  const warnings: SourceError[] = [];
  const drafts: DraftQuestion[] = [];
  // Moodle lets several questions share a name: the second `客户经理 职责` becomes `…-2`.
  const derived = new Map<string, number>();
  let categoryTopicText = '';

  const blocks = splitBlocks(text.replace(/\r\n?/g, '\n'));
  if (blocks.length > maxBlocks) return { drafts: [], errors: [{ at: 1, message: t('questions.error.tooManyRows', { max: maxBlocks }) }], warnings };
  let n = 0;
  for (const block of blocks) {
    if (++n % GIFT_YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    const linted = lint(block, t);
    if (linted.length) {
      errors.push(...linted);
      continue;
    }
    let parsed: GIFTQuestion[];
    try {
      parsed = parse(`${block.text}\n`);
    } catch (e) {
      const loc = (e as { location?: { start: { line: number; column: number } } }).location?.start;
      // The parser may point just past the block (a missing brace): then name the block's end.
      const lines = block.text.split('\n');
      const past = !loc || loc.line > lines.length;
      const at = block.line + (past ? lines.length - 1 : loc.line - 1);
      const column = past ? [...lines[lines.length - 1]!].length + 1 : loc.column;
      errors.push({ at, message: t('questions.gift.syntax', { column, detail: (e as Error).message }) });
      continue;
    }
    // The question's own line: past any comment lines that lead the block.
    const leading = block.text.split('\n').findIndex((l) => !/^\s*\/\//.test(l) && !/^\s*\$CATEGORY:/i.test(l));
    const at = block.line + Math.max(0, leading);
    for (const q of parsed) {
      if (q.type === 'Category') {
        categoryTopicText = categoryTopic(q.title);
        continue;
      }
      const fail = (key: MessageKey, params: Record<string, string | number> = {}) => errors.push({ at, message: t(key, params) });
      if (q.type === 'Description') {
        fail('questions.gift.noAnswers');
        continue;
      }
      if (q.type !== 'MC' && q.type !== 'TF') {
        fail('questions.gift.unsupported', { type: q.type });
        continue;
      }
      const title = q.title?.trim() || undefined;
      let id = q.id?.trim() || undefined;
      if (!id && title && ID.test(title)) id = title;
      else if (!id && title) {
        const base = idFromTitle(title);
        const seen = (derived.get(base) ?? 0) + 1;
        derived.set(base, seen);
        id = seen === 1 ? base : `${base}-${seen}`;
      }
      const meta = metaOf(q.tags);
      const difficulty = readDifficulty(meta.difficulty ?? '');
      if (difficulty === undefined) fail('questions.gift.badDifficulty', { value: meta.difficulty ?? '' });
      const lesson = resolveLesson(course, meta.lesson ?? '');
      if (lesson === undefined) fail('questions.gift.badLesson', { value: meta.lesson ?? '', count: course.lessons.length });
      const stem = plain(q.stem);
      if (!stem) fail('questions.gift.noStem');
      const answer = q.type === 'TF' ? trueFalse(q) : choices(q, fail);
      if (!answer) continue;
      if (errors.some((e) => e.at === at) || difficulty === undefined || lesson === undefined) continue;
      if (!answer.explanation) warnings.push({ at, message: t('questions.gift.noExplanation') });
      drafts.push({
        at,
        id,
        ...(title && title !== id ? { title } : {}),
        stem,
        difficulty,
        lesson,
        topic: meta.topic || categoryTopicText || course.title.zh,
        ...answer,
      });
    }
  }
  if (!errors.length && !drafts.length) errors.push({ at: 1, message: t('questions.error.noQuestions') });
  return { drafts, errors: errors.sort((a, b) => a.at - b.at), warnings };
}

type Answer = Pick<DraftQuestion, 'type' | 'options' | 'answer' | 'explanation'>;

function trueFalse(q: TrueFalse): Answer {
  // Moodle: {TRUE#feedback if answered wrongly#feedback if answered rightly}; the general
  // feedback (####) is the explanation, else the right-answer feedback, else the other one.
  const explanation = plain(q.globalFeedback) || plain(q.falseFeedback) || plain(q.trueFeedback);
  return { type: 'truefalse', answer: q.isTrue, explanation };
}

function choices(q: MultipleChoice, fail: (key: MessageKey, params?: Record<string, string | number>) => void): Answer | undefined {
  if (q.choices.length < 2 || q.choices.length > 6) return void fail('questions.gift.optionCount', { count: q.choices.length });
  // Weighted answers come back with isCorrect false: the weight decides.
  const correct = q.choices.map((c) => (c.weight !== null ? c.weight > 0 : c.isCorrect));
  const weighted = q.choices.some((c) => c.weight !== null);
  const count = correct.filter(Boolean).length;
  if (count === 0) return void fail('questions.gift.noCorrect');
  if (count > 1 && !weighted) return void fail('questions.gift.severalEquals');
  const letters = correct.flatMap((ok, i) => (ok ? ['ABCDEF'[i]!] : [])).join('');
  const options = q.choices.map((c) => plain(c.text));
  if (options.some((o) => !o)) return void fail('questions.gift.emptyOption');
  const explanation =
    plain(q.globalFeedback) ||
    q.choices
      .filter((_, i) => correct[i])
      .map((c) => plain(c.feedback))
      .filter(Boolean)
      .join('\n');
  return { type: count > 1 ? 'multiple' : 'single', options, answer: letters, explanation };
}
