/**
 * places.yaml, read one way for everyone: the strict content YAML reader (../content/yaml.ts) and
 * the place schema, row by row, every problem with its file, line and field. The places
 * collection (src/content.config.ts), `npm run check`, the search index and the importer all call
 * it, so what one accepts the others accept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeSchema, type PlaceData } from '../../schemas/place';
import { lineOfPath, parseYaml } from '../content/yaml';
import { formatProblems, type Problem } from '../content/validate';

/** The places file of a content directory. */
export const placesFile = (contentDir: string): string => join(contentDir, 'places.yaml');

export interface PlacesRead {
  /** The rows the schema accepted, in file order. */
  rows: PlaceData[];
  /** YAML and schema problems (file, line, field); the rows that have one are left out. */
  problems: Problem[];
  /** Line of the first row with this id, for problems found later (the tree's). */
  lineOf: (id: string) => number | undefined;
}

/** Reads the text of a places file, named `file` in problems. An empty file (or comments only) is an empty list. */
export function parsePlaces(text: string, file: string): PlacesRead {
  const yaml = parseYaml(text);
  const problems: Problem[] = yaml.problems.map((p) => ({ file, ...p }));
  const rows: PlaceData[] = [];
  const lines = new Map<string, number | undefined>();
  const list = yaml.value ?? [];
  if (!yaml.problems.length && !Array.isArray(list)) {
    problems.push({ file, line: 1, message: '地区文件应为地区列表（每项以“- id:”开头）/ places.yaml must be a list of places (each starting with "- id:")' });
  }
  (Array.isArray(list) ? (list as unknown[]) : []).forEach((item, i) => {
    const r = placeSchema.safeParse(item);
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && !lines.has(id)) lines.set(id, lineOfPath(yaml, [i]));
    if (r.success) rows.push(r.data);
    else for (const issue of r.error.issues) problems.push({ file, line: lineOfPath(yaml, [i, ...issue.path]), field: `${id ?? i}.${issue.path.join('.')}`, message: issue.message });
  });
  return { rows, problems, lineOf: (id) => lines.get(id) };
}

/** Reads `<contentDir>/places.yaml` (named `name` in problems); a missing file is a problem. */
export function readPlaces(contentDir: string, name = placesFile(contentDir)): PlacesRead {
  const path = placesFile(contentDir);
  if (!existsSync(path)) {
    return { rows: [], problems: [{ file: name, message: '缺少地区数据文件 / places.yaml is missing' }], lineOf: () => undefined };
  }
  return parsePlaces(readFileSync(path, 'utf8'), name);
}

/** Thrown by loadPlaces: every problem of the file, one a line. */
export class PlacesError extends Error {
  override name = 'PlacesError';
  constructor(readonly problems: readonly Problem[]) {
    super(`地区数据文件有误，请逐条修改（npm run check 可列出全部问题）/ invalid places file:\n${formatProblems(problems)}`);
  }
}

const rowsOf = (read: PlacesRead): PlaceData[] => {
  if (read.problems.length) throw new PlacesError(read.problems);
  return read.rows;
};

/** The places of `<contentDir>/places.yaml`, schema-checked; throws PlacesError listing every problem. */
export const loadPlaces = (contentDir: string): PlaceData[] => rowsOf(readPlaces(contentDir));

/** The same reading as a parser for Astro's `file()` loader (the places collection): a problem fails the build. */
export const placesParser =
  (file: string) =>
  (text: string): PlaceData[] =>
    rowsOf(parsePlaces(text, file));
