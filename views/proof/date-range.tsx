import type { Translate } from '../../src/i18n/index.js';

/** The from/to date pair every export and bundle form asks for. */
export function DateRangeFields(props: { t: Translate; from: string; to: string }) {
  return (
    <>
      <label>
        {props.t('proof.export.from')}
        <input type="date" name="from" value={props.from} required />
      </label>
      <label>
        {props.t('proof.export.to')}
        <input type="date" name="to" value={props.to} required />
      </label>
    </>
  );
}
