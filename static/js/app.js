// Small progressive enhancements. Everything works without this file.
document.addEventListener('click', (event) => {
  // Click a one-time link to select it for copying.
  const code = event.target.closest && event.target.closest('code.copy');
  if (code) window.getSelection()?.selectAllChildren(code);
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
