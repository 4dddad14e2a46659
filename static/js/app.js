// Small progressive enhancements. Everything works without this file.
document.addEventListener('click', (event) => {
  // Click a one-time link to select it for copying.
  const code = event.target.closest && event.target.closest('code.copy');
  if (code) window.getSelection()?.selectAllChildren(code);
});

// Marking a written answer: the total of the levels picked, as they are picked.
document.addEventListener('change', (event) => {
  const form = event.target.closest && event.target.closest('form.marking-form');
  const sum = form && form.querySelector('.marking-sum');
  if (!sum) return;
  let total = 0;
  for (const input of form.querySelectorAll('input[type="radio"]:checked')) total += Number(input.value);
  sum.textContent = String(total);
});

// Development (`npm run dev`): reload the open lesson when its file is saved.
const reloadMeta = document.querySelector('meta[name="bcm-dev-reload"]');
if (reloadMeta && 'EventSource' in window) {
  const source = new EventSource(reloadMeta.content);
  source.addEventListener('changed', (event) => {
    const keys = JSON.parse(event.data);
    const lesson = document.querySelector('[data-lesson-key]');
    const key = lesson && lesson.getAttribute('data-lesson-key');
    if (!lesson || keys.includes(key) || keys.includes('*')) window.location.reload();
  });
}

// Activity heartbeat: while the tab is visible and the reader has been active in the last
// minute, fire `bcm:beat` on <body> every 30 s (and once at load). Elements that count time
// (a lesson's study status, a remote session's presence) listen with hx-trigger="bcm:beat from:body".
// Pages where watching without input is normal (a remote class) set data-beat-passive on <body>
// or on any element of the page (the shared layout owns <body>; a page's own markup can say it).
(() => {
  const INTERVAL_MS = 30_000;
  const ACTIVE_WINDOW_MS = 60_000;
  let lastInput = Date.now();
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'scroll', 'touchstart', 'wheel']) {
    window.addEventListener(type, () => (lastInput = Date.now()), { passive: true, capture: true });
  }
  const beat = () => document.body.dispatchEvent(new CustomEvent('bcm:beat'));
  const active = () =>
    document.visibilityState === 'visible' && (document.querySelector('[data-beat-passive]') !== null || Date.now() - lastInput < ACTIVE_WINDOW_MS);
  window.addEventListener('load', () => {
    // Not synchronously: htmx wires up hx-trigger listeners in a 0 ms timer queued when it loaded,
    // and `load` can fire before that timer runs. A timer queued now runs after it.
    setTimeout(() => active() && beat(), 0);
    setInterval(() => active() && beat(), INTERVAL_MS);
  });
})();

// The schedule form: show only the fields of the chosen mode (classroom, or meeting links). The
// hidden fieldset is disabled too, so its fields are neither required nor sent.
for (const form of document.querySelectorAll('form[data-mode-form]')) {
  const sync = () => {
    const mode = form.querySelector('input[name="mode"]:checked')?.value;
    for (const set of form.querySelectorAll('fieldset[data-mode-fields]')) {
      const off = mode !== undefined && set.dataset.modeFields !== mode;
      set.hidden = off;
      set.disabled = off;
    }
  };
  form.addEventListener('change', (event) => event.target.name === 'mode' && sync());
  sync();
}

// Reading position: on a lesson, remember (on this device) the last section heading scrolled
// past; the home's "continue" link for that lesson then opens at that section. The lesson itself
// comes from the server (heartbeats); only the section is kept here, so nothing is lost without it.
(() => {
  const keyOf = (lesson) => `bcm:section:${lesson}`;
  const store = (() => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  })();
  if (!store) return;
  const article = document.querySelector('[data-lesson-key]');
  if (article) {
    const key = keyOf(article.getAttribute('data-lesson-key'));
    const headings = [...article.querySelectorAll('.lesson-body h2[id], .lesson-body h3[id]')];
    let pending = false;
    const save = () => {
      pending = false;
      let current = null;
      for (const h of headings) {
        if (h.getBoundingClientRect().top <= 96) current = h.id;
        else break;
      }
      if (current) store.setItem(key, current);
      else store.removeItem(key);
    };
    window.addEventListener(
      'scroll',
      () => {
        if (pending) return;
        pending = true;
        setTimeout(save, 500);
      },
      { passive: true },
    );
  }
  for (const link of document.querySelectorAll('a[data-continue]')) {
    const id = store.getItem(keyOf(link.getAttribute('data-continue')));
    if (id) link.href = `${link.href.split('#')[0]}#${encodeURIComponent(id)}`;
  }
})();
