/** Typed queries for indicator pages: who reports what, over which years. */
import { INDICATORS, type IndicatorDef } from '../lib/figures/indicators';
import type { Series } from '../lib/figures/chart';
import { getReports, type Report } from './reports';
import { figure, type Figure } from './routes';

export interface IndicatorRow {
  report: Report;
  figure: Figure;
  value: number;
}

/** The registry by category, each indicator with how many published reports state it. */
export async function indicatorCategories() {
  const reports = await getReports();
  const categories = new Map<string, { def: IndicatorDef; count: number }[]>();
  for (const def of INDICATORS) {
    const count = reports.filter((r) => def.key in r.data.indicators).length;
    categories.set(def.category, [...(categories.get(def.category) ?? []), { def, count }]);
  }
  return [...categories].map(([category, items]) => ({ category, items }));
}

/** Every reported value of `def`, newest year first, then by value. */
export async function indicatorRows(def: IndicatorDef): Promise<IndicatorRow[]> {
  return (await getReports())
    .filter((r) => def.key in r.data.indicators)
    .map((r) => ({ report: r, figure: figure(r, def.key)!, value: r.data.indicators[def.key].value }))
    .sort((a, b) => b.report.year - a.report.year || b.value - a.value);
}

/** Max places drawn as separate lines before the chart shows the median across places instead. */
const MAX_LINES = 8;

/** Series for the chart over years: one line per place when few, otherwise the yearly median. */
export function seriesOverYears(rows: readonly IndicatorRow[], medianLabel: string): Series[] {
  const byPlace = new Map<string, { label: string; points: { x: number; y: number }[] }>();
  for (const r of rows) {
    const s = byPlace.get(r.report.place.id) ?? { label: r.report.place.fullName, points: [] };
    s.points.push({ x: r.report.year, y: r.value });
    byPlace.set(r.report.place.id, s);
  }
  if (byPlace.size <= MAX_LINES) return [...byPlace.values()];
  const years = [...new Set(rows.map((r) => r.report.year))].sort();
  return [
    {
      label: medianLabel,
      points: years.map((year) => {
        const vs = rows.filter((r) => r.report.year === year).map((r) => r.value).sort((a, b) => a - b);
        const mid = vs.length >> 1;
        return { x: year, y: vs.length % 2 ? vs[mid] : (vs[mid - 1] + vs[mid]) / 2 };
      }),
    },
  ];
}

export async function indicatorPageData(def: IndicatorDef) {
  const rows = await indicatorRows(def);
  const latestYear = rows[0]?.report.year;
  return {
    def,
    rows,
    latestYear,
    ranked: rows.filter((r) => r.report.year === latestYear).sort((a, b) => b.value - a.value),
  };
}
