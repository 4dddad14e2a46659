import type { ViewContext } from '../../src/http/view-context.js';

/**
 * A copy button for the text of element `targetId`. Hidden until static/js/admin.js shows it:
 * without JavaScript the link is plain selectable text and there is no button that does nothing.
 */
export function CopyButton(props: { ctx: ViewContext; targetId: string; label?: string }) {
  const { t } = props.ctx;
  return (
    <button type="button" class="small secondary copy-button" data-copy={props.targetId} data-copied={t('admin.copied')} hidden>
      {props.label ?? t('admin.copy')}
    </button>
  );
}

/** The script behind CopyButton; once per page. */
export function CopyScript() {
  return <script src="/static/js/admin.js" defer></script>;
}
