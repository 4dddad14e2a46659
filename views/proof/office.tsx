import type { ViewContext } from '../../src/http/view-context.js';
import type { Institution } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { DateRangeFields } from './date-range.js';
import { VerifyForItStaff } from './parts.js';

// The programme office picks an institution and a period and downloads its signed bundle.
export function OfficeBundlePage(props: { ctx: ViewContext; institutions: Institution[]; from: string; to: string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('proof.bundle.title')}>
      <p>
        <a href="/office">← {t('proof.office.back')}</a>
      </p>
      <h1>{t('proof.bundle.title')}</h1>
      <p class="muted">{t('proof.bundle.help')}</p>
      <form method="get" action="/proof/bundle" class="grid-form">
        <label>
          {t('proof.bundle.institution')}
          <select name="institution" required>
            {props.institutions.map((i) => (
              <option value={i.code}>
                {i.name} ({i.code})
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields t={t} from={props.from} to={props.to} />
        <button type="submit">{t('proof.bundle.download')}</button>
      </form>
      <p class="muted">{t('proof.bundle.verifyHint')}</p>
      <VerifyForItStaff ctx={ctx} />
    </Layout>
  );
}
