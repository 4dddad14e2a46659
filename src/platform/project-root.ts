import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root folder (the one with package.json), found from wherever this code runs:
 * src/platform/ under tsx, dist/ in the production bundle (scripts/build.mjs), where a path
 * relative to the module's own file would point somewhere else.
 */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'db', 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no BCM Academy checkout (package.json with src/db/migrations) above ${from}`);
  }
}
