import path from 'node:path';
import { formatProblems, validateCourses } from './validate.js';

type Out = { log: (line: string) => void; error: (line: string) => void };

/** `npx bcm validate [dir]`: one `path:line:column message` line per problem, exit 1 on any. */
export async function runValidate(dir: string, out: Out = console): Promise<number> {
  const started = performance.now();
  const problems = await validateCourses(path.resolve(dir));
  if (problems.length) {
    out.log(formatProblems(problems));
    out.error(`${problems.length} problem(s) in ${path.relative(process.cwd(), dir) || '.'}`);
    return 1;
  }
  out.error(`No problems in ${path.relative(process.cwd(), dir) || '.'} (${Math.round(performance.now() - started)} ms).`);
  return 0;
}
