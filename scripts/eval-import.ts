/**
 * `npm run eval:import`: measures how faithfully real reports come in. The fixtures are built at
 * run time (bench/import-eval/generate.ts): the five seeds and the reports written for
 * the evaluation, each rendered through government-CMS page templates and saved as .html, as the
 * .txt a copy from the page gives, as a .pdf printed by Chromium, and once as the clerk's .docx.
 * Each is read with readSource and imported with importSource against a temporary copy of
 * content/, with no --place or --year: the point is that they are found. Prints, per field, the
 * share right; the share of the reports' sentences kept in the body; the chrome lines left; per
 * format and per template; then the failures. A measurement, not a check: exits 0 unless it
 * crashes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importSource, loadPlaces, type PlaceRef } from '../src/lib/import/importer';
import { readSource } from '../src/lib/import/read';
import { FORMATS, generate, type Fixture, type Format } from '../bench/import-eval/generate';
import { FIELDS, scoreImport, type FixtureScore } from '../bench/import-eval/score';

/** The issue's acceptance targets. */
export const TARGET = { placeYearTitle: 0.97, sentences: 0.995, chromeLines: 0 } as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    fresh: { type: 'boolean' },
    report: { type: 'string', multiple: true },
    template: { type: 'string', multiple: true },
    format: { type: 'string', multiple: true },
    json: { type: 'string' },
    all: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`用法 / usage: npm run eval:import [-- options]

  生成评测样本（报告 × 网页模板 × html/txt/pdf，另加每份报告的 docx），逐个导入，统计各字段正确率、
  正文句子保留率和残留的网页杂项行。总是以 0 退出（只报告数字，不做断言）。
  Builds the fixtures (reports × page templates × html/txt/pdf, plus one docx per report), imports
  each with no --place/--year and prints the share right per field, the share of sentences kept and
  the chrome lines left. Always exits 0 (figures, not assertions).

  --out <dir>        样本目录 / fixture directory (default .tmp/import-eval; reused while inputs are unchanged)
  --fresh            重新生成样本 / regenerate the fixtures
  --report <id>      只评测这份报告（可重复）/ only this report (repeatable), e.g. seed-001
  --template <id>    只用这个模板（可重复）/ only this template (repeatable), e.g. jiyue
  --format <fmt>     只评测这种格式（可重复）/ only this format (repeatable): ${FORMATS.join(', ')}
  --json <file>      把逐个样本的结果写成 JSON / write every fixture's result as JSON
  --all              列出全部失败项 / list every failure (default: the first 40)`);
  process.exit(0);
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].reduce((n, ch) => n + (/[^\x00-\xff]/.test(ch) ? 2 : 1), 0)));

/** Imports every fixture, each against the same places (nothing one import adds is seen by the next). */
async function evaluate(out: string, fixtures: readonly Fixture[], places: readonly PlaceRef[]): Promise<FixtureScore[]> {
  const scores: FixtureScore[] = [];
  for (const f of fixtures) {
    const file = join(out, f.file);
    const known = structuredClone(places) as PlaceRef[];
    try {
      const src = await readSource(file, new Uint8Array(readFileSync(file)));
      scores.push(scoreImport(f, { result: importSource(src, { places: known }), places: known }));
    } catch (e) {
      const err = e as Error & { code?: string };
      // An import that refuses a file is a result; anything else is a crash of the pipeline, also counted.
      const message = (err.message ?? String(e)).split('\n')[0];
      scores.push(scoreImport(f, { error: `${err.code ?? err.name}: ${message}` }));
    }
  }
  return scores;
}

interface Figures {
  n: number;
  fields: Record<(typeof FIELDS)[number], number>;
  sentences: { kept: number; expected: number };
  chrome: number;
  chromeFixtures: number;
  failed: number;
}

function figures(scores: readonly FixtureScore[]): Figures {
  const fields = Object.fromEntries(FIELDS.map((f) => [f, scores.filter((s) => s.fields[f].ok).length])) as Figures['fields'];
  return {
    n: scores.length,
    fields,
    sentences: { kept: scores.reduce((n, s) => n + s.sentences.kept, 0), expected: scores.reduce((n, s) => n + s.sentences.expected, 0) },
    chrome: scores.reduce((n, s) => n + s.chrome.length, 0),
    chromeFixtures: scores.filter((s) => s.chrome.length).length,
    failed: scores.filter((s) => s.error).length,
  };
}

function table(title: string, groups: readonly [string, readonly FixtureScore[]][]): string {
  const rows = groups.filter(([, s]) => s.length).map(([name, s]) => [`${name} (${s.length})`, figures(s)] as const);
  const w = Math.max(title.length, ...rows.map(([name]) => name.length)) + 2;
  const head = [pad(title, w), ...FIELDS.map((f) => pad(f, 15)), pad('sentences', 11), pad('chrome', 8), 'failed'].join('');
  const lines = rows.map(([name, g]) =>
    [pad(name, w), ...FIELDS.map((f) => pad(pct(g.fields[f], g.n), 15)), pad(pct(g.sentences.kept, g.sentences.expected), 11), pad(String(g.chrome), 8), String(g.failed)].join(''),
  );
  return [head, ...lines].join('\n');
}

function failureLines(s: FixtureScore): string[] {
  const out: string[] = [];
  if (s.error) return [`  ${s.fixture.file}: 导入失败 / import failed: ${s.error}`];
  for (const f of FIELDS) if (!s.fields[f].ok) out.push(`  ${s.fixture.file}: ${f} want ${s.fields[f].want} | got ${s.fields[f].got}`);
  const lost = s.sentences.missing.length;
  if (lost) out.push(`  ${s.fixture.file}: ${lost}/${s.sentences.expected} sentences lost, e.g. “${s.sentences.missing[0].slice(0, 60)}”`);
  if (s.chrome.length) out.push(`  ${s.fixture.file}: ${s.chrome.length} chrome line(s) left: ${s.chrome.slice(0, 4).map((l) => `“${l.slice(0, 40)}”`).join(' ')}`);
  return out;
}

async function main() {
  const out = resolve(ROOT, values.out ?? '.tmp/import-eval');
  const formats = values.format as Format[] | undefined;
  for (const f of formats ?? []) if (!FORMATS.includes(f)) throw new Error(`未知格式 / unknown format ${f}; use ${FORMATS.join(', ')}`);
  const started = Date.now();
  console.log(`生成样本 / building fixtures in ${out} …`);
  // One updating line on a terminal; a line per report in a log.
  let lastReport = '';
  const progress = (m: string) => {
    if (process.stdout.isTTY) process.stdout.write(`\r  ${m}\x1b[K`);
    else if (m.split(' ')[0] !== lastReport) console.log(`  ${(lastReport = m.split(' ')[0])}`);
  };
  const fixtures = await generate({ out, fresh: values.fresh, reports: values.report, templates: values.template, formats, onProgress: progress });
  if (process.stdout.isTTY) process.stdout.write('\n');

  // A temporary copy of content/: the places the site knows now, none of the imports' additions kept.
  const content = mkdtempSync(join(tmpdir(), 'eval-import-'));
  let scores: FixtureScore[];
  try {
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    scores = await evaluate(out, fixtures, loadPlaces(content));
  } finally {
    rmSync(content, { recursive: true, force: true });
  }

  const reports = new Set(fixtures.map((f) => f.report));
  const templates = [...new Set(fixtures.flatMap((f) => (f.template ? [f.template] : [])))];
  console.log(`\n导入评测 / import evaluation: ${scores.length} fixtures (${reports.size} reports, ${templates.length} templates: ${templates.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(table('format', [['all', scores], ...FORMATS.map((f) => [f, scores.filter((s) => s.fixture.format === f)] as [string, FixtureScore[]])]));
  console.log();
  console.log(table('template', [...templates.map((t) => [t, scores.filter((s) => s.fixture.template === t)] as [string, FixtureScore[]]), ['(docx)', scores.filter((s) => !s.fixture.template)]]));
  console.log();
  console.log(table('report', [...reports].map((r) => [r, scores.filter((s) => s.fixture.report === r)] as [string, FixtureScore[]])));

  const g = figures(scores);
  const worst = Math.min(g.fields.place, g.fields.year, g.fields.title) / (g.n || 1);
  const sentenceShare = g.sentences.kept / (g.sentences.expected || 1);
  const mark = (ok: boolean) => (ok ? '达标 / met' : '未达标 / not met');
  console.log(`\n目标 / targets:
  place、year、title ≥ ${TARGET.placeYearTitle * 100}%: place ${pct(g.fields.place, g.n)}, year ${pct(g.fields.year, g.n)}, title ${pct(g.fields.title, g.n)} — ${mark(worst >= TARGET.placeYearTitle)}
  正文句子保留 / sentences kept ≥ ${TARGET.sentences * 100}%: ${pct(g.sentences.kept, g.sentences.expected)} (${g.sentences.kept}/${g.sentences.expected}) — ${mark(sentenceShare >= TARGET.sentences)}
  残留杂项行 / chrome lines left = 0: ${g.chrome} in ${g.chromeFixtures} fixture(s) — ${mark(g.chrome === 0)}
  导入失败 / failed imports: ${g.failed}`);

  const failures = scores.flatMap(failureLines);
  if (failures.length) {
    const shown = values.all ? failures : failures.slice(0, 40);
    console.log(`\n问题 / failures (${failures.length}${shown.length < failures.length ? `, first ${shown.length}; --all for every one` : ''}):`);
    console.log(shown.join('\n'));
  }
  if (values.json) {
    writeFileSync(values.json, JSON.stringify(scores.map(({ fixture, ...s }) => ({ file: fixture.file, report: fixture.report, template: fixture.template, format: fixture.format, ...s })), null, 1));
    console.log(`\n逐个结果 / per-fixture results: ${values.json}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
