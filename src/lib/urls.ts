/**
 * The one place URLs are built. Every page URL ends with `/` (trailingSlash: 'always').
 *
 * Every URL starts with the site's base path (the site configuration's `base`, e.g. `/fzbg/`),
 * which Vite hands Astro's pages and the browser's scripts alike as `import.meta.env.BASE_URL`.
 * Outside Vite (the search indexer, tests, benchmarks) there is none and URLs are from the site's
 * root: the index stores root paths and Pagefind's `baseUrl` adds the base in the browser.
 */

/** The base path, with a slash at each end: `/` or `/fzbg/`. */
export const BASE: string = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');

/** A path from the site's root (`/feed.xml`, `places/a/`) as served under the base path. */
export const withBase = (path: string): string => BASE + path.replace(/^\//, '');

/** A path as served under the base (`/fzbg/places/a/`) back to the site's root (`/places/a/`); other paths unchanged. */
export const withoutBase = (path: string): string => (path.startsWith(BASE) ? `/${path.slice(BASE.length)}` : path);

export const homeUrl = () => withBase('/');
export const placesUrl = () => withBase('/places/');
export const placeUrl = (placeId: string) => withBase(`/places/${placeId}/`);
export const reportUrl = (placeId: string, year: number) => withBase(`/places/${placeId}/${year}/`);
export const yearsUrl = () => withBase('/years/');
export const yearUrl = (year: number) => withBase(`/years/${year}/`);
export const searchUrl = (q?: string) => withBase(q ? `/search/?q=${encodeURIComponent(q)}` : '/search/');

/** Anchor id of the mark around an indicator's quote in the report body. */
export const quoteAnchorId = (key: string) => `q-${key}`;
/** Link from anywhere to the quote that states `key` in a report. */
export const quoteUrl = (placeId: string, year: number, key: string) => `${reportUrl(placeId, year)}#${quoteAnchorId(key)}`;
export const indicatorsUrl = () => withBase('/indicators/');
export const indicatorUrl = (key: string) => withBase(`/indicators/${key}/`);
export const placeDataUrl = (placeId: string) => withBase(`/data/places/${placeId}.json`);
export const reportsDataUrl = () => withBase('/data/reports.json');
export const indicatorsCsvUrl = () => withBase('/data/indicators.csv');
export const feedUrl = () => withBase('/feed.xml');
export const sitemapUrl = () => withBase('/sitemap-index.xml');

/** Page `page` (1-based) of a province's part of a split table under `base`, an indicator's or a year's URL. */
const provincePartUrl = (base: string, provinceId: string, page = 1) => `${base}${provinceId}/${page > 1 ? `${page}/` : ''}`;
export const indicatorProvinceUrl = (key: string, provinceId: string, page = 1) => provincePartUrl(indicatorUrl(key), provinceId, page);
export const yearProvinceUrl = (year: number, provinceId: string, page = 1) => provincePartUrl(yearUrl(year), provinceId, page);
