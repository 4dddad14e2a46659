// The exam page (views/exams/take.tsx): sequence numbers for autosave, a browser-side queue for
// answers that could not be saved yet, the countdown to the server's deadline, and submission.
// htmx sends every save (hx-trigger="change, bcm:resave"); this file only adds bookkeeping.
// No inline code anywhere: the CSP forbids it, so all wiring is done here with listeners.
(() => {
  const root = document.getElementById('exam');
  const done = document.getElementById('exam-done');
  if (done) {
    // The result page: whatever this browser still held for the attempt went in with the submission.
    try {
      localStorage.removeItem(`bcm-exam-${done.dataset.attempt}`);
    } catch {}
  }
  if (!root) return;

  const attempt = root.dataset.attempt;
  const deadline = Number(root.dataset.deadline);
  const startedAt = Number(root.dataset.started);
  const storageKey = `bcm-exam-${attempt}`;
  const statusEl = document.getElementById('save-status');
  const announceEl = document.getElementById('timer-announce');
  const timerEl = root.querySelector('[data-timer]');
  const submitForm = document.getElementById('submit-form');
  const confirmForm = document.getElementById('confirm-form');
  const dialog = document.getElementById('submit-dialog');
  const sheet = document.getElementById('answer-sheet');
  const sheetOpen = root.querySelector('[data-sheet-open]');
  const sheetClose = root.querySelector('[data-sheet-close]');

  // The server's clock minus ours; refreshed from every save response (X-Server-Now).
  let offset = Number(root.dataset.serverNow) - Date.now();
  const serverNow = () => Date.now() + offset;

  const msg = (name, params) => (root.dataset[`msg${name}`] || '').replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));

  // --- answers not yet acknowledged, kept across reloads and offline spells -----------------
  let state = { seq: 0, pending: {} };
  try {
    state = Object.assign(state, JSON.parse(localStorage.getItem(storageKey) || '{}'));
  } catch {}
  const persist = () => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(state));
    } catch {}
  };
  let lastSeq = Math.max(Number(root.dataset.lastSeq) || 0, Number(state.seq) || 0);

  // Milliseconds since the start by the server's clock (but always increasing): changes made on two
  // devices of the same attempt are then ordered by when they happened, and the newest wins.
  function nextSeq() {
    lastSeq = Math.max(lastSeq + 1, Math.floor(serverNow() - startedAt));
    state.seq = lastSeq;
    return lastSeq;
  }

  const forms = () => Array.from(root.querySelectorAll('form.q[data-key]'));
  const formFor = (key) => forms().find((f) => f.dataset.key === key);
  const isOurs = (elt) => elt && elt.matches && elt.matches('form.q[data-key]') && root.contains(elt);

  // A written answer (textarea) is one value, or none while the box holds only spaces.
  function entryOf(form) {
    const box = form.querySelector('textarea[name="a"]');
    const a = box ? (box.value.trim() === '' ? [] : [box.value]) : Array.from(form.querySelectorAll('input[name="a"]:checked')).map((i) => i.value);
    const flag = form.querySelector('input[name="f"]');
    return { a, f: Boolean(flag && flag.checked) };
  }

  function applyEntry(form, entry) {
    const box = form.querySelector('textarea[name="a"]');
    if (box) {
      box.value = entry.a[0] || '';
      showChars(box);
    }
    for (const input of form.querySelectorAll('input[name="a"]')) input.checked = entry.a.includes(input.value);
    const flag = form.querySelector('input[name="f"]');
    if (flag) flag.checked = entry.f;
  }

  // --- written answers: a character count, and a save once typing pauses ---------------------
  // Characters as the server counts them (code points). A save goes out ~1 s after the last key,
  // never mid-composition (a Chinese IME's unfinished pinyin is not an answer yet), and again when
  // the box loses focus (its native change event). The change event below is what htmx sends on.
  function showChars(box) {
    const out = box.form && box.form.querySelector('[data-char-count]');
    if (out) out.textContent = (out.dataset.msg || '').replace('{n}', String(Array.from(box.value).length));
  }
  const typingTimers = new WeakMap();
  function saveSoon(box) {
    clearTimeout(typingTimers.get(box));
    typingTimers.set(
      box,
      setTimeout(() => {
        if (box.dataset.sent !== box.value) box.dispatchEvent(new Event('change', { bubbles: true }));
      }, 1000),
    );
  }
  root.addEventListener('input', (event) => {
    const box = event.target;
    if (!box.matches || !box.matches('textarea[data-written]')) return;
    showChars(box);
    if (!event.isComposing) saveSoon(box);
  });
  root.addEventListener('compositionend', (event) => {
    if (event.target.matches && event.target.matches('textarea[data-written]')) saveSoon(event.target);
  });

  // --- answer sheet ----------------------------------------------------------------------------
  const answerable = () => forms().filter((f) => !f.querySelector('fieldset[disabled]'));
  function updateCount() {
    const all = answerable();
    const el = root.querySelector('[data-sheet-count]');
    if (el) el.textContent = msg('SheetCount', { done: all.filter((f) => entryOf(f).a.length > 0).length, total: all.length });
  }
  function updateNav(form) {
    updateCount();
    const link = root.querySelector(`a[href="#${form.id}"]`);
    if (!link) return;
    const e = entryOf(form);
    link.classList.toggle('is-answered', e.a.length > 0);
    link.classList.toggle('is-flagged', e.f);
    const label = link.querySelector('.visually-hidden');
    if (label) label.textContent = [e.a.length > 0 ? msg('Answered') : msg('UnansweredState'), e.f ? msg('Flagged') : ''].filter(Boolean).join('，');
  }

  // The question being worked on is outlined on the sheet (aria-current says it to screen readers).
  function setCurrent(form) {
    for (const a of sheet.querySelectorAll('a[aria-current]')) a.removeAttribute('aria-current');
    const link = form && sheet.querySelector(`a[href="#${form.id}"]`);
    if (link) link.setAttribute('aria-current', 'step');
  }
  root.addEventListener('focusin', (event) => {
    const form = event.target.closest && event.target.closest('form.q');
    if (form) setCurrent(form);
  });
  window.addEventListener('hashchange', () => {
    const form = document.getElementById(location.hash.slice(1));
    if (form && form.matches('form.q')) setCurrent(form);
  });

  // On a phone the sheet is a drawer (static/css/exams.css); the header's button opens it.
  function toggleSheet(open) {
    root.classList.toggle('sheet-open', open);
    sheetOpen.setAttribute('aria-expanded', String(open));
    if (open) (sheet.querySelector('a[aria-current]') || sheet.querySelector('a') || sheet).focus();
  }
  root.classList.add('has-js');
  sheetOpen.hidden = false;
  sheetClose.hidden = false;
  sheetOpen.addEventListener('click', () => toggleSheet(!root.classList.contains('sheet-open')));
  sheetClose.addEventListener('click', () => {
    toggleSheet(false);
    sheetOpen.focus();
  });
  sheet.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#q-"]');
    if (!link) return;
    if (root.classList.contains('sheet-open')) toggleSheet(false);
    focusQuestion(link.getAttribute('href').slice(1));
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && root.classList.contains('sheet-open')) {
      toggleSheet(false);
      sheetOpen.focus();
    }
  });

  // A jump to a question puts the keyboard there too, not only the scroll position.
  // The link's own navigation scrolls there (and sets the address); focus follows right after.
  function focusQuestion(id) {
    const form = document.getElementById(id);
    if (!form) return;
    setTimeout(() => {
      form.focus({ preventScroll: true });
      setCurrent(form);
    }, 0);
  }

  // --- status line -----------------------------------------------------------------------------
  function showStatus(text, kind) {
    statusEl.textContent = text;
    statusEl.dataset.state = kind;
  }
  function showBacklog() {
    const n = Object.keys(state.pending).length;
    if (n > 0) showStatus(navigator.onLine ? msg('Pending', { n }) : msg('Offline'), 'warn');
  }

  // --- retries ---------------------------------------------------------------------------------
  let failures = 0;
  let retryTimer = null;
  let closed = false;
  let submitting = false;
  const inFlight = new Set();

  function flush() {
    for (const key of Object.keys(state.pending)) {
      const form = formFor(key);
      if (form) form.dispatchEvent(new CustomEvent('bcm:resave'));
      else delete state.pending[key];
    }
    persist();
  }

  // Exponential backoff with jitter, so a restarted server is not hit by every browser at once.
  function scheduleRetry() {
    if (closed || retryTimer) return;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)) * (0.75 + Math.random() * 0.5);
    failures++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      flush();
    }, delay);
  }

  window.addEventListener('online', () => {
    failures = 0;
    clearTimeout(retryTimer);
    retryTimer = null;
    flush();
  });
  window.addEventListener('offline', showBacklog);

  root.addEventListener('change', (event) => {
    const form = event.target.closest && event.target.closest('form.q');
    if (form) updateNav(form);
  });

  document.addEventListener('htmx:config:request', (event) => {
    const ctx = event.detail.ctx;
    if (!isOurs(ctx.sourceElement)) return;
    const form = ctx.sourceElement;
    const key = form.dataset.key;
    if (closed) return event.preventDefault();
    const resend = ctx.sourceEvent && ctx.sourceEvent.type === 'bcm:resave';
    let seq;
    if (resend) {
      // A retry keeps its number: if the first try did land, the server ignores the duplicate.
      if (!state.pending[key]) return event.preventDefault();
      seq = state.pending[key].s;
    } else {
      const box = form.querySelector('textarea[name="a"]');
      if (box) {
        // Typing paused and then the box lost focus: the same text is not sent twice.
        if (ctx.sourceEvent && ctx.sourceEvent.target === box && box.dataset.sent === box.value) return event.preventDefault();
        clearTimeout(typingTimers.get(box));
        box.dataset.sent = box.value;
      }
      seq = nextSeq();
      state.pending[key] = Object.assign(entryOf(form), { s: seq });
    }
    persist();
    ctx.request.body.set('seq', String(seq));
  });

  document.addEventListener('htmx:before:request', (event) => {
    if (isOurs(event.detail.ctx.sourceElement)) inFlight.add(event.detail.ctx);
  });
  document.addEventListener('htmx:finally:request', (event) => {
    inFlight.delete(event.detail.ctx);
  });

  document.addEventListener('htmx:after:request', (event) => {
    const ctx = event.detail.ctx;
    if (!isOurs(ctx.sourceElement)) return;
    const form = ctx.sourceElement;
    const key = form.dataset.key;
    const seq = Number(new URLSearchParams(ctx.request.body).get('seq'));
    const now = Number(ctx.response.headers.get('X-Server-Now'));
    if (now) offset = now - Date.now();
    const status = ctx.response.status;
    if (status >= 200 && status < 300) {
      const p = state.pending[key];
      if (p && p.s <= seq) delete state.pending[key];
      persist();
      form.dataset.seq = String(Math.max(Number(form.dataset.seq) || 0, seq));
      failures = 0;
      statusEl.dataset.state = 'ok';
      if (Object.keys(state.pending).length > 0) {
        ctx.swap = 'none';
        showBacklog();
      }
    } else if (status === 409) {
      // The attempt is over (time up or submitted elsewhere): the server's message is swapped in,
      // then the page reloads into the result.
      closed = true;
      state.pending = {};
      persist();
      statusEl.dataset.state = 'error';
      if (!submitting) setTimeout(() => location.reload(), 2500);
    } else {
      ctx.swap = 'none'; // never put an error page into the status line
      showStatus(msg('Failed'), 'warn');
      scheduleRetry();
    }
  });

  document.addEventListener('htmx:error', (event) => {
    const ctx = event.detail.ctx;
    if (!ctx || !isOurs(ctx.sourceElement)) return;
    showBacklog();
    scheduleRetry();
  });

  // --- countdown -------------------------------------------------------------------------------
  function clockText(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    const pad = (n) => String(n).padStart(2, '0');
    const h = Math.floor(s / 3600);
    return h > 0 ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  }

  // Screen readers hear the time at 10, 5 and 1 minutes left, not every second.
  const MARKS = [10, 5, 1];
  const announced = new Set(MARKS.filter((m) => deadline - serverNow() <= m * 60_000));

  function tick() {
    const left = deadline - serverNow();
    timerEl.textContent = clockText(left);
    for (const m of MARKS) {
      if (!announced.has(m) && left <= m * 60_000) {
        announced.add(m);
        announceEl.textContent = msg('Minutes', { m });
      }
    }
    root.classList.toggle('is-ending', left <= 5 * 60_000);
    if (left <= 0) {
      if (!submitting) {
        announceEl.textContent = msg('Timeup');
        autoSubmit();
      }
      return;
    }
    setTimeout(tick, 1000 - (Math.floor(serverNow()) % 1000) + 10);
  }

  // --- submission ------------------------------------------------------------------------------
  function sendSubmission(auto) {
    submitting = true;
    // Text typed in the last second, not yet sent, goes with the submission.
    for (const box of root.querySelectorAll('textarea[data-written]')) {
      if (box.dataset.sent === box.value) continue;
      box.dataset.sent = box.value;
      state.pending[box.form.dataset.key] = Object.assign(entryOf(box.form), { s: nextSeq() });
    }
    submitForm.elements.auto.value = auto ? '1' : '';
    submitForm.elements.pending.value = JSON.stringify(Object.entries(state.pending).map(([q, p]) => ({ q, a: p.a, f: p.f, s: p.s })));
  }

  async function autoSubmit() {
    submitting = true;
    showStatus(msg('Timeup'), 'warn');
    // Saves already on their way are accepted for a few seconds past the deadline: let them land.
    const until = Date.now() + 3000;
    while (inFlight.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    sendSubmission(true);
    HTMLFormElement.prototype.submit.call(submitForm);
  }

  // 交卷 opens the confirmation: unanswered and flagged questions as this page has them (answers
  // still waiting to be saved included), each a link back; 确认交卷 sends them all with the form.
  // Without <dialog> support the form's GET leads to the server's confirmation page instead.
  function numberList(label, nos) {
    const section = document.createElement('section');
    section.className = 'confirm-list';
    const h = document.createElement('h3');
    h.textContent = label;
    section.append(h);
    if (nos.length === 0) {
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = msg('None');
      section.append(p);
      return section;
    }
    const ul = document.createElement('ul');
    ul.className = 'qlist';
    for (const n of nos) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#q-${n}`;
      a.textContent = String(n);
      a.setAttribute('aria-label', msg('Goto', { n }));
      li.append(a);
      ul.append(li);
    }
    section.append(ul);
    return section;
  }

  confirmForm.addEventListener('submit', (event) => {
    if (submitting || typeof dialog.showModal !== 'function') return;
    event.preventDefault();
    const all = answerable();
    const no = (f) => Number(f.id.slice(2));
    const open = all.filter((f) => entryOf(f).a.length === 0).map(no);
    const flagged = all.filter((f) => entryOf(f).f).map(no);
    dialog.querySelector('[data-confirm-summary]').textContent = msg('Summary', { total: all.length, answered: all.length - open.length });
    dialog
      .querySelector('[data-confirm-lists]')
      .replaceChildren(numberList(msg('ListUnanswered', { n: open.length }), open), numberList(msg('ListFlagged', { n: flagged.length }), flagged));
    dialog.showModal();
    dialog.querySelector('[data-confirm-back]').focus();
  });
  dialog.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#q-"]');
    if (link) {
      dialog.close();
      focusQuestion(link.getAttribute('href').slice(1));
    }
  });
  dialog.querySelector('[data-confirm-back]').addEventListener('click', () => dialog.close());
  dialog.querySelector('[data-confirm-submit]').addEventListener('click', () => {
    if (submitting) return;
    sendSubmission(false);
    HTMLFormElement.prototype.submit.call(submitForm);
  });

  // --- start-up --------------------------------------------------------------------------------
  for (const box of root.querySelectorAll('textarea[data-written]')) box.dataset.sent = box.value;
  // Answers this browser changed but the server never acknowledged (offline, or the tab closed
  // mid-save) are put back on the page and sent again. The server's newer answers win.
  for (const [key, p] of Object.entries(state.pending)) {
    const form = formFor(key);
    if (!form || Number(form.dataset.seq) >= p.s || !Array.isArray(p.a)) {
      delete state.pending[key];
      continue;
    }
    applyEntry(form, p);
    updateNav(form);
  }
  persist();
  showBacklog();
  updateCount();
  const first = document.getElementById(location.hash.slice(1)) || forms()[0];
  if (first && first.matches('form.q')) setCurrent(first);
  // htmx wires the forms up on DOMContentLoaded; resend once it has.
  window.addEventListener('load', () => setTimeout(flush, 0));
  tick();
})();

// A scheduled sitting's paper (data-sitting): integrity signals, recorded not guessed. Leaving the
// page (hidden or blurred) and coming back, copy/paste and context-menu attempts are posted to the
// server, which measures the time away by its own clock; a beat every 20 s with this tab's token
// (kept in sessionStorage, so a reload keeps it) lets the server see a second tab or device. When
// the server answers that the attempt is over (its limit, the invigilator, the clock) the page reloads.
(() => {
  const root = document.getElementById('exam');
  if (!root || !root.dataset.sitting) return;
  const url = `/exams/attempts/${root.dataset.attempt}/signals`;
  let token = '';
  try {
    token = sessionStorage.getItem('bcm-exam-tab') || '';
    if (!token) sessionStorage.setItem('bcm-exam-tab', (token = crypto.randomUUID()));
  } catch {
    token = crypto.randomUUID();
  }
  function send(kind, detail) {
    const body = new URLSearchParams({ kind, token });
    if (detail) body.set('detail', detail);
    fetch(url, { method: 'POST', body, keepalive: true, credentials: 'same-origin' })
      .then((res) => (res.ok ? res.json() : null))
      .then((out) => {
        if (out && out.closed) location.reload();
      })
      .catch(() => {});
  }
  let away = false;
  function leave(detail) {
    if (away) return;
    away = true;
    send('away', detail);
  }
  function back() {
    if (!away || document.visibilityState !== 'visible') return;
    away = false;
    send('back');
  }
  document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? leave('hidden') : back()));
  window.addEventListener('blur', () => leave('blur'));
  window.addEventListener('focus', back);
  for (const kind of ['copy', 'cut', 'paste', 'contextmenu']) {
    root.addEventListener(kind, (event) => {
      event.preventDefault();
      send(kind === 'cut' ? 'copy' : kind);
    });
  }
  send('beat');
  setInterval(() => send('beat'), 20000);
})();
