/**
 * Incremental builds, page by page. Astro renders every page of every build; with 10,000 reports
 * that is most of a rebuild after a one-line edit. A page here is a pure function of its props
 * (and the code), so a build that src/build/whole.ts starts with PAGE_CACHE (after checking that the
 * code is what it was) renders only the pages whose props changed since the last build, and
 * carry-over.ts takes the others from that build's output. Every route with many pages passes
 * its paths through `pagesToRender`, which also records each page's props for the next build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfig } from '../lib/config';
import type { Place } from '../data/places';
import type { Report } from '../data/reports';

/** Where a route's manifest is: the last build's (`current`) and this one's (`next`). */
export const manifestFile = (cache: string, which: 'current' | 'next', route: string): string => join(cache, which, `${route}.json`);

/** A route's manifest: each page's URL path and the digest of its props. */
export type PageManifest = Record<string, string>;

const isReport = (v: object): v is Report => 'entry' in v && 'place' in v && 'year' in v;
const isPlace = (v: object): v is Place => 'ancestors' in v && 'children' in v && 'province' in v;

/**
 * Props as a stable string for the digest. Places and reports are objects of the data layer with
 * links to each other (a place's children, a report's place); each is written as what identifies
 * its content: a report by its place and its entry's digest (the whole file), a place by its own
 * fields and the ids of the places it links to.
 */
function propsKey(props: unknown): string {
  return JSON.stringify(props, (_key, value: unknown) => {
    if (value && typeof value === 'object') {
      if (isReport(value)) return { report: value.id, digest: (value.entry as { digest?: string }).digest, place: value.place };
      if (isPlace(value)) {
        const { ancestors, children, province, ...own } = value;
        const brief = (p: Place) => `${p.id}:${p.name}:${p.fullName}`;
        return { ...own, ancestors: ancestors.map(brief), children: children.map(brief), province: brief(province) };
      }
    }
    return value;
  });
}

/**
 * The pages of `route` to render: all of them, or in an incremental build those whose props
 * changed since the last build (`url` gives a page's URL path). Records every page's digest.
 */
export function pagesToRender<P extends { props: unknown }>(route: string, paths: P[], url: (p: P) => string): P[] {
  const cache = buildConfig().pageCache;
  if (!cache) return paths;
  const current = manifestFile(cache, 'current', route);
  const before: PageManifest = existsSync(current) ? (JSON.parse(readFileSync(current, 'utf8')) as PageManifest) : {};
  const now: PageManifest = {};
  const changed = paths.filter((p) => {
    const path = url(p);
    now[path] = createHash('sha1').update(propsKey(p.props)).digest('hex');
    return before[path] !== now[path];
  });
  mkdirSync(join(cache, 'next'), { recursive: true });
  writeFileSync(manifestFile(cache, 'next', route), JSON.stringify(now));
  return changed;
}
