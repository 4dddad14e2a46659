// The catalogue the app serves from: programme + every lesson compiled (or its error). A broken
// lesson is an error state, never an exception, so one bad file cannot take the site down.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBankRules } from './bank-rules.js';
import { LessonCache } from './cache.js';
import type { BodyRefs, CompiledLesson } from './compile.js';
import { isComponentName } from './component-names.js';
import { DEFAULT_HOURS_RULES, loadCourseFile, loadProgramme, type Course, type CourseFile, type Level, type Programme } from './programme.js';
import { problemAt, stripBom, type Position, type Problem } from './problem.js';

/** `compiled` is kept on an error found after compiling (unknown component) so validation can
 * still check the rest of the body; `problems` is every compile problem (`error` is the first), and
 * `refs` what a body that compiled under a broken frontmatter uses. */
export type LessonState = { ok: CompiledLesson } | { error: Problem; problems?: Problem[]; compiled?: CompiledLesson; refs?: BodyRefs };

export interface CatalogLesson {
  /** `<course>/<lesson>`, the unit the dev watcher reports. */
  key: string;
  courseSlug: string;
  slug: string;
  file: string;
  index: number;
  state: LessonState;
}

export interface LessonLookup {
  course: Course;
  lesson: CatalogLesson;
  prev?: CatalogLesson;
  next?: CatalogLesson;
}

export interface CatalogStats {
  lessons: number;
  ok: number;
  errors: number;
  compiled: number;
  fromCache: number;
  loadMs: number;
}

export interface LoadCatalogOptions {
  coursesDir: string;
  /** Default `./data/cache/mdx`; the app passes `<dataDir>/cache/mdx`. */
  cacheDir?: string;
  /** In production a broken programme.yaml fails start-up; in dev the catalogue keeps serving. */
  production: boolean;
  /** Called after each lesson of a full load (a first start compiles every lesson: ~1 minute). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

export class CatalogLoadError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`course catalogue cannot load:\n${problems.map((p) => `${p.path}:${p.line}:${p.column} ${p.message}`).join('\n')}`);
  }
}

type Locate = (at: readonly PropertyKey[]) => Position;

interface State {
  programme: Programme;
  courseFiles: Map<string, CourseFile>;
  programmeProblems: Problem[];
  courseProblems: Map<string, Problem[]>;
  lessons: Map<string, CatalogLesson[]>;
}

// Compiling is mostly main-thread JS (remark/rehype); more parallelism than cores buys nothing.
const PARALLEL = Math.max(2, Math.min(8, os.availableParallelism()));

export class Catalog {
  readonly coursesDir: string;
  readonly production: boolean;
  readonly cache: LessonCache;
  private state: State = {
    programme: { minimumTrainingHours: 0, hoursRules: DEFAULT_HOURS_RULES, bankRules: resolveBankRules(), levels: [], courses: new Map() },
    courseFiles: new Map(),
    programmeProblems: [],
    courseProblems: new Map(),
    lessons: new Map(),
  };
  private loadMs = 0;
  private readonly onProgress: LoadCatalogOptions['onProgress'];

  constructor(opts: LoadCatalogOptions) {
    this.coursesDir = path.resolve(opts.coursesDir);
    this.production = opts.production;
    this.cache = new LessonCache(path.resolve(opts.cacheDir ?? path.join('data', 'cache', 'mdx')));
    this.onProgress = opts.onProgress;
  }

  get programme(): Programme {
    return this.state.programme;
  }

  level(id: string): Level | undefined {
    return this.state.programme.levels.find((l) => l.id === id);
  }

  course(slug: string): Course | undefined {
    return this.state.programme.courses.get(slug);
  }

  lessons(courseSlug: string): readonly CatalogLesson[] {
    return this.state.lessons.get(courseSlug) ?? [];
  }

  lesson(courseSlug: string, lessonSlug: string): LessonLookup | undefined {
    const course = this.course(courseSlug);
    const list = this.state.lessons.get(courseSlug);
    const i = list?.findIndex((l) => l.slug === lessonSlug) ?? -1;
    if (!course || !list || i < 0) return undefined;
    return { course, lesson: list[i]!, prev: list[i - 1], next: list[i + 1] };
  }

  /** Everything that stops content from being served as written; /healthz reports these. */
  problems(): Problem[] {
    const out = [...this.state.programmeProblems];
    for (const ps of this.state.courseProblems.values()) out.push(...ps);
    for (const list of this.state.lessons.values()) {
      for (const l of list) if ('error' in l.state) out.push(l.state.error);
    }
    return out;
  }

  get stats(): CatalogStats {
    let lessons = 0;
    let ok = 0;
    for (const list of this.state.lessons.values()) {
      lessons += list.length;
      ok += list.filter((l) => 'ok' in l.state).length;
    }
    return { lessons, ok, errors: lessons - ok, ...this.cache.counters, loadMs: this.loadMs };
  }

  /** Loads (or reloads) everything; returns every lesson key. */
  async reloadAll(): Promise<string[]> {
    const started = performance.now();
    const pf = loadProgramme(this.coursesDir);
    if (!pf.programme && this.production) throw new CatalogLoadError(pf.problems);
    const courseFiles = pf.programme ? pf.courseFiles : discoverCourses(this.coursesDir);
    const courses = pf.programme?.courses ?? new Map([...courseFiles].flatMap(([s, cf]) => (cf.course ? [[s, cf.course] as const] : [])));
    const programme = pf.programme ?? { minimumTrainingHours: 0, hoursRules: DEFAULT_HOURS_RULES, bankRules: resolveBankRules(), levels: [], courses };
    // One pool across all courses, so a cold start runs a bounded number of esbuild builds at once.
    const shells = [...courses.values()].flatMap((c) => this.shells(c));
    let done = 0;
    const loaded = await runPool(shells, PARALLEL, async (l) => {
      const lesson = await this.loadLesson(l, courseFiles.get(l.courseSlug)?.parsed.locate);
      this.onProgress?.({ done: ++done, total: shells.length });
      return lesson;
    });
    const lessons = new Map<string, CatalogLesson[]>([...courses.keys()].map((slug) => [slug, []]));
    for (const l of loaded) lessons.get(l.courseSlug)!.push(l);
    const courseProblems = new Map([...courseFiles].map(([slug, cf]) => [slug, cf.problems]));
    this.state = { programme, courseFiles, programmeProblems: pf.problems, courseProblems, lessons };
    this.loadMs = performance.now() - started;
    return loaded.map((l) => l.key);
  }

  /** Re-reads course.yaml and the course's lessons (unchanged ones come from the cache). */
  async reloadCourse(slug: string): Promise<string[]> {
    // A course folder that was not loadable before may change programme-level problems too.
    if (!this.state.courseFiles.has(slug)) return this.reloadAll();
    const before = (this.state.lessons.get(slug) ?? []).map((l) => l.key);
    const cf = loadCourseFile(this.coursesDir, slug);
    this.state.courseProblems.set(slug, cf.problems);
    this.state.courseFiles.set(slug, cf);
    if (!cf.course) {
      this.state.programme.courses.delete(slug);
      this.state.lessons.delete(slug);
      return before;
    }
    const course = cf.course;
    const lessons = await runPool(this.shells(course), PARALLEL, (l) => this.loadLesson(l, cf.parsed.locate));
    this.putCourse(course);
    this.state.lessons.set(slug, lessons);
    return [...new Set([...before, ...lessons.map((l) => l.key)])];
  }

  /** Re-adds a course that a broken course.yaml had removed, keeping programme.yaml's order. */
  private putCourse(course: Course): void {
    const courses = this.state.programme.courses;
    const order = [...this.state.courseFiles.keys()];
    courses.set(course.slug, course);
    const sorted = [...courses.values()].sort((a, b) => order.indexOf(a.slug) - order.indexOf(b.slug));
    courses.clear();
    for (const c of sorted) courses.set(c.slug, c);
  }

  /** Recompiles one lesson file if a course lists it; returns the affected lesson keys. */
  async reloadLesson(file: string): Promise<string[]> {
    const found = this.findByFile(path.resolve(file));
    if (!found) return [];
    const [list, i] = found;
    const shell = list[i]!;
    const fresh = await this.loadLesson(shell, this.state.courseFiles.get(shell.courseSlug)?.parsed.locate);
    list[i] = fresh; // replace, not mutate: a request holding the old object keeps a consistent view
    return [fresh.key];
  }

  lessonKeyForFile(file: string): string | undefined {
    const found = this.findByFile(path.resolve(file));
    return found ? found[0][found[1]]!.key : undefined;
  }

  private findByFile(file: string): [CatalogLesson[], number] | undefined {
    for (const list of this.state.lessons.values()) {
      const i = list.findIndex((l) => l.file === file);
      if (i >= 0) return [list, i];
    }
    return undefined;
  }

  private shells(course: Course): CatalogLesson[] {
    return course.lessons.map((ref) => ({
      key: `${course.slug}/${ref.slug}`,
      courseSlug: course.slug,
      slug: ref.slug,
      file: ref.file,
      index: ref.index,
      state: { error: problemAt(ref.file, { line: 1, column: 1 }, 'not loaded') },
    }));
  }

  private async loadLesson(shell: CatalogLesson, locate?: Locate): Promise<CatalogLesson> {
    let source: string;
    try {
      source = stripBom(fs.readFileSync(shell.file, 'utf8'));
    } catch {
      const courseYaml = path.join(this.coursesDir, shell.courseSlug, 'course.yaml');
      const at = locate?.(['lessons', shell.index]) ?? { line: 1, column: 1 };
      return { ...shell, state: { error: problemAt(courseYaml, at, `lessons[${shell.index}]: ${shell.slug}.mdx does not exist`) } };
    }
    const result = await this.cache.load(shell.file, source);
    if ('error' in result) return { ...shell, state: { error: result.error, problems: result.problems, refs: result.refs } };
    const unknown = result.ok.refs.components.find((c) => /^[A-Z]/.test(c.name) && !isComponentName(c.name));
    if (unknown) {
      // MDX would throw "Expected component … to be defined" on every request: fail it here, once.
      return { ...shell, state: { error: problemAt(shell.file, unknown, `unknown component <${unknown.name}>`), compiled: result.ok } };
    }
    return { ...shell, state: { ok: result.ok } };
  }
}

export async function loadCatalog(opts: LoadCatalogOptions): Promise<Catalog> {
  const catalog = new Catalog(opts);
  await catalog.reloadAll();
  return catalog;
}

/** Without a valid programme.yaml (dev only), still serve every folder that has a course.yaml. */
function discoverCourses(coursesDir: string): Map<string, CourseFile> {
  const out = new Map<string, CourseFile>();
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(coursesDir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!fs.existsSync(path.join(coursesDir, e.name, 'course.yaml'))) continue;
    out.set(e.name, loadCourseFile(coursesDir, e.name));
  }
  return out;
}

async function runPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
