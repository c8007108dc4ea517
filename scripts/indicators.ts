/**
 * `npm run indicators -- <entry.mdx | file.txt> [--year <y>] [--yaml] [--all]`: proposes indicator values with
 * the phrase that states each, for an editor to check against the report and paste into the
 * entry's frontmatter. Thin over src/lib/figures/extract.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { extractCandidates, extractIndicators, proposalsToFrontmatter, type Proposal } from '../src/lib/figures/extract';
import { formatValue } from '../src/lib/figures/format';
import { getIndicator } from '../src/lib/figures/indicators';
import { frontmatterToYaml, mdxToPlainText, splitMdxFile } from '../src/lib/content/mdx';

const USAGE = `用法 / usage:
  npm run indicators -- <条目.mdx | 报告.txt> [--year <年度>] [--yaml] [--all]

从报告正文中找出关键指标的数值及陈述该数值的原句片段，供核对后填入 frontmatter 的 indicators。
Proposes key indicator values, each with the exact phrase that states it, to check and paste into
the entry's frontmatter \`indicators\`.

  --year <y>  报告年度：句中先提到其他年份的数值不予建议；.mdx 条目默认取 frontmatter 的 year
              report year: values in a sentence that first names another year are left out;
              defaults to the frontmatter year of an .mdx entry
  --yaml      只输出可粘贴进 frontmatter 的 YAML / print only YAML to paste into the frontmatter
  --all       列出所有匹配的句子（含未采用的）/ list every matching phrase, also those not chosen
  -h, --help  显示本说明 / show this help

.mdx/.md 条目读取正文（跳过 frontmatter，还原 Markdown 转义）；其他文件按纯文本读取。
For .mdx/.md entries the body is read (frontmatter skipped, Markdown escapes resolved); other
files are read as plain text.

建议值必须逐条对照原文核对：抽取器宁缺毋滥，只在句子明确陈述本级政府整体数值时才给出。
Check every proposal against the report: the extractor prefers leaving a value out to guessing.`;

/** Terminal columns a string takes: CJK and full-width characters take two. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function table(rows: readonly Proposal[]): string {
  const head = ['指标 key', '名称 label', '数值 value', '约数 approx', '置信 conf', '引文 quote'];
  const body = rows.map((p) => [p.key, getIndicator(p.key).label, formatValue(getIndicator(p.key), p), p.approximate ? '是 yes' : '', p.confidence.toFixed(2), `«${p.quote}»${p.note ? `  (${p.note})` : ''}`]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]))));
  return [head, ...body].map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join('  ')).join('\n');
}

/** The text to read, and the report year an entry states. */
function readText(file: string): { text: string; year?: number } {
  const src = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const ext = extname(file).toLowerCase();
  if (ext !== '.mdx' && ext !== '.md') return { text: src };
  const { year } = splitMdxFile(src).data;
  return { text: mdxToPlainText(src), ...(typeof year === 'number' && { year }) };
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { year: { type: 'string' }, yaml: { type: 'boolean' }, all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`参数错误 / bad arguments: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`请给出一个文件 / give exactly one file.\n\n${USAGE}`);
    return 2;
  }
  const [file] = positionals;
  if (!existsSync(file)) {
    console.error(`找不到文件 / file not found: ${file}`);
    return 1;
  }

  let yearArg: number | undefined;
  if (values.year !== undefined) {
    yearArg = Number(values.year);
    if (!/^\d{4}$/.test(values.year)) {
      console.error(`年度必须是四位数字，如 2023（现为“${values.year}”）/ --year must be a four-digit year like 2023 (got "${values.year}")`);
      return 2;
    }
  }

  let text: string;
  let year: number | undefined;
  try {
    ({ text, year } = readText(file));
  } catch (e) {
    console.error(`无法读取 ${file}：正文不是有效的 MDX，请先运行 npm run check / cannot read ${file}: the body is not valid MDX; run npm run check first.\n  ${(e as Error).message}`);
    return 1;
  }

  year = yearArg ?? year;
  const proposals = extractIndicators(text, { year });
  if (values.yaml) {
    if (proposals.length) process.stdout.write(frontmatterToYaml({ indicators: proposalsToFrontmatter(proposals) }));
    else console.error('未找到可建议的指标 / no indicator found to propose.');
    return 0;
  }

  const yearNote = year ? `（${year} 年度 / year ${year}）` : '';
  console.log(`${file}${yearNote}: 建议 ${proposals.length} 项指标 / ${proposals.length} indicator(s) proposed\n`);
  if (proposals.length) console.log(table(proposals));
  if (values.all) {
    const all = extractCandidates(text, { year });
    console.log(`\n全部匹配 / every match (${all.length}):\n`);
    if (all.length) console.log(table(all));
  }
  if (proposals.length) console.log('\n用 --yaml 输出可粘贴的 YAML；请逐条对照原文核对。/ Use --yaml for YAML to paste; check each value against the report.');
  return 0;
}

process.exit(main());
