import { openDatabase } from '../../src/db/client.js';
import { factsOf } from '../../src/proof/certificates.js';
import { findCertificate } from '../../src/proof/store.js';
import { certificatePdf } from '../../src/proof/pdf.js';

// Renders one issued certificate as a PDF: the first render in a fresh process (reads the two
// font files, ~20 MB) and then the steady state (median of 9 more, alternating languages).
//   node --import tsx bench/tasks/proof-pdf.ts DB_FILE SERIAL
const [dbFile, serial] = process.argv.slice(2);
const cert = findCertificate(openDatabase(dbFile!), serial!);
if (!cert) throw new Error(`no certificate ${serial}`);
const facts = factsOf(cert);
let started = performance.now();
const first = await certificatePdf(facts, 'zh-CN');
const coldMs = performance.now() - started;
const warm: number[] = [];
for (let i = 0; i < 9; i++) {
  started = performance.now();
  await certificatePdf(facts, i % 2 ? 'en' : 'zh-CN');
  warm.push(performance.now() - started);
}
warm.sort((a, b) => a - b);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ coldMs, warmMs: warm[4], bytes: first.length, peakMb }));
