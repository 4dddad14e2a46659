import type { ViewContext } from '../../src/http/view-context.js';
import type { TraineeHomeModel } from '../../src/institutions/index.js';
import type { LevelPosition, ReasonJson } from '../../src/hours/index.js';
import type { MockExamStatus } from '../../src/exams/index.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { classHours, reasonSentence } from '../hours/reasons.js';
import { modeLabel, timeRange } from '../hours/classes/common.js';
import { Layout } from '../layout.js';
import { Enrolments, MoreLinks } from './account.js';

// The trainee's home: what to do next, first. Every graphic has its figures written beside it;
// the bars are drawn as SVG (the CSP forbids inline styles) and hidden from screen readers.

const MODES = ['faceToFace', 'remote', 'selfStudy'] as const;

const pick = (ctx: ViewContext, v: { zh: string; en: string }) => (ctx.locale === 'en' ? v.en : v.zh);

/** A bar from 0 to `scale`, filled to `value`, with an optional tick at `line`. */
function Bar(props: { value: number; scale: number; line?: number | null; kind: string }) {
  const pct = (v: number) => Math.max(0, Math.min(100, (v / props.scale) * 100));
  return (
    <svg class={`bar bar-${props.kind}`} viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="bar-track" x="0" y="1" width="100" height="8" rx="2" />
      <rect class="bar-fill" x="0" y="1" width={pct(props.value).toFixed(2)} height="8" rx="2" />
      {props.line != null && <rect class="bar-line" x={Math.min(99.4, pct(props.line)).toFixed(2)} y="0" width="0.6" height="10" />}
    </svg>
  );
}

function HoursCard(props: { ctx: ViewContext; position: LevelPosition; classHourMinutes: number }) {
  const { ctx, position: p, classHourMinutes } = props;
  const { t, fmt } = ctx;
  const h = (min: number) => classHours(fmt, min, classHourMinutes);
  const total = p.hours;
  // The bar's scale: the level's requirement, or the 40-hour line when that is larger.
  const scale = Math.max(total.requiredMinutes, total.minimumTrainingMinutes, total.earnedMinutes, 1);
  const levelName = pick(ctx, p.level.name);
  const line = total.minimumTrainingMinutes !== total.requiredMinutes ? total.minimumTrainingMinutes : null;
  return (
    <section class="card home-card" aria-labelledby={`hours-${p.level.id}`} data-testid={`home-hours-${p.level.id}`}>
      <h2 id={`hours-${p.level.id}`}>
        {t('home.hours.title')} <span class="muted small">{levelName}</span>
      </h2>
      <ul class="meters">
        {MODES.map((m) => {
          const mode = total.byMode[m];
          return (
            <li class="meter" data-testid={`home-mode-${m}`}>
              <span class="meter-label">{t(`study.mode.${m}`)}</span>
              <Bar kind={m} value={mode.earnedMinutes} scale={scale} line={mode.minimumMinutes} />
              <span class="meter-figure">
                {mode.minimumMinutes === null
                  ? t('home.hours.modeFigure', { earned: h(mode.earnedMinutes) })
                  : t('home.hours.modeFigureMin', { earned: h(mode.earnedMinutes), min: h(mode.minimumMinutes) })}
                {mode.minimumMinutes !== null && mode.met && <> · {t('home.hours.met')}</>}
              </span>
            </li>
          );
        })}
        <li class="meter meter-total" data-testid="home-total">
          <span class="meter-label">{t('study.progress.total')}</span>
          <Bar kind="total" value={total.earnedMinutes} scale={scale} line={line} />
          <span class="meter-figure">
            <strong>{t('home.hours.totalFigure', { earned: h(total.earnedMinutes), required: h(total.requiredMinutes) })}</strong>
          </span>
        </li>
      </ul>
      <p class="muted small">
        {p.level.minimumTrainingHours !== undefined && p.level.minimumTrainingHours !== null
          ? t('home.hours.levelLine', { hours: h(total.minimumTrainingMinutes) })
          : t('home.hours.line', { hours: h(total.minimumTrainingMinutes) })}
        {line !== null && t('home.hours.lineMark')}
        {total.creditedMinutes > 0 && <> · {t('study.progress.credited', { hours: h(total.creditedMinutes) })}</>}
      </p>
      <p>
        <strong>{total.remainingMinutes > 0 ? t('study.progress.remaining', { hours: h(total.remainingMinutes) }) : t('study.progress.complete')}</strong>{' '}
        <a href="/me/progress">{t('home.hours.detail')}</a>
      </p>
    </section>
  );
}

function ExamLine(props: { ctx: ViewContext; exam: MockExamStatus }) {
  const { ctx, exam: e } = props;
  const { t, fmt } = ctx;
  return (
    <li data-testid={`home-exam-${e.id}`}>
      <strong>{pick(ctx, e.title)}</strong>
      <br />
      {e.open ? (
        <>
          <span class="status status-warn">{t('home.exam.inProgress', { minutes: fmt.number(e.open.minutesLeft) })}</span>{' '}
          <a class="button small" href={`/exams/attempts/${e.open.attemptId}`}>
            {t('home.exam.resume')}
          </a>
        </>
      ) : e.best ? (
        <>
          <span>{t('home.exam.best', { score: fmt.number(e.best.score), max: fmt.number(e.best.maxScore), percent: fmt.number(e.best.percent) })}</span>
          {' · '}
          <span class={e.passed ? 'status status-ok' : 'status status-warn'}>
            {e.passed ? `✓ ${t('home.exam.passed')}` : t('home.exam.notPassed', { pass: fmt.number(e.passPercent) })}
          </span>
        </>
      ) : e.awaitingMarking === 0 ? (
        <span class="status">{t('home.exam.notStarted')}</span>
      ) : null}
      {!e.open && e.awaitingMarking > 0 && (
        <>
          {e.best && ' · '}
          <span class="status status-warn" data-testid="home-exam-awaiting">
            {t('home.exam.awaiting', { n: fmt.number(e.awaitingMarking) })}
          </span>
        </>
      )}
    </li>
  );
}

/** Where each reason that blocks applying is dealt with. */
function reasonLink(r: ReasonJson, levelId: string): { href: string; label: MessageKey } {
  if (r.code === 'modeMinimum')
    return r.mode === 'selfStudy' ? { href: `/levels/${levelId}`, label: 'home.apply.linkSelfStudy' } : { href: '/sessions', label: 'home.apply.linkSessions' };
  if (r.code === 'levelHours' || r.code === 'minimumTraining') return { href: '/me/progress', label: 'home.apply.linkHours' };
  return { href: '/me/account#profile-h', label: 'home.apply.linkProfile' };
}

/** blockers and profileBlocks: the trainee home's LevelCard (institutions' traineeHome). */
function ApplyCard(props: { ctx: ViewContext; position: LevelPosition; blockers: ReasonJson[]; profileBlocks: boolean; classHourMinutes: number }) {
  const { ctx, position: p, blockers: reasons } = props;
  const { t, fmt } = ctx;
  return (
    <section class="card home-card" aria-labelledby={`apply-${p.level.id}`} data-testid={`home-apply-${p.level.id}`}>
      <h2 id={`apply-${p.level.id}`}>{t('home.apply.title')}</h2>
      {p.mayApply ? (
        <>
          <p class="flash flash-ok">✓ {t('home.apply.ready')}</p>
          <p>
            <a href="/me/certificates">{t('home.apply.proof')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('home.apply.blocked')}</p>
          <ul class="blockers">
            {reasons.map((r) => {
              const link = reasonLink(r, p.level.id);
              return (
                <li data-code={r.code}>
                  {reasonSentence(t, fmt, r, props.classHourMinutes)} <a href={link.href}>{t(link.label)}</a>
                </li>
              );
            })}
          </ul>
          {props.profileBlocks && <p class="muted small">{t('home.apply.profileNote')}</p>}
        </>
      )}
    </section>
  );
}

export function TraineeHome(props: { ctx: ViewContext; model: TraineeHomeModel; classHourMinutes: number; courseTitle: (slug: string) => string }) {
  const { ctx, model } = props;
  const { t, fmt } = ctx;
  const last = model.lastLesson;
  const next = model.nextClass;
  return (
    <Layout ctx={ctx} title={t('me.title')}>
      <h1>{t('me.title')}</h1>
      <div class="home-grid">
        <section class="card home-card home-continue" aria-labelledby="continue-h" data-testid="home-continue">
          <h2 id="continue-h">{t('home.continue.title')}</h2>
          {last ? (
            <>
              <p class="muted small">{props.courseTitle(last.courseSlug)}</p>
              <p class="home-lesson">
                {last.status.credited && (
                  <span class="done">
                    <span aria-hidden="true">✓</span> {t('home.done')}
                  </span>
                )}{' '}
                {last.title}
              </p>
              <p class="muted small">{t('home.continue.lastRead', { when: fmt.dateTime(last.at) })}</p>
              <p class="home-actions">
                <a class="button" href={`/courses/${last.courseSlug}/${last.lessonSlug}`} data-continue={`${last.courseSlug}/${last.lessonSlug}`}>
                  {t('home.continue.button')}
                </a>
                {model.nextLesson && (
                  <a href={`/courses/${model.nextLesson.courseSlug}/${model.nextLesson.lessonSlug}`} data-testid="home-next-lesson">
                    {t('home.continue.next', { title: model.nextLesson.title })}
                  </a>
                )}
              </p>
            </>
          ) : model.firstLesson ? (
            <>
              <p>{t('home.continue.startIntro')}</p>
              <p class="home-lesson">{model.firstLesson.title}</p>
              <p>
                <a class="button" href={`/courses/${model.firstLesson.courseSlug}/${model.firstLesson.lessonSlug}`}>
                  {t('home.continue.start')}
                </a>
              </p>
            </>
          ) : (
            <p class="muted">{t('home.continue.nothing')}</p>
          )}
        </section>

        <section class="card home-card" aria-labelledby="class-h" data-testid="home-class">
          <h2 id="class-h">{t('home.class.title')}</h2>
          {next ? (
            <>
              <p class="home-lesson">
                <a href={`/sessions/${next.session.id}`}>{next.session.title}</a>
              </p>
              <dl class="facts">
                <dt>{t('sessions.field.time')}</dt>
                <dd>
                  {timeRange(ctx, next.session)}
                  {next.running && (
                    <>
                      {' '}
                      · <strong>{t('home.class.running')}</strong>
                    </>
                  )}
                </dd>
                <dt>{t('home.class.place')}</dt>
                <dd>
                  <span class={`mode mode-${next.session.mode}`}>{modeLabel(ctx, next.session.mode)}</span>{' '}
                  {next.session.room ?? (next.session.mode === 'remote' ? t('home.class.remotePlace') : '')}
                </dd>
                <dt>{t('sessions.field.course')}</dt>
                <dd>{props.courseTitle(next.session.courseSlug)}</dd>
              </dl>
              <p class="home-actions">
                {next.checkInOpen && (
                  <a class="button" href="/checkin" data-testid="home-checkin">
                    {t('home.class.checkIn')}
                  </a>
                )}
                {next.session.mode === 'remote' && next.running && (
                  <a class="button" href={`/sessions/${next.session.id}`}>
                    {t('home.class.join')}
                  </a>
                )}
                <a href="/sessions">{t('home.class.all')}</a>
              </p>
            </>
          ) : (
            <p class="muted">
              {t('home.class.none')} <a href="/sessions">{t('home.class.all')}</a>
            </p>
          )}
        </section>
      </div>

      {model.levels.map(({ position, exams, blockers, profileBlocks }) => (
        <div class="home-grid">
          <HoursCard ctx={ctx} position={position} classHourMinutes={props.classHourMinutes} />
          <div>
            <section class="card home-card" aria-labelledby={`exam-${position.level.id}`} data-testid={`home-exams-${position.level.id}`}>
              <h2 id={`exam-${position.level.id}`}>{t('home.exam.title')}</h2>
              {exams.length === 0 ? (
                <p class="muted">{t('home.exam.none')}</p>
              ) : (
                <ul class="plain">
                  {exams.map((e) => (
                    <ExamLine ctx={ctx} exam={e} />
                  ))}
                </ul>
              )}
              <p>
                <a href="/exams">{t('home.exam.go')}</a>
              </p>
            </section>
            <ApplyCard ctx={ctx} position={position} blockers={blockers} profileBlocks={profileBlocks} classHourMinutes={props.classHourMinutes} />
          </div>
        </div>
      ))}

      <section aria-labelledby="enrol-h">
        <h2 id="enrol-h">{t('me.enrolments')}</h2>
        <Enrolments ctx={ctx} enrolments={model.enrolments} />
      </section>
      <MoreLinks ctx={ctx} account />
    </Layout>
  );
}
