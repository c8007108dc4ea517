/**
 * The query language of the search page, read as a reader means it:
 * - spaces separate terms, and a report must contain every one (AND);
 * - `"…"` is an exact phrase, spaces and punctuation included;
 * - `-term` (or `-"…"`) excludes the reports that contain it;
 * - `OR` or `|` between terms gives alternatives: `行政复议 OR 行政诉讼`, `复议|诉讼`;
 * - full-width forms count the same: `－`, `“…”` (and `「…」`, `『…』`), `｜`, `ＯＲ`, the ideographic space.
 * Anything that cannot be read (a lone `-`, an `OR` with nothing on one side, empty quotes) is
 * named in `ignored`, never dropped silently. Matching is on folded text (./fold.ts), so
 * Traditional and Simplified characters are alike.
 */
import { noFold, type Fold } from './fold';

/** A term or an exact phrase, as typed (after whitespace is folded to single spaces). */
export interface Term {
  text: string;
  phrase: boolean;
}

/** A query: every clause must match (one of its alternatives), no excluded term may. */
export interface Query {
  clauses: Term[][];
  excluded: Term[];
  /** Parts of what was typed that were not used, as typed. */
  ignored: string[];
}

/** Full-width operator forms and quotes, as their ASCII counterparts. */
const OPERATOR_FORMS: Record<string, string> = { '－': '-', '｜': '|', '“': '"', '”': '"', '＂': '"', '「': '"', '」': '"', '『': '"', '』': '"' };

/** The query with every kind of whitespace as one space, operator forms as ASCII, trimmed. */
export function normalizeQuery(raw: string): string {
  return raw
    .replace(/[－｜“”＂「」『』]/g, (c) => OPERATOR_FORMS[c] ?? c)
    .replace(/ＯＲ/g, 'OR')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

interface Token {
  kind: 'term' | 'or';
  term?: Term;
  negated?: boolean;
  raw: string;
}

/** Splits the normalized query into terms, phrases and OR marks. */
function tokenize(q: string, ignored: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    if (q[i] === ' ') {
      i++;
      continue;
    }
    const start = i;
    const negated = q[i] === '-' && i + 1 < q.length && q[i + 1] !== ' ';
    if (negated) i++;
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      const end = close < 0 ? q.length : close;
      const text = q.slice(i + 1, end).trim();
      i = close < 0 ? q.length : close + 1;
      if (text) tokens.push({ kind: 'term', term: { text, phrase: true }, negated, raw: q.slice(start, i) });
      else ignored.push(q.slice(start, i));
      continue;
    }
    let end = q.indexOf(' ', i);
    if (end < 0) end = q.length;
    const word = q.slice(i, end);
    i = end;
    if (!negated && (word === 'OR' || /^\|+$/.test(word))) {
      tokens.push({ kind: 'or', raw: word });
      continue;
    }
    if (word === '-') {
      ignored.push(word);
      continue;
    }
    // `复议|诉讼`: alternatives written without spaces.
    const parts = negated ? [word] : word.split('|');
    parts.forEach((part, k) => {
      if (k > 0) tokens.push({ kind: 'or', raw: '|' });
      if (part) tokens.push({ kind: 'term', term: { text: part, phrase: false }, negated, raw: (negated ? '-' : '') + part });
    });
  }
  return tokens;
}

/** Reads what the reader typed (see the module comment). */
export function parseQuery(raw: string): Query {
  const ignored: string[] = [];
  const tokens = tokenize(normalizeQuery(raw), ignored);
  const clauses: Term[][] = [];
  const excluded: Term[] = [];
  // An OR joins the positive terms on both sides; one that has none on a side is ignored.
  let joining = false;
  let prev: Token | undefined;
  for (const [k, tok] of tokens.entries()) {
    if (tok.kind === 'or') {
      const next = tokens[k + 1];
      const leftOk = prev?.kind === 'term' && !prev.negated;
      const rightOk = next?.kind === 'term' && !next.negated;
      if (leftOk && rightOk) joining = true;
      else ignored.push(tok.raw);
      prev = tok;
      continue;
    }
    const term = tok.term!;
    if (tok.negated) excluded.push(term);
    else if (joining && clauses.length) clauses.at(-1)!.push(term);
    else clauses.push([term]);
    joining = false;
    prev = tok;
  }
  if (!clauses.length && excluded.length) {
    // Excluding alone would list every other report: the page asks for a term to include.
    ignored.push(...excluded.map((t) => `-${t.phrase ? `"${t.text}"` : t.text}`));
    excluded.length = 0;
  }
  // The same term twice asks nothing more.
  const seen = new Set<string>();
  const unique = clauses.filter((c) => {
    const key = JSON.stringify(c);
    return !seen.has(key) && seen.add(key);
  });
  return { clauses: unique, excluded, ignored };
}

/** Every term to include, each once (for planning, excerpts and highlights). */
export const positiveTerms = (q: Query): Term[] => {
  const seen = new Set<string>();
  return q.clauses.flat().filter((t) => !seen.has(t.text) && seen.add(t.text));
};

const DIGIT = /\d/;

/**
 * True if `text` contains `term` as a reader means it: Latin letters in any case, and a number
 * only as a whole number (244 is not found in 1244 or 2440; 28.42 is not found in 128.42). Both
 * are compared folded (`fold`), so 復議 and 复议 are alike.
 */
export function containsTerm(text: string, term: string, fold: Fold = noFold): boolean {
  return findTerm(text, term, fold) >= 0;
}

/** Where `term` first occurs in `text` as `containsTerm` reads it, or -1; `from` to look further on. */
export function findTerm(text: string, term: string, fold: Fold = noFold, from = 0): number {
  const hay = fold(text).toLowerCase();
  const needle = fold(term).toLowerCase();
  if (!needle) return from;
  const digitStart = DIGIT.test(needle[0]);
  const digitEnd = DIGIT.test(needle.at(-1)!);
  for (let at = hay.indexOf(needle, from); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1] ?? '';
    const after = hay[at + needle.length] ?? '';
    if (digitStart && (DIGIT.test(before) || (before === '.' && DIGIT.test(hay[at - 2] ?? '')))) continue;
    if (digitEnd && (DIGIT.test(after) || (after === '.' && DIGIT.test(hay[at + needle.length + 1] ?? '')))) continue;
    return at;
  }
  return -1;
}

/** True if `text` matches the query: some alternative of every clause, and no excluded term. */
export function matchesParsed(text: string, q: Query, fold: Fold = noFold): boolean {
  if (!q.clauses.length) return false;
  const hay = fold(text);
  const has = (t: Term) => containsTerm(hay, t.text, fold);
  return q.clauses.every((c) => c.some(has)) && !q.excluded.some(has);
}

/** `matchesParsed` of what the reader typed. */
export const matchesQuery = (text: string, raw: string, fold: Fold = noFold): boolean => matchesParsed(text, parseQuery(raw), fold);

/** Terms and phrases as the page shows them back: phrases in quotes. */
const shown = (t: Term) => (t.phrase ? `“${t.text}”` : t.text);

/**
 * How the page read the query, in words (strings from src/strings.ts, given as `words`):
 * "包含 行政复议 和 枫桥经验，不含 败诉", alternatives joined by 或.
 */
export function describeQuery(q: Query, words: { include: string; exclude: string; and: string; or: string }): string {
  const parts: string[] = [];
  if (q.clauses.length) {
    const clause = (c: Term[]) => (c.length > 1 && q.clauses.length > 1 ? `（${c.map(shown).join(` ${words.or} `)}）` : c.map(shown).join(` ${words.or} `));
    parts.push(`${words.include} ${q.clauses.map(clause).join(` ${words.and} `)}`);
  }
  if (q.excluded.length) parts.push(`${words.exclude} ${q.excluded.map(shown).join(` ${words.and} `)}`);
  return parts.join('，');
}
