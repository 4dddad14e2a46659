import type { MessageKey, Translate } from '../i18n/index.js';
import { fold, LETTERS, readDifficulty, readLetters, readTrueFalse, readType, type ChoiceType } from './answers.js';
import type { SheetRecord } from './sheet-file.js';
import { rubricMax } from '../catalog/index.js';
import { readRubric, readWords, readWrittenKind, type Read } from './written-cells.js';
import { resolveLesson, type DraftPart, type DraftQuestion, type ImportCourse, type ReadResult, type SourceError } from './types.js';

// The question template Chinese exam platforms use: one question per row, header in Chinese.
// A case question (案例分析) is a row holding the scenario, followed by its 2–5 sub-questions in
// rows typed 案例-单选 / 案例-多选 / 案例-判断; a 案例编号 lets sub-question rows name their case
// instead of following it directly.

type Field =
  'id' | 'type' | 'stem' | 'answer' | 'explanation' | 'difficulty' | 'topic' | 'lesson' | 'caseRef' | 'rubric' | 'words' | `opt${(typeof LETTERS)[number]}`;

const NAMES: Record<Field, string[]> = {
  id: ['题目编号', '试题编号', '编号', 'id', 'questionid'],
  type: ['题型', '题目类型', '试题类型', '类型', 'type'],
  stem: ['题干', '题目', '题目内容', '试题内容', '试题', 'stem', 'question'],
  answer: ['答案', '正确答案', '标准答案', '参考答案', 'answer'],
  explanation: ['解析', '答案解析', '试题解析', '题目解析', 'explanation'],
  difficulty: ['难度', '难易程度', '难易度', 'difficulty'],
  topic: ['知识点', '考点', 'topic'],
  lesson: ['所属课', '所属课程', '章节', '课', 'lesson'],
  caseRef: ['案例编号', '案例', 'case'],
  // A 主观题 row: its 参考答案 goes in the answer column (headed 答案 or 参考答案), its rubric here.
  rubric: ['评分标准', '评分细则', 'rubric'],
  words: ['字数', '字数要求', 'words'],
  ...(Object.fromEntries(LETTERS.map((L) => [`opt${L}`, [`选项${L}`, L, `${L}选项`, `option${L}`]])) as Record<`opt${(typeof LETTERS)[number]}`, string[]>),
};

/** The template's header, in the order the downloadable files use. */
export const TEMPLATE_HEADER = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '答案',
  '解析',
  '难度',
  '知识点',
  '所属课',
  '案例编号',
  '题目编号',
  '评分标准',
  '字数',
];

// 解析 is wanted but not required: a question without one is imported with a warning.
const REQUIRED: Field[] = ['type', 'stem', 'answer'];
const norm = (h: string) =>
  fold(h)
    .toLowerCase()
    .replace(/[\s*＊:：]/g, '');
const lookup = new Map(Object.entries(NAMES).flatMap(([field, names]) => names.map((n) => [norm(n), field as Field])));

export const isQuestionHeader = (cells: string[]) => {
  const fields = new Set(cells.map((c) => lookup.get(norm(c))));
  return fields.has('type') && fields.has('stem');
};

type Columns = Map<Field, { index: number; label: string }>;

function mapHeader(cells: string[]): Columns {
  const cols: Columns = new Map();
  cells.forEach((label, index) => {
    const field = lookup.get(norm(label));
    if (field && !cols.has(field)) cols.set(field, { index, label });
  });
  return cols;
}

/** A case being filled: its draft, how many sub-question rows named it, whether its own row was good. */
type OpenCase = { draft: DraftQuestion; claimed: number; ok: boolean };

export function readQuestionSheet(records: SheetRecord[], course: ImportCourse, t: Translate): ReadResult {
  // Some platforms put a title or note above the header: look for it in the first few rows.
  const headerAt = records.slice(0, 5).findIndex((r) => isQuestionHeader(r.cells));
  if (headerAt < 0) return { drafts: [], errors: [{ at: records[0]?.row ?? 1, message: t('questions.error.noHeader') }], warnings: [] };
  const header = records[headerAt]!;
  const cols = mapHeader(header.cells);
  const missing = REQUIRED.filter((f) => !cols.has(f));
  if (missing.length)
    return {
      drafts: [],
      errors: missing.map((f) => ({ at: header.row, message: t('questions.error.missingColumn', { column: NAMES[f][0]! }) })),
      warnings: [],
    };

  const errors: SourceError[] = [];
  const warnings: SourceError[] = [];
  // Without a 解析 column, one warning at the header rather than one on every row.
  if (!cols.has('explanation')) warnings.push({ at: header.row, message: t('questions.warning.noExplanationColumn', { column: NAMES.explanation[0]! }) });
  const drafts: DraftQuestion[] = [];
  const cases = new Map<string, OpenCase>();
  const allCases: OpenCase[] = [];
  let following: OpenCase | undefined;

  for (const rec of records.slice(headerAt + 1)) {
    if (rec.cells.every((c) => c === '')) continue;
    const rowErrors: string[] = [];
    const get = (f: Field) => {
      const col = cols.get(f);
      return col ? (rec.cells[col.index] ?? '') : '';
    };
    const label = (f: Field) => cols.get(f)?.label ?? NAMES[f][0]!;
    const fail = (key: MessageKey, params: Record<string, string | number> = {}) => rowErrors.push(t(key, params));

    const typeText = get('type');
    const kind = typeText ? readWrittenKind(typeText) : undefined;
    const type = typeText && !kind ? readType(typeText) : undefined;
    if (!typeText) fail('questions.error.emptyCell', { column: label('type') });
    else if (kind) {
      // 主观题: a question of its own, never a case's sub-question.
      following = undefined;
      const stem = get('stem');
      if (!stem) fail('questions.error.emptyCell', { column: label('stem') });
      const draft: DraftQuestion = { at: rec.row, id: get('id') || undefined, type: 'written', kind, stem, difficulty: 3, lesson: '', topic: '' };
      placement(draft, get, label, course, fail);
      if (LETTERS.some((L) => get(`opt${L}`))) fail('written.import.hasOptions', { column: label('optA') });
      const cell = <T>(f: Field, read: (raw: string) => Read<T>): T | undefined => {
        const raw = get(f);
        if (!raw) return void fail('questions.error.emptyCell', { column: label(f) });
        const r = read(raw);
        if ('fail' in r) return void fail(r.fail.key, { column: label(f), ...r.fail.params });
        return r.ok;
      };
      draft.rubric = cell('rubric', readRubric);
      draft.words = cell('words', readWords);
      draft.modelAnswer = cell('answer', (raw) => ({ ok: raw }));
      if (draft.rubric) draft.points = rubricMax(draft.rubric);
      if (!rowErrors.length) drafts.push(draft);
      for (const message of rowErrors) errors.push({ at: rec.row, message });
      continue;
    } else if (!type) fail('questions.error.badType', { column: label('type'), value: typeText });
    const stem = get('stem');
    if (!stem) fail('questions.error.emptyCell', { column: label('stem') });
    const id = get('id') || undefined;
    const caseRef = fold(get('caseRef'));

    if (type === 'case') {
      const draft: DraftQuestion = { at: rec.row, id, type: 'case', stem, difficulty: 3, lesson: '', topic: '', parts: [] };
      placement(draft, get, label, course, fail);
      if (get('answer') || LETTERS.some((L) => get(`opt${L}`))) fail('questions.error.caseHasAnswer', { column: label('answer') });
      const explanation = get('explanation');
      if (explanation) draft.explanation = explanation;
      following = { draft, claimed: 0, ok: false };
      allCases.push(following);
      if (caseRef) {
        const other = cases.get(caseRef);
        if (other) fail('questions.error.caseRefTaken', { column: label('caseRef'), value: caseRef, row: other.draft.at });
        else cases.set(caseRef, following);
      }
      following.ok = !rowErrors.length;
      if (following.ok) drafts.push(draft);
    } else if (type) {
      const partOf = type.startsWith('case-');
      const choice = answerOf(partOf ? (type.slice(5) as ChoiceType | 'either') : (type as ChoiceType | 'either'), get, label, fail);
      const explanation = get('explanation');
      const noExplanation = !explanation && cols.has('explanation');
      if (partOf) {
        const owner = caseRef ? cases.get(caseRef) : following;
        if (!owner)
          fail(caseRef ? 'questions.error.caseRefUnknown' : 'questions.error.partWithoutCase', { column: label('caseRef'), value: caseRef, type: typeText });
        else owner.claimed++;
        if (owner && choice && !rowErrors.length) owner.draft.parts!.push({ at: rec.row, id, stem, explanation, ...choice } as DraftPart);
        if (noExplanation && !rowErrors.length) warnings.push({ at: rec.row, message: t('questions.warning.noExplanation', { column: label('explanation') }) });
      } else {
        following = undefined;
        const draft = { at: rec.row, id, stem, explanation, difficulty: 3, lesson: '', topic: '', ...choice } as DraftQuestion;
        placement(draft, get, label, course, fail);
        if (!rowErrors.length) drafts.push(draft);
        if (noExplanation && !rowErrors.length) warnings.push({ at: rec.row, message: t('questions.warning.noExplanation', { column: label('explanation') }) });
      }
    }
    for (const message of rowErrors) errors.push({ at: rec.row, message });
  }

  for (const open of allCases) {
    if (!open.ok || (open.claimed >= 2 && open.claimed <= 5)) continue;
    errors.push({ at: open.draft.at, message: t('questions.error.casePartCount', { count: open.claimed }) });
    drafts.splice(drafts.indexOf(open.draft), 1);
  }
  if (!errors.length && !drafts.length) errors.push({ at: header.row, message: t('questions.error.noQuestions') });
  errors.sort((a, b) => a.at - b.at);
  return { drafts, errors: dedupe(errors), warnings };
}

type Get = (f: Field) => string;
type Label = (f: Field) => string;
type Fail = (key: MessageKey, params?: Record<string, string | number>) => void;

/** 难度, 知识点 and 所属课 for a top-level question (sub-questions inherit their case's). */
function placement(draft: DraftQuestion, get: Get, label: Label, course: ImportCourse, fail: Fail) {
  const difficulty = readDifficulty(get('difficulty'));
  if (difficulty === undefined) fail('questions.error.badDifficulty', { column: label('difficulty'), value: get('difficulty') });
  else draft.difficulty = difficulty;
  // A blank 知识点 files the question under the course itself rather than rejecting the row.
  draft.topic = get('topic') || course.title.zh;
  const lesson = resolveLesson(course, get('lesson'));
  if (lesson === undefined) fail('questions.error.badLesson', { column: label('lesson'), value: get('lesson'), count: course.lessons.length });
  else draft.lesson = lesson;
}

type Choice = { type: ChoiceType; options?: string[]; answer: string | boolean };

function answerOf(type: ChoiceType | 'either', get: Get, label: Label, fail: Fail): Choice | undefined {
  const raw = get('answer');
  const texts = LETTERS.map((L) => get(`opt${L}`));
  if (type === 'truefalse') {
    if (!raw) return void fail('questions.error.emptyCell', { column: label('answer') });
    let value = readTrueFalse(raw);
    // Platforms that model 判断 as A 正确 / B 错误 store the letter: read it through the option text.
    const letter = readLetters(raw);
    if (value === undefined && letter?.length === 1) value = readTrueFalse(texts[LETTERS.indexOf(letter as 'A')] ?? '');
    if (value === undefined) return void fail('questions.error.badTrueFalse', { column: label('answer'), value: raw });
    return { type, answer: value };
  }
  let last = texts.length - 1;
  while (last >= 0 && texts[last] === '') last--;
  const gap = texts.findIndex((s, i) => s === '' && i < last);
  if (gap >= 0) fail('questions.error.optionGap', { column: label(`opt${LETTERS[gap]!}`), next: label(`opt${LETTERS[last]!}`) });
  if (last < 1) fail('questions.error.fewOptions', { a: label('optA'), b: label('optB') });
  const options = texts.slice(0, last + 1);
  if (!raw) return void fail('questions.error.emptyCell', { column: label('answer') });
  const letters = readLetters(raw);
  if (!letters) return void fail('questions.error.badLetters', { column: label('answer'), value: raw });
  const beyond = [...letters].find((L) => !texts[LETTERS.indexOf(L as 'A')]);
  if (beyond && last >= 1)
    return void fail('questions.error.letterWithoutOption', { column: label('answer'), letter: beyond, option: label(`opt${beyond as 'A'}`) });
  const resolved = type === 'either' ? (letters.length > 1 ? 'multiple' : 'single') : type;
  if (resolved === 'single' && letters.length !== 1)
    return void fail('questions.error.singleNeedsOne', { column: label('answer'), value: raw, count: letters.length });
  if (resolved === 'multiple' && letters.length < 2) return void fail('questions.error.multipleNeedsTwo', { column: label('answer'), value: raw });
  return { type: resolved, options, answer: letters };
}

function dedupe(errors: SourceError[]): SourceError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.at}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
