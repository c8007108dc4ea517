/** One route-data function per page kind: entries in, page props out. */
import { createHash } from 'node:crypto';
import { getIndicator, HEADLINE_KEYS, indicatorOrder, type IndicatorDef } from '../lib/figures/indicators';
import { formatValue } from '../lib/figures/format';
import { homeUrl, placeUrl, placesUrl, quoteAnchorId, quoteUrl, reportUrl, yearProvinceUrl, yearUrl, yearsUrl } from '../lib/urls';
import { depthThatFits, LIST_ITEMS, PAGE_ROWS, pageParam, splitTable } from '../lib/paging';
import { PLACE_LEVELS, type PlaceLevel } from '../schemas/place';
import { buildScope } from '../build/scope';
import { buildConfig } from '../lib/config';
import { t } from '../strings';
import { scopePlaceId } from './site';
import { ancestorsOnSite, getAllPlaces, getProvinces, getTopPlaces, type Place } from './places';
import { evenSample, pairTable, type PairTable } from '../lib/search/pairs';
import { bundleListOf, type BundleList } from '../lib/search/bundles';
import { getReports, getReportsOfPlace, getYears, indicatorsStated, reportDate, reportText, type Report } from './reports';

/**
 * True if this build renders the national pages with many pages of their own (indicators, years):
 * a whole-site build or shard 0. Other shards' copies of the national pages are dropped when the
 * site is assembled, so those routes are left empty there.
 */
export const rendersNationalPages = (): boolean => buildScope().national;

/** Rows per page of a split table (src/lib/paging.ts); a test may lower it (PAGE_ROWS in src/lib/config.ts). */
export const rowsPerPage = (): number => buildConfig().pageRows ?? PAGE_ROWS;

export interface Crumb {
  label: string;
  href?: string;
}

/** A figure as shown anywhere: formatted, and linked to its quote. */
export interface Figure {
  def: IndicatorDef;
  text: string;
  /** Link to the quote from another page. */
  href: string;
  /** Link to the quote from the report page itself. */
  anchor: string;
  quote: string;
  approximate: boolean;
  note?: string;
  /** The number, for charts and sorting. */
  value: number;
}

export function figure(r: Report, key: string): Figure | undefined {
  const v = r.data.indicators[key];
  if (!v) return undefined;
  const def = getIndicator(key);
  return {
    def,
    text: formatValue(def, v),
    href: quoteUrl(r.place.id, r.year, key),
    anchor: `#${quoteAnchorId(key)}`,
    quote: v.quote,
    approximate: v.approximate,
    note: v.note,
    value: v.value,
  };
}

/** A row of a report list: the report and the figures of `keys`. */
export interface ReportRow {
  report: Report;
  href: string;
  figures: (Figure | undefined)[];
}

export const reportRows = (reports: readonly Report[], keys: readonly string[]): ReportRow[] =>
  reports.map((r) => ({ report: r, href: reportUrl(r.place.id, r.year), figures: keys.map((k) => figure(r, k)) }));

export const headlineDefs = () => HEADLINE_KEYS.map(getIndicator);

function placeCrumbs(place: Place): Crumb[] {
  return [
    { label: t.nav.home, href: homeUrl() },
    { label: t.nav.places, href: placesUrl() },
    ...ancestorsOnSite(place).map((p) => ({ label: p.name, href: placeUrl(p.id) })),
  ];
}

let counts: Promise<Map<string, number>> | undefined;

/** Reports of each place and all places below it, computed once for all pages. */
function countsByPlace(): Promise<Map<string, number>> {
  counts ??= getReports().then((reports) => {
    const map = new Map<string, number>();
    for (const r of reports) {
      for (const p of [...r.place.ancestors, r.place]) map.set(p.id, (map.get(p.id) ?? 0) + 1);
    }
    return map;
  });
  return counts;
}

export async function homeData() {
  const reports = await getReports();
  const counts = await countsByPlace();
  const latest = [...reports]
    .sort((a, b) => b.year - a.year || (reportDate(b)?.getTime() ?? 0) - (reportDate(a)?.getTime() ?? 0))
    .slice(0, 6);
  // The provinces; a jurisdiction's site lists the places under its own instead.
  const top = await getTopPlaces();
  const national = !scopePlaceId();
  const browse = national ? top : top.flatMap((p) => (p.children.length ? p.children : [p]));
  const provinces = browse.map((p) => ({ place: p, count: counts.get(p.id) ?? 0 }));
  const levels = PLACE_LEVELS.map((level) => ({
    level,
    count: reports.filter((r) => r.place.level === level).length,
  })).filter((l) => l.count > 0);
  const years = (await getYears()).map((y) => ({ year: y, count: reports.filter((r) => r.year === y).length }));
  return {
    reportCount: reports.length,
    placeCount: new Set(reports.map((r) => r.place.id)).size,
    latest: reportRows(latest, []),
    provinces,
    browseHeading: national ? t.home.byProvince : t.home.byArea,
    levels,
    years,
  };
}

export interface TreeNode {
  place: Place;
  count: number;
  children: TreeNode[];
  /** Sub-places left out of the tree to keep the page short; their parent's page lists them. */
  hidden: number;
}

/** Places per depth of the tree below `roots` (the roots at depth 0). */
function placesPerDepth(roots: readonly Place[]): number[] {
  const out: number[] = [];
  for (let level = [...roots]; level.length; level = level.flatMap((p) => p.children)) out.push(level.length);
  return out;
}

/**
 * The places index: the tree as deep as fits the page budget (LIST_ITEMS), each place linking to
 * its page, which lists its children; then the publishing places by level, each level listed while
 * the page stays within the budget, else counted.
 */
export async function placesIndexData() {
  const counts = await countsByPlace();
  const roots = await getTopPlaces();
  const depth = depthThatFits(placesPerDepth(roots), LIST_ITEMS);
  let listed = 0;
  const node = (p: Place, d: number): TreeNode => {
    listed++;
    const shown = d + 1 < depth ? p.children : [];
    return { place: p, count: counts.get(p.id) ?? 0, children: shown.map((c) => node(c, d + 1)), hidden: p.children.length - shown.length };
  };
  const tree = roots.map((p) => node(p, 0));
  const reports = await getReports();
  const publishing = new Set(reports.map((r) => r.place.id));
  const all = await getAllPlaces();
  const byLevel = PLACE_LEVELS.map((level) => ({ level, places: all.filter((p) => p.level === level && publishing.has(p.id)) }))
    .filter((l) => l.places.length > 0)
    .map((l) => {
      const fits = listed + l.places.length <= LIST_ITEMS;
      if (fits) listed += l.places.length;
      return { level: l.level, count: l.places.length, places: fits ? l.places : undefined };
    });
  return { tree, byLevel, crumbs: [{ label: t.nav.home, href: homeUrl() }] as Crumb[] };
}

export async function placePageData(place: Place) {
  const own = (await getReportsOfPlace(place)).sort((a, b) => b.year - a.year);
  const counts = await countsByPlace();
  const defs = indicatorsStated(own);
  const years = own.map((r) => r.year).sort((a, b) => a - b);
  const table = defs.map((def) => ({
    def,
    cells: years.map((y) => {
      const r = own.find((x) => x.year === y)!;
      return figure(r, def.key);
    }),
  }));
  return {
    place,
    crumbs: placeCrumbs(place),
    reports: own.map((r) => ({ year: r.year, title: r.data.title, href: reportUrl(place.id, r.year), draft: r.data.draft })),
    children: place.children
      .map((c) => ({ place: c, href: placeUrl(c.id), count: counts.get(c.id) ?? 0 }))
      .filter((c) => c.count > 0),
    years: years.map((y) => ({ year: y, href: reportUrl(place.id, y) })),
    table,
  };
}

export async function reportPageData(report: Report) {
  const siblings = (await getReportsOfPlace(report.place)).sort((a, b) => a.year - b.year);
  const i = siblings.findIndex((r) => r.id === report.id);
  const link = (r: Report | undefined) => r && { year: r.year, href: reportUrl(r.place.id, r.year) };
  const figures = Object.keys(report.data.indicators)
    .map((k) => figure(report, k)!)
    .sort((a, b) => indicatorOrder(a.def.key) - indicatorOrder(b.def.key));
  return {
    crumbs: [...placeCrumbs(report.place), { label: report.place.name, href: placeUrl(report.place.id) }, { label: t.date.reportYear(report.year) }],
    prev: link(siblings[i - 1]),
    next: link(siblings[i + 1]),
    figures,
  };
}

export async function yearsIndexData() {
  const reports = await getReports();
  return (await getYears()).map((year) => ({
    year,
    href: yearUrl(year),
    count: reports.filter((r) => r.year === year).length,
  }));
}

/** A year's reports, by province then place, with the headline figures. */
async function yearRows(year: number) {
  const reports = (await getReports()).filter((r) => r.year === year);
  const defs = headlineDefs();
  const rows = reportRows(
    reports.sort((a, b) => (a.place.province.code ?? '').localeCompare(b.place.province.code ?? '') || a.place.id.localeCompare(b.place.id)),
    defs.map((d) => d.key),
  );
  const provinces = await getProvinces();
  return { defs, rows, provinces, split: splitTable(rows, (r) => r.report.place.province.id, rowsPerPage(), provinces.map((p) => p.id)) };
}

const yearCrumbs = (): Crumb[] => [{ label: t.nav.home, href: homeUrl() }, { label: t.nav.years, href: yearsUrl() }];

/** A year's page: its reports as one table, or, when too many, links to each province's part. */
export async function yearPageData(year: number) {
  const { defs, rows, provinces, split } = await yearRows(year);
  const byId = new Map(provinces.map((p) => [p.id, p]));
  return {
    year,
    crumbs: yearCrumbs(),
    defs,
    count: rows.length,
    rows: split.split ? undefined : split.rows,
    parts: split.split
      ? split.groups.map((g) => ({ place: byId.get(g.key)!, count: g.count, pages: g.pages.length, href: yearProvinceUrl(year, g.key) }))
      : [],
  };
}

/** The pages of each province's part of a split year table (none when the table is whole). */
export async function yearProvincePages(year: number) {
  const { defs, provinces, split } = await yearRows(year);
  if (!split.split) return [];
  const byId = new Map(provinces.map((p) => [p.id, p]));
  return split.groups.flatMap((g) =>
    g.pages.map((rows, i) => ({
      params: { year: String(year), province: g.key, page: pageParam(i + 1) },
      props: {
        year,
        province: byId.get(g.key)!,
        page: i + 1,
        pages: g.pages.length,
        count: g.count,
        defs,
        rows,
        crumbs: [...yearCrumbs(), { label: t.date.year(year), href: yearUrl(year) }],
      },
    })),
  );
}

export const levelLabel = (level: PlaceLevel) => t.level[level];

/**
 * The values of the search filters, as the report pages set them (see places/[...place]/[year].astro):
 * rendered into the search page, so a first search need not load every filter index of every bundle.
 */
export async function searchFilterOptions(): Promise<Record<'year' | 'province' | 'level', string[]>> {
  const reports = await getReports();
  return {
    year: (await getYears()).map(String),
    province: [...new Set((await getProvinces()).filter((p) => reports.some((r) => r.place.province.id === p.id)).map((p) => p.name))],
    level: PLACE_LEVELS.filter((l) => reports.some((r) => r.place.level === l)).map(levelLabel),
  };
}

/**
 * How common each character pair is, for the search page to send Pagefind only a term's rarest
 * pair (src/lib/search/pairs.ts). From an even sample of the reports of this build (so never of
 * drafts in production); empty in shards that do not own the national pages.
 */
export async function searchPairTable(): Promise<PairTable> {
  if (!rendersNationalPages()) return pairTable([]);
  return pairTable(evenSample(await getReports()).map(reportText));
}

/**
 * The search index's bundles and stop lists, planned from this build's published reports
 * (src/lib/search/bundles.ts, bundleListOf), each year tagged with a digest of its reports: computed
 * once per build, rendered into the search page (so a first search need not ask for the list) and
 * written as its file (src/pages/pagefind/bundles.json.ts), which the build checks against the
 * bundles it indexed (src/build/site-check.ts).
 */
let bundles: Promise<BundleList> | undefined;
export function searchBundleList(): Promise<BundleList> {
  bundles ??= (async () => {
    const reports = await getReports();
    const tags = new Map<number, string>();
    for (const year of new Set(reports.map((r) => r.year))) {
      const digests = reports.filter((r) => r.year === year).map((r) => `${r.id}:${(r.entry as { digest?: string }).digest}`);
      tags.set(year, createHash('sha1').update(digests.join('\n')).digest('hex').slice(0, 12));
    }
    return bundleListOf(reports.map((r) => ({ placeId: r.place.id, year: r.year, url: reportUrl(r.place.id, r.year) })), tags);
  })();
  return bundles;
}
