import fs from 'node:fs';
import path from 'node:path';
import { translator } from '../../src/i18n/index.js';
import type { Question } from '../../src/catalog/question-bank.js';
import type { ImportCourse } from '../../src/questions/types.js';
import { importQuestionFile, type ImportResult } from '../../src/questions/import.js';

// The course questions are imported into in the pure tests: BCM-101 as course.yaml has it.
export const BCM101: ImportCourse = {
  slug: 'bcm-intro',
  code: 'BCM-101',
  title: { zh: '银行客户经理概论', en: 'Introduction to Bank Customer Management' },
  lessons: [{ slug: '01-role-and-duties' }, { slug: '02-customer-manager-system' }],
};

export const zh = translator('zh-CN');
export const en = translator('en');

export const FIXTURES = path.resolve('test/fixtures/questions');
export const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
export const utf8 = (s: string) => new TextEncoder().encode(s);

export async function run(name: string, bytes: Uint8Array, t = zh): Promise<ImportResult> {
  return importQuestionFile(name, bytes, BCM101, { prefix: 'T-BCM-101-', start: 1 }, t);
}

/** The questions of a result that must have succeeded, by id. */
export function questionsOf(result: ImportResult): Map<string, Question & { at: number }> {
  if ('errors' in result) throw new Error(`unexpected errors:\n${result.errors.map((e) => `${e.at}: ${e.message}`).join('\n')}`);
  return new Map(result.questions.map((q) => [q.question.id, { ...q.question, at: q.at }]));
}

/** The errors of a result that must have failed, as `at: message` lines. */
export function errorsOf(result: ImportResult): string[] {
  if (!('errors' in result)) throw new Error(`expected errors, got ${result.questions.length} questions`);
  return result.errors.map((e) => `${e.at}: ${e.message}`);
}

/** The warnings of a result that succeeded, as `at: message` lines. */
export function warningsOf(result: ImportResult): string[] {
  if ('errors' in result) throw new Error(`unexpected errors:\n${result.errors.map((e) => `${e.at}: ${e.message}`).join('\n')}`);
  return result.warnings.map((e) => `${e.at}: ${e.message}`);
}
