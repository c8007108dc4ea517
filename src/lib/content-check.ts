/**
 * Validates a content directory without Astro, the same rules the build applies, and reports
 * every problem at once with file, line and field. Used by `npm run check`.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument, LineCounter, isMap, isNode, isScalar, isSeq } from 'yaml';
import { compile } from '@mdx-js/mdx';
import { findUnsafeNodes } from './mdx-safety';
import remarkGfm from 'remark-gfm';
import { placeSchema, type PlaceData } from '../schemas/place';
import { buildPlaceTree } from './places';
import { reportSchema } from '../schemas/report';
import { splitFrontmatter, validateEntries, type EntryInput, type Problem } from './validate';
import { assessCompliance, outline } from './compliance';
import { formatDate } from './format';
import { PREFILL_NOTE } from './importer';

export interface CheckedProblem extends Problem {
  line?: number;
  severity: 'error' | 'warning';
}

function listMdx(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => join(dir, f))
    .sort();
}

/** Line (1-based, in the whole file) of the YAML node at `path`, or of the closest ancestor that exists. */
/**
 * Line in the file of the YAML key at `path` (or of the closest ancestor that exists); `offset` is
 * the number of file lines before the YAML (1 for the `---` of frontmatter).
 */
function lineOf(doc: ReturnType<typeof parseDocument>, lc: LineCounter, path: (string | number)[], offset = 1): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const parent = doc.getIn(path.slice(0, n - 1), true);
    const last = path[n - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line + offset;
  }
  return undefined;
}

/** The fields cross-entry checks need, from frontmatter that failed the schema. */
function looseData(raw: unknown): EntryInput['data'] {
  const r = (raw ?? {}) as { year?: unknown; indicators?: unknown };
  const indicators: EntryInput['data']['indicators'] = {};
  if (r.indicators && typeof r.indicators === 'object' && !Array.isArray(r.indicators)) {
    for (const [k, v] of Object.entries(r.indicators as Record<string, { quote?: unknown; value?: unknown }>)) {
      if (typeof v?.quote === 'string') indicators[k] = { quote: v.quote, value: Number(v.value) };
    }
  }
  return { year: typeof r.year === 'number' ? r.year : NaN, indicators };
}

/** Dates that cannot be right (errors) and the regulation's requirements (warnings). */
function dateAndComplianceProblems(
  file: string,
  doc: ReturnType<typeof parseDocument>,
  lc: LineCounter,
  data: { year: number; publishedDate?: Date; documentDate?: Date },
  body: string,
): CheckedProblem[] {
  const out: CheckedProblem[] = [];
  const yearEnd = new Date(Date.UTC(data.year, 11, 31));
  // A report may be signed in December of its year (004 was), but not published before the year is over.
  const d = data.publishedDate;
  if (d && d.getTime() < yearEnd.getTime()) {
    out.push({
      file,
      field: 'publishedDate',
      line: lineOf(doc, lc, ['publishedDate']),
      severity: 'error',
      message: `发布日期 ${formatDate(d)} 早于报告年度结束（${data.year}年12月31日），请核对年度或日期 / published before the end of the report year ${data.year}`,
    });
  }
  const c = assessCompliance({ year: data.year, publishedDate: data.publishedDate, ...outline(body) });
  for (const part of c.missing) {
    out.push({
      file,
      severity: 'warning',
      message: `未找到必备内容“${part.label}”（按 2019 年《法治政府建设与责任落实督察工作规定》，报告应包括该部分；请检查标题）/ required part not found: ${part.key}`,
    });
  }
  if (c.timeliness === 'late') {
    out.push({
      file,
      field: 'publishedDate',
      line: lineOf(doc, lc, ['publishedDate']),
      severity: 'warning',
      message: `发布日期晚于截止日期 ${formatDate(c.deadline)}（应于次年4月1日前公开）/ published after the deadline (before 1 April of the following year)`,
    });
  }
  return out;
}

export async function checkContent(contentDir: string, cwd = process.cwd()): Promise<CheckedProblem[]> {
  const problems: CheckedProblem[] = [];
  const rel = (f: string) => relative(cwd, f) || f;

  // Places
  const placesFile = join(contentDir, 'places.yaml');
  const placeIds = new Set<string>();
  if (!existsSync(placesFile)) {
    problems.push({ file: rel(placesFile), severity: 'error', message: '缺少地区数据文件 / places.yaml is missing' });
  } else {
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(placesFile, 'utf8'), { lineCounter: lc });
    for (const e of doc.errors) {
      problems.push({ file: rel(placesFile), line: e.linePos?.[0].line, severity: 'error', message: `YAML 格式错误 / YAML syntax error: ${e.message}` });
    }
    const list = doc.toJS();
    const rows: PlaceData[] = [];
    (Array.isArray(list) ? list : []).forEach((item, i) => {
      const r = placeSchema.safeParse(item);
      if (r.success) rows.push(r.data);
      else
        for (const issue of r.error.issues)
          problems.push({ file: rel(placesFile), line: lineOf(doc, lc, [i, ...issue.path], 0), field: `${item?.id ?? i}.${issue.path.join('.')}`, severity: 'error', message: issue.message });
    });
    const tree = buildPlaceTree(rows);
    for (const p of tree.problems) {
      const i = rows.findIndex((r) => r.id === p.id);
      problems.push({ file: rel(placesFile), line: lineOf(doc, lc, [i], 0), field: p.id, severity: 'error', message: p.message });
    }
    for (const id of tree.places.keys()) placeIds.add(id);
  }

  // Reports
  const reportsDir = join(contentDir, 'reports');
  const entries: EntryInput[] = [];
  for (const file of listMdx(reportsDir)) {
    if (file.endsWith('.md')) {
      problems.push({ file: rel(file), severity: 'error', message: '报告文件扩展名必须是 .mdx，.md 文件不会被发布 / report files must end in .mdx; .md files are not published' });
    }
    const src = readFileSync(file, 'utf8');
    const parts = splitFrontmatter(src);
    if (!parts) {
      problems.push({ file: rel(file), line: 1, severity: 'error', message: '文件开头缺少以 --- 包围的元数据 / the file must start with frontmatter between --- lines' });
      continue;
    }
    const lc = new LineCounter();
    const doc = parseDocument(parts.yaml, { lineCounter: lc });
    if (doc.errors.length) {
      for (const e of doc.errors)
        problems.push({ file: rel(file), line: (e.linePos?.[0].line ?? 0) + 1, severity: 'error', message: `元数据 YAML 格式错误 / frontmatter YAML syntax error: ${e.message}` });
      continue;
    }
    const parsed = reportSchema.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ file: rel(file), line: lineOf(doc, lc, issue.path), field: issue.path.join('.') || undefined, severity: 'error', message: issue.message });
    }
    try {
      const bodyLine = parts.bodyLine;
      const collectUnsafe = () => (tree: Parameters<typeof findUnsafeNodes>[0]) => {
        for (const u of findUnsafeNodes(tree))
          problems.push({ file: rel(file), line: u.line ? u.line + bodyLine - 1 : undefined, severity: 'error', message: u.message });
      };
      await compile(parts.body, { remarkPlugins: [remarkGfm, collectUnsafe] });
    } catch (err) {
      const e = err as { line?: number; place?: { line?: number; start?: { line: number } }; reason?: string; message: string };
      const line = e.line ?? e.place?.line ?? e.place?.start?.line;
      problems.push({
        file: rel(file),
        line: line ? line + parts.bodyLine - 1 : undefined,
        severity: 'error',
        message: `正文 MDX 语法错误（“<”“{”等符号须写作“\\<”“\\{”）/ MDX syntax error in the body: ${e.reason ?? e.message}`,
      });
    }
    {
      const id = relative(reportsDir, file).replace(/\.mdx?$/, '');
      // Cross-entry checks run even when the schema failed, so every problem shows at once.
      const data = parsed.success ? parsed.data : looseData(doc.toJS());
      const twin = entries.find((e) => e.id === id);
      if (twin) {
        problems.push({ file: rel(file), severity: 'error', message: `与 ${twin.file} 是同一地区同一年度的报告，只能保留一份 / duplicate report for the same place and year as ${twin.file}` });
      }
      entries.push({ file: rel(file), id, body: parts.body, data });
      if (parsed.success) {
        problems.push(...dateAndComplianceProblems(rel(file), doc, lc, parsed.data, parts.body));
        if (!parsed.data.draft) {
          for (const [key, v] of Object.entries(parsed.data.indicators)) {
            if (v.note?.startsWith(PREFILL_NOTE)) {
              problems.push({
                file: rel(file),
                field: `indicators.${key}.note`,
                line: lineOf(doc, lc, ['indicators', key, 'note']),
                severity: 'warning',
                message: `自动提取的指标尚未核对，发布前请核对数值与引文并删除“${PREFILL_NOTE}” / an extracted indicator is still unconfirmed in a published entry; check it and remove the note`,
              });
            }
          }
        }
      }
    }
  }
  for (const p of validateEntries(entries, placeIds)) problems.push({ ...p, severity: 'error' });
  return problems;
}
