/**
 * A search within one place and its subdivisions (`?place=<id>` on the search page, linked from
 * each place page). Place ids nest (guangdong/shenzhen/baoan is under guangdong/shenzhen), so a
 * report is in scope when its page is under the place's; Pagefind narrows the candidates first by
 * the `area` filter (the place's first two levels), so a small place does not mean checking the
 * whole site.
 */
import { placeUrl } from '../urls';

export { isPlaceId } from '../places/id';

/** The name of the search filter a place narrows by. */
export const SCOPE_FILTER = 'area';

/** The `area` filter value of a place: the ids of its first two levels (a province, a city). */
export const areaOf = (placeId: string): string => placeId.split('/').slice(0, 2).join('/');

/** The `area` filter values of a report of `placeId`: its province's and its city's. */
export const areasOf = (placeId: string): string[] => [...new Set([placeId.split('/')[0], areaOf(placeId)])];

/** True if the result page `url` is a report of `placeId` or of a place under it. */
export const inScope = (url: string, placeId: string): boolean => url.replace(/[?#].*$/, '').startsWith(placeUrl(placeId));

