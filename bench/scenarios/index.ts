import type { Scenario } from '../harness.js';
import baseline from './baseline.js';
import healthz from './healthz.js';
import traineePage from './trainee-page.js';
import lessonPage from './lesson-page.js';
import levelsPage from './levels-page.js';
import examPaper from './exam-paper.js';
import catalogue from './catalogue.js';
import heartbeats from './heartbeats.js';
import cohortHours from './cohort-hours.js';
import proofExports from './proof-exports.js';
import proofPdf from './proof-pdf.js';
import exams from './exams.js';
import workers from './workers.js';

/**
 * Run in this order (the exam paper after the other pages: its open attempt shows on the trainee's
 * home page). To add a benchmark: write bench/scenarios/<name>.ts and list it here. */
export const scenarios: Scenario[] = [baseline, healthz, traineePage, lessonPage, levelsPage, examPaper, heartbeats, cohortHours, catalogue];
// Training proof: exports of a 5,000-trainee cohort and one certificate PDF (child-process tasks).
scenarios.push(proofExports, proofPdf);
// Mock exams: a start storm and autosaves from 2,000 trainees, with a lost-save check.
scenarios.push(exams);
// The backend column (issue 18): lesson page and autosave on SQLite with WORKERS=1 and WORKERS=2,
// each on its own server; PostgreSQL rows say "not built".
scenarios.push(workers);
