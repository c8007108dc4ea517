/** The one place URLs are built. Every URL ends with `/` (trailingSlash: 'always'). */

export const homeUrl = () => '/';
export const placesUrl = () => '/places/';
export const placeUrl = (placeId: string) => `/places/${placeId}/`;
export const reportUrl = (placeId: string, year: number) => `/places/${placeId}/${year}/`;
export const yearsUrl = () => '/years/';
export const yearUrl = (year: number) => `/years/${year}/`;
export const searchUrl = (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/');

/** Anchor id of the mark around an indicator's quote in the report body. */
export const quoteAnchorId = (key: string) => `q-${key}`;
/** Link from anywhere to the quote that states `key` in a report. */
export const quoteUrl = (placeId: string, year: number, key: string) => `${reportUrl(placeId, year)}#${quoteAnchorId(key)}`;
export const indicatorsUrl = () => '/indicators/';
export const indicatorUrl = (key: string) => `/indicators/${key}/`;
export const placeDataUrl = (placeId: string) => `/data/places/${placeId}.json`;
export const reportsDataUrl = () => '/data/reports.json';
export const indicatorsCsvUrl = () => '/data/indicators.csv';
export const feedUrl = () => '/feed.xml';

/** Page `page` (1-based) of a province's part of a split table under `base`, an indicator's or a year's URL. */
const provincePartUrl = (base: string, provinceId: string, page = 1) => `${base}${provinceId}/${page > 1 ? `${page}/` : ''}`;
export const indicatorProvinceUrl = (key: string, provinceId: string, page = 1) => provincePartUrl(indicatorUrl(key), provinceId, page);
export const yearProvinceUrl = (year: number, provinceId: string, page = 1) => provincePartUrl(yearUrl(year), provinceId, page);
