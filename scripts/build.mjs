// `npm run build` (run by `npm start`): the server as one JavaScript file, dist/server.js, run by
// plain `node`. Measured against running the TypeScript through tsx (docs/decisions/003, third
// round): ~50–70 MB less resident memory (no transpiler, no per-module source maps) and a few
// per cent less CPU per page. npm packages stay outside the bundle (`packages: 'external'`) and
// load from node_modules as before, the heavy ones still on first use. `npm run dev`, the tests and
// `bcm` run the TypeScript directly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The options, shared with the test that builds and starts the bundle (test/ops/production-build.test.ts). */
export function buildOptions(outfile) {
  return {
    absWorkingDir: root,
    entryPoints: ['src/server.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    // Stack traces in the logs point at src/ (node --enable-source-maps).
    sourcemap: true,
    logLevel: 'warning',
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build(buildOptions(path.join(root, 'dist', 'server.js')));
}
