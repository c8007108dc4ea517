/**
 * Validates a content directory without Astro, the same rules the build applies, and reports
 * every problem at once with file, line and field. Used by `npm run check`.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildPlaceTree } from '../places/tree';
import { placesFile, readPlaces } from '../places/load';
import { entryProblems, parseEntryId, type EntryInput, type Problem } from './validate';
import { assessCompliance, outline } from '../figures/compliance';
import { formatDate } from '../figures/format';
import { PREFILL_NOTE } from '../import/importer';
import { listReportFiles } from './files';
import { isDraft } from './published';
import { siteLinkProblems, type LinkingEntry } from './links';
import { readReportFile } from './report-file';
import { lineOfPath, type ParsedYaml } from './yaml';

export interface CheckedProblem extends Problem {
  severity: 'error' | 'warning';
}

/** Dates that cannot be right (errors) and the regulation's requirements (warnings). */
function dateAndComplianceProblems(
  file: string,
  yaml: ParsedYaml,
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
      line: lineOfPath(yaml, ['publishedDate'], 1),
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
      line: lineOfPath(yaml, ['publishedDate'], 1),
      severity: 'warning',
      message: `发布日期晚于截止日期 ${formatDate(c.deadline)}（应于次年4月1日前公开）/ published after the deadline (before 1 April of the following year)`,
    });
  }
  return out;
}

export async function checkContent(contentDir: string, cwd = process.cwd()): Promise<CheckedProblem[]> {
  const problems: CheckedProblem[] = [];
  const rel = (f: string) => relative(cwd, f) || f;
  const error = (p: Problem): CheckedProblem => ({ ...p, severity: 'error' });

  // Places
  const places = readPlaces(contentDir, rel(placesFile(contentDir)));
  problems.push(...places.problems.map(error));
  const tree = buildPlaceTree(places.rows);
  for (const p of tree.problems) problems.push(error({ file: rel(placesFile(contentDir)), line: places.lineOf(p.id), field: p.id, message: p.message }));
  const placeIds = new Set(tree.places.keys());

  // Reports: the files, then each entry exactly as the reports loader reads it.
  const reportsDir = join(contentDir, 'reports');
  const listing = listReportFiles(reportsDir, cwd);
  problems.push(...listing.problems.map(error));
  const entries: Pick<EntryInput, 'file' | 'id' | 'data'>[] = [];
  const linking: LinkingEntry[] = [];
  const published = new Set<string>();
  const drafts = new Set<string>();
  for (const id of listing.ids) {
    const path = join(reportsDir, `${id}.mdx`);
    const file = rel(path);
    const r = readReportFile(readFileSync(path, 'utf8'), file);
    problems.push(...r.problems.map(error));
    // Cross-entry checks run even when the schema failed, so every problem shows at once.
    const data = r.data ?? { year: typeof r.raw?.year === 'number' ? r.raw.year : NaN, indicators: {} };
    entries.push({ file, id, data });
    const where = parseEntryId(id);
    if (where && r.raw) {
      (isDraft(r.raw) ? drafts : published).add(id);
      if (!isDraft(r.raw)) linking.push({ file, ...where, links: r.result.links });
    }
    if (r.data && r.yaml) {
      problems.push(...dateAndComplianceProblems(file, r.yaml, r.data, r.body));
      if (!isDraft(r.data)) {
        for (const [key, v] of Object.entries(r.data.indicators)) {
          if (v.note?.startsWith(PREFILL_NOTE)) {
            problems.push({
              file,
              field: `indicators.${key}.note`,
              line: lineOfPath(r.yaml, ['indicators', key, 'note'], 1),
              severity: 'warning',
              message: `自动提取的指标尚未核对，发布前请核对数值与引文并删除“${PREFILL_NOTE}” / an extracted indicator is still unconfirmed in a published entry; check it and remove the note`,
            });
          }
        }
      }
    }
  }
  // Body problems came with each file; here where entries live and where their links lead.
  for (const e of entries) problems.push(...entryProblems(e, placeIds, []).map(error));
  problems.push(...siteLinkProblems(linking, { published, drafts, placeIds, publicDir: join(cwd, 'public') }).map(error));
  return problems;
}
