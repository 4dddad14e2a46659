import type { ViewContext } from '../../src/http/view-context.js';
import type { LevelPosition } from '../../src/hours/index.js';

const MODES = ['faceToFace', 'remote', 'selfStudy'] as const;
const COLORS = { faceToFace: '#9b1c1c', remote: '#1d4f91', selfStudy: '#1f6f43' };

/**
 * Inline SVG bar chart: hours earned per mode (with the mode's minimum, if any, as a tick) and a
 * total bar against the level's requirement. Text alternatives are in the table beside it.
 */
export function ProgressChart(props: { ctx: ViewContext; position: LevelPosition; levelName: string; classHourMinutes: number }) {
  const { t } = props.ctx;
  const p = props.position;
  const h = (min: number) => Math.round((min / props.classHourMinutes) * 10) / 10;
  const required = h(p.hours.requiredMinutes);
  const rows = [
    ...MODES.map((m) => ({
      label: t(`study.mode.${m}`),
      value: h(p.minutes[m]),
      min: p.hours.byMode[m].minimumMinutes === null ? null : h(p.hours.byMode[m].minimumMinutes!),
      color: COLORS[m],
    })),
    { label: t('study.progress.total'), value: h(p.hours.earnedMinutes), min: required, color: '#5b6675' },
  ];
  const scale = Math.max(required, ...rows.map((r) => r.value), 1);
  const width = 320;
  const labelW = 70;
  const barW = width - labelW - 60;
  const rowH = 30;
  const title = t('study.progress.chartTitle', { level: props.levelName });
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${rows.length * rowH + 10}`} role="img" aria-label={title} width="100%">
      <title>{title}</title>
      {rows.map((r, i) => {
        const y = 5 + i * rowH;
        const w = Math.max(0, Math.round((r.value / scale) * barW));
        return (
          <g>
            <text x={0} y={y + 18} font-size="12" fill="#1c2430">
              {r.label}
            </text>
            <rect x={labelW} y={y + 5} width={barW} height={16} fill="#eef1f5" rx={3} />
            <rect x={labelW} y={y + 5} width={w} height={16} fill={r.color} rx={3} />
            {r.min !== null && (
              <line x1={labelW + (r.min / scale) * barW} x2={labelW + (r.min / scale) * barW} y1={y + 1} y2={y + 25} stroke="#1c2430" stroke-width={2} />
            )}
            <text x={labelW + barW + 6} y={y + 18} font-size="12" fill="#1c2430">
              {r.min !== null ? `${r.value}/${r.min}` : String(r.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
