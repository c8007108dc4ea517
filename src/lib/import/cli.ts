/**
 * The import CLI (`npm run import`, scripts/import.ts): its arguments, the files a folder holds,
 * each file read, imported and saved, a report per file and a summary table of a batch. One broken
 * file never stops the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { encodingLabel } from './encoding';
import { IMPORT_EXTENSIONS, readSource } from './read';
import { ImportError, importSource, loadPlaces, PREFILL_NOTE, saveEntry, type ImportOptions, type ImportResult, type PlaceRef } from './importer';
import { buildConfig } from '../config';

const USAGE = `用法 / usage:
  npm run import -- <文件或文件夹…> [--place <地区id>] [--year <年度>] [--out <内容目录>] [--force] [--dry-run]

把法治政府建设年度报告（保存的网页 .html/.htm、PDF、Word 文档 .docx，或从网站复制的纯文本 .txt）导入为
reports/<地区id>/<年度>.mdx。给出文件夹时导入其中（含子文件夹）全部可导入的文件，最后列出汇总表。Word 文档的各级标题取自标题样式（标题 1/2/3），否则按“一、”“（一）”“1.”
编号识别；表格保留，图片和批注删除并提示。新条目写为草稿（draft: true），并预填自动提取的指标，
每项注明“${PREFILL_NOTE}”，请逐项核对后删去该注明。
Imports a report (a saved web page, a PDF, a Word .docx or plain text) as
reports/<place id>/<year>.mdx; a folder imports every importable file in it, with a summary table. Word headings come
from heading styles, else from the numbering; tables are kept, images and comments dropped with a
warning. A new entry is a draft with indicators prefilled by the extractor, each noted as to be
checked. A .txt may be UTF-8, UTF-16 or GBK/GB18030 (Big5 too); the encoding is detected.

  --place <id>   地区 id，如 guangdong/shenzhen/baoan；省略时从标题、发文机关或首句识别
                 place id; inferred from the title, issuer or first sentence when omitted
  --year <y>     报告年度；省略时从标题或首句识别 / report year; found in the text when omitted
  --out <dir>    内容目录（含 places.yaml 与 reports/），默认 $CONTENT_DIR 或 ./content
                 content dir (with places.yaml and reports/); default $CONTENT_DIR or ./content
  --force        替换已发布的条目（原文件先备份为同一文件夹中的 <年度>.mdx.bak-<时间>）
                 replace a published entry (the old file is first copied to <year>.mdx.bak-<time> next to it)
  --dry-run      只显示结果，不写文件 / print the result, write nothing
  -h, --help     显示本说明 / show this help

可一次导入多个文件（此时不能用 --place/--year）。重新导入草稿（draft: true）时保留其中手工编辑的
indicators、source.url、source.site、draft。已发布的条目（没有 draft: true）不会被覆盖：导入报错退出，
文件不变；确需替换时加 --force，原文件先备份，替换后仍为发布状态，指标不被覆盖。
Several files may be given (then without --place/--year). Re-importing over a draft (draft: true)
keeps its hand-edited indicators, source.url, source.site and draft. A published entry (no
draft: true) is never overwritten: the import fails and leaves it as it is. With --force it is
replaced after a backup, stays published, and keeps its indicators.`;

export interface Io {
  log: (s: string) => void;
  error: (s: string) => void;
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = { log: console.log, error: console.error }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        place: { type: 'string' },
        year: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (e) {
    io.error(`参数有误 / bad arguments: ${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.log(USAGE);
    return 0;
  }
  if (!files.length) {
    io.error(`请指定要导入的文件或文件夹 / give the files or folders to import\n\n${USAGE}`);
    return 1;
  }
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year)) {
      io.error(`年度应为四位数字，如 2023（现为“${values.year}”）/ --year must be a 4-digit year like 2023 (got "${values.year}")`);
      return 1;
    }
  }
  const out = (values.out ?? buildConfig().contentDir).replace(/\/+$/, '');
  let places: PlaceRef[];
  try {
    places = loadPlaces(out);
  } catch (e) {
    io.error((e as Error).message);
    return 1;
  }

  const inputs = expandInputs(files);
  if (inputs.length > 1 && (values.place || values.year)) {
    io.error('一次导入多个文件（或一个文件夹）时不能用 --place 或 --year / --place and --year apply to one file only');
    return 1;
  }
  const rows: SummaryRow[] = [];
  for (const input of inputs) {
    if ('error' in input) {
      io.error(`${input.file}: ${input.error}`);
      rows.push({ file: input.file, outcome: '失败 / failed' });
      continue;
    }
    rows.push(await importOne(input.file, { placeId: values.place, year, places, out, force: values.force, dryRun: values['dry-run'] }, io));
  }
  const failed = rows.filter((r) => r.failed || r.outcome.startsWith('失败')).length;
  if (rows.length > 1) io.log(`\n${summaryTable(rows)}\n\n完成 ${rows.length - failed}/${rows.length} 个 / imported ${rows.length - failed} of ${rows.length}`);
  return failed ? 1 : 0;
}

/** One line of the summary of a batch. */
interface SummaryRow {
  file: string;
  place?: string;
  year?: number;
  title?: string;
  outcome: string;
  failed?: boolean;
}

/**
 * The files to import: each file given, and every importable file (IMPORT_EXTENSIONS) in each
 * directory given, recursively, in name order. A path that cannot be read is kept as an error row.
 */
export function expandInputs(paths: readonly string[]): ({ file: string } | { file: string; error: string })[] {
  const out: ({ file: string } | { file: string; error: string })[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      out.push({ file: path, error: '找不到该文件或文件夹 / no such file or directory' });
      continue;
    }
    if (!stat.isDirectory()) {
      out.push({ file: path });
      continue;
    }
    const found = readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((f) => (IMPORT_EXTENSIONS as readonly string[]).includes(extname(f).toLowerCase()))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .map((f) => ({ file: join(path, f) }));
    if (!found.length) out.push({ file: path, error: `文件夹中没有可导入的文件（${IMPORT_EXTENSIONS.join(' ')}）/ no importable files in this folder` });
    out.push(...found);
  }
  return out;
}

/** The summary of a batch as an aligned text table: file → place, year, title, outcome. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const header = ['文件 / file', '地区 / place', '年度 / year', '标题 / title', '结果 / outcome'];
  const cells = rows.map((r) => [r.file, r.place ?? '—', r.year ? String(r.year) : '—', r.title ?? '—', r.outcome]);
  // East Asian characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const line = (c: string[]) => c.map((x, i) => (i === c.length - 1 ? x : x + ' '.repeat(widths[i] - width(x)))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Reads and imports one file of any supported format (src/lib/import/read.ts). */
async function importFile(file: string, bytes: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const src = await readSource(file, bytes);
  return { ...importSource(src, opts), ...(src.encoding ? { encoding: src.encoding } : {}) };
}

async function importOne(
  file: string,
  o: { placeId?: string; year?: number; places: PlaceRef[]; out: string; force: boolean; dryRun: boolean },
  io: Io,
): Promise<SummaryRow> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    io.error(`${file}: 无法读取文件 / cannot read the file`);
    return { file, outcome: '失败：无法读取 / failed: unreadable', failed: true };
  }
  let result;
  let saved;
  try {
    result = await importFile(file, bytes, { placeId: o.placeId, year: o.year, places: o.places });
    saved = saveEntry(o.out, result, { force: o.force, dryRun: o.dryRun });
  } catch (e) {
    // One broken file never stops a batch: its row says why, and the run exits 1.
    const message = e instanceof ImportError ? e.message : `导入时出错 / unexpected error: ${(e as Error).message}`;
    io.error(`${file}: ${message}`);
    return { file, place: result?.placeId, year: result?.year, title: result?.frontmatter.title, outcome: `失败 / failed: ${message.split(' / ')[0].slice(0, 40)}`, failed: true };
  }

  const shown = (path: string) => relative(process.cwd(), path) || path;
  const headings = [2, 3, 4].map((d) => (result.body.match(new RegExp(`^#{${d}} `, 'gm')) ?? []).length);
  const fm = saved.frontmatter;
  io.log(
    [
      `${o.dryRun ? '试运行，未写入 / dry run, not written' : saved.existed ? '已更新 / updated' : '已新建 / created'}: ${shown(saved.target)}  (${file})`,
      ...(result.encoding && result.encoding !== 'UTF-8' ? [`  编码 / encoding: ${encodingLabel(result.encoding)}，已转换为 UTF-8 / converted to UTF-8`] : []),
      ...(saved.backup ? [`  已发布条目，原文件已备份到 / published entry; the old file is backed up at: ${shown(saved.backup)}`] : []),
      ...(saved.placesAdded?.length ? [`  新增地区 / places added: ${saved.placesAdded.join(', ')}`] : []),
      ...(o.dryRun && saved.published && !o.force ? [`  已发布条目：正式导入需加 --force（会先备份）/ published entry: a real import needs --force (with a backup)`] : []),
      `  标题 / title: ${fm.title}${fm.titleInferred ? '（拟定 / inferred）' : ''}`,
      `  年度 / year: ${fm.year} · 发文机关 / issuer: ${fm.issuer}`,
      `  成文日期 / signed: ${fm.documentDate ?? '—'} · 发布日期 / published: ${fm.publishedDate ?? '—'} · 发布者 / publisher: ${fm.source?.publisher ?? '—'}`,
      `  标题数 / headings: 二级 h2 ${headings[0]}, 三级 h3 ${headings[1]}, 四级 h4 ${headings[2]} · 句子 / sentences: ${result.sentences.length}`,
      ...(saved.kept.length ? [`  保留手工字段 / kept hand-edited fields: ${saved.kept.join(', ')}`] : []),
      ...(saved.existed
        ? []
        : [
            `  新条目为草稿 / new entry, written as a draft (draft: true)`,
            `  预填指标 / prefilled indicators: ${Object.keys(fm.indicators).length} 项，均注明“${PREFILL_NOTE}”，请核对 / each noted as to be checked`,
          ]),
      ...result.warnings.map((w) => `  注意 / note: ${w}`),
    ].join('\n'),
  );
  if (o.dryRun) io.log(saved.mdx);
  const outcome = o.dryRun ? '试运行 / dry run' : saved.existed ? '已更新 / updated' : '已新建 / created';
  return { file, place: result.placeId, year: fm.year, title: fm.title, outcome };
}
