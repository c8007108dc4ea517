/**
 * The one YAML reader of content (report frontmatter and places.yaml) and the one frontmatter
 * splitter, for check, build and importer alike: the `yaml` package with the YAML 1.2 core
 * schema, so `2009-02-30` stays text for the strict date rule instead of rolling over, duplicate
 * keys are errors, and anchors and aliases (which content never needs, and which can blow up into
 * gigabytes: the "billion laughs") are refused before anything is expanded.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';

export interface YamlProblem {
  /** Line in the YAML text (1-based). */
  line?: number;
  message: string;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The value, when there were no problems. */
  value?: unknown;
  problems: YamlProblem[];
}

/** Parses YAML text; problems (syntax, duplicate keys, aliases) come back with their lines, never thrown. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, schema: 'core', prettyErrors: false });
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    line: lineCounter.linePos(e.pos[0]).line,
    message: /unique/i.test(e.message)
      ? `同一个字段写了两次，请删除重复的一处 / duplicate key: ${e.message.split('\n')[0]}`
      : `YAML 格式错误 / YAML syntax error: ${e.message.split('\n')[0]}`,
  }));
  visit(doc, {
    Alias(_, node) {
      problems.push({
        line: node.range ? lineCounter.linePos(node.range[0]).line : undefined,
        message: '不允许使用 YAML 别名（*名称）与锚点（&名称），请直接写出内容 / YAML aliases and anchors are not allowed; write the value out',
      });
      return visit.BREAK;
    },
  });
  if (problems.length) return { doc, lineCounter, problems };
  try {
    return { doc, lineCounter, value: doc.toJS({ maxAliasCount: 0 }), problems };
  } catch (e) {
    return { doc, lineCounter, problems: [{ message: `YAML 内容无法读取 / YAML could not be read: ${(e as Error).message}` }] };
  }
}

/**
 * Splits a content file into its frontmatter source (between a first line `---` and the next line
 * `---`), its body and the line the body starts on (1-based); undefined when the file does not
 * start with frontmatter. The one splitter of content files, for check, build and importer alike.
 */
export function splitFrontmatter(src: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(src);
  if (!m) return undefined;
  return { yaml: m[1], body: src.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

/**
 * Frontmatter source (from splitFrontmatter) as data, `{}` when empty, for callers that read a file
 * rather than judge it (the importer, scripts, benchmarks); throws on the problems `parseYaml`
 * finds, each with its line in the file.
 */
export function frontmatterData(yaml: string): Record<string, unknown> {
  const parsed = parseYaml(yaml);
  if (parsed.problems.length) {
    // Frontmatter starts on line 2 of the file, after its `---`.
    throw new Error(parsed.problems.map((p) => (p.line ? `第 ${p.line + 1} 行 / line ${p.line + 1}: ` : '') + p.message).join('\n'));
  }
  return (parsed.value ?? {}) as Record<string, unknown>;
}

/**
 * Line (1-based, in the YAML text, plus `offset`) of the key at `path`, or of the closest ancestor
 * that exists: where an official should look for a schema problem.
 */
export function lineOfPath(parsed: Pick<ParsedYaml, 'doc' | 'lineCounter'>, path: readonly (string | number)[], offset = 0): number | undefined {
  const { doc, lineCounter } = parsed;
  for (let n = path.length; n > 0; n--) {
    const parent = doc.getIn(path.slice(0, n - 1), true);
    const last = path[n - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    if (isNode(node) && !isAlias(node) && node.range) return lineCounter.linePos(node.range[0]).line + offset;
  }
  return undefined;
}
