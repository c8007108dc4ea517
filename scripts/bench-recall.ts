/**
 * `npm run bench:recall -- --site DIR --content DIR`: search recall and precision of a built site
 * (whole or assembled from shards) on the search tests' query set, against the content it was
 * built from. Each query runs in headless Chromium over every search bundle, as the search page
 * does; result text is read from the site's fragment files, so this works at 50,000 reports.
 * Prints the score table; exits 1 if any published report containing a query was not found.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_QUERIES } from '../tests/fixtures/search-queries';
import { groundTruth, runQueries, score, scoreTable, verified } from '../tests/helpers/search';
import { serveDist } from '../tests/helpers/server';

const { values } = parseArgs({ options: { site: { type: 'string' }, content: { type: 'string' } } });
if (!values.site || !values.content) {
  console.error('用法 / usage: npm run bench:recall -- --site DIR --content DIR');
  process.exit(2);
}
const site = resolve(values.site);
const content = resolve(values.content);
const server = await serveDist(site);
try {
  const t = Date.now();
  const runs = verified(await runQueries(server.origin, SEARCH_QUERIES.map((q) => q.q), { mode: 'pairs', siteDir: site, fragmentsFromDisk: true }));
  const scores = runs.map((r) => score(r, groundTruth(content, r.query)));
  console.log(scoreTable(`recall on ${site} (${((Date.now() - t) / 1000).toFixed(0)} s)`, scores));
  const missed = scores.reduce((a, s) => a + s.missed.length, 0);
  console.log(missed ? `${missed} report(s) not found` : 'recall 100%: every published report containing a query was found');
  process.exitCode = missed ? 1 : 0;
} finally {
  await server.close();
}
