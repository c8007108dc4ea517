/**
 * Build-time chart geometry (scales, ticks, paths) for the SVG chart components. Pure data in,
 * coordinates out, so charts ship no JavaScript and are testable without a browser.
 */
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

export interface Point {
  x: number;
  y: number;
}
export interface Series {
  label: string;
  points: Point[];
}

/** Line colours, the first the site's brand colour (a theme token a site configuration may set): used in `style`, where var() works. */
export const CHART_COLORS = ['var(--color-brand-700)', '#1f6feb', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7480', '#57606a'];

const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

// One formatter for all charts: constructing Intl.NumberFormat per tick showed up in build profiles.
const compact = new Intl.NumberFormat('zh-CN', { notation: 'compact' });
const tickLabel = (v: number, unit: string) => (unit === '%' ? `${v}%` : compact.format(v));

/** Geometry of a line chart over years: one path per series, circles at points. */
export function lineChart(series: Series[], opts: { width: number; height: number; unit: string }) {
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const max = opts.unit === '%' ? 100 : Math.max(1, ...ys);
  const x = scalePoint<number>().domain(years).range([MARGIN.left, opts.width - MARGIN.right]).padding(0.5);
  const y = scaleLinear().domain([0, max]).nice().range([opts.height - MARGIN.bottom, MARGIN.top]);
  const path = line<Point>()
    .x((p) => x(p.x)!)
    .y((p) => y(p.y));
  return {
    xTicks: years.map((v) => ({ pos: x(v)!, label: String(v) })),
    yTicks: y.ticks(4).map((v) => ({ pos: y(v), label: tickLabel(v, opts.unit) })),
    plot: { left: MARGIN.left, right: opts.width - MARGIN.right, top: MARGIN.top, bottom: opts.height - MARGIN.bottom },
    lines: series.map((s, i) => {
      const pts = [...s.points].sort((a, b) => a.x - b.x);
      return {
        label: s.label,
        color: CHART_COLORS[i % CHART_COLORS.length],
        d: path(pts) ?? '',
        dots: pts.map((p) => ({ cx: x(p.x)!, cy: y(p.y) })),
      };
    }),
  };
}

/** Geometry of a horizontal bar chart, largest first. */
export function barChart(items: { label: string; value: number }[], opts: { width: number; barHeight: number; unit: string }) {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  const labelWidth = 140;
  const height = sorted.length * opts.barHeight + MARGIN.top + MARGIN.bottom;
  const max = opts.unit === '%' ? 100 : Math.max(1, ...sorted.map((d) => d.value));
  const x = scaleLinear().domain([0, max]).nice().range([labelWidth, opts.width - MARGIN.right]);
  const band = scaleBand<number>().domain(sorted.map((_, i) => i)).range([MARGIN.top, height - MARGIN.bottom]).padding(0.2);
  return {
    height,
    xTicks: x.ticks(4).map((v) => ({ pos: x(v), label: tickLabel(v, opts.unit) })),
    plot: { left: labelWidth, bottom: height - MARGIN.bottom, top: MARGIN.top },
    bars: sorted.map((d, i) => ({ label: d.label, x: labelWidth, y: band(i)!, width: Math.max(1, x(d.value) - labelWidth), height: band.bandwidth() })),
  };
}
