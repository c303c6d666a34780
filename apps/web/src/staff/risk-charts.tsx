/**
 * Stacked bars per minute as plain SVG (no chart library): one bar per minute of the window,
 * one colour per series, a legend beside it. Each bar carries a `<title>` for hover and
 * assistive technology; the chart as a whole has an accessible name and a total.
 */
export interface SeriesPoint {
  at: string;
  series: string;
  count: number;
}

const WIDTH = 720;
const HEIGHT = 160;
const PALETTE = ['#2f7d4f', '#c28a00', '#b4532a', '#a3262a', '#3465a4', '#75507b', '#4e9a06'];

export function StackedMinutes({
  name,
  label,
  from,
  to,
  points,
  series,
  seriesLabel,
  colors,
  chart,
}: {
  /** The chart's accessible name. */
  name: string;
  /** The tooltip of one bar segment. */
  label: (series: string, count: number, at: string) => string;
  from: string;
  to: string;
  points: SeriesPoint[];
  /** The series in stacking order (bottom first). */
  series: string[];
  seriesLabel: (series: string) => string;
  colors?: Record<string, string>;
  /** `data-chart`, for tests and styles. */
  chart: string;
}) {
  const start = Date.parse(from);
  const minutes = Math.max(1, Math.round((Date.parse(to) - start) / 60_000));
  const columns = new Map<number, Map<string, number>>();
  for (const point of points) {
    const index = Math.floor((Date.parse(point.at) - start) / 60_000);
    if (index < 0 || index >= minutes) continue;
    const column = columns.get(index) ?? new Map<string, number>();
    column.set(point.series, (column.get(point.series) ?? 0) + point.count);
    columns.set(index, column);
  }
  let peak = 1;
  for (const column of columns.values()) {
    peak = Math.max(
      peak,
      [...column.values()].reduce((sum, count) => sum + count, 0),
    );
  }
  const barWidth = WIDTH / minutes;
  const colorOf = (key: string, index: number) => colors?.[key] ?? PALETTE[index % PALETTE.length];
  const totals = series.map((key) =>
    points.filter((point) => point.series === key).reduce((sum, point) => sum + point.count, 0),
  );
  return (
    <figure className="risk-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={name}
        data-chart={chart}
        preserveAspectRatio="none"
      >
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="risk-axis" />
        {[...columns.entries()].map(([index, column]) => {
          let y = HEIGHT;
          return series.map((key, seriesIndex) => {
            const count = column.get(key) ?? 0;
            if (!count) return null;
            const height = (count / peak) * (HEIGHT - 4);
            y -= height;
            const at = new Date(start + index * 60_000).toISOString();
            return (
              <rect
                key={`${index}:${key}`}
                x={index * barWidth + 0.5}
                y={y}
                width={Math.max(1, barWidth - 1)}
                height={height}
                fill={colorOf(key, seriesIndex)}
                data-series={key}
              >
                <title>{label(key, count, at)}</title>
              </rect>
            );
          });
        })}
      </svg>
      <figcaption>
        <ul className="risk-legend">
          {series.map((key, index) => (
            <li key={key}>
              <span className="risk-swatch" style={{ background: colorOf(key, index) }} />
              {seriesLabel(key)} <span className="muted">{totals[index]}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
