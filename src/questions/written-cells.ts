// Reading a written question (主观题) from a spreadsheet row: its 题型 word, the 字数 guide and the
// 评分标准 cell. The rubric cell has one criterion per line, levels separated by |:
//
//   风险识别: 0 未指出主要风险 | 2 指出一项风险 | 4 指出两项以上风险并引用数据 | 6 全面识别并排序
//   还款来源分析：0 未分析 | 3 分析第一还款来源 | 6 第一、第二还款来源均有分析
//
// (full-width ：｜ and a 分 after the number are accepted). Each reader returns the value or a
// message key with its parameters; spreadsheet.ts names the row and column.
import type { Criterion, WrittenKind } from '../catalog/index.js';
import type { MessageKey } from '../i18n/index.js';
import { fold } from './answers.js';

/** 题型 words for a written question, folded as readType folds them (no spaces, dashes or 题). */
const KIND_WORDS: Record<string, WrittenKind> = {
  主观: 'essay',
  简答: 'short',
  论述: 'essay',
  案例分析主观: 'case',
  案例主观: 'case',
  实操: 'task',
  实操任务: 'task',
  written: 'essay',
  short: 'short',
  essay: 'essay',
  task: 'task',
};

export function readWrittenKind(raw: string): WrittenKind | undefined {
  const s = fold(raw)
    .toLowerCase()
    .replace(/[\s\-_—–－/·:：()（）]/g, '')
    .replace(/题$/, '');
  return KIND_WORDS[s];
}

type Failure = { key: MessageKey; params: Record<string, string | number> };
export type Read<T> = { ok: T } | { fail: Failure };

/** 字数: "300-800", "300～800", "300至800字". */
export function readWords(raw: string): Read<{ min: number; max: number }> {
  const m = /^(\d+)\s*(?:-|~|～|至|到|—|–)\s*(\d+)\s*字?$/.exec(fold(raw));
  const min = Number(m?.[1]);
  const max = Number(m?.[2]);
  if (!m || !(min < max)) return { fail: { key: 'written.import.badWords', params: { value: raw } } };
  return { ok: { min, max } };
}

/** 评分标准: one criterion per line (see above). */
export function readRubric(raw: string): Read<Criterion[]> {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const rubric: Criterion[] = [];
  for (const [i, line] of lines.entries()) {
    const at = { line: i + 1 };
    const head = /^(.+?)\s*[:：]\s*(.+)$/.exec(line);
    if (!head) return { fail: { key: 'written.import.rubricNoName', params: { ...at, value: line } } };
    const levels = [];
    for (const cell of head[2]!.split(/[|｜]/)) {
      const lv = /^(\d+)\s*分?\s*[:：.、]?\s*(.+)$/.exec(fold(cell));
      if (!lv) return { fail: { key: 'written.import.rubricBadLevel', params: { ...at, value: cell.trim() } } };
      levels.push({ points: Number(lv[1]), description: lv[2]!.trim() });
    }
    rubric.push({ criterion: head[1]!.trim(), levels });
  }
  if (rubric.length === 0) return { fail: { key: 'written.import.rubricEmpty', params: {} } };
  return { ok: rubric };
}
