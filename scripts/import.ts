/**
 * `npm run import -- <file.txt|file.docx> [--place <id>] [--year <y>] [--out <content dir>] [--dry-run]`:
 * turns a report copied as plain text, or a Word document, into `reports/<place id>/<year>.mdx`.
 * A new entry is written as a draft with the indicators the extractor finds, each marked for
 * checking. Re-runnable: an existing entry keeps its hand-edited fields (indicators, source.url,
 * source.site, draft).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importDocx } from '../src/lib/docx';
import { ImportError, importText, keepHandEdited, loadPlaces, PREFILL_NOTE, type ImportOptions, type ImportResult, type PlaceRef } from '../src/lib/importer';
import { mdxFile, splitMdxFile } from '../src/lib/mdx';
import { contentDir } from '../src/lib/paths';
import { reportSchema } from '../src/schemas/report';

const USAGE = `用法 / usage:
  npm run import -- <file.txt|file.docx> [--place <地区id>] [--year <年度>] [--out <内容目录>] [--dry-run]

把法治政府建设年度报告（从政府网站复制的纯文本 .txt，或 Word 文档 .docx）导入为
reports/<地区id>/<年度>.mdx。Word 文档的各级标题取自标题样式（标题 1/2/3），否则按“一、”“（一）”“1.”
编号识别；表格保留，图片和批注删除并提示。新条目写为草稿（draft: true），并预填自动提取的指标，
每项注明“${PREFILL_NOTE}”，请逐项核对后删去该注明。
Imports a report (plain text or a Word .docx) as reports/<place id>/<year>.mdx. Word headings come
from heading styles, else from the numbering; tables are kept, images and comments dropped with a
warning. A new entry is a draft with indicators prefilled by the extractor, each noted as to be
checked.

  --place <id>   地区 id，如 guangdong/shenzhen/baoan；省略时从标题、发文机关或首句识别
                 place id; inferred from the title, issuer or first sentence when omitted
  --year <y>     报告年度；省略时从标题或首句识别 / report year; found in the text when omitted
  --out <dir>    内容目录（含 places.yaml 与 reports/），默认 $CONTENT_DIR 或 ./content
                 content dir (with places.yaml and reports/); default $CONTENT_DIR or ./content
  --dry-run      只显示结果，不写文件 / print the result, write nothing
  -h, --help     显示本说明 / show this help

可一次导入多个文件（此时不能用 --place/--year）。重新导入时保留已有文件中手工编辑的
indicators、source.url、source.site、draft（已发布的条目仍为发布状态，指标不被覆盖）。
Several files may be given (then without --place/--year). Re-importing keeps the hand-edited
indicators, source.url, source.site and draft of an existing entry (a published entry stays
published; its indicators are never overwritten).`;

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
    io.error(`请指定要导入的文件（.txt 或 .docx）/ give the file to import (.txt or .docx)\n\n${USAGE}`);
    return 1;
  }
  if (files.length > 1 && (values.place || values.year)) {
    io.error('一次导入多个文件时不能用 --place 或 --year / --place and --year apply to one file only');
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
  const out = (values.out ?? contentDir).replace(/\/+$/, '');
  let places: PlaceRef[];
  try {
    places = loadPlaces(out);
  } catch (e) {
    io.error((e as Error).message);
    return 1;
  }

  let failed = 0;
  for (const file of files) {
    if (!(await importOne(file, { placeId: values.place, year, places, out, dryRun: values['dry-run'] }, io))) failed++;
  }
  if (files.length > 1) io.log(`\n完成 ${files.length - failed}/${files.length} 个 / imported ${files.length - failed} of ${files.length}`);
  return failed ? 1 : 0;
}

/** Imports one file by its extension: .docx as Word, .doc refused, anything else as plain text. */
async function importFile(file: string, bytes: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const ext = extname(file).toLowerCase();
  if (ext === '.docx') return importDocx(bytes, opts);
  if (ext === '.doc') {
    throw new ImportError('不支持旧版 .doc 文件，请在 Word 中“另存为” .docx 后再导入 / old .doc files are not supported; save the file as .docx in Word first', 'unreadable');
  }
  return importText(bytes.toString('utf8'), opts);
}

async function importOne(
  file: string,
  o: { placeId?: string; year?: number; places: PlaceRef[]; out: string; dryRun: boolean },
  io: Io,
): Promise<boolean> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    io.error(`${file}: 无法读取文件 / cannot read the file`);
    return false;
  }
  let result;
  try {
    result = await importFile(file, bytes, { placeId: o.placeId, year: o.year, places: o.places });
  } catch (e) {
    if (e instanceof ImportError) {
      io.error(`${file}: ${e.message}`);
      return false;
    }
    throw e;
  }

  const target = `${o.out}/reports/${result.placeId}/${result.year}.mdx`;
  const exists = existsSync(target);
  let frontmatter = result.frontmatter;
  let kept: string[] = [];
  if (exists) {
    try {
      ({ frontmatter, kept } = keepHandEdited(result.frontmatter, splitMdxFile(readFileSync(target, 'utf8')).data));
    } catch (e) {
      io.error(`${target}: 现有文件的 frontmatter 无法解析，未覆盖 / cannot parse the existing frontmatter; not overwritten (${(e as Error).message})`);
      return false;
    }
  }
  const checked = reportSchema.safeParse(frontmatter);
  if (!checked.success) {
    io.error(`${target}: 生成的 frontmatter 不符合要求 / the generated frontmatter is invalid:\n${checked.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    return false;
  }
  const mdx = mdxFile(frontmatter as unknown as Record<string, unknown>, result.body);

  const shown = relative(process.cwd(), target) || target;
  const headings = [2, 3, 4].map((d) => (result.body.match(new RegExp(`^#{${d}} `, 'gm')) ?? []).length);
  const fm = frontmatter;
  io.log(
    [
      `${o.dryRun ? '试运行，未写入 / dry run, not written' : exists ? '已更新 / updated' : '已新建 / created'}: ${shown}  (${file})`,
      `  标题 / title: ${fm.title}${fm.titleInferred ? '（拟定 / inferred）' : ''}`,
      `  年度 / year: ${fm.year} · 发文机关 / issuer: ${fm.issuer}`,
      `  成文日期 / signed: ${fm.documentDate ?? '—'} · 发布日期 / published: ${fm.publishedDate ?? '—'} · 发布者 / publisher: ${fm.source?.publisher ?? '—'}`,
      `  标题数 / headings: 二级 h2 ${headings[0]}, 三级 h3 ${headings[1]}, 四级 h4 ${headings[2]} · 句子 / sentences: ${result.sentences.length}`,
      ...(kept.length ? [`  保留手工字段 / kept hand-edited fields: ${kept.join(', ')}`] : []),
      ...(exists
        ? []
        : [
            `  新条目为草稿 / new entry, written as a draft (draft: true)`,
            `  预填指标 / prefilled indicators: ${Object.keys(fm.indicators).length} 项，均注明“${PREFILL_NOTE}”，请核对 / each noted as to be checked`,
          ]),
      ...result.warnings.map((w) => `  注意 / note: ${w}`),
    ].join('\n'),
  );
  if (o.dryRun) {
    io.log(mdx);
    return true;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, mdx);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
