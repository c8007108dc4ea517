/**
 * Search recall at scale: a generated corpus of 1,000 reports is built and indexed like the real
 * site, then searched with the same queries as the seed site. Takes a few minutes (generation
 * ~30 s, build ~90 s, queries ~90 s). SEARCH_RECALL_RAW=1 also measures plain Pagefind (~2 min).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { genCorpus } from '../../scripts/gen-corpus';
import { CHROME_QUERIES, SEARCH_QUERIES } from '../fixtures/search-queries';
import { launchBrowser } from '../helpers/browser';
import { buildSite, groundTruth, ROOT, runQueries, score, scoreTable, verified, type QueryRun } from '../helpers/search';
import { serveDist, type DistServer } from '../helpers/server';

const REPORTS = Number(process.env.SEARCH_CORPUS_REPORTS ?? 1000);
const WORK = join(ROOT, '.tmp', `search-corpus-${process.pid}`);
const CONTENT = join(WORK, 'content');
const QUERIES = SEARCH_QUERIES.map((x) => x.q);

let site: string;
let server: DistServer;
let browser: Browser;
let pairs: QueryRun[];

beforeAll(async () => {
  const t = Date.now();
  genCorpus({ reports: REPORTS, seed: 1, out: CONTENT });
  console.log(`generated ${REPORTS} reports: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  site = await buildSite(CONTENT, WORK, console.log);
  server = await serveDist(site);
  browser = await launchBrowser();
  pairs = await runQueries(server.origin, QUERIES, { browser, mode: 'pairs', siteDir: site });
}, 20 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (!process.env.KEEP_SEARCH_CORPUS) rmSync(WORK, { recursive: true, force: true });
});

describe(`search recall on a ${REPORTS}-report corpus`, () => {
  it('finds every published report that contains the query (character pairs, verified)', () => {
    const scores = verified(pairs).map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable(`pairs + verify (${REPORTS} reports)`, scores));
    for (const s of scores) expect(s.missed.slice(0, 5), `${s.query}: ${s.missed.length} not found`).toEqual([]);
  });

  it('returns only reports that contain the query after verification; logs precision before it', () => {
    const raw = pairs.map((r) => score(r, groundTruth(CONTENT, r.query)));
    console.log(scoreTable(`pairs, as Pagefind returns them (${REPORTS} reports)`, raw));
    for (const s of verified(pairs).map((r) => score(r, groundTruth(CONTENT, r.query)))) {
      expect(s.precision, s.query).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('finds nothing for page-chrome words', () => {
    for (const r of verified(pairs).filter((r) => CHROME_QUERIES.includes(r.query))) expect(r.urls, r.query).toEqual([]);
  });

});
