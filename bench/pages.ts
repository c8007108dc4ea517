/**
 * Page budgets of a built site: every HTML page's size, raw and gzip-compressed, and the rows of
 * its longest table; the largest of each. Used by `npm run bench` (scripts/bench.ts) and by the
 * page-budget test on a generated corpus (tests/site/page-budgets.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budgets of issue 17: no page over 100 KB compressed or 2,000 table rows. */
export const BUDGET = { gzipBytes: 100 * 1024, tableRows: 2000 } as const;

export interface PageFigures {
  /** Site path of the page, e.g. `/indicators/x/` or `/404.html`. */
  path: string;
  raw: number;
  gzip: number;
  /** Rows (`<tr>`) of the page's longest table, header rows included. */
  tableRows: number;
}

/** Rows of the longest `<table>` of `html`. */
export function longestTable(html: string): number {
  let most = 0;
  for (const m of html.matchAll(/<table[\s>][\s\S]*?<\/table>/g)) most = Math.max(most, (m[0].match(/<tr[\s>]/g) ?? []).length);
  return most;
}

const pathOf = (rel: string) => `/${rel.split('\\').join('/').replace(/(^|\/)index\.html$/, '$1')}`;

/** Figures of every HTML page under `site` (Pagefind's files left out). */
export function pageFigures(site: string): PageFigures[] {
  return readdirSync(site, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind'))
    .sort()
    .map((rel) => {
      const buf = readFileSync(join(site, rel));
      return { path: pathOf(rel), raw: buf.length, gzip: gzipSync(buf).length, tableRows: longestTable(buf.toString('utf8')) };
    });
}

/** The largest page (by compressed size) and the page with the longest table. */
export function largestPages(site: string): { pages: number; largest: PageFigures; longestTable: PageFigures } {
  const all = pageFigures(site);
  if (!all.length) throw new Error(`${site} 中没有 HTML 页面 / no HTML pages in ${site}`);
  const max = (f: (p: PageFigures) => number) => all.reduce((a, b) => (f(b) > f(a) ? b : a));
  return { pages: all.length, largest: max((p) => p.gzip), longestTable: max((p) => p.tableRows) };
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

/** One-line summaries of `largestPages`, for the bench's table. */
export function pageBudgetRows(site: string): [string, string][] {
  const { pages, largest, longestTable: table } = largestPages(site);
  return [
    ['largest HTML page (raw, gzip)', `${kb(largest.raw)}, ${kb(largest.gzip)} gzip: ${largest.path} (of ${pages} pages)`],
    ['largest table (rows)', `${table.tableRows} rows: ${table.path}`],
  ];
}
