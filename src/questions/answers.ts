// Tolerant readings of what people actually type into a question spreadsheet: `A、C`, `ABD`,
// `ａｂ`, `√`, `对`, `较难`… Each reader returns the value, or undefined when the text cannot be
// read, and the caller turns that into a row error naming the column.

export type ChoiceType = 'single' | 'multiple' | 'truefalse';
export type RowType = ChoiceType | 'case' | `case-${ChoiceType}`;

/** NFKC folds full-width letters, digits and punctuation (`Ａ`, `３`, `，`) to their ASCII forms. */
export const fold = (s: string) => s.normalize('NFKC').trim();

const TYPE_WORDS: Record<string, ChoiceType | 'case' | 'either'> = {
  单选: 'single',
  单项选择: 'single',
  单选择: 'single',
  single: 'single',
  多选: 'multiple',
  多项选择: 'multiple',
  多选择: 'multiple',
  multiple: 'multiple',
  // 不定项 means "one or more correct": the answer decides which of our two types it is.
  不定项: 'either',
  不定项选择: 'either',
  判断: 'truefalse',
  是非: 'truefalse',
  对错: 'truefalse',
  truefalse: 'truefalse',
  tf: 'truefalse',
  案例分析: 'case',
  案例: 'case',
  case: 'case',
};

/**
 * 题型 → a row type. `案例-单选`, `案例分析-多选题`, `case-tf` are sub-questions of the case
 * above them. `either` (不定项) is resolved by the number of answer letters.
 */
export function readType(raw: string): RowType | 'either' | 'case-either' | undefined {
  const s = fold(raw)
    .toLowerCase()
    .replace(/[\s\-_—–－/·:：()（）]/g, '')
    .replace(/题$/, '');
  if (s in TYPE_WORDS) return TYPE_WORDS[s] as RowType | 'either';
  const m = /^(案例分析|案例|case)(.+)$/.exec(s);
  if (!m) return undefined;
  const part = TYPE_WORDS[m[2]!.replace(/题$/, '')];
  if (part === undefined || part === 'case') return undefined;
  return `case-${part}` as RowType | 'case-either';
}

/**
 * Answer letters, sorted and de-duplicated: `A、C`, `a,c`, `A C`, `ABD`, `ＡＣ`, `（B）`, `A.`.
 * Undefined when anything other than A–F and separators remains.
 */
export function readLetters(raw: string): string | undefined {
  const s = fold(raw)
    .toUpperCase()
    .replace(/[\s,;、.。/|()[\]【】{}和与及+]/g, '');
  if (!s || !/^[A-F]+$/.test(s)) return undefined;
  return [...new Set(s)].sort().join('');
}

const TRUE_WORDS = new Set(['正确', '对', '是', '√', '✓', '✔', '☑', 't', 'true', 'y', 'yes', '真', 'v']);
const FALSE_WORDS = new Set(['错误', '错', '否', '×', '✗', '✘', 'x', 'f', 'false', 'n', 'no', '假', '不正确', '不对']);

/** 正确/错误/对/错/√/×/T/F/是/否 and friends (Excel may also have turned TRUE into a boolean). */
export function readTrueFalse(raw: string): boolean | undefined {
  const s = fold(raw)
    .toLowerCase()
    .replace(/[。.!！]$/, '');
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}

const DIFFICULTY_WORDS: Record<string, number> = {
  易: 1,
  容易: 1,
  简单: 1,
  较易: 2,
  较容易: 2,
  较简单: 2,
  中: 3,
  中等: 3,
  一般: 3,
  适中: 3,
  较难: 4,
  难: 5,
  困难: 5,
  easy: 1,
  medium: 3,
  hard: 5,
};

/** 1–5 (also `3.0` from a number cell) or 易/较易/中/较难/难. Blank means 3 (中). */
export function readDifficulty(raw: string): number | undefined {
  const s = fold(raw).toLowerCase();
  if (s === '') return 3;
  if (/^[1-5](\.0+)?$/.test(s)) return Number.parseInt(s, 10);
  return DIFFICULTY_WORDS[s];
}

/** Option letters A–F by index. */
export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
