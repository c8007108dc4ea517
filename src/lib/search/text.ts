/**
 * The text Pagefind indexes and stores for a report, written as overlapping pairs of Chinese
 * characters, and read back. Shared by the indexer (src/lib/search/doc.ts) and the search page.
 *
 * Why pairs, written by us: a reader must find every report containing what they typed (行政复议,
 * 枫桥经验, 法), whatever a word segmenter would make of it. Pagefind's own Chinese indexing
 * segments with jieba, and its query side segments differently, so words are missed (see
 * src/lib/search/engine.ts); it is also most of its indexing time. Indexed under a language without
 * segmentation (SEARCH_LANGUAGE), text cut into pairs (行政复议 -> 行政 政复 复议 议) makes every pair
 * of characters a word: a term is found through any one of its pairs, and a single character
 * through the words it starts (each character starts exactly one: the last of a run stands alone).
 *
 * The pairs are also Pagefind's stored text, which the search page needs in readable form for
 * excerpts and to check that a result contains the query: `textFromPairs` reads it back exactly
 * (each pair gives its first character; whitespace and block ends are marked with SPACE).
 */

/**
 * The language of the search index: any tag but zh/ja/th, for which Pagefind would segment the
 * pairs again. The search page initialises Pagefind under the same tag (src/lib/search/engine.ts).
 */
export const SEARCH_LANGUAGE = 'und';

/**
 * Marks a space between tokens (where the text had whitespace, and at the end of each block):
 * Pagefind separates its words with spaces and keeps none of its own. A private-use character, so
 * it is never text, and not a word character, so Pagefind indexes nothing for it.
 */
export const SPACE = '\ue000';

/** Runs of Chinese; other letters and digits (numbers with their decimals); anything else but whitespace; whitespace. */
const TOKEN = /(\p{Script=Han}+)|([[\p{L}\p{N}_]--\p{Script=Han}]+(?:\.\p{N}+)*)|([^\p{L}\p{N}_\s]+)|(\s+)/gv;

/**
 * The words of a run of Chinese characters (code points): a word starts at the first character, at
 * every character whose pair with the next is not in `stop`, and at the last, and runs on to the
 * start of the next word, which it includes: 行政复议 -> 行政 政复 复议 议. A pair in `stop` (one found in
 * most reports of its year, see stopPairs) starts no word, so it costs the index nothing: with 治政
 * a stop pair, 法治政府 -> 法治政 政府 府.
 */
function runWords(run: string, words: string[], stop?: ReadonlySet<string>): void {
  // Characters outside the Basic Multilingual Plane take two code units: index by code point then.
  const chars: ArrayLike<string> = /[\ud800-\udfff]/.test(run) ? Array.from(run) : run;
  const word = chars === run ? (a: number, b: number) => run.slice(a, b + 1) : (a: number, b: number) => Array.prototype.slice.call(chars, a, b + 1).join('');
  const last = chars.length - 1;
  let start = 0;
  for (let i = 1; i <= last; i++) {
    if (i < last && stop?.has(chars[i] + chars[i + 1])) continue;
    words.push(word(start, i));
    start = i;
  }
  words.push(chars[last]);
}

/**
 * The words of `text` for the index: Chinese runs as overlapping pairs (pairs in `stop` merged into
 * the word before them), numbers, Latin words and punctuation as they are, whitespace as SPACE.
 */
export function pairWords(text: string, stop?: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const m of (text.includes(SPACE) ? text.replaceAll(SPACE, ' ') : text).matchAll(TOKEN)) {
    if (m[1]) runWords(m[1], words, stop);
    else if (!m[4]) words.push(m[0]);
    else if (words.length && words.at(-1) !== SPACE) words.push(SPACE);
  }
  if (words.at(-1) !== SPACE) words.push(SPACE);
  return words;
}

/** `pairWords` as the text of an element: words separated by spaces. */
export const pairText = (text: string, stop?: ReadonlySet<string>): string => pairWords(text, stop).join(' ');

const HAN = /^\p{Script=Han}/u;

/**
 * The readable text of Pagefind's stored content (`pairText` of each block, joined by spaces):
 * 行政 政复 复议 议 -> 行政复议. A Chinese word gives all its characters but the last, which starts the
 * next word; a single one ends its run; SPACE is a space; everything else is kept as it is.
 */
export function textFromPairs(content: string): string {
  let out = '';
  for (const w of content.split(' ')) {
    if (!w) continue;
    if (w === SPACE) out += ' ';
    else if (HAN.test(w)) {
      const chars = Array.from(w);
      out += chars.length > 1 ? chars.slice(0, -1).join('') : w;
    } else out += w;
  }
  return out.trimEnd();
}
