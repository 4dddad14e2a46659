import http from 'node:http';
import Database from 'better-sqlite3';

// Clients for the exam benchmark (bench/scenarios/exams.ts): a start storm, the autosave request
// generator with client-side bookkeeping of every acknowledged save, and the check of that
// bookkeeping against the database afterwards.

export type TakerSlot = { key: string; kind: 'radio' | 'checkbox'; values: string[] };
export type Taker = { cookie: string; attemptId: number; slots: TakerSlot[]; seq: number };

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The answerable questions on an exam page, as a browser sees them (the page's own forms). */
export function slotsFromPage(html: string): TakerSlot[] {
  const out: TakerSlot[] = [];
  for (const m of html.matchAll(/<form id="q-\d+"[^>]*data-key="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const inputs = [...m[2]!.matchAll(/<input type="(radio|checkbox)" name="a" value="([^"]+)"/g)];
    if (inputs.length) out.push({ key: unescape(m[1]!), kind: inputs[0]![1] as TakerSlot['kind'], values: inputs.map((i) => i[2]!) });
  }
  return out;
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(agent: http.Agent, url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(init.body);
  });
}

export type StormResult = { takers: Taker[]; lastMs: number; p50Ms: number; p99Ms: number; errors: number; firstError?: string };

/**
 * Every trainee presses "start" at a moment spread evenly over `spreadMs`, follows the redirect and
 * loads their paper, each on their own keep-alive connection as a browser would. Measured: from
 * the first press until the last paper has arrived, and each trainee's own wait.
 */
export async function startStorm(baseUrl: string, cookies: readonly string[], examKey: string, spreadMs = 1000): Promise<StormResult> {
  const origin = new URL(baseUrl).origin;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const waits: number[] = [];
  const takers: Taker[] = [];
  const pages: { cookie: string; attemptId: number; html: string }[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now() + 50;
  let lastDone = t0;
  const one = async (cookie: string, i: number) => {
    const at = t0 + (i * spreadMs) / cookies.length;
    await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
    const begun = performance.now();
    try {
      const started = await send(agent, new URL(`/exams/start/${examKey}`, baseUrl), {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
      });
      const location = started.headers.location ?? '';
      const id = Number(/\/exams\/attempts\/(\d+)$/.exec(location)?.[1]);
      if (started.status !== 303 || !id) throw new Error(`start: HTTP ${started.status} ${started.body.slice(0, 120)}`);
      const paper = await send(agent, new URL(location, baseUrl), { method: 'GET', headers: { cookie } });
      if (paper.status !== 200 || !paper.body.includes('id="submit-form"')) throw new Error(`paper: HTTP ${paper.status}`);
      const done = performance.now();
      waits.push(done - begun);
      lastDone = Math.max(lastDone, done);
      // Read the questions off the page once the storm is over: this process shares the machine's
      // two cores with the server, and a browser would do this on its own machine.
      pages.push({ cookie, attemptId: id, html: paper.body });
    } catch (err) {
      errors++;
      firstError ??= err instanceof Error ? err.message : String(err);
    }
  };
  await Promise.all(cookies.map(one));
  agent.destroy();
  for (const p of pages.splice(0)) {
    const slots = slotsFromPage(p.html);
    if (slots.length === 0) {
      errors++;
      firstError ??= `attempt ${p.attemptId}: no questions on the page`;
    } else takers.push({ cookie: p.cookie, attemptId: p.attemptId, slots, seq: 0 });
  }
  waits.sort((a, b) => a - b);
  const pct = (p: number) => waits[Math.min(waits.length - 1, Math.max(0, Math.ceil((p / 100) * waits.length) - 1))] ?? 0;
  return { takers, lastMs: lastDone - t0, p50Ms: pct(50), p99Ms: pct(99), errors, firstError };
}

/** Acknowledged saves, per attempt and question: every sequence number the server answered 2xx to. */
export class AckLedger {
  readonly acked = new Map<number, Map<string, number[]>>();
  count = 0;
  record(attemptId: number, key: string, seq: number): void {
    let perAttempt = this.acked.get(attemptId);
    if (!perAttempt) this.acked.set(attemptId, (perAttempt = new Map()));
    const list = perAttempt.get(key);
    if (list) list.push(seq);
    else perAttempt.set(key, [seq]);
    this.count++;
  }
}

type SaveContext = { save?: { attemptId: number; key: string; seq: number } };

/**
 * An autocannon request generator for autosaves: the takers in turn, each sending a random answer
 * to a random question with their next sequence number, as exam.js does; with a ledger, every
 * save answered 2xx with the same X-Saved-Seq is written down.
 */
export function autosaveRequests(takers: Taker[], ledger?: AckLedger) {
  let next = 0;
  return {
    setupRequest(req: { headers?: Record<string, string>; body?: string; path?: string }, context: Record<string, unknown>) {
      const taker = takers[next++ % takers.length]!;
      const slot = taker.slots[Math.floor(Math.random() * taker.slots.length)]!;
      const seq = ++taker.seq;
      const picks = slot.kind === 'radio' ? [slot.values[Math.floor(Math.random() * slot.values.length)]!] : slot.values.filter(() => Math.random() < 0.5);
      let body = `q=${encodeURIComponent(slot.key)}&seq=${seq}`;
      for (const p of picks) body += `&a=${encodeURIComponent(p)}`;
      if (Math.random() < 0.1) body += '&f=1';
      (context as SaveContext).save = { attemptId: taker.attemptId, key: slot.key, seq };
      return { ...req, path: `/exams/attempts/${taker.attemptId}/save`, headers: { ...req.headers, cookie: taker.cookie }, body };
    },
    onResponse(status: number, _body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) {
      const save = (context as SaveContext).save;
      if (!ledger || !save || status < 200 || status >= 300) return;
      const echoed = headers['x-saved-seq'] ?? headers['X-Saved-Seq'];
      if (String(echoed) === String(save.seq)) ledger.record(save.attemptId, save.key, save.seq);
    },
  };
}

export type SaveCheck = { acknowledged: number; lost: number; checkedAttempts: number; detail?: string };

/**
 * Every acknowledged save must be in the database: the stored answer to its question carries its
 * sequence number or a newer one (the newest save wins), and the attempt's last_seq is at least
 * the highest acknowledged. Read from a separate read-only connection while the server runs.
 */
export function checkSaves(dbFile: string, ledger: AckLedger): SaveCheck {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const stored = db.prepare('select question_key key, seq from attempt_answers where attempt_id = ?');
    const lastSeq = db.prepare('select last_seq from exam_attempts where id = ?').pluck();
    let lost = 0;
    let detail: string | undefined;
    for (const [attemptId, perKey] of ledger.acked) {
      const rows = new Map((stored.all(attemptId) as { key: string; seq: number }[]).map((r) => [r.key, r.seq]));
      const last = (lastSeq.get(attemptId) as number | undefined) ?? 0;
      for (const [key, seqs] of perKey) {
        const have = rows.get(key) ?? 0;
        for (const seq of seqs) {
          if (have >= seq && last >= seq) continue;
          lost++;
          detail ??= `attempt ${attemptId} ${key}: acknowledged seq ${seq}, stored ${have}, last_seq ${last}`;
        }
      }
    }
    return { acknowledged: ledger.count, lost, checkedAttempts: ledger.acked.size, detail };
  } finally {
    db.close();
  }
}
