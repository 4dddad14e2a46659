import path from 'node:path';
import { reportTable, summaryLine } from './bank-report.js';
import { checkCourses, formatProblems } from './validate.js';

type Out = { log: (line: string) => void; error: (line: string) => void };

/**
 * `npx bcm validate [dir] [--report]`: one `path:line:column message` line per problem on standard
 * output, exit 1 on any. Every run ends with one summary line per course on standard error (so
 * standard output stays one problem per line for scripts); `--report` prints the bank report table
 * on standard output instead.
 */
export async function runValidate(dir: string, out: Out = console, opts: { report?: boolean } = {}): Promise<number> {
  const started = performance.now();
  const { problems, banks, bankRules } = await checkCourses(path.resolve(dir));
  if (problems.length) out.log(formatProblems(problems));
  if (opts.report) {
    if (problems.length) out.log('');
    for (const line of reportTable(banks, bankRules)) out.log(line);
  } else {
    for (const bank of banks) out.error(summaryLine(bank));
  }
  const where = path.relative(process.cwd(), dir) || '.';
  if (problems.length) {
    out.error(`${problems.length} problem(s) in ${where}`);
    return 1;
  }
  out.error(`No problems in ${where} (${Math.round(performance.now() - started)} ms).`);
  return 0;
}
