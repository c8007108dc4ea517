/**
 * The indicator extractor measured against the hand-checked indicators of the five seed reports
 * (`npm run eval:extract`, scripts/extract-eval.ts; tests/extract.test.ts holds it to TARGET).
 * The gold comes from the seed entries' frontmatter (content/reports/<place id>/<year>.mdx, `indicators`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractIndicators, scoreProposals, type Proposal, type Score } from '../src/lib/figures/extract';
import { mdxToPlainText, splitMdxFile } from '../src/lib/content/mdx';
import { readSeed, SEEDS, type Seed } from './fixtures/seeds';

/** Issue acceptance targets. */
export const TARGET = { precision: 0.95, recall: 0.8 } as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Gold = Record<string, { value: number }>;

export interface SeedResult {
  seed: Seed;
  /** Where the gold came from. */
  goldFrom: 'entry' | 'none';
  /** Which text the extractor read. */
  textFrom: 'seed' | 'entry';
  /** The text the extractor read (quotes are substrings of it). */
  text: string;
  gold: Gold;
  proposals: Proposal[];
  score: Score;
}

/**
 * The seed's entry in this repository's content/ (not $CONTENT_DIR, which may point at a generated
 * corpus without the seeds): the gold is what editors checked there.
 */
export function entryPath(seed: Seed): string {
  return join(ROOT, 'content', 'reports', seed.placeId, `${seed.year}.mdx`);
}

/** Keeps the well-formed `key: { value: number }` items of a frontmatter `indicators` map. */
function goldOf(indicators: unknown): Gold {
  if (!indicators || typeof indicators !== 'object') return {};
  return Object.fromEntries(
    Object.entries(indicators as Record<string, { value?: unknown }>)
      .filter(([, v]) => typeof v?.value === 'number')
      .map(([k, v]) => [k, { value: v.value as number }]),
  );
}

/** The gold of one seed: its entry's hand-checked indicators. */
export function loadGold(seed: Seed): { gold: Gold; from: SeedResult['goldFrom'] } {
  const file = entryPath(seed);
  if (existsSync(file)) {
    const gold = goldOf(splitMdxFile(readFileSync(file, 'utf8')).data.indicators);
    if (Object.keys(gold).length) return { gold, from: 'entry' };
  }
  return { gold: {}, from: 'none' };
}

/**
 * Runs the extractor on every seed and scores it. By default it reads the seed texts (byte-identical
 * to the published reports); with `onEntries` it reads the entries' bodies where they exist, as
 * `npm run indicators -- <entry.mdx>` does.
 */
export function evaluateSeeds(opts: { onEntries?: boolean } = {}): SeedResult[] {
  return SEEDS.map((seed) => {
    const { gold, from } = loadGold(seed);
    const file = entryPath(seed);
    const useEntry = opts.onEntries === true && existsSync(file);
    const text = useEntry ? mdxToPlainText(readFileSync(file, 'utf8')) : readSeed(seed);
    const proposals = extractIndicators(text, { year: seed.year });
    return { seed, goldFrom: from, textFrom: useEntry ? 'entry' : 'seed', text, gold, proposals, score: scoreProposals(proposals, gold) };
  });
}

/** Micro-averaged totals over all seeds. */
export function overall(results: readonly SeedResult[]) {
  const tp = results.reduce((n, r) => n + r.score.truePositives.length, 0);
  const fp = results.reduce((n, r) => n + r.score.falsePositives.length, 0);
  const fn = results.reduce((n, r) => n + r.score.falseNegatives.length, 0);
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : undefined, recall: tp + fn ? tp / (tp + fn) : undefined };
}
