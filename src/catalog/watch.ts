// Dev only: watch courses/ and recompile just what changed, then tell the app which lessons to
// reload in open browsers. chokidar rather than fs.watch: raw fs.watch on Linux fires spurious and
// out-of-order events for editors' save-by-rename.
import path from 'node:path';
import { watch } from 'chokidar';
import type { Catalog } from './catalog.js';

export interface WatchOptions {
  /** Called after the catalogue has been updated, with the affected `<course>/<lesson>` keys. */
  onChange(lessonKeys: string[]): void;
  onError?(err: unknown): void;
  /** Events closer together than this are handled as one batch (an editor writes several). */
  debounceMs?: number;
}

export interface CourseWatcher {
  /** Resolves once the initial scan is done and changes will be seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

type Work = { kind: 'all' } | { kind: 'course'; slug: string } | { kind: 'lesson'; file: string } | { kind: 'media'; slug: string };

export function watchCourses(catalog: Catalog, opts: WatchOptions): CourseWatcher {
  const root = catalog.coursesDir;
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (p: string) => path.basename(p).startsWith('.') || p.endsWith('~'),
    awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 },
  });
  let pending: Work[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();

  const classify = (event: string, file: string): Work | undefined => {
    const rel = path.relative(root, file).split(path.sep);
    if (rel.length === 1 && rel[0] === 'programme.yaml') return { kind: 'all' };
    const slug = rel[0];
    if (!slug || rel.length < 2) return undefined;
    const name = rel[rel.length - 1]!;
    if (rel.length === 2 && name === 'course.yaml') return { kind: 'course', slug };
    // A lesson appearing or disappearing changes the course's list and prev/next links.
    if (rel.length === 2 && name.endsWith('.mdx')) return event === 'change' ? { kind: 'lesson', file } : { kind: 'course', slug };
    if (rel[1] === 'media') return { kind: 'media', slug };
    return undefined; // questions.yaml and other files don't affect rendered lessons
  };

  const flush = async (batch: Work[]): Promise<void> => {
    const keys = new Set<string>();
    const add = (ks: string[]) => ks.forEach((k) => keys.add(k));
    if (batch.some((w) => w.kind === 'all')) {
      add(await catalog.reloadAll());
    } else {
      const courses = new Set(batch.flatMap((w) => (w.kind === 'course' ? [w.slug] : [])));
      for (const slug of courses) add(await catalog.reloadCourse(slug));
      for (const w of batch) {
        if (w.kind === 'lesson' && !courses.has(path.basename(path.dirname(w.file)))) add(await catalog.reloadLesson(w.file));
        if (w.kind === 'media') add(catalog.lessons(w.slug).map((l) => l.key));
      }
    }
    if (keys.size) opts.onChange([...keys]);
  };

  watcher.on('all', (event, file) => {
    const work = classify(event, path.resolve(file));
    if (!work) return;
    pending.push(work);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = pending;
      pending = [];
      // Serialise batches so two reloads never interleave their writes to the catalogue.
      running = running.then(() => flush(batch)).catch((err: unknown) => opts.onError?.(err));
    }, opts.debounceMs ?? 50);
  });
  watcher.on('error', (err) => opts.onError?.(err));

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
