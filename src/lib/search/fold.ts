/**
 * 繁體 and 简体 alike: the index and the reader's query are both folded to Simplified characters,
 * one character for one, so a query in either script finds reports in either. The fold is
 * character-level and keeps every position (one UTF-16 unit for one), so a match found in the
 * folded text is at the same place in the report's own text, which excerpts and highlights show.
 *
 * The table comes from OpenCC's dictionaries (opencc-js, ./fold-table.ts): Hong Kong and Taiwan
 * variants to OpenCC's standard Traditional, then Traditional to Simplified. OpenCC's phrase
 * tables choose among several Simplified forms by context (乾坤 keeps 乾); folding needs no choice,
 * because the index and the query are folded by the same table, so it takes the first form.
 */

/**
 * The metadata field holding a report's own readable text when folding changed it (a report in
 * Traditional characters): the index holds the folded text, which finds it in either script, and
 * the page shows and highlights this one, position for position.
 */
export const ORIGINAL_TEXT_META = 'orig';

/** Where the build writes the table for the search page (next to the pair table). */
export const FOLD_TABLE_PATH = '/search/fold.json';

/** The table as the page loads it: `{ pairs }`, each two characters (Traditional, Simplified). */
export interface FoldTable {
  pairs: string;
}

export type Fold = (text: string) => string;

/** The identity: what a page uses when the table cannot be loaded (simplified queries still work). */
export const noFold: Fold = (text) => text;

const escapeClass = (c: string) => (/[\\\]^-]/.test(c) ? `\\${c}` : c);

/** The fold of a table (`FoldTable.pairs`): every character in it to its Simplified form, others kept. */
export function makeFold(pairs: string): Fold {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i], pairs[i + 1]);
  if (!map.size) return noFold;
  const any = new RegExp(`[${[...map.keys()].map(escapeClass).join('')}]`, 'g');
  return (text) => {
    any.lastIndex = 0;
    return any.test(text) ? text.replace(any, (c) => map.get(c)!) : text;
  };
}
