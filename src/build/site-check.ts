/**
 * The last stage before a site is published: its search bundles linked in, then the checks that
 * keep a broken site from replacing a good one. The site holds no Astro server file; every report
 * the national open data lists has its page (a shard that lost entries would otherwise shrink the
 * site without a word); the indexed reports are exactly the report pages; and the bundle list the
 * search page embeds (written beside it as BUNDLE_LIST_PATH) is the list of the bundles indexed.
 * Then its cache rules for static hosts and CDNs (headers.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BUNDLE_LIST_PATH, bundleList, bundlePath, stopListPath, untaggedList, type Bundle, type BundleList } from '../lib/search/bundles';
import { unusedPagefindFile } from '../lib/search/bundle-writer';
import { bundleWorkDir, stopListWorkFile } from '../lib/search/indexer';
import { filesUnder, place, reportPages } from './files';
import { serverFiles } from './publish';
import { writeHeaders } from './headers';
import { writeSitemap } from './sitemap';
import type { BuildConfig } from '../lib/config';

type IndexedBundle = Bundle<{ placeId: string; url: string; year: number }>;

/**
 * Links the bundles (and their years' stop lists) written in `indexWork` into `site`, without the
 * Pagefind files the site never loads (unusedPagefindFile; bundles written before they were
 * dropped at writing still hold them).
 */
export function linkIndex(site: string, bundles: readonly IndexedBundle[], indexWork: string): void {
  for (const b of bundles) {
    const dir = join(bundleWorkDir(indexWork, b), 'bundle');
    for (const rel of filesUnder(dir)) if (!unusedPagefindFile(rel, b)) place(join(dir, rel), join(site, bundlePath(b), rel));
  }
  for (const year of new Set(bundles.map((b) => b.year))) place(stopListWorkFile(indexWork, year), join(site, stopListPath(year)));
}

export interface SiteCheckOptions {
  /** How messages name the work directory (deleting it starts a build afresh). */
  workName: string;
  /** The path the site is served under (`/`, `/fzbg/`): open-data URLs carry it. */
  base: string;
  /** True when the site publishes open data (data/reports.json lists every report). */
  openData: boolean;
}

/** Checks `site`, whose index is `bundles`, before it is published; throws naming what is wrong. */
export function checkSite(site: string, bundles: readonly IndexedBundle[], o: SiteCheckOptions): void {
  const server = serverFiles(site);
  if (server.length) {
    throw new Error(`网站中有 Astro 的服务器端文件，不能发布 / the site holds Astro server files, which are never published:\n${server.slice(0, 20).join('\n')}`);
  }
  const { reports } = o.openData ? (JSON.parse(readFileSync(join(site, 'data/reports.json'), 'utf8')) as { reports: { url: string }[] }) : { reports: [] };
  const missing = reports
    .map((r) => new URL(r.url).pathname)
    .filter((path) => !path.startsWith(o.base) || !existsSync(join(site, path.slice(o.base.length), 'index.html')));
  if (missing.length) {
    throw new Error(
      `缺少 ${missing.length} 个报告页（分片构建不完整，请删除 ${o.workName} 后重新构建）/ ${missing.length} report pages missing:\n${missing.slice(0, 20).join('\n')}`,
    );
  }
  const pages = new Set(reportPages(site));
  const indexed = new Set(bundles.flatMap((b) => b.sources.map((s) => s.url)));
  const unindexed = [...pages].filter((u) => !indexed.has(u));
  const stray = [...indexed].filter((u) => !pages.has(u));
  if (unindexed.length || stray.length) {
    throw new Error(
      `搜索索引与报告页不一致 / the search index does not match the report pages:\n` +
        `${unindexed.slice(0, 10).map((u) => `未建索引 / not indexed: ${u}`).join('\n')}\n${stray.slice(0, 10).map((u) => `没有页面 / no page: ${u}`).join('\n')}`,
    );
  }
  // Tags are the page's own (cache keys); the bundles and stop lists must be the ones built.
  const file = join(site, BUNDLE_LIST_PATH);
  const listed = existsSync(file) ? untaggedList(JSON.parse(readFileSync(file, 'utf8')) as BundleList) : undefined;
  const built = bundleList(bundles);
  if (!isDeepStrictEqual(listed, built)) {
    throw new Error(`搜索页列出的索引与已建索引不一致 / the search page lists other search bundles than were built:\n${JSON.stringify(listed)}\n${JSON.stringify(built)}`);
  }
}

export interface FinishOptions extends SiteCheckOptions {
  indexWork: string;
  siteUrl: string;
}

/** The finishing options a build configuration implies. */
export const finishOptionsOf = (config: BuildConfig): Pick<FinishOptions, 'siteUrl' | 'base' | 'openData'> => ({
  siteUrl: config.siteUrl,
  base: config.base,
  openData: config.site.openData,
});

/** Makes `site` ready to publish: checked (checkSite), its index linked in, its sitemap and cache rules (`_headers`) written. */
export async function finishSite(site: string, bundles: readonly IndexedBundle[], o: FinishOptions): Promise<void> {
  checkSite(site, bundles, o);
  linkIndex(site, bundles, o.indexWork);
  await writeSitemap(site, o.siteUrl, o.base);
  writeHeaders(site, o.base);
}
