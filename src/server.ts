import cluster from 'node:cluster';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { createApp } from './app.js';
import { createLogger } from './http/logging.js';
import { countUsers } from './institutions/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './institutions/demo.js';
import { seedDemoClasses } from './hours/classes/demo.js';
import { loadCatalog } from './catalog/catalog.js';
import { watchCourses } from './catalog/watch.js';
import { devReload } from './http/dev-reload.js';
import { loadOrCreateSigningKey } from './proof/keys.js';
import { startExamSweep } from './exams/sweep.js';
import { ExamsRuntime } from './exams/runtime.js';
import { startLmsWorkers } from './lms/workers.js';
import { createLmsRuntime } from './lms/settings.js';
import { superviseWorkers } from './ops/cluster.js';
import { leaseFor } from './ops/lease.js';
import { onSqlite } from './db/database.js';
import { leaseTtl } from './ops/rules/lease.js';
import { describePostgresUrl, openPostgres } from './db/postgres.js';
import { POSTGRES_NOT_SERVING } from './ops/postgres-status.js';

// Start-up only: read config, open and migrate the database, seed the demo if asked, listen.
// WORKERS=N (N > 1): this process becomes the primary. It does the once-only part — migrations,
// the demo seed, compiling the lessons into the cache, the signing key — then forks N workers
// (ops/cluster.ts), each of which runs this file as a worker: the same start-up, finding all of
// that done, then the app and its background loops (each loop run by one process, by lease).

const config = loadConfig(process.env, process.argv.slice(2));
const logger = createLogger(config.logLevel);
const primary = config.workers > 1 && cluster.isPrimary;
const worker = cluster.isWorker;
if (config.databaseUrl) {
  // PostgreSQL (decision 007): the schema is migrated, so a deployment can prepare its database,
  // but the app does not serve from it yet, and it must not quietly serve from a SQLite file instead.
  const pg = await openPostgres(config.databaseUrl, { poolMax: 1 });
  await pg.pool.end();
  console.error(`DATABASE_URL (${describePostgresUrl(config.databaseUrl)}): the schema is up to date.\n${POSTGRES_NOT_SERVING}`);
  process.exit(1);
}
const db = openDatabase(config.databasePath); // migrates (in workers there is nothing left to do)

if (worker) {
  // The primary seeded and said so.
} else if (config.demo) {
  await seedDemo(db);
  seedDemoClasses(db, config.timeZone);
  console.log('\nDemo data ready. Log in with any of these (password: %s):', DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email}`);
} else if (countUsers(db) === 0) {
  console.log(
    '\nThe database has no accounts yet. Create the first programme-office account with:\n' +
      '  npx bcm users:add --email you@example.org --name "Your Name" --role office\n' +
      'or try the demo: npm start -- --demo\n',
  );
}

// A first start compiles every lesson (about a minute here); say so, and how far it has got,
// rather than sit silent. A start from the cache finishes before the first line would be due.
const loadStarted = Date.now();
let lastProgressAt = loadStarted;
const catalog = await loadCatalog({
  coursesDir: config.coursesDir,
  cacheDir: path.join(config.dataDir, 'cache', 'mdx'),
  production: config.production,
  onProgress: ({ done, total }) => {
    const now = Date.now();
    if (now - lastProgressAt < 3_000 || done === total) return;
    if (lastProgressAt === loadStarted) console.log('Compiling the course lessons (first start; later starts use the cache)…');
    lastProgressAt = now;
    console.log(`  ${done} / ${total} lessons`);
  },
});
{
  const s = catalog.stats;
  logger.info({ lessons: s.lessons, errors: s.errors, compiled: s.compiled, fromCache: s.fromCache, ms: Math.round(s.loadMs) }, 'courses loaded');
  for (const p of catalog.problems()) logger.warn({ problem: `${path.relative(process.cwd(), p.path)}:${p.line}:${p.column} ${p.message}` }, 'course problem');
}

// Training proof: the Ed25519 key that signs certificates, created (mode 0600) on first start.
const signer = loadOrCreateSigningKey(config.signingKeyPath);
if (!worker) logger.info({ keyId: signer.keyId, file: signer.file, created: signer.created }, 'proof signing key ready');

if (primary) {
  db.$client.close();
  logger.info({ workers: config.workers }, 'starting the workers');
  superviseWorkers(config.workers, logger);
} else {
  serveApp();
}

function serveApp() {
  // In development, recompile what changes under courses/ and tell open lesson pages to reload.
  const reload = config.production ? undefined : devReload();
  if (reload) {
    watchCourses(catalog, {
      onChange: (keys) => {
        logger.info({ keys }, 'courses changed');
        reload.notify(keys);
      },
      onError: (err) => logger.warn({ err: String(err) }, 'course watcher error'),
    });
  }

  // One exams runtime (blueprints, question pools, parsed papers, the autosave queue) for the app and the sweep,
  // and one LMS runtime (tool key, platform key sets, tokens, the hooks) for the app, the sweep and the workers.
  const exams = new ExamsRuntime(config.coursesDir);
  const lms = createLmsRuntime(config, { catalog, logger, blueprints: exams.blueprints });
  const app = createApp({ db, config, logger, catalog, devReload: reload, proof: { signer }, exams, lms });
  // Each background loop runs in one process of those on this database (WORKERS=N, or two servers on
  // one file): a tick works only while it holds the loop's lease row (ops/lease.ts), and a killed
  // holder's loop is taken up by another process once its lease expires.
  const leaseLog = (msg: string) => logger.info({ pid: process.pid }, msg);
  const lmsLease = leaseFor(onSqlite(db), 'lms-workers', leaseTtl(lms.settings.workerIntervalMs, config.leaseTtlMs), leaseLog);
  const sweepLease = leaseFor(onSqlite(db), 'exam-sweep', leaseTtl(config.examSweepMs, config.leaseTtlMs), leaseLog);
  startLmsWorkers({ db, logger, lms }, { lease: lmsLease }); // xAPI + AGS retry loops (unref'd timers), LTI key on first start
  // Mock exams: finalise attempts whose time ran out while nobody had them open (every 30 s, unref'd).
  startExamSweep({ db, config, logger, catalog, exams, lms }, config.examSweepMs, sweepLease);
  // Listen with a deep backlog: when hundreds of browsers connect within a second (an exam start)
  // while the event loop is busy, Node's default of 511 overflows, the kernel drops the SYNs and
  // those browsers retry only after 1–3 s (measured in the start-storm bench; see the README).
  const server = createAdaptorServer({ fetch: app.fetch });
  server.listen({ port: config.port, host: config.host, backlog: 4096 }, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, database: config.databasePath, worker: cluster.worker?.id }, 'BCM Academy listening');
    if (!worker || cluster.worker?.id === 1) console.log(`BCM Academy: http://localhost:${port}/`);
  });

  // Graceful shutdown: stop accepting, let requests in flight finish, then close the database.
  let stopping = false;
  function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('requests still open after 10 s; closing anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(() => {
      // Hand the background loops over now rather than when their leases expire.
      void Promise.all([lmsLease.release(), sweepLease.release()])
        .catch((err) => logger.warn({ err: String(err) }, 'could not hand the leases over; they expire on their own'))
        .finally(() => {
          db.$client.close();
          process.exit(0);
        });
    });
    // Idle keep-alive connections would otherwise hold close() open.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
