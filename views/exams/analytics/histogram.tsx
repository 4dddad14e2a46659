import type { ViewContext } from '../../../src/http/view-context.js';
import type { Distribution } from '../../../src/exams/index.js';
import { pct } from './common.js';

const W = 560;
const H = 230;
const PAD = { left: 36, right: 12, top: 22, bottom: 40 };

/** Steps for the count axis: about four lines, at whole numbers. */
function ticks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

/**
 * The score distribution as an inline SVG histogram (colours from exams.css, since the CSP allows
 * no inline styles), with the pass mark drawn in. The same numbers follow as a table, and the
 * summary sentence above it says the essentials in words.
 */
export function ScoreHistogram(props: { ctx: ViewContext; dist: Distribution; passPercent: number }) {
  const { ctx, dist } = props;
  const { t, fmt } = ctx;
  const n = dist.summary?.n ?? 0;
  const title = t('exams.analytics.chartTitle', { basis: t(`exams.analytics.basis.${dist.basis}`), n: fmt.number(n) });
  const top = Math.max(1, ...dist.bins.map((b) => b.count));
  const axis = ticks(top);
  const yMax = Math.max(top, axis[axis.length - 1]!);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (percent: number) => PAD.left + (percent / 100) * plotW;
  const y = (count: number) => PAD.top + plotH - (count / yMax) * plotH;
  const passX = x(props.passPercent);
  const range = (from: number, to: number) => t('exams.analytics.binRange', { from: fmt.number(from), to: fmt.number(to) });
  return (
    <figure class="histogram">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="hist-title" data-testid="histogram">
        <title id="hist-title">{title}</title>
        {axis.map((v) => (
          <g class="hist-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {fmt.number(v)}
            </text>
          </g>
        ))}
        {dist.bins.map((b) => {
          const x0 = x(b.from) + 2;
          const w = Math.max(0, x(b.to) - x(b.from) - 4);
          return (
            <g class="hist-bar">
              <rect x={x0} y={y(b.count)} width={w} height={PAD.top + plotH - y(b.count)}>
                <title>{`${range(b.from, b.to)}: ${fmt.number(b.count)}`}</title>
              </rect>
              {b.count > 0 && (
                <text x={x0 + w / 2} y={y(b.count) - 4} text-anchor="middle">
                  {fmt.number(b.count)}
                </text>
              )}
            </g>
          );
        })}
        {dist.bins.map((b) => (
          <text class="hist-label" x={x(b.from)} y={H - PAD.bottom + 16} text-anchor="middle">
            {fmt.number(b.from)}
          </text>
        ))}
        <text class="hist-label" x={x(100)} y={H - PAD.bottom + 16} text-anchor="middle">
          100
        </text>
        <text class="hist-label" x={PAD.left + plotW / 2} y={H - 6} text-anchor="middle">
          {t('exams.analytics.bin')} (%)
        </text>
        <g class="hist-pass">
          <line x1={passX} x2={passX} y1={PAD.top - 8} y2={PAD.top + plotH} />
          <text x={passX + 4} y={PAD.top - 10}>
            {t('exams.analytics.passLine', { percent: fmt.number(props.passPercent) })}
          </text>
        </g>
      </svg>
      <figcaption>
        <details>
          <summary>{t('exams.analytics.tableToggle')}</summary>
          <table class="hist-table" data-testid="histogram-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exams.analytics.bin')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dist.bins.map((b) => (
                <tr>
                  <th scope="row">{range(b.from, b.to)}</th>
                  <td class="num">{fmt.number(b.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
        {n > 0 && dist.summary && (
          <p data-testid="distribution-summary">
            {t('exams.analytics.summary', {
              n: fmt.number(n),
              mean: pct(ctx, dist.summary.mean),
              median: pct(ctx, dist.summary.median),
              sd: pct(ctx, dist.summary.sd),
              min: pct(ctx, dist.summary.min),
              max: pct(ctx, dist.summary.max),
              passed: fmt.number(dist.passed),
            })}
          </p>
        )}
      </figcaption>
    </figure>
  );
}
