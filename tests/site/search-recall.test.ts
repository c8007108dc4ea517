/**
 * Search recall on the production build of content/ (dist/): for every query of
 * bench/fixtures/search-queries.ts, every published report containing it is found, results are
 * reports that contain it, and page-chrome words find nothing. Measured on the built search page
 * itself, every result it would list (bench/search.ts); plain Pagefind is measured too and logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROME_QUERIES, SEARCH_QUERIES } from '../../bench/fixtures/search-queries';
import { launchBrowser } from '../../bench/browser';
import { assertBuilt, DIST } from '../helpers/dist';
import { groundTruth, runQueries, score, scoreTable, verified, type QueryRun } from '../../bench/search';
import { serveDist, type DistServer } from '../../bench/server';

const CONTENT = process.env.CONTENT_DIR ?? 'content';
const QUERIES = SEARCH_QUERIES.map((x) => x.q);

let server: DistServer;
let browser: Browser;
let pairs: QueryRun[];

beforeAll(async () => {
  assertBuilt();
  server = await serveDist(DIST);
  browser = await launchBrowser();
  pairs = await runQueries(server.origin, QUERIES, { browser });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('search recall on the seed site', () => {
  it('finds every published report that contains the query (character pairs, verified)', () => {
    const scores = verified(pairs).map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable('pairs + verify (dist/)', scores));
    for (const s of scores) expect(s.missed, `${s.query}: not found`).toEqual([]);
  });

  it('returns reports that contain the query: at least 95% before verification, all after', () => {
    const raw = pairs.map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable('pairs, as Pagefind returns them (dist/)', raw));
    const returned = raw.reduce((a, s) => a + s.returned, 0);
    const relevant = raw.reduce((a, s) => a + s.relevant, 0);
    console.log(`pairs precision before verification: ${((relevant / returned) * 100).toFixed(1)}%`);
    for (const s of verified(pairs).map((r) => score(r, groundTruth(CONTENT, r.query)))) {
      expect(s.precision, s.query).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('finds nothing for page-chrome words', () => {
    for (const r of verified(pairs).filter((r) => CHROME_QUERIES.includes(r.query))) expect(r.urls, r.query).toEqual([]);
  });

  it('measures plain Pagefind (pagefind.search(q) as typed) for comparison', { timeout: 300_000 }, async () => {
    const raw = await runQueries(server.origin, QUERIES, { browser, mode: 'raw', siteDir: DIST });
    const scores = raw.map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable('plain Pagefind (dist/)', scores));
    expect(scores).toHaveLength(QUERIES.length);
  });
});
