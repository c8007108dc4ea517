/**
 * One report file, read and judged: frontmatter through the content YAML reader (./yaml.ts) and
 * the report schema, the body through the body renderer (./body.ts) and the body checks of
 * ../validate.ts. The reports loader (the build) and `npm run check` both call `readReportFile`,
 * so what one accepts the other accepts, and every problem of a file is found in one pass.
 */
import { reportSchema, type ReportData } from '../../schemas/report';
import { bodyProblems, type Problem } from './validate';
import { renderReportBody, type BodyResult } from './body';
import { lineOfPath, parseYaml, splitFrontmatter, type ParsedYaml } from './yaml';

export interface ReportFile {
  /** The frontmatter as the schema parsed it; absent when it has problems. */
  data?: ReportData;
  /** The frontmatter as written (for cross-entry checks when the schema failed). */
  raw?: Record<string, unknown>;
  yaml?: ParsedYaml;
  body: string;
  /** Line of the file where the body starts (1-based). */
  bodyLine: number;
  /** The rendered body (absent when it has problems) and the site links it makes. */
  result: BodyResult;
  problems: Problem[];
}

/** The indicators' quotes, from frontmatter that may have failed the schema. */
function looseQuotes(raw: unknown): Record<string, { quote: string; value: number }> {
  const out: Record<string, { quote: string; value: number }> = {};
  const indicators = (raw as { indicators?: unknown } | undefined)?.indicators;
  if (indicators && typeof indicators === 'object' && !Array.isArray(indicators)) {
    for (const [k, v] of Object.entries(indicators as Record<string, { quote?: unknown; value?: unknown }>)) {
      if (typeof v?.quote === 'string') out[k] = { quote: v.quote, value: Number(v.value) };
    }
  }
  return out;
}

/** Reads the report file `src` (named `file` in problems): its data, rendered body and every problem. */
export function readReportFile(src: string, file: string): ReportFile {
  const parts = splitFrontmatter(src);
  if (!parts) {
    return {
      body: src,
      bodyLine: 1,
      result: { problems: [], links: [] },
      problems: [{ file, line: 1, message: '文件开头缺少以 --- 包围的元数据 / the file must start with frontmatter between --- lines' }],
    };
  }
  const problems: Problem[] = [];
  const yaml = parseYaml(parts.yaml);
  // Frontmatter starts on line 2 of the file, after its `---`.
  for (const p of yaml.problems) problems.push({ file, line: p.line ? p.line + 1 : undefined, message: `元数据：${p.message}` });
  const raw = yaml.problems.length ? undefined : ((yaml.value ?? {}) as Record<string, unknown>);
  let data: ReportData | undefined;
  if (raw) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ file, line: 2, message: '元数据应是“字段: 值”的列表 / frontmatter must be a mapping of fields' });
    } else {
      const parsed = reportSchema.safeParse(raw);
      if (parsed.success) data = parsed.data;
      else
        for (const issue of parsed.error.issues)
          problems.push({ file, line: lineOfPath(yaml, issue.path, 1), field: issue.path.join('.') || undefined, message: issue.message });
    }
  }
  const indicators = data?.indicators ?? looseQuotes(raw);
  const result = renderReportBody(parts.body, indicators, file);
  const atLine = (line?: number) => (line ? line + parts.bodyLine - 1 : undefined);
  for (const p of result.problems) problems.push({ file, line: atLine(p.line), field: p.field, message: p.message });
  problems.push(...bodyProblems({ file, body: parts.body, data: { indicators } }));
  result.links = result.links.map((l) => ({ ...l, line: atLine(l.line) }));
  return { data, raw, yaml, body: parts.body, bodyLine: parts.bodyLine, result, problems };
}
