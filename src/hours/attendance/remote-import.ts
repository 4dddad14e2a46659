import { mergeIntervals, type Interval } from '../rules/intervals.js';
import { parseZonedDateTime } from '../../platform/zoned-time.js';

// A video platform's attendance export (Tencent Meeting and the like) → intervals per enrolled
// trainee. Pure: rows in, intervals and problems out. Any malformed line makes the whole file
// fail, so an import never half-applies; people the cohort does not know (guests, the instructor)
// are reported by line and skipped, since every meeting export has some.

export type ExportRecord = { line: number; cells: string[] };
export type EnrolledPerson = { id: number; name: string; employeeNo: string | null };

type Column = 'name' | 'employeeNo' | 'join' | 'leave';

const COLUMNS: Record<Column, string[]> = {
  name: ['姓名', '用户名', '参会者', '参会人', 'name', 'user_name', 'participant'],
  employeeNo: ['工号', '员工编号', 'employee_no', 'employee_number'],
  join: ['入会时间', '加入时间', '首次入会时间', 'join', 'join_time'],
  leave: ['离会时间', '退出时间', '最后离会时间', 'leave', 'leave_time'],
};

export type ImportProblem =
  | { line: number; code: 'missingColumn'; column: string }
  | { line: number; code: 'badTime'; column: string; value: string }
  | { line: number; code: 'leaveBeforeJoin' }
  | { line: number; code: 'noPerson' }
  | { line: number; code: 'ambiguousName'; name: string }
  | { line: null; code: 'noRows' }
  | { line: null; code: 'outsideSession' };

export type ImportParse =
  { ok: true; intervals: Map<number, Interval[]>; matchedRows: number; unknown: { line: number; who: string }[] } | { ok: false; problems: ImportProblem[] };

/** Header cells compared without case, spaces or a trailing unit note such as "（UTC+8）". */
const norm = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)$/, '');
const normName = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ');
const normEmployeeNo = (s: string) => s.normalize('NFKC').trim().toUpperCase();

export function parseAttendanceExport(
  records: readonly ExportRecord[],
  people: readonly EnrolledPerson[],
  opts: { timeZone: string; window?: Interval },
): ImportParse {
  const [head, ...body] = records;
  if (!head) return { ok: false, problems: [{ line: null, code: 'noRows' }] };
  const header = head.cells.map(norm);
  const index = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((k) => [k, header.findIndex((h) => COLUMNS[k].map(norm).includes(h))])) as Record<
    Column,
    number
  >;
  const missing: ImportProblem[] = [];
  if (index.name < 0 && index.employeeNo < 0) missing.push({ line: head.line, code: 'missingColumn', column: COLUMNS.name[0]! });
  if (index.join < 0) missing.push({ line: head.line, code: 'missingColumn', column: COLUMNS.join[0]! });
  if (index.leave < 0) missing.push({ line: head.line, code: 'missingColumn', column: COLUMNS.leave[0]! });
  if (missing.length) return { ok: false, problems: missing };

  const byEmployeeNo = new Map(people.filter((p) => p.employeeNo).map((p) => [normEmployeeNo(p.employeeNo!), p]));
  const byName = new Map<string, EnrolledPerson[]>();
  for (const p of people) byName.set(normName(p.name), [...(byName.get(normName(p.name)) ?? []), p]);

  const problems: ImportProblem[] = [];
  const unknown: { line: number; who: string }[] = [];
  const found = new Map<number, Interval[]>();
  let matchedRows = 0;
  const cell = (r: ExportRecord, k: Column) => (index[k] >= 0 ? (r.cells[index[k]] ?? '').trim() : '');

  for (const r of body) {
    if (!r.cells.some((c) => c.trim() !== '')) continue;
    const name = normName(cell(r, 'name'));
    const employeeNo = normEmployeeNo(cell(r, 'employeeNo'));
    const problemsBefore = problems.length;
    if (!name && !employeeNo) problems.push({ line: r.line, code: 'noPerson' });
    const join = parseZonedDateTime(cell(r, 'join'), opts.timeZone);
    const leave = parseZonedDateTime(cell(r, 'leave'), opts.timeZone);
    if (join === null) problems.push({ line: r.line, code: 'badTime', column: head.cells[index.join]!.trim(), value: cell(r, 'join') });
    if (leave === null) problems.push({ line: r.line, code: 'badTime', column: head.cells[index.leave]!.trim(), value: cell(r, 'leave') });
    if (join !== null && leave !== null && leave < join) problems.push({ line: r.line, code: 'leaveBeforeJoin' });
    if (problems.length > problemsBefore) continue;

    // Employee number first (unique by nature); an exact name only when that finds nobody.
    let person = employeeNo ? byEmployeeNo.get(employeeNo) : undefined;
    if (!person && name) {
      const named = byName.get(name) ?? [];
      if (named.length > 1) {
        problems.push({ line: r.line, code: 'ambiguousName', name });
        continue;
      }
      person = named[0];
    }
    if (!person) {
      unknown.push({ line: r.line, who: [name, employeeNo].filter(Boolean).join(' / ') });
      continue;
    }
    matchedRows++;
    found.set(person.id, [...(found.get(person.id) ?? []), { start: join!, end: leave! }]);
  }

  if (problems.length) return { ok: false, problems };
  if (matchedRows === 0 && unknown.length === 0) return { ok: false, problems: [{ line: null, code: 'noRows' }] };
  const intervals = new Map([...found].map(([id, list]) => [id, mergeIntervals(list)]));
  // A file whose every matched time misses the session is almost surely another meeting's export.
  if (opts.window && matchedRows > 0) {
    const w = opts.window;
    const overlaps = [...intervals.values()].some((list) => list.some((i) => i.end > w.start && i.start < w.end));
    if (!overlaps) return { ok: false, problems: [{ line: null, code: 'outsideSession' }] };
  }
  return { ok: true, intervals, matchedRows, unknown };
}
