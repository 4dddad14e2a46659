/** @jsxImportSource hono/jsx */
// The components lesson MDX may use (docs/content-format.md). Per-request facts (course, lesson,
// self-check questions, labels) reach them through closures made per render, never module state,
// so concurrent requests for different lessons cannot see each other's data.
import type { Child, FC } from 'hono/jsx';
import { SELF_CHECK_LETTERS as LETTERS, type ComponentName, type SelfCheckEntry, type SelfCheckGrade } from '../../src/catalog/index.js';

export interface CatalogLabels {
  tip: string;
  warning: string;
  regulation: string;
  case: string;
  selfCheck: string;
  submit: string;
  correct: string;
  incorrect: string;
  correctAnswer: string;
  yourAnswer: string;
  explanation: string;
  noAnswer: string;
  missingSelfCheck: string;
  mediaFallback: string;
  lessonUnavailable: string;
  retry: string;
  showExplanation: string;
}

export const ZH_LABELS: CatalogLabels = {
  tip: '提示',
  warning: '注意',
  regulation: '法规',
  case: '案例',
  selfCheck: '自测',
  submit: '提交答案',
  correct: '回答正确',
  incorrect: '回答错误',
  correctAnswer: '正确答案',
  yourAnswer: '你的答案',
  explanation: '解析',
  noAnswer: '未作答',
  missingSelfCheck: '这道自测题暂不可用',
  mediaFallback: '你的浏览器无法播放此媒体，可下载文件观看：',
  lessonUnavailable: '本课内容暂时无法显示，请稍后再试。',
  retry: '重做',
  showExplanation: '查看解析',
};

export interface MdxRenderContext {
  courseSlug: string;
  lessonSlug: string;
  selfCheck: readonly SelfCheckEntry[];
  labels?: Partial<CatalogLabels>;
}

type Props = Record<string, unknown> & { children?: Child };

const CALLOUT_TYPES = new Set(['tip', 'warning', 'regulation']);

/** `./media/x.svg` in a lesson → `/media/<course>/x.svg`; anything else is left as written. */
export function mediaUrl(courseSlug: string, src: string): string {
  const m = /^(?:\.\/)?media\/(.+)$/.exec(src);
  if (!m?.[1]) return src;
  const parts = m[1].split('/');
  if (parts.some((p) => p === '..' || p === '')) return src; // never build a path out of /media/<course>/
  return `/media/${encodeURIComponent(courseSlug)}/${parts.map(encodeURIComponent).join('/')}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The components map for one render of one lesson (plus `img` for Markdown images). */
export function createMdxComponents(ctx: MdxRenderContext): Record<ComponentName | 'img', FC<Props>> {
  const L: CatalogLabels = { ...ZH_LABELS, ...ctx.labels };
  const media = (src: unknown) => mediaUrl(ctx.courseSlug, String(src ?? ''));

  const Callout: FC<Props> = ({ type, title, children }) => {
    const kind = CALLOUT_TYPES.has(String(type)) ? (String(type) as 'tip' | 'warning' | 'regulation') : 'tip';
    return (
      <div class={`callout callout-${kind}`} role="note">
        <p class="callout-label">
          <strong>{L[kind]}</strong>
          {str(title) ? <span class="callout-title">{str(title)}</span> : null}
        </p>
        <div class="callout-body">{children}</div>
      </div>
    );
  };

  const Term: FC<Props> = ({ name, en, inline, children }) =>
    inline ? (
      <span class="term term-inline">
        <dfn>{str(name)}</dfn>
        {str(en) ? (
          <span class="term-en" lang="en">
            {str(en)}
          </span>
        ) : null}
        <span class="term-def">{children}</span>
      </span>
    ) : (
      <dl class="term">
        <dt>
          <dfn>{str(name)}</dfn>
          {str(en) ? (
            <span class="term-en" lang="en">
              {str(en)}
            </span>
          ) : null}
        </dt>
        <dd>{children}</dd>
      </dl>
    );

  const Case: FC<Props> = ({ title, children }) => (
    <section class="case">
      <h3 class="case-title">
        <span class="case-label">{L.case}</span>
        {str(title) ? <span>{str(title)}</span> : null}
      </h3>
      <div class="case-body">{children}</div>
    </section>
  );

  const Figure: FC<Props> = ({ src, alt, caption }) => (
    <figure class="figure">
      <img src={media(src)} alt={String(alt ?? '')} loading="lazy" decoding="async" />
      {str(caption) ? <figcaption>{str(caption)}</figcaption> : null}
    </figure>
  );

  const Media: FC<Props> = ({ src, kind, caption }) => {
    const url = media(src);
    const fallback = (
      <p class="media-fallback">
        {L.mediaFallback}
        <a href={url}>{url.split('/').pop()}</a>
      </p>
    );
    return (
      <figure class={`media media-${kind === 'audio' ? 'audio' : 'video'}`}>
        {kind === 'audio' ? (
          <audio controls preload="metadata" src={url}>
            {fallback}
          </audio>
        ) : (
          <video controls preload="metadata" src={url}>
            {fallback}
          </video>
        )}
        {str(caption) ? <figcaption>{str(caption)}</figcaption> : null}
      </figure>
    );
  };

  const SelfCheck: FC<Props> = ({ id }) => {
    const entry = ctx.selfCheck.find((q) => q.id === id);
    if (!entry)
      return (
        <p class="self-check self-check-missing" role="note">
          {L.missingSelfCheck}
        </p>
      );
    return <SelfCheckForm entry={entry} courseSlug={ctx.courseSlug} lessonSlug={ctx.lessonSlug} labels={L} />;
  };

  const img: FC<Props> = (props) => <img {...props} src={media(props['src'])} alt={String(props['alt'] ?? '')} loading="lazy" decoding="async" />;

  return { Callout, Term, Case, Figure, Media, SelfCheck, img };
}

/** The element id of a self-check on its lesson page (the notebook and the no-script redirect link to it). */
export function selfCheckAnchor(id: string): string {
  return `self-check-${id}`;
}

export function selfCheckUrl(courseSlug: string, lessonSlug: string, id: string): string {
  return `/courses/${encodeURIComponent(courseSlug)}/${encodeURIComponent(lessonSlug)}/self-check/${encodeURIComponent(id)}`;
}

/** The question only: the answer and explanation stay on the server until the trainee submits. */
export const SelfCheckForm: FC<{ entry: SelfCheckEntry; courseSlug: string; lessonSlug: string; labels?: Partial<CatalogLabels> }> = ({
  entry,
  courseSlug,
  lessonSlug,
  labels,
}) => {
  const L = { ...ZH_LABELS, ...labels };
  const multiple = entry.answer.length > 1;
  return (
    <form
      id={selfCheckAnchor(entry.id)}
      class="self-check"
      method="post"
      action={selfCheckUrl(courseSlug, lessonSlug, entry.id)}
      hx-post={selfCheckUrl(courseSlug, lessonSlug, entry.id)}
      hx-target="this"
      hx-swap="outerHTML"
    >
      <fieldset>
        <legend>
          <span class="self-check-label">{L.selfCheck}</span> {entry.question}
        </legend>
        {entry.options.map((option, i) => (
          <label class="self-check-option">
            <input type={multiple ? 'checkbox' : 'radio'} name="answer" value={LETTERS[i]} required={!multiple} />
            <span class="self-check-letter">{LETTERS[i]}.</span> {option}
          </label>
        ))}
      </fieldset>
      <button type="submit">{L.submit}</button>
    </form>
  );
};

/**
 * The fragment htmx swaps in for the form after a submission. A right answer shows the key and the
 * explanation; a wrong one keeps them folded under 查看解析 and offers 重做, which fetches the empty
 * form again (without script: the lesson page, whose form is always empty).
 */
export const SelfCheckResult: FC<{ entry: SelfCheckEntry; grade: SelfCheckGrade; labels?: Partial<CatalogLabels>; courseSlug: string; lessonSlug: string }> = ({
  entry,
  grade,
  labels,
  courseSlug,
  lessonSlug,
}) => {
  const L = { ...ZH_LABELS, ...labels };
  const describe = (letters: string) => (letters ? [...letters].map((c) => `${c}. ${entry.options[LETTERS.indexOf(c)] ?? ''}`).join('；') : L.noAnswer);
  const url = selfCheckUrl(courseSlug, lessonSlug, entry.id);
  const key = (
    <dl>
      <dt>{L.correctAnswer}</dt>
      <dd>{describe(grade.correctAnswer)}</dd>
      <dt>{L.explanation}</dt>
      <dd>{grade.explanation}</dd>
    </dl>
  );
  return (
    <div
      id={selfCheckAnchor(entry.id)}
      class={`self-check self-check-result ${grade.correct ? 'is-correct' : 'is-incorrect'}`}
      role="status"
      aria-live="polite"
    >
      <p class="self-check-question">
        <span class="self-check-label">{L.selfCheck}</span> {entry.question}
      </p>
      <p class="self-check-verdict">
        <strong>{grade.correct ? L.correct : L.incorrect}</strong>
      </p>
      <dl>
        <dt>{L.yourAnswer}</dt>
        <dd>{describe(grade.submitted)}</dd>
      </dl>
      {grade.correct ? (
        key
      ) : (
        <>
          <details class="self-check-key">
            <summary>{L.showExplanation}</summary>
            {key}
          </details>
          <form class="self-check-retry" method="get" action={url} hx-get={url} hx-target={`#${selfCheckAnchor(entry.id)}`} hx-swap="outerHTML">
            <button type="submit" class="secondary">
              {L.retry}
            </button>
          </form>
        </>
      )}
    </div>
  );
};
