// Compiled lessons on disk, one JSON file per content hash. The hash covers everything that shapes
// the output (source, pipeline version, component names), so a hit never needs a freshness check
// and a restart with nothing changed compiles nothing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COMPONENT_NAMES } from './component-names.js';
import { compileLesson, PIPELINE_VERSION, type CompileResult, type CompiledLesson } from './compile.js';

export function lessonHash(source: string): string {
  return createHash('sha256').update(PIPELINE_VERSION).update('\0').update(COMPONENT_NAMES.join(',')).update('\0').update(source).digest('hex');
}

export interface CacheCounters {
  compiled: number;
  fromCache: number;
}

export class LessonCache {
  readonly counters: CacheCounters = { compiled: 0, fromCache: 0 };
  /** Compiles in flight by hash: two requests for the same content share one esbuild run. */
  private readonly pending = new Map<string, Promise<CompileResult>>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private fileFor(hash: string): string {
    return path.join(this.dir, `${hash}.json`);
  }

  /** Synchronous on purpose: ~100 small reads at start-up beat scheduling 100 promises. */
  get(hash: string): CompiledLesson | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.fileFor(hash), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const lesson = JSON.parse(text) as CompiledLesson;
      return lesson.hash === hash && typeof lesson.code === 'string' ? lesson : undefined;
    } catch {
      return undefined; // a torn or hand-edited entry is just a miss; it gets rewritten
    }
  }

  put(lesson: CompiledLesson): void {
    const target = this.fileFor(lesson.hash);
    // Write then rename so a crash or a concurrent reader never sees half a file.
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(lesson));
    fs.renameSync(tmp, target);
  }

  /** Cached result for this source, or a fresh compile (stored only when it succeeded). */
  async load(file: string, source: string): Promise<CompileResult> {
    const hash = lessonHash(source);
    const hit = this.get(hash);
    if (hit) {
      this.counters.fromCache += 1;
      return { ok: hit };
    }
    const running = this.pending.get(hash);
    if (running) return running;
    const job = compileLesson(file, source, hash).then((result) => {
      this.counters.compiled += 1;
      if ('ok' in result) {
        try {
          this.put(result.ok);
        } catch {
          // A read-only or full disk costs a recompile next start, not a broken lesson now.
        }
      }
      return result;
    });
    this.pending.set(hash, job);
    try {
      return await job;
    } finally {
      this.pending.delete(hash);
    }
  }
}
