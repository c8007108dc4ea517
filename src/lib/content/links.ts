/**
 * Links from a published report to other pages of the site must lead somewhere a reader can go:
 * not to a draft (which is never published) and not to a page that does not exist. Judged from
 * the routes the site builds (../urls.ts), so check and build agree without a built site.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findIndicator } from '../figures/indicators';
import { reportUrl } from '../urls';
import type { Problem } from './validate';

export interface LinkingEntry {
  file: string;
  placeId: string;
  year: number;
  links: readonly { href: string; line?: number }[];
}

export interface SiteRoutes {
  /** `<place id>/<year>` of published reports. */
  published: ReadonlySet<string>;
  /** `<place id>/<year>` of drafts. */
  drafts: ReadonlySet<string>;
  placeIds: ReadonlySet<string>;
  /** Files served as they are (public/). */
  publicDir?: string;
}

const STATIC = new Set(['/', '/places/', '/years/', '/indicators/', '/search/', '/feed.xml', '/data/reports.json', '/data/indicators.csv', '/search/pairs.json']);

/** Why `path` (a site path, decoded) is no page of the site, or undefined if it is one. */
function missingReason(path: string, routes: SiteRoutes): 'draft' | 'missing' | undefined {
  const p = /\/[^/.]+$/.test(path) ? `${path}/` : path;
  if (STATIC.has(p)) return undefined;
  let m = /^\/places\/(.+)\/(\d{4})\/$/.exec(p);
  if (m) {
    const id = `${m[1]}/${m[2]}`;
    if (routes.published.has(id)) return undefined;
    return routes.drafts.has(id) ? 'draft' : 'missing';
  }
  m = /^\/places\/(.+)\/$/.exec(p) ?? /^\/data\/places\/(.+)\.json$/.exec(p);
  if (m) return routes.placeIds.has(m[1]) ? undefined : 'missing';
  m = /^\/years\/(\d{4})\/$/.exec(p);
  if (m) return [...routes.published].some((id) => id.endsWith(`/${m![1]}`)) ? undefined : 'missing';
  m = /^\/indicators\/([^/]+)\/$/.exec(p);
  if (m) return findIndicator(m[1]) ? undefined : 'missing';
  return routes.publicDir && existsSync(join(routes.publicDir, p)) && !p.endsWith('/') ? undefined : 'missing';
}

/** Problems of links from the published entries `from` to pages that are drafts or do not exist. */
export function siteLinkProblems(from: readonly LinkingEntry[], routes: SiteRoutes): Problem[] {
  const problems: Problem[] = [];
  for (const e of from) {
    const base = new URL(reportUrl(e.placeId, e.year), 'https://site.invalid');
    for (const link of e.links) {
      let path: string;
      try {
        const url = new URL(link.href, base);
        if (url.origin !== base.origin) continue;
        path = decodeURIComponent(url.pathname);
      } catch {
        problems.push({ file: e.file, line: link.line, message: `链接“${link.href}”不是有效的地址 / the link "${link.href}" is not a valid address` });
        continue;
      }
      const why = missingReason(path, routes);
      if (why === 'draft') {
        problems.push({
          file: e.file,
          line: link.line,
          message: `链接“${link.href}”指向尚未发布的草稿，发布后读者会看到一个失效链接；请先发布该报告或删除链接 / the link leads to a draft, which is not published`,
        });
      } else if (why === 'missing') {
        problems.push({ file: e.file, line: link.line, message: `链接“${link.href}”指向本站不存在的页面 / the link leads to a page this site does not have` });
      }
    }
  }
  return problems;
}
