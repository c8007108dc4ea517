/** Reading the production build (dist/) in tests: files, URLs and pages parsed with cheerio. */
import { load, type CheerioAPI } from 'cheerio';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the build output. */
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Throws, saying what to do, unless a build is present. Call in `beforeAll` of site tests. */
export function assertBuilt(): void {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/ 中没有构建结果，请先运行 npm run build / no build in dist/: run `npm run build` first.');
  }
}

/** Every file under dist/ with one of the given extensions, as paths relative to dist/ with `/`. */
export function distFiles(...exts: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (exts.some((e) => entry.name.endsWith(e))) out.push(relative(DIST, full).split(sep).join('/'));
    }
  };
  walk(DIST);
  return out.sort();
}

/** Every built HTML page, as paths relative to dist/ (`index.html`, `places/hunan/index.html`…). */
export const htmlFiles = (): string[] => distFiles('.html');

/** The site URL a built file is served at: `places/hunan/index.html` -> `/places/hunan/`. */
export function urlOf(file: string): string {
  return '/' + file.replace(/(^|\/)index\.html$/, '$1');
}

/** The dist/ file a site URL is served from: `/places/hunan/` -> `<dist>/places/hunan/index.html`. */
export function fileOf(url: string): string {
  const path = decodeURIComponent(new URL(url, 'http://site').pathname);
  return join(DIST, path.endsWith('/') ? `${path}index.html` : path);
}

/** True if the site URL has a built file. */
export const exists = (url: string): boolean => existsSync(fileOf(url));

/** Raw HTML of a built page; throws naming the URL if it was not built. */
export function html(url: string): string {
  const file = fileOf(url);
  if (!existsSync(file)) throw new Error(`${url} 未生成 / was not built: no ${relative(DIST, file)} in dist/`);
  return readFileSync(file, 'utf8');
}

const cache = new Map<string, CheerioAPI>();

/** A built page parsed with cheerio (cached: dist/ does not change during a test run). */
export function page(url: string): CheerioAPI {
  let $ = cache.get(url);
  if (!$) {
    $ = load(html(url));
    cache.set(url, $);
  }
  return $;
}

/** Collapses every run of whitespace (including full-width spaces) to one space, and trims. */
export const normalizeSpace = (s: string): string => s.replace(/\s+/g, ' ').trim();
