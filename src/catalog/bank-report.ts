// The bank report `bcm validate` prints: one summary line per course on every run, and with
// --report a table of each course's lessons and bank figures, a `!` on every figure that breaks a
// rule of bank-rules.ts. Plain text in English like the rest of `bcm validate`; course slugs and
// ASCII headers keep the columns aligned in any terminal.
import type { BankRules } from './bank-rules.js';
import { type BankRuleId, type BankStats, KEY_LETTERS } from './bank-quality.js';

export interface CourseBankReport {
  slug: string;
  lessonsWritten: number;
  lessonsTotal: number;
  /** Han characters in the bodies of the course's lessons (frontmatter left out). */
  hanCharacters: number;
  /** Undefined when the bank could not be read at all (the problem says why). */
  stats?: BankStats;
  /** Questions on the written lesson that has fewest (0 when some has none); undefined without one. */
  fewestOnALesson?: number;
  /** The rules this bank breaks. */
  broken: ReadonlySet<BankRuleId>;
  /** A level's exam coaching course, which needs no bank of its own. */
  coaching?: boolean;
}

const thousands = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '–' : String(Math.round((100 * part) / whole)));

interface Column {
  head: string;
  rule?: BankRuleId;
  /** Right-aligned unless false. */
  right?: boolean;
  /** A figure of the course, or of its bank (shown as '?' when the bank is unreadable, '–' for a coaching course without one). */
  of: { course: (r: CourseBankReport) => string } | { bank: (s: BankStats) => string };
}

const COLUMNS: Column[] = [
  { head: 'course', right: false, of: { course: (r) => r.slug } },
  { head: 'lessons', of: { course: (r) => `${r.lessonsWritten}/${r.lessonsTotal}` } },
  { head: 'Han chars', of: { course: (r) => thousands(r.hanCharacters) } },
  { head: 'questions', rule: 'questions', of: { bank: (s) => String(s.questions) } },
  { head: 'min/lesson', rule: 'perLesson', of: { course: (r) => (r.fewestOnALesson === undefined ? '–' : String(r.fewestOnALesson)) } },
  { head: 'S', of: { bank: (s) => String(s.byType.single) } },
  { head: 'M', of: { bank: (s) => String(s.byType.multiple) } },
  { head: 'TF', of: { bank: (s) => String(s.byType.truefalse) } },
  { head: 'case(parts)', of: { bank: (s) => `${s.byType.case}(${s.caseParts})` } },
  { head: 'W', rule: 'written', of: { bank: (s) => String(s.written) } },
  {
    head: 'easy/med/hard %',
    rule: 'difficulty',
    of: { bank: (s) => [s.byBand.easy, s.byBand.medium, s.byBand.hard].map((n) => pct(n, s.questions)).join('/') },
  },
  { head: 'key longest %', rule: 'keyLongest', of: { bank: (s) => pct(s.single.keyLongest, s.single.count) } },
  { head: 'keys A/B/C/D %', rule: 'keyLetters', of: { bank: (s) => KEY_LETTERS.map((l) => pct(s.single.keyLetters[l], s.single.count)).join('/') } },
  { head: 'MC all %', rule: 'multipleAll', of: { bank: (s) => pct(s.multiple.allKeyed, s.multiple.count) } },
  { head: 'MC 2 %', rule: 'multipleTwo', of: { bank: (s) => pct(s.multiple.twoKeyed, s.multiple.count) } },
];

function cellOf(c: Column, r: CourseBankReport): string {
  const text = 'course' in c.of ? c.of.course(r) : r.stats ? c.of.bank(r.stats) : r.coaching ? '–' : '?';
  return text + (c.rule && r.broken.has(c.rule) ? '!' : '');
}

/** `bcm-intro: 2/2 lessons written, 30 questions; bank rules broken: questions, key longest %`. */
export function summaryLine(r: CourseBankReport): string {
  const lessons = `${r.lessonsWritten}/${r.lessonsTotal} lessons written`;
  if (!r.stats) return `${r.slug}: ${lessons}, ${r.coaching ? 'exam coaching, no question bank' : 'question bank unreadable'}`;
  const broken = COLUMNS.filter((c) => c.rule && r.broken.has(c.rule)).map((c) => c.head);
  return `${r.slug}: ${lessons}, ${r.stats.questions} question${r.stats.questions === 1 ? '' : 's'}; ${broken.length ? `bank rules broken: ${broken.join(', ')}` : 'bank rules met'}`;
}

/** The whole report: table, then what the columns mean and the thresholds in force. */
export function reportTable(reports: readonly CourseBankReport[], rules: BankRules): string[] {
  const rows = reports.map((r) => COLUMNS.map((c) => cellOf(c, r)));
  const widths = COLUMNS.map((c, i) => Math.max(c.head.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (COLUMNS[i]!.right === false ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const t = rules.difficultyTargetPercent;
  return [
    line(COLUMNS.map((c) => c.head)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `questions: a case counts once (at least ${rules.minQuestionsPerCourse}); min/lesson: fewest questions on one lesson (at least ${rules.minQuestionsPerLesson} per written lesson)`,
    `S/M/TF/case: single, multiple, true/false, case (its parts); easy 1–2 易/较易, med 3 中, hard 4–5 较难/难: target ${t.easy}/${t.medium}/${t.hard} ± ${rules.difficultyTolerancePoints}`,
    `key longest: single choice (case parts too) whose key is the one longest option (at most ${rules.singleKeyLongestMaxPercent}%); keys: each of A–D ${rules.keyLetterPercent.min}–${rules.keyLetterPercent.max}% of single-choice keys`,
    `MC all / MC 2: multiple choice keyed on every option (at most ${rules.multipleAllKeyedMaxPercent}%) / on exactly two (at least ${rules.multipleTwoKeyedMinPercent}%); ! marks a figure that breaks its rule`,
  ];
}
