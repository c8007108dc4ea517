/**
 * The sitemap of a finished site (sitemap-index.xml, sitemap-0.xml …), made from the site's files,
 * so it lists exactly what is published however the pages were built (whole, incrementally or in
 * shards): drafts are never built into a published site, so never listed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { filesUnder } from './files';

/** At most 50,000 URLs per sitemap file (sitemaps.org); a margin below. */
export const SITEMAP_FILE_URLS = 45000;

/** The URL paths a sitemap of `site` lists: every page but the search page, the 404 page and Pagefind's files. */
export function sitemapPaths(site: string): string[] {
  return filesUnder(site)
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/') && f !== '404.html' && f !== 'search/index.html')
    .map((f) => `/${f.replace(/(^|\/)index\.html$/, '$1')}`);
}

/**
 * Writes the sitemap of `site`, served at `base` (`/`, `/fzbg/`) of the public origin `siteUrl`;
 * returns the sitemap files written (the index last).
 */
export async function writeSitemap(site: string, siteUrl: string, base = '/', perFile = SITEMAP_FILE_URLS): Promise<string[]> {
  const urls = sitemapPaths(site).map((path) => ({ url: `${base}${path.slice(1)}` }));
  const files: string[] = [];
  for (let i = 0; i * perFile < urls.length || i === 0; i++) {
    const xml = await streamToPromise(Readable.from(urls.slice(i * perFile, (i + 1) * perFile)).pipe(new SitemapStream({ hostname: siteUrl })));
    files.push(`sitemap-${i}.xml`);
    writeFileSync(join(site, files.at(-1)!), xml);
  }
  const index = await streamToPromise(Readable.from(files.map((f) => ({ url: new URL(`${base}${f}`, siteUrl).href }))).pipe(new SitemapIndexStream()));
  writeFileSync(join(site, 'sitemap-index.xml'), index);
  return [...files, 'sitemap-index.xml'];
}
