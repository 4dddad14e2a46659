import path from 'node:path';
import { formatProblems, validateCourses } from './validate.js';

/** `npx bcm validate [dir]`: one `path:line:column message` line per problem, exit 1 on any. */
export async function runValidate(dir: string): Promise<number> {
  const started = performance.now();
  const problems = await validateCourses(path.resolve(dir));
  if (problems.length) {
    console.log(formatProblems(problems));
    console.error(`${problems.length} problem(s) in ${path.relative(process.cwd(), dir) || '.'}`);
    return 1;
  }
  console.error(`No problems in ${path.relative(process.cwd(), dir) || '.'} (${Math.round(performance.now() - started)} ms).`);
  return 0;
}
