/**
 * The search index's bundles: one per part of a year, served at `/pagefind/<year>-<part>/`, and
 * the list the search page reads to find them. Plain functions, shared by the indexer
 * (src/lib/search/indexer.ts) and the search page.
 *
 * Results are listed newest year first (src/lib/search/engine.ts), so a first query opens only the
 * newest year's bundles. A year is split into parts of about PART_SIZE reports, by place, so that
 * editing one report re-indexes one part (Pagefind has no incremental update) and no Pagefind run
 * holds more than a part in memory (about 1.5 MB per report while it writes).
 */
import { fnv1a } from '../hash';

/** Reports per part of a year, at most about. */
export const PART_SIZE = 1000;

/** What a bundle holds: the reports of one part of one year (`id` and `url` at least). */
export interface Bundle<S extends { placeId: string; url: string; year: number } = { placeId: string; url: string; year: number }> {
  year: number;
  part: number;
  sources: S[];
}

/** Where a bundle is served, under the site root. */
export const bundlePath = (b: Pick<Bundle, 'year' | 'part'>): string => `/pagefind/${b.year}-${b.part}/`;

/** A stable hash of a place id, the same on every machine. */
const hash = fnv1a;

/**
 * The bundles of a year's reports: ceil(n / partSize) parts by a hash of the place (so a report
 * stays in its part while the year has as many parts), empty parts dropped and the rest numbered
 * from 1; newest year first.
 */
export function planBundles<S extends { placeId: string; url: string; year: number }>(sources: readonly S[], partSize = PART_SIZE): Bundle<S>[] {
  const byYear = new Map<number, S[]>();
  for (const s of sources) byYear.set(s.year, [...(byYear.get(s.year) ?? []), s]);
  const bundles: Bundle<S>[] = [];
  for (const [year, list] of [...byYear].sort((a, b) => b[0] - a[0])) {
    const count = Math.max(1, Math.ceil(list.length / partSize));
    const parts = Array.from({ length: count }, () => [] as S[]);
    for (const s of list) parts[hash(s.placeId) % count].push(s);
    let part = 0;
    for (const mine of parts) if (mine.length) bundles.push({ year, part: ++part, sources: mine.sort((a, b) => a.url.localeCompare(b.url)) });
  }
  return bundles;
}

/**
 * The bundle list as a file: written by the site build (src/pages/pagefind/bundles.json.ts) from
 * the same list the search page has in its HTML (BUNDLE_LIST_ID), read by the build's check
 * (src/build/site-check.ts) and by tools.
 */
export const BUNDLE_LIST_PATH = '/pagefind/bundles.json';

/** Pagefind's runtime for the index language (src/lib/search/text.ts), in every bundle. */
export const PAGEFIND_WASM = 'wasm.unknown.pagefind';

/** Id of the element of the search page that holds the bundle list as JSON. */
export const BUNDLE_LIST_ID = 'search-bundles';

/** Where a year's stop pairs are (src/lib/search/indexer.ts): `{ pairs }`, two characters each. */
export const stopListPath = (year: number): string => `/pagefind/${year}.stop.json`;

/**
 * Each year's bundle paths and stop pairs, newest year first; the search page's list also tags
 * each year with a digest of its reports, which it asks Pagefind to fetch the bundles' entry
 * files with (`entryUrl`), so they are cached until the year changes.
 */
export interface BundleList {
  years: { year: number; bundles: string[]; stop: string; tag?: string }[];
}

export function bundleList(bundles: readonly Pick<Bundle, 'year' | 'part'>[], tags: ReadonlyMap<number, string> = new Map()): BundleList {
  const years = new Map<number, string[]>();
  for (const b of bundles) years.set(b.year, [...(years.get(b.year) ?? []), bundlePath(b)]);
  return {
    years: [...years]
      .sort((a, b) => b[0] - a[0])
      .map(([year, paths]) => ({ year, bundles: paths, stop: stopListPath(year), ...(tags.has(year) ? { tag: tags.get(year) } : {}) })),
  };
}

/** What a report is to the bundle list: its place, year and page. */
export type BundleSource = { placeId: string; url: string; year: number };

/**
 * The bundle list of the published reports `reports`: the one place it is computed, for the search
 * page and its file (src/data/routes.ts). `tags` as in BundleList.
 */
export const bundleListOf = (reports: readonly BundleSource[], tags?: ReadonlyMap<number, string>): BundleList => bundleList(planBundles(reports), tags);

/**
 * `list` as a page served under a base path fetches it: every bundle and stop-list path through `at`
 * (src/lib/urls.ts withBase). The list file and the build's checks keep paths from the site's root.
 */
export const servedList = (list: BundleList, at: (path: string) => string): BundleList => ({
  years: list.years.map((y) => ({ ...y, bundles: y.bundles.map(at), stop: at(y.stop) })),
});

/**
 * `list` as the text of the search page's `<script type="application/json">`: JSON with every `<`
 * escaped, so no value (a path, a tag) can ever close the element or open another.
 */
export const bundleListScript = (list: BundleList): string => JSON.stringify(list).replace(/</g, '\\u003c');

/** `list` without its cache tags: the bundles and stop lists, which must be the ones indexed. */
export const untaggedList = (list: BundleList): BundleList => ({ years: list.years.map(({ tag: _tag, ...y }) => y) });

/** A bundle's entry file as Pagefind fetches it when given `metaCacheTag: tag` (else it adds the time). */
export const entryUrl = (bundle: string, tag?: string): string => `${bundle}pagefind-entry.json${tag ? `?ts=${tag}` : ''}`;

/** The pairs of a stop list file's `pairs` string. */
export const stopListPairs = (pairs: string): string[] => {
  const chars = Array.from(pairs);
  return Array.from({ length: Math.floor(chars.length / 2) }, (_, i) => chars[2 * i] + chars[2 * i + 1]);
};
