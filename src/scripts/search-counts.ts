/**
 * The count of matching reports on the search page, and the counts beside the filter options
 * (src/lib/search/engine.ts `SiteSearch.count` gives the candidates).
 */
import { t } from '../strings';
import type { SiteCount, SiteSearch } from '../lib/search/site';

/** The filters whose options show counts. */
export const COUNTED_FILTERS = ['year', 'province', 'level'] as const;
/** Candidates checked in the background to turn an estimated total into the exact one. */
const EXACT_CHECK = 200;

/** Matching reports: how many, and by filter value when known (every match seen, no filter chosen). */
export interface Found {
  n: number;
  byFilter?: Record<string, Record<string, number>>;
}

/** Counts of `results` by filter value. */
export function tally(results: readonly { filters: Record<string, string[]> }[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of results) for (const [name, values] of Object.entries(r.filters)) for (const v of values) (out[name] ??= {})[v] = (out[name][v] ?? 0) + 1;
  return out;
}

/**
 * The number of matching reports, and per year, province and level beside the filters: exact
 * when the lookups are (`exactLookup`) or every candidate has been checked, else estimated from
 * the share of candidates that matched so far and marked 约; a small remainder is checked in the
 * background to make it exact.
 */
export async function showCounts(
  search: SiteSearch,
  o: { fieldset: HTMLElement; filtered: boolean; share: () => number; allFound: () => Found | undefined; checkAll: () => Promise<Found> },
): Promise<void> {
  const total = document.getElementById('search-total')!;
  let counted: SiteCount;
  try {
    counted = await search.count();
  } catch {
    return;
  }
  const show = (n: number, exact: boolean, byFilter: Record<string, Record<string, number>>, exactByFilter: boolean, scale = 1) => {
    total.textContent = t.search.total(n, exact);
    total.hidden = false;
    for (const name of COUNTED_FILTERS) {
      const values = byFilter[name] ?? {};
      for (const option of o.fieldset.querySelectorAll<HTMLOptionElement>(`select[data-filter="${name}"] option`)) {
        if (option.value) option.textContent = t.search.optionCount(option.value, Math.round((values[option.value] ?? 0) * scale), exactByFilter);
      }
    }
  };
  const settle = (found: Found) =>
    found.byFilter && !o.filtered
      ? show(found.n, true, found.byFilter, true)
      : show(found.n, true, counted.byFilter, counted.exactByFilter, counted.exactByFilter || !counted.candidates ? 1 : found.n / counted.candidates);
  const known = o.allFound();
  if (known) return settle(known);
  if (counted.exact) return show(counted.candidates, true, counted.byFilter, counted.exactByFilter);
  // Years checked one by one: no more than the pair table allows (a few checked reports say little).
  const estimate = (counted.candidates - counted.scanned) * o.share() + counted.scanned * Math.min(o.share(), counted.scannedShare);
  show(Math.round(estimate), false, counted.byFilter, false, counted.candidates ? estimate / counted.candidates : 1);
  if (counted.candidates > EXACT_CHECK) return;
  const found = await o.checkAll().catch(() => undefined);
  if (found) settle(found);
}
