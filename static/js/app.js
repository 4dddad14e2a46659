// Small progressive enhancements. Everything works without this file.
document.addEventListener('click', (event) => {
  // Click a one-time link to select it for copying.
  const code = event.target.closest && event.target.closest('code.copy');
  if (code) window.getSelection()?.selectAllChildren(code);
});
