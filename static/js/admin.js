// Copy buttons on the institution admin's pages (views/admin/copy.tsx). Without this file the
// links are selectable text; with it, each button next to one copies it.
(() => {
  if (window.bcmCopyButtons || !navigator.clipboard) return;
  window.bcmCopyButtons = true;
  const ready = () => {
    for (const button of document.querySelectorAll('button[data-copy]')) button.hidden = false;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  document.addEventListener('click', async (event) => {
    const button = event.target.closest && event.target.closest('button[data-copy]');
    if (!button) return;
    const target = document.getElementById(button.dataset.copy);
    if (!target) return;
    try {
      await navigator.clipboard.writeText(target.textContent.trim());
      const label = button.textContent;
      button.textContent = button.dataset.copied;
      setTimeout(() => (button.textContent = label), 2000);
    } catch {
      // Clipboard refused (insecure origin, permission): select the text for a manual copy.
      window.getSelection()?.selectAllChildren(target);
    }
  });
})();
