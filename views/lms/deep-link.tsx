import { raw } from 'hono/html';
import type { ViewContext } from '../../src/http/view-context.js';
import { Layout } from '../layout.js';

export type PickerCourse = { value: string; title: string; lessons: { value: string; title: string }[] };
export type PickerLevel = { name: string; levelValue: string; exams: { value: string; title: string }[]; courses: PickerCourse[] };

function Choice(props: { value: string; label: string; first?: boolean }) {
  return (
    <label class="lti-choice">
      <input type="radio" name="target" value={props.value} required={props.first} />
      <span>{props.label}</span>
    </label>
  );
}

/** The instructor's choice of what to place in the LMS (one item). */
export function DeepLinkPicker(props: { ctx: ViewContext; ticket: string; levels: PickerLevel[]; error?: boolean }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('lti.dl.title')}>
      <h1>{t('lti.dl.title')}</h1>
      <p>{t('lti.dl.intro')}</p>
      {props.error && (
        <p class="flash flash-error" role="alert">
          {t('lti.error.deepLinkChoice')}
        </p>
      )}
      <form method="post" action="/lti/deep-link" class="lti-picker">
        <input type="hidden" name="ticket" value={props.ticket} />
        {props.levels.map((level, i) => (
          <fieldset class="card">
            <legend>{level.name}</legend>
            <Choice value={level.levelValue} label={t('lti.dl.level', { level: level.name })} first={i === 0} />
            {level.exams.map((exam) => (
              <Choice value={exam.value} label={`${exam.title} · ${t('lti.dl.exam')}`} />
            ))}
            {level.courses.map((course) => (
              <details>
                <summary>
                  {t('lti.dl.course')}：{course.title}
                </summary>
                <Choice value={course.value} label={course.title} />
                <ul class="lti-lessons">
                  {course.lessons.map((lesson) => (
                    <li>
                      <Choice value={lesson.value} label={lesson.title} />
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </fieldset>
        ))}
        <p>
          <button type="submit">{t('lti.dl.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}

/**
 * The signed response goes back to the platform in a form post. Inline script is forbidden by our
 * CSP, so the form is a normal one with a visible button, and /static/js/lti.js submits it.
 */
export function DeepLinkReturn(props: { ctx: ViewContext; returnUrl: string; jwt: string; title: string }) {
  const { t } = props.ctx;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{t('lti.dl.returnTitle')}</title>
          <link rel="stylesheet" href="/static/css/app.css" />
          <link rel="stylesheet" href="/static/css/lti.css" />
          <script src="/static/js/lti.js" defer></script>
        </head>
        <body>
          <main class="lti-return">
            <h1>{t('lti.dl.returnTitle')}</h1>
            <p>{t('lti.dl.returnIntro', { title: props.title })}</p>
            <form method="post" action={props.returnUrl} data-lti-autosubmit="">
              <input type="hidden" name="JWT" value={props.jwt} />
              <button type="submit">{t('lti.dl.return')}</button>
            </form>
          </main>
        </body>
      </html>
    </>
  );
}
