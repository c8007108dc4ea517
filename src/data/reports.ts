/**
 * Typed queries over reports. The only module that reads the reports collection: drafts are
 * filtered here, once, and cross-entry validation runs here, so a broken entry fails the build.
 */
import { readFileSync } from 'node:fs';
import type { MarkdownHeading } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { bodyText, CONTENT_PROBLEMS, entryProblems, formatProblems, parseEntryId } from '../lib/content/validate';
import { splitFrontmatter } from '../lib/content/yaml';
import { INDICATORS, type IndicatorDef } from '../lib/figures/indicators';
import { complianceOf, type Compliance } from '../lib/figures/compliance';
import { buildScope } from '../build/scope';
import { buildConfig } from '../lib/config';
import type { ReportFacts } from '../loaders/reports';
import type { RenderedBody } from '../lib/content/body';
import { siteLinkProblems } from '../lib/content/links';
import { isDraft, isPublished } from '../lib/content/published';
import { getPlace, getPlaceIds, descendantsAndSelf, type Place } from './places';

/** Drafts show in `astro dev` and in the drafts preview build, never in a production build (src/lib/config.ts). */
export const showDrafts = (): boolean => buildConfig().drafts;

export interface Report {
  id: string;
  entry: CollectionEntry<'reports'>;
  data: CollectionEntry<'reports'>['data'];
  place: Place;
  year: number;
  /** Required parts and timeliness under the 2019 regulation. */
  compliance: Compliance;
}

let cache: Promise<Report[]> | undefined;

/** What the reports loader worked out from the body (the body itself is not kept). */
const factsOf = (entry: CollectionEntry<'reports'>) => entry.rendered!.metadata as unknown as ReportFacts;

async function load(): Promise<Report[]> {
  const entries = await getCollection('reports');
  const placeIds = await getPlaceIds();
  const problems = entries.flatMap((e) => entryProblems({ file: e.filePath ?? e.id, id: e.id, data: e.data }, placeIds, factsOf(e).problems));
  // Links between reports are judged where every entry is known: whole builds and the national
  // shard (a scoped preview loads one place's, so its links to others would all look broken).
  const scope = buildScope();
  if ((!scope.spec || scope.national) && !scope.place) {
    const published = entries.filter((e) => !isDraft(e.data));
    problems.push(
      ...siteLinkProblems(
        published.map((e) => ({ file: e.filePath ?? e.id, ...parseEntryId(e.id)!, links: factsOf(e).links ?? [] })),
        { published: new Set(published.map((e) => e.id)), drafts: new Set(entries.filter((e) => isDraft(e.data)).map((e) => e.id)), placeIds, publicDir: 'public' },
      ),
    );
  }
  if (problems.length) throw new Error(`${CONTENT_PROBLEMS} / invalid report entries:\n${formatProblems(problems)}`);
  const reports: Report[] = [];
  for (const entry of entries) {
    if (!isPublished(entry.data, showDrafts())) continue;
    const { placeId, year } = parseEntryId(entry.id)!;
    const compliance = complianceOf(factsOf(entry).parts, year, entry.data.publishedDate);
    reports.push({ id: entry.id, entry, data: entry.data, place: await getPlace(placeId), year, compliance });
  }
  return reports.sort((a, b) => b.year - a.year || a.place.id.localeCompare(b.place.id));
}

/**
 * Every report this build knows (drafts only where showDrafts), newest year first: all of them, or
 * in a split build those of the shard's provinces (shard 0: all, for the national pages), or in a
 * scoped preview those of its place, the places above it and below it (the loader skips the rest).
 */
export async function getReports(): Promise<Report[]> {
  cache ??= load();
  return cache;
}

/** Reports whose pages this build renders (all, or those of the shard's provinces). */
export async function getReportsToRender(): Promise<Report[]> {
  const scope = buildScope();
  return (await getReports()).filter((r) => scope.hasProvince(r.place.province.id));
}

let byPlace: Promise<Map<string, Report[]>> | undefined;

/** Reports indexed by place id, built once: place and report pages ask for them thousands of times. */
async function reportsByPlace(): Promise<Map<string, Report[]>> {
  byPlace ??= getReports().then((reports) => {
    const map = new Map<string, Report[]>();
    for (const r of reports) map.set(r.place.id, [...(map.get(r.place.id) ?? []), r]);
    return map;
  });
  return byPlace;
}

export async function getReportsOfPlace(place: Place, withDescendants = false): Promise<Report[]> {
  const map = await reportsByPlace();
  const places = withDescendants ? descendantsAndSelf(place) : [place];
  return places.flatMap((p) => map.get(p.id) ?? []);
}

export async function getReportsOfYear(year: number): Promise<Report[]> {
  return (await getReports()).filter((r) => r.year === year);
}

/** Years that have reports, newest first. */
export async function getYears(): Promise<number[]> {
  return [...new Set((await getReports()).map((r) => r.year))].sort((a, b) => b - a);
}

/** Registry indicators that at least one of `reports` states, in registry order. */
export function indicatorsStated(reports: readonly Report[]): IndicatorDef[] {
  const keys = new Set(reports.flatMap((r) => Object.keys(r.data.indicators)));
  return INDICATORS.filter((d) => keys.has(d.key));
}

/** Date the report was published or signed, for ordering "latest" lists. */
export const reportDate = (r: Report) => r.data.publishedDate ?? r.data.documentDate;

/** The body of a report as sanitized HTML and its headings, rendered by the reports loader into a file (kept out of the data store). */
export function reportBody(r: Report): { html: string; headings: MarkdownHeading[] } {
  const file = factsOf(r.entry).bodyFile;
  if (!file) throw new Error(`${r.entry.filePath}: 此次构建没有渲染该报告的正文 / this build did not render the report body`);
  return JSON.parse(readFileSync(file, 'utf8')) as RenderedBody;
}

/** The text of a report's body, read from its file (the data store does not keep bodies). */
export function reportText(r: Report): string {
  const src = readFileSync(r.entry.filePath!, 'utf8');
  return bodyText(splitFrontmatter(src)?.body ?? src);
}
