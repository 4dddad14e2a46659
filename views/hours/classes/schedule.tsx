import type { ViewContext } from '../../../src/http/view-context.js';
import type { Cohort } from '../../../src/institutions/index.js';
import type { ScheduleForm } from '../../../src/hours/index.js';
import { FormErrors, Layout } from '../../layout.js';

/**
 * One form for both modes: the classroom field applies to face-to-face sessions, the links to
 * remote ones, and the server keeps only the chosen mode's. static/js/app.js shows only the chosen
 * mode's fieldset; without it both stay, each legend saying which mode it is for.
 */
export function SchedulePage(props: { ctx: ViewContext; cohort: Cohort; courses: { slug: string; title: string }[]; form: ScheduleForm; errors: string[] }) {
  const { ctx, cohort, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('sessions.schedule')}>
      <p>
        <a href={`/cohorts/${cohort.id}/sessions`}>← {t('sessions.listTitle', { cohort: cohort.name })}</a>
      </p>
      <h1>{t('sessions.schedule')}</h1>
      <p class="muted">{t('sessions.scheduleHelp')}</p>
      <FormErrors ctx={ctx} errors={props.errors} />
      <form method="post" action={`/cohorts/${cohort.id}/sessions`} class="stack session-form" data-mode-form>
        <fieldset class="choice">
          <legend>{t('sessions.field.mode')}</legend>
          {(['faceToFace', 'remote'] as const).map((m) => (
            <label class="inline-choice">
              <input type="radio" name="mode" value={m} checked={form.mode === m} required />
              {t(m === 'faceToFace' ? 'mode.face-to-face' : 'mode.remote')}
            </label>
          ))}
        </fieldset>
        <label>
          {t('sessions.field.course')}
          <select name="courseSlug" required>
            {props.courses.map((c) => (
              <option value={c.slug} selected={form.courseSlug === c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sessions.field.title')}
          <input name="title" value={form.title} required maxlength={120} />
        </label>
        <label>
          {t('sessions.field.startsAt')}
          <input type="datetime-local" name="startsAt" value={form.startsAt} required />
        </label>
        <label>
          {t('sessions.field.endsAt')}
          <input type="datetime-local" name="endsAt" value={form.endsAt} required />
        </label>
        <p class="muted">{t('sessions.timeZoneNote')}</p>
        <fieldset data-mode-fields="faceToFace">
          <legend>{t('sessions.fieldsFor.faceToFace')}</legend>
          <label>
            {t('sessions.field.room')}
            <input name="room" value={form.room} maxlength={60} />
          </label>
        </fieldset>
        <fieldset data-mode-fields="remote">
          <legend>{t('sessions.fieldsFor.remote')}</legend>
          <label>
            {t('sessions.field.meetingUrl')}
            <input type="url" name="meetingUrl" value={form.meetingUrl} placeholder="https://meeting.tencent.com/dm/…" inputmode="url" />
          </label>
          <label>
            {t('sessions.field.recordingUrl')}
            <input type="url" name="recordingUrl" value={form.recordingUrl} placeholder="https://…" inputmode="url" />
          </label>
        </fieldset>
        <p>
          <button type="submit">{t('sessions.create')}</button>
        </p>
      </form>
    </Layout>
  );
}
