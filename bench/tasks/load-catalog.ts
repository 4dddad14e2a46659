import { loadCatalog } from '../../src/catalog/catalog.js';

// Loads the whole course catalogue once and prints what it cost (used by the catalogue scenario).
const [coursesDir, cacheDir] = process.argv.slice(2);
const started = performance.now();
const catalog = await loadCatalog({ coursesDir: coursesDir!, cacheDir: cacheDir!, production: true });
const ms = performance.now() - started;
const s = catalog.stats;
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ms, lessons: s.lessons, compiled: s.compiled, fromCache: s.fromCache, errors: s.errors, peakMb }));
