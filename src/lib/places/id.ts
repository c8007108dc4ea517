/**
 * A place id: lowercase ASCII segments (`[a-z0-9-]+`) joined by `/`, e.g. `guangdong/shenzhen/baoan`.
 * Ids become folders under `reports/`, so the pattern leaves no room for `..`, an empty segment,
 * or a leading or trailing `/`. Free of the schema library, so the search page can check a `?place=`.
 */
export const PLACE_ID_PATTERN = /^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/;

/** Whether `id` is a well-formed place id (PLACE_ID_PATTERN). */
export const isPlaceId = (id: string): boolean => PLACE_ID_PATTERN.test(id);
