// The file question banks (courses/<slug>/questions.yaml) as pool entries, read once per
// catalogue: banks change with a deploy, not during an exam day.
import fs from 'node:fs';
import path from 'node:path';
import { loadQuestionBank, type Catalog, type Problem, type Question } from '../catalog/index.js';
import type { ExamsRuntime } from './runtime.js';

export type PoolQuestion = {
  /** Bank id, or `imp:<questionId>` for an imported question (ids are only unique per institution). */
  key: string;
  /** Course slug. */
  course: string;
  source: 'bank' | 'imported';
  question: Question;
};

export type FileBanks = { questions: PoolQuestion[]; problems: Problem[] };

/** The catalogue's file banks, read once per app (kept on its exams runtime). */
export function fileBanks(exams: ExamsRuntime, catalog: Catalog): FileBanks {
  if (exams.banks?.catalog !== catalog) exams.banks = { catalog, banks: loadFileBanks(catalog) };
  return exams.banks.banks;
}

/** Valid questions only; a broken entry is reported by `bcm validate` and simply not drawn. */
export function loadFileBanks(catalog: Catalog): FileBanks {
  const questions: PoolQuestion[] = [];
  const problems: Problem[] = [];
  for (const course of catalog.programme.courses.values()) {
    const file = path.join(course.dir, 'questions.yaml');
    if (!fs.existsSync(file)) continue;
    const loaded = loadQuestionBank(file);
    problems.push(...loaded.problems);
    for (const q of loaded.bank?.questions ?? []) questions.push({ key: q.id, course: course.slug, source: 'bank', question: q });
  }
  return { questions, problems };
}
