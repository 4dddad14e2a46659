import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { blueprintSchema, type Blueprint } from '../../src/exams/blueprint.js';
import { tempDir } from './temp.js';

// A courses folder made to measure for drawing tests: the small good fixture whose course `intro`
// gets the lessons and the question bank a test describes, so every count in the test is known.

const GOOD = path.resolve('test/fixtures/courses-good');

export type LessonSpec = { slug: string; status: 'full' | 'outline' };
/** `n` questions of one type, difficulty and lesson; topics are unique unless `topic` is given. */
export type QuestionSpec = { lesson: string; type: 'single' | 'multiple' | 'truefalse' | 'case'; difficulty: number; n: number; topic?: string };

export async function drawFixture(lessons: LessonSpec[], specs: QuestionSpec[]) {
  const dir = path.join(tempDir('bcm-draw-'), 'courses');
  fs.cpSync(GOOD, dir, { recursive: true });
  const course = path.join(dir, 'intro');
  for (const f of fs.readdirSync(course)) if (f.endsWith('.mdx')) fs.rmSync(path.join(course, f));
  for (const l of lessons) {
    fs.writeFileSync(
      path.join(course, `${l.slug}.mdx`),
      `---\ntitle: 第${l.slug.slice(0, 2)}课\nhours: 1\nobjectives: [了解要点]\nmodes: [self-study]\nstatus: ${l.status}\n---\n\n## 要点\n\n正文。\n`,
    );
  }
  fs.writeFileSync(
    path.join(course, 'course.yaml'),
    stringify({ code: 'TST-101', title: { zh: '入门课程', en: 'Introduction' }, summary: { zh: '测试。', en: 'Test.' }, lessons: lessons.map((l) => l.slug) }),
  );
  const questions: unknown[] = [];
  for (const s of specs) {
    for (let i = 0; i < s.n; i++) {
      const id = `TST-101-${String(questions.length + 1).padStart(3, '0')}`;
      const at = { difficulty: s.difficulty, lesson: s.lesson, topic: s.topic ?? `要点${id}` };
      const choice = { stem: `题目${id}`, options: ['甲', '乙', '丙', '丁'], explanation: '解析。' };
      if (s.type === 'single') questions.push({ id, type: 'single', ...choice, answer: 'A', ...at });
      else if (s.type === 'multiple') questions.push({ id, type: 'multiple', ...choice, answer: 'AB', ...at });
      else if (s.type === 'truefalse') questions.push({ id, type: 'truefalse', stem: `判断${id}`, answer: true, explanation: '解析。', ...at });
      else
        questions.push({
          id,
          type: 'case',
          stem: `案例${id}`,
          ...at,
          parts: [
            { id: `${id}a`, type: 'truefalse', stem: '甲', answer: true, explanation: '解析。' },
            { id: `${id}b`, type: 'single', ...choice, answer: 'B' },
          ],
        });
    }
  }
  fs.writeFileSync(path.join(course, 'questions.yaml'), stringify({ course: 'TST-101', questions }));
  const catalog = await loadCatalog({ coursesDir: dir, cacheDir: tempDir('bcm-draw-cache-'), production: false });
  return { dir, catalog };
}

/** A blueprint of level `basic` drawing from `intro`, with whatever a test overrides. */
export function introBlueprint(rule: Record<string, unknown>, extra: Record<string, unknown> = {}): Blueprint {
  return blueprintSchema.parse({
    id: 'basic-mock',
    level: 'basic',
    title: { zh: '测验', en: 'Quiz' },
    timeLimitMinutes: 30,
    passPercent: 60,
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 },
    ...extra,
    draw: [{ course: 'intro', ...rule }],
  }) as Blueprint;
}
