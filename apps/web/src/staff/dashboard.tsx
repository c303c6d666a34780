import type { MetricsSample, StaffMetrics } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage, Loading } from '../components/common.js';
import { api } from '../lib/api.js';
import { AlertsPanel } from './alerts.js';
import type { StaffMessageKey } from './i18n/en.js';
import { useST } from './use-staff.js';

type UPlotConstructor = typeof uPlot;
let uplotLoading: Promise<UPlotConstructor> | null = null;

/** The chart library (~50 kB) loads with the first chart, not with the console. */
function loadUplot(): Promise<UPlotConstructor> {
  uplotLoading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
    ([module]) => module.default,
  );
  return uplotLoading;
}

interface Line {
  label: StaffMessageKey;
  color: string;
  value: (sample: MetricsSample) => number | null;
}

interface ChartSpec {
  id: string;
  title: StaffMessageKey;
  lines: Line[];
}

const CHARTS: ChartSpec[] = [
  {
    id: 'traffic',
    title: 'staff.dashboard.chart.traffic',
    lines: [
      {
        label: 'staff.dashboard.series.requests',
        color: '#3465a4',
        value: (s) => s.requestsPerSecond,
      },
      {
        label: 'staff.dashboard.series.errors',
        color: '#a3262a',
        value: (s) => s.errorsPerSecond,
      },
    ],
  },
  {
    id: 'latency',
    title: 'staff.dashboard.chart.latency',
    lines: [
      { label: 'staff.dashboard.series.p95', color: '#75507b', value: (s) => s.p95Ms },
      {
        label: 'staff.dashboard.series.eventLoop',
        color: '#c28a00',
        value: (s) => s.eventLoopP99Ms,
      },
      {
        label: 'staff.dashboard.series.dbMean',
        color: '#2f7d4f',
        value: (s) => s.dbQueryMeanMs,
      },
    ],
  },
  {
    id: 'memory',
    title: 'staff.dashboard.chart.memory',
    lines: [
      { label: 'staff.dashboard.series.rss', color: '#3465a4', value: (s) => s.rssMb },
      { label: 'staff.dashboard.series.heap', color: '#4e9a06', value: (s) => s.heapUsedMb },
    ],
  },
  {
    id: 'safety',
    title: 'staff.dashboard.chart.safety',
    lines: [
      {
        label: 'staff.dashboard.series.signups',
        color: '#2f7d4f',
        value: (s) => s.signupsPerMinute,
      },
      {
        label: 'staff.dashboard.series.reports',
        color: '#b4532a',
        value: (s) => s.reportsPerMinute,
      },
      {
        label: 'staff.dashboard.series.automated',
        color: '#75507b',
        value: (s) => s.automatedDecisionsPerMinute,
      },
    ],
  },
  {
    id: 'queue',
    title: 'staff.dashboard.chart.queue',
    lines: [
      {
        label: 'staff.dashboard.series.queue',
        color: '#a3262a',
        value: (s) => s.reviewQueueDepth,
      },
    ],
  },
];

const HEIGHT = 170;

/** One time series chart: a canvas drawn by uPlot, with its name, legend and latest values. */
function Chart({ spec, samples }: { spec: ChartSpec; samples: MetricsSample[] }) {
  const { st, locale } = useST();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const title = st(spec.title);
  const last = samples.at(-1);
  const number = (value: number | null) =>
    value === null ? '–' : value.toLocaleString(locale, { maximumFractionDigits: 1 });

  useEffect(() => {
    let plot: uPlot | null = null;
    let observer: ResizeObserver | null = null;
    let cancelled = false;
    const data: uPlot.AlignedData = [
      samples.map((sample) => Date.parse(sample.at) / 1000),
      ...spec.lines.map((line) => samples.map((sample) => line.value(sample))),
    ];
    loadUplot().then(
      (UPlot) => {
        const target = box.current;
        if (cancelled || !target) return;
        plot = new UPlot(
          {
            width: Math.max(target.clientWidth, 240),
            height: HEIGHT,
            legend: { show: false },
            cursor: { show: false },
            scales: { y: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.1] } },
            axes: [{ stroke: '#555' }, { stroke: '#555', size: 56 }],
            series: [
              {},
              ...spec.lines.map((line) => ({
                label: st(line.label),
                stroke: line.color,
                width: 2,
                spanGaps: false,
              })),
            ],
          },
          data,
          target,
        );
        // the page's width changes (a rotated phone, a resized window): the canvas follows
        observer = new ResizeObserver(() => {
          if (target.clientWidth > 0) {
            plot?.setSize({ width: Math.max(target.clientWidth, 240), height: HEIGHT });
          }
        });
        observer.observe(target);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [samples, spec, st]);

  return (
    <figure className="dashboard-chart" data-chart={spec.id}>
      <figcaption>
        <h2>{title}</h2>
        <ul className="dashboard-legend">
          {spec.lines.map((line) => (
            <li key={line.label}>
              <span className="dashboard-swatch" style={{ background: line.color }} />
              {st('staff.dashboard.latest', {
                name: st(line.label),
                value: number(last ? line.value(last) : null),
              })}
            </li>
          ))}
        </ul>
      </figcaption>
      {failed ? (
        <p className="muted small">{st('staff.dashboard.chartsUnavailable')}</p>
      ) : (
        // the canvas repeats the legend's figures over time: the legend is what is read aloud
        <div className="dashboard-plot" ref={box} aria-hidden="true" />
      )}
    </figure>
  );
}

function SurgeLine({ surge }: { surge: StaffMetrics['surge'] }) {
  const { st } = useST();
  return (
    <p className={surge.active ? 'dashboard-surge active' : 'dashboard-surge'} role="status">
      <strong>{st(surge.active ? 'staff.risk.surge.active' : 'staff.risk.surge.inactive')}</strong>{' '}
      {st('staff.dashboard.surge', {
        mode: st(`staff.risk.surge.mode.${surge.mode}` as StaffMessageKey),
        rate: surge.rate.toFixed(1),
      })}
    </p>
  );
}

/** The platform's health for staff with `metrics.read`: this node's last hour, every 10 s. */
export function DashboardScreen() {
  const { st } = useST();
  const metrics = useQuery({
    queryKey: ['staff', 'metrics'],
    queryFn: () => api.staff.metrics(),
    refetchInterval: 10_000,
  });
  if (metrics.isPending) return <Loading />;
  if (metrics.isError) {
    return <ErrorMessage error={metrics.error} onRetry={() => void metrics.refetch()} />;
  }
  const { samples, surge, node, intervalSeconds } = metrics.data;
  const last = samples.at(-1);
  return (
    <div className="dashboard">
      <h1>{st('staff.dashboard.title')}</h1>
      <p className="muted small">
        {st('staff.dashboard.node', { node, seconds: intervalSeconds })}
      </p>
      <SurgeLine surge={surge} />
      <AlertsPanel />
      {last?.oldestCaseSeconds != null && (
        <p>
          {st('staff.dashboard.oldestCase', {
            minutes: Math.floor(last.oldestCaseSeconds / 60),
          })}
        </p>
      )}
      {samples.length === 0 ? (
        <p className="empty">{st('staff.dashboard.empty', { seconds: intervalSeconds })}</p>
      ) : (
        <div className="dashboard-grid">
          {CHARTS.map((spec) => (
            <Chart key={spec.id} spec={spec} samples={samples} />
          ))}
        </div>
      )}
    </div>
  );
}
