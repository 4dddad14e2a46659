// Quick sanity check for course content while the full `bcm validate` is being built:
// parses course.yaml, each lesson's frontmatter, questions.yaml; counts Han characters.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
let bad = 0;
const fail = (f, m) => { bad++; console.log(`${f}: ${m}`); };
for (const dir of process.argv.slice(2)) {
  const courseFile = path.join(dir, 'course.yaml');
  let course;
  try { course = YAML.parse(fs.readFileSync(courseFile, 'utf8')); } catch (e) { fail(courseFile, e.message); continue; }
  if (!course?.code || !course?.title?.zh || !course?.title?.en || !Array.isArray(course?.lessons)) fail(courseFile, 'needs code, title.zh, title.en, lessons[]');
  let hours = 0;
  for (const l of course.lessons ?? []) {
    const f = path.join(dir, `${l}.mdx`);
    if (!fs.existsSync(f)) { fail(f, 'missing lesson file'); continue; }
    const src = fs.readFileSync(f, 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(src);
    if (!m) { fail(f, 'no frontmatter'); continue; }
    let fm; try { fm = YAML.parse(m[1]); } catch (e) { fail(f, 'frontmatter: ' + e.message); continue; }
    hours += Number(fm.hours) || 0;
    for (const k of ['title', 'hours', 'objectives', 'modes', 'status']) if (fm[k] == null) fail(f, `frontmatter lacks ${k}`);
    const body = m[2];
    const han = (body.match(/\p{Script=Han}/gu) ?? []).length;
    const ids = new Set((fm.selfCheck ?? []).map((q) => q.id));
    for (const q of fm.selfCheck ?? []) {
      if (!q.id || !q.question || !Array.isArray(q.options) || !/^[A-F]+$/.test(String(q.answer)) || !q.explanation) fail(f, `selfCheck ${q.id}: needs id, question, options[], answer letters, explanation`);
    }
    for (const [, id] of body.matchAll(/<SelfCheck id="([^"]+)"/g)) if (!ids.has(id)) fail(f, `<SelfCheck id="${id}"> not in frontmatter`);
    const tags = [...body.matchAll(/<([A-Z][A-Za-z]*)/g)].map((x) => x[1]);
    for (const t of tags) if (!['Callout', 'Term', 'Case', 'Figure', 'Media', 'SelfCheck'].includes(t)) fail(f, `unknown component <${t}>`);
    const stray = body.replace(/<[A-Z][^>]*>|<\/[A-Z][A-Za-z]*>/g, '').match(/[{}<]/);
    if (stray) fail(f, `stray '${stray[0]}' in prose (MDX will read it as code)`);
    if (fm.status === 'full') {
      for (const t of ['Case', 'Callout', 'Term', 'SelfCheck']) if (!tags.includes(t)) fail(f, `full lesson lacks <${t}>`);
      if (han < 1200) fail(f, `only ${han} Han characters (need >= 1200)`);
    }
    console.log(`${f}: ${fm.status} ${fm.hours}h ${han} Han chars`);
  }
  console.log(`${dir}: ${hours} hours in total`);
  const qf = path.join(dir, 'questions.yaml');
  if (!fs.existsSync(qf)) { fail(qf, 'missing'); continue; }
  let qb; try { qb = YAML.parse(fs.readFileSync(qf, 'utf8')); } catch (e) { fail(qf, e.message); continue; }
  const counts = {}; const seen = new Set();
  const checkQ = (q, where) => {
    if (seen.has(q.id)) fail(qf, `duplicate id ${q.id}`); seen.add(q.id);
    if (!q.stem || !q.explanation && where !== 'case') fail(qf, `${q.id}: needs stem and explanation`);
    if (q.type === 'single' && !/^[A-F]$/.test(String(q.answer))) fail(qf, `${q.id}: single answer must be one letter`);
    if (q.type === 'multiple' && !/^[A-F]{2,6}$/.test(String(q.answer))) fail(qf, `${q.id}: multiple answer must be 2+ letters`);
    if (q.type === 'truefalse' && typeof q.answer !== 'boolean') fail(qf, `${q.id}: truefalse answer must be true/false`);
    if (['single', 'multiple'].includes(q.type)) {
      if (!Array.isArray(q.options) || q.options.length < 2 || q.options.length > 6) fail(qf, `${q.id}: 2-6 options`);
      for (const L of String(q.answer)) if ('ABCDEF'.indexOf(L) >= (q.options?.length ?? 0)) fail(qf, `${q.id}: answer ${L} has no option`);
    }
  };
  for (const q of qb?.questions ?? []) {
    counts[q.type] = (counts[q.type] ?? 0) + 1;
    if (!(course.lessons ?? []).includes(q.lesson)) fail(qf, `${q.id}: lesson '${q.lesson}' not in course.yaml`);
    if (!q.difficulty || !q.topic) fail(qf, `${q.id}: needs difficulty and topic`);
    if (q.type === 'case') {
      if (!Array.isArray(q.parts) || q.parts.length < 2) fail(qf, `${q.id}: case needs 2+ parts`);
      if (seen.has(q.id)) fail(qf, `duplicate id ${q.id}`); seen.add(q.id);
      for (const p of q.parts ?? []) checkQ(p, 'part');
    } else if (['single', 'multiple', 'truefalse'].includes(q.type)) checkQ(q, 'q');
    else fail(qf, `${q.id}: unknown type ${q.type}`);
  }
  const total = (qb?.questions ?? []).length;
  if (total < 30) fail(qf, `only ${total} questions (need >= 30)`);
  console.log(`${qf}: ${total} questions ${JSON.stringify(counts)}`);
}
console.log(bad ? `${bad} problem(s)` : 'no problems');
process.exit(bad ? 1 : 0);
