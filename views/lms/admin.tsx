import type { ViewContext } from '../../src/http/view-context.js';
import type { CohortSummary } from '../../src/institutions/index.js';
import type { ContextRow, Platform } from '../../src/lms/index.js';
import { FormErrors, Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';

export type ToolValues = { loginUrl: string; launchUrl: string; jwksUrl: string; deepLinkingUrl: string };
export type PlatformForm = Partial<Record<'name' | 'issuer' | 'clientId' | 'deploymentId' | 'jwksUrl' | 'authUrl' | 'tokenUrl', string>>;
export type XapiStatus = { lrs: string | null; pending: number; sent: number; lastError: string | null };

export const PLATFORM_FIELDS = [
  ['name', 'lti.field.name'],
  ['issuer', 'lti.field.issuer'],
  ['clientId', 'lti.field.clientId'],
  ['deploymentId', 'lti.field.deploymentId'],
  ['jwksUrl', 'lti.field.jwksUrl'],
  ['authUrl', 'lti.field.authUrl'],
  ['tokenUrl', 'lti.field.tokenUrl'],
] as const;

function ToolValuesPanel(props: { ctx: ViewContext; values: ToolValues }) {
  const { t } = props.ctx;
  const rows = [
    ['lti.admin.loginUrl', props.values.loginUrl, 'tool-login'],
    ['lti.admin.launchUrl', props.values.launchUrl, 'tool-launch'],
    ['lti.admin.jwksUrl', props.values.jwksUrl, 'tool-jwks'],
    ['lti.admin.deepLinkingUrl', props.values.deepLinkingUrl, 'tool-deep-linking'],
  ] as const;
  return (
    <section class="card lti-tool" aria-labelledby="tool-h">
      <h2 id="tool-h">{t('lti.admin.tool')}</h2>
      <dl class="facts">
        {rows.map(([label, value, id]) => (
          <>
            <dt>{t(label)}</dt>
            <dd>
              <code class="copy" data-testid={id}>
                {value}
              </code>
            </dd>
          </>
        ))}
      </dl>
      <p class="muted">{t('lti.admin.toolNote')}</p>
    </section>
  );
}

export function AdminLmsPage(props: {
  ctx: ViewContext;
  tool: ToolValues;
  platforms: Platform[];
  removedPlatforms: Platform[];
  /** Placements other than mock exams that the LMS nevertheless gave a gradebook column. */
  gradedPlacements: number;
  contexts: ContextRow[];
  cohorts: CohortSummary[];
  xapi: XapiStatus;
  form?: PlatformForm;
  errors?: string[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const f = props.form ?? {};
  const unlinked = props.contexts.filter((x) => x.cohortId == null).length;
  return (
    <Layout ctx={ctx} title={t('lti.admin.title')} wide>
      <h1>{t('lti.admin.title')}</h1>
      <p>{t('lti.admin.intro')}</p>
      <ToolValuesPanel ctx={ctx} values={props.tool} />

      <section aria-labelledby="platforms-h">
        <h2 id="platforms-h">{t('lti.admin.platforms')}</h2>
        {props.platforms.length === 0 ? (
          <p class="muted">{t('lti.admin.noPlatforms')}</p>
        ) : (
          <ScrollTable label={t('lti.admin.platforms')}>
            <table>
              <thead>
                <tr>
                  {PLATFORM_FIELDS.slice(0, 4).map(([, label]) => (
                    <th scope="col">{t(label)}</th>
                  ))}
                  <th scope="col">{t('lti.admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.platforms.map((p) => (
                  <tr>
                    <th scope="row">{p.name}</th>
                    <td class="mono">{p.issuer}</td>
                    <td class="mono">{p.clientId}</td>
                    <td class="mono">{p.deploymentId}</td>
                    <td>
                      <a href={`/admin/lms/platforms/${p.id}`} data-testid={`edit-platform-${p.id}`}>
                        {t('lti.admin.edit')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {props.gradedPlacements > 0 && (
          <p class="flash flash-error" role="alert" data-testid="graded-placements">
            {t('lti.admin.gradedPlacements', { count: props.gradedPlacements })}
          </p>
        )}
        <details open={(props.errors?.length ?? 0) > 0 || props.platforms.length === 0}>
          <summary>{t('lti.admin.register')}</summary>
          <FormErrors ctx={ctx} errors={props.errors ?? []} />
          <form method="post" action="/admin/lms/platforms" class="grid-form lti-register">
            {PLATFORM_FIELDS.map(([name, label]) => (
              <label>
                {t(label)}
                <input name={name} value={f[name] ?? ''} required maxlength={name === 'name' ? 80 : 500} type={name.endsWith('Url') ? 'url' : 'text'} />
              </label>
            ))}
            <button type="submit">{t('lti.admin.register')}</button>
          </form>
        </details>
      </section>

      {props.removedPlatforms.length > 0 && (
        <section aria-labelledby="removed-h">
          <h2 id="removed-h">{t('lti.admin.removedList')}</h2>
          <ScrollTable label={t('lti.admin.removedList')}>
            <table data-testid="removed-platforms">
              <thead>
                <tr>
                  {PLATFORM_FIELDS.slice(0, 4).map(([, label]) => (
                    <th scope="col">{t(label)}</th>
                  ))}
                  <th scope="col">{t('lti.admin.removedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {props.removedPlatforms.map((p) => (
                  <tr>
                    <th scope="row">{p.name}</th>
                    <td class="mono">{p.issuer}</td>
                    <td class="mono">{p.clientId}</td>
                    <td class="mono">{p.deploymentId}</td>
                    <td>{p.removedAt !== null ? ctx.fmt.dateTime(p.removedAt) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      )}

      <section aria-labelledby="contexts-h">
        <h2 id="contexts-h">{t('lti.admin.contexts')}</h2>
        <p class="muted">{t('lti.admin.contextsIntro')}</p>
        {unlinked > 0 && (
          <p class="flash flash-error" role="status" data-testid="unlinked-contexts">
            {t('lti.admin.unlinkedCount', { count: unlinked })}
          </p>
        )}
        {props.contexts.length === 0 ? (
          <p class="muted">{t('lti.admin.noContexts')}</p>
        ) : (
          <ScrollTable label={t('lti.admin.contexts')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('lti.admin.context')}</th>
                  <th scope="col">{t('lti.admin.platform')}</th>
                  <th scope="col">{t('lti.admin.linkedCohort')}</th>
                </tr>
              </thead>
              <tbody>
                {props.contexts.map((x) => (
                  <tr>
                    <th scope="row">
                      {x.title ?? x.contextId}
                      {x.cohortId == null && (
                        <>
                          {' '}
                          <span class="badge" data-testid="context-unlinked">
                            {t('lti.admin.notLinked')}
                          </span>
                        </>
                      )}
                    </th>
                    <td>{x.platformName}</td>
                    <td>
                      <form method="post" action="/admin/lms/contexts" class="lti-link-form">
                        <input type="hidden" name="platformId" value={String(x.platformId)} />
                        <input type="hidden" name="contextId" value={x.contextId} />
                        <select name="cohortId" aria-label={t('lti.admin.linkedCohort')}>
                          <option value="">{t('lti.admin.noCohort')}</option>
                          {props.cohorts.map((c) => (
                            <option value={String(c.id)} selected={c.id === x.cohortId}>
                              {c.name}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="small">
                          {t('common.save')}
                        </button>
                        {x.cohortId != null && <a href={`/lms/cohorts/${x.cohortId}`}>{t('lti.roster.link')}</a>}
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="status-h">
        <h2 id="status-h">{t('lti.admin.xapi')}</h2>
        <p data-testid="xapi-status">
          {props.xapi.lrs ? t('lti.admin.xapiOn', { lrs: props.xapi.lrs, pending: props.xapi.pending, sent: props.xapi.sent }) : t('lti.admin.xapiOff')}
        </p>
        {props.xapi.lastError && <p class="muted">{t('lti.admin.xapiError', { error: props.xapi.lastError })}</p>}
        <p>
          <a href="/lms/grades">{t('lti.admin.grades')}</a>
        </p>
      </section>
    </Layout>
  );
}

/** One registration to correct (deployment ID, addresses, name) or remove; issuer and client ID stay. */
export function EditPlatformPage(props: { ctx: ViewContext; platform: Platform; form: PlatformForm; errors: string[] }) {
  const { ctx, platform } = props;
  const { t } = ctx;
  const fixed = new Set(['issuer', 'clientId']);
  return (
    <Layout ctx={ctx} title={t('lti.admin.editTitle', { name: platform.name })}>
      <p>
        <a href="/admin/lms">{t('lti.admin.title')}</a>
      </p>
      <h1>{t('lti.admin.editTitle', { name: platform.name })}</h1>
      <FormErrors ctx={ctx} errors={props.errors} />
      <form method="post" action={`/admin/lms/platforms/${platform.id}`} class="grid-form lti-register">
        {PLATFORM_FIELDS.map(([name, label]) =>
          fixed.has(name) ? (
            <label>
              {t(label)}
              <input value={name === 'issuer' ? platform.issuer : platform.clientId} readonly aria-readonly="true" />
            </label>
          ) : (
            <label>
              {t(label)}
              <input name={name} value={props.form[name] ?? ''} required maxlength={name === 'name' ? 80 : 500} type={name.endsWith('Url') ? 'url' : 'text'} />
            </label>
          ),
        )}
        <p class="muted">{t('lti.admin.fixedIdentity')}</p>
        <button type="submit">{t('lti.admin.save')}</button>
      </form>
      <section class="card" aria-labelledby="remove-h">
        <h2 id="remove-h">{t('lti.admin.remove')}</h2>
        <p>{t('lti.admin.removeNote')}</p>
        <form method="post" action={`/admin/lms/platforms/${platform.id}/remove`}>
          <button type="submit" data-testid="remove-platform">
            {t('lti.admin.remove')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
