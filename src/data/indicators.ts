/** Typed queries for indicator pages: who reports what, over which years. */
import { INDICATORS, type IndicatorDef } from '../lib/figures/indicators';
import type { Series } from '../lib/figures/chart';
import { homeUrl, indicatorProvinceUrl, indicatorsUrl, indicatorUrl } from '../lib/urls';
import { pageParam, RANK_ENDS, rankingEnds, splitTable } from '../lib/paging';
import { t } from '../strings';
import { getProvinces, type Place } from './places';
import { getReports, type Report } from './reports';
import { figure, rowsPerPage, type Crumb, type Figure } from './routes';

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

/** A place in a national ranking: its rank over the whole country and its figure. */
export interface RankedRow extends IndicatorRow {
  rank: number;
}

/** The provinces in division-code order, by id: the order of a split table's groups. */
async function provincesById(): Promise<Map<string, Place>> {
  return new Map((await getProvinces()).map((p) => [p.id, p]));
}

const provinceOf = (r: IndicatorRow) => r.report.place.province.id;

/**
 * The national page of an indicator: the chart over years and the ranking of the latest year over
 * the whole country (its ends when long), and either every value (a short table) or links to each
 * province's part of the table (src/lib/paging.ts).
 */
export async function indicatorPageData(def: IndicatorDef) {
  const rows = await indicatorRows(def);
  const latestYear = rows[0]?.report.year;
  const ranked: RankedRow[] = rows
    .filter((r) => r.report.year === latestYear)
    .sort((a, b) => b.value - a.value)
    .map((r, i) => ({ ...r, rank: i + 1 }));
  const provinces = await provincesById();
  const split = splitTable(rows, provinceOf, rowsPerPage(), [...provinces.keys()]);
  return {
    def,
    count: rows.length,
    latestYear,
    series: seriesOverYears(rows, t.indicators.median),
    ranking: { ...rankingEnds(ranked, RANK_ENDS), total: ranked.length },
    table: split.split ? undefined : split.rows,
    parts: split.split
      ? split.groups.map((g) => ({ place: provinces.get(g.key)!, count: g.count, pages: g.pages.length, href: indicatorProvinceUrl(def.key, g.key) }))
      : [],
  };
}

/** The pages of each province's part of a split indicator table (none when the table is whole). */
export async function indicatorProvincePages(def: IndicatorDef) {
  const split = splitTable(await indicatorRows(def), provinceOf, rowsPerPage(), [...(await provincesById()).keys()]);
  if (!split.split) return [];
  const provinces = await provincesById();
  return split.groups.flatMap((g) =>
    g.pages.map((rows, i) => ({
      params: { key: def.key, province: g.key, page: pageParam(i + 1) },
      props: {
        def,
        province: provinces.get(g.key)!,
        page: i + 1,
        pages: g.pages.length,
        count: g.count,
        rows,
        crumbs: [
          { label: t.nav.home, href: homeUrl() },
          { label: t.nav.indicators, href: indicatorsUrl() },
          { label: def.label, href: indicatorUrl(def.key) },
        ] as Crumb[],
      },
    })),
  );
}
