import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/client.js';
import * as people from '../../src/institutions/store.js';
import { readDrafts } from '../../src/questions/import.js';
import { countsByCourse, importedQuestionRows, importedStamp, loadImportedQuestions, saveImport, type ImportTarget } from '../../src/questions/store.js';
import { BCM101, fixture, utf8, zh } from './support.js';

const BCM102 = { slug: 'theory-regulation', code: 'BCM-102', title: { zh: '理论基础与政策法规', en: 'Theory' }, lessons: [{ slug: '01-x' }] };

let db: Db;
let a: ImportTarget;
let b: ImportTarget;

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-questions-'));
  db = openDatabase(path.join(dir, 'bcm.sqlite'));
  const ia = people.createInstitution(db, 'SH01', '上海培训中心');
  const ib = people.createInstitution(db, 'BJ02', '北京培训中心');
  a = { institutionId: ia.id, institutionCode: ia.code, course: BCM101 };
  b = { institutionId: ib.id, institutionCode: ib.code, course: BCM101 };
});

const rows = () => (db.$client.prepare('select count(*) n from imported_questions').get() as { n: number }).n;
const audits = () =>
  db.$client.prepare(`select action, subject, detail from audit_log where action = 'questions.import'`).all() as { subject: string; detail: string }[];

async function save(target: ImportTarget, name: string, bytes: Uint8Array) {
  const read = await readDrafts(name, bytes, target.course, zh);
  expect(read.errors).toEqual([]);
  return saveImport(db, target, read.drafts, { actorId: null, via: 'cli', fileName: name }, zh, 1_700_000_000_000);
}

const csv = (...lines: string[]) => utf8(['题型,题干,选项A,选项B,答案,解析,题目编号', ...lines].join('\r\n'));

describe('saving an import', () => {
  it('writes every question in the questions.yaml shape, numbers new ids per institution and course, and audits it', async () => {
    const outcome = await save(a, 'messy.csv', fixture('messy.csv'));
    expect(outcome).toMatchObject({ created: 19, updated: 0, counts: { single: 3, multiple: 5, truefalse: 10, case: 1, written: 0 } });
    expect(rows()).toBe(19);
    const stored = loadImportedQuestions(db, a.institutionId, 'bcm-intro');
    expect(stored.map((q) => q.id)).toContain('SH01-BCM-101-0001');
    expect(stored.find((q) => q.id === 'SH01-BCM-101-0002')).toMatchObject({
      type: 'case',
      parts: [{ id: 'SH01-BCM-101-0002a' }, { id: 'SH01-BCM-101-0002b' }, { id: 'SH01-BCM-101-0002c' }],
    });
    const row = db.$client.prepare(`select type, course_slug, imported_at from imported_questions where question_id = 'M-M3'`).get();
    expect(row).toEqual({ type: 'multiple', course_slug: 'bcm-intro', imported_at: 1_700_000_000_000 });
    expect(audits()).toHaveLength(1);
    expect(JSON.parse(audits()[0]!.detail)).toMatchObject({ file: 'messy.csv', via: 'cli', created: 19, updated: 0 });

    // A second file without ids counts on from the highest number already stored.
    const more = await save(a, 'more.csv', csv('判断,又一题,,,对,解析,'));
    expect(!('errors' in more) && more.questions.map((q) => q.question.id)).toEqual(['SH01-BCM-101-0004']);
  });

  it('updates a question in place when the same institution imports the same id into the same course again', async () => {
    await save(a, 'v1.csv', csv('单选,旧题干,甲,乙,A,旧解析,KEEP-1', '判断,另一题,,,对,解析,KEEP-2'));
    const outcome = await save(a, 'v2.csv', csv('单选,新题干,甲,乙,B,新解析,KEEP-1'));
    expect(outcome).toMatchObject({ created: 0, updated: 1 });
    expect(rows()).toBe(2);
    expect(loadImportedQuestions(db, a.institutionId, 'bcm-intro').find((q) => q.id === 'KEEP-1')).toMatchObject({
      stem: '新题干',
      answer: 'B',
      explanation: '新解析',
    });
  });

  it('rejects an id the institution already uses in another course, or as a case part, and writes nothing', async () => {
    await save(a, 'v1.csv', csv('单选,题目,甲,乙,A,解析,SHARED-1'));
    await save(a, 'case.csv', csv('案例分析,背景,,,,,CASE-1', '案例-判断,小题一,,,对,解析,CASE-1-P1', '案例-判断,小题二,,,错,解析,'));
    const before = rows();
    const other = await save(
      { ...a, course: BCM102 },
      'other.csv',
      csv('判断,好题,,,对,解析,NEW-1', '判断,撞号,,,对,解析,SHARED-1', '判断,撞小题,,,错,解析,CASE-1-P1'),
    );
    expect('errors' in other && other.errors.map((e) => `${e.at}: ${e.message}`)).toEqual([
      '3: 题目编号“SHARED-1”已属于本机构另一门课程（bcm-intro）的题目。',
      '4: 题目编号“CASE-1-P1”已被本机构的题目 CASE-1 使用。',
    ]);
    expect(rows()).toBe(before);
    expect(audits()).toHaveLength(2);
  });

  it('keeps institutions apart: the same id in two institutions is two questions, and counts are per institution', async () => {
    await save(a, 'a.csv', csv('单选,甲机构的题,甲,乙,A,解析,Q-1'));
    const outcome = await save(b, 'b.csv', csv('单选,乙机构的题,甲,乙,B,解析,Q-1', '判断,乙机构第二题,,,错,解析,'));
    expect(outcome).toMatchObject({ created: 2, updated: 0 });
    expect(loadImportedQuestions(db, a.institutionId, 'bcm-intro').map((q) => q.stem)).toEqual(['甲机构的题']);
    expect(loadImportedQuestions(db, b.institutionId, 'bcm-intro').map((q) => q.id)).toEqual(['Q-1', 'BJ02-BCM-101-0001']); // file order
    expect(countsByCourse(db, a.institutionId).get('bcm-intro')).toEqual({ single: 1, multiple: 0, truefalse: 0, case: 0, written: 0 });
    expect(countsByCourse(db, b.institutionId).get('bcm-intro')).toEqual({ single: 1, multiple: 0, truefalse: 1, case: 0, written: 0 });
  });
});

describe('what the exam engine reads', () => {
  it("gives an institution's questions of every course in import order, and a stamp that changes with them", async () => {
    const empty = importedStamp(db, a.institutionId);
    await save(a, 'a.csv', csv('单选,第一题,甲,乙,A,解析,Q-1'));
    await save({ ...a, course: BCM102 }, 'a2.csv', csv('判断,第二题,,,对,解析,Q-2'));
    await save(b, 'b.csv', csv('单选,乙机构的题,甲,乙,B,解析,Q-9'));
    const first = importedStamp(db, a.institutionId);
    expect(first).not.toBe(empty);
    expect(importedQuestionRows(db, a.institutionId).map((r) => `${r.courseSlug} ${r.questionId}`)).toEqual(['bcm-intro Q-1', 'theory-regulation Q-2']);

    // Re-importing the same id changes nothing in the counts but still changes the stamp.
    await saveImport(
      db,
      a,
      (await readDrafts('v2.csv', csv('单选,新题干,甲,乙,B,解析,Q-1'), BCM101, zh)).drafts,
      { actorId: null, via: 'cli', fileName: 'v2.csv' },
      zh,
      1_700_000_000_001,
    );
    expect(importedStamp(db, a.institutionId)).not.toBe(first);
    expect(importedStamp(db, b.institutionId)).not.toBe(empty);
  });
});
