import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

// Setup file of every vitest project (vitest.config.ts): registered first, so this afterAll runs
// after the test file's own afterAll hooks (vitest runs after-hooks last registered first).
afterAll(removeTempDirs);
