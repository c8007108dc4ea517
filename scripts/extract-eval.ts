/**
 * `npm run eval:extract`: measures the indicator extractor against the hand-checked indicators of
 * the five seed reports. The gold comes from the seed entries' frontmatter
 * (content/reports/<place id>/<year>.mdx, `indicators`). A measurement, not a check: it
 * always exits 0. tests/extract.test.ts holds the extractor to the targets.
 */
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { entryPath, evaluateSeeds, overall, TARGET } from '../bench/extract-eval';

const pct = (x: number | undefined) => (x === undefined ? '  n/a ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const GOLD_LABEL = { entry: '条目 / entry', fixture: '备用 / fixture', none: '无 / none' } as const;

function main(): void {
  const { values } = parseArgs({ options: { entries: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(`用法 / usage: npm run eval:extract [-- --entries]

用五份种子报告的人工核对指标衡量指标抽取器：每份及合计的真阳性、误报、漏报、精确率、召回率。
Measures the indicator extractor against the hand-checked indicators of the five seed reports:
true positives, false positives, false negatives, precision and recall, per seed and overall.

标准值取自条目 frontmatter 的 indicators（content/reports/<地区id>/<年度>.mdx）。
Gold: the entries' frontmatter indicators.

  --entries   读取条目正文（存在时）而不是种子原文 / read the entries' bodies (where they exist)
              instead of the seed texts
  -h, --help  显示本说明 / show this help

始终以 0 退出（这是测量）/ always exits 0 (it is a measurement).`);
    return;
  }

  const results = evaluateSeeds({ onEntries: values.entries });
  console.log(`指标抽取评估 / extractor evaluation: ${results.length} 份种子报告 / seed reports\n`);
  for (const r of results) {
    const s = r.score;
    console.log(`■ ${r.seed.placeId} ${r.seed.year}  (${r.seed.file})`);
    console.log(
      `  标准 / gold: ${GOLD_LABEL[r.goldFrom]}${r.goldFrom === 'entry' ? ` ${relative(process.cwd(), entryPath(r.seed))}` : ''}` +
        `   原文 / text: ${r.textFrom === 'entry' ? '条目正文 / entry body' : '种子原文 / seed text'}`,
    );
    console.log(
      `  真阳性 TP ${s.truePositives.length}   误报 FP ${s.falsePositives.length}   漏报 FN ${s.falseNegatives.length}` +
        `   精确率 precision ${pct(s.precision)}   召回率 recall ${pct(s.recall)}`,
    );
    for (const f of s.falsePositives)
      console.log(`    误报 / FP  ${f.key} = ${f.value}${f.expected !== undefined ? `（应为 / expected ${f.expected}）` : ''}  «${f.quote}»`);
    for (const f of s.falseNegatives) console.log(`    漏报 / FN  ${f.key} = ${f.value}`);
    console.log();
  }
  const o = overall(results);
  console.log(
    `合计 / overall   TP ${o.tp}   FP ${o.fp}   FN ${o.fn}   精确率 precision ${pct(o.precision)}   召回率 recall ${pct(o.recall)}`,
  );
  const met = (o.precision ?? 0) >= TARGET.precision && (o.recall ?? 0) >= TARGET.recall;
  console.log(
    `目标 / target: 精确率 precision ≥ ${TARGET.precision * 100}%，召回率 recall ≥ ${TARGET.recall * 100}%  →  ${met ? '达到 / met' : '未达到 / not met'}`,
  );
  if (results.some((r) => r.goldFrom === 'none')) console.log('注意 / note: 部分种子没有标准值 / some seeds have no gold values.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    // A measurement reports its failure and still exits 0.
    console.error(`评估出错 / evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exit(0);
}
