/**
 * The `_headers` file of a finished site (Netlify and Cloudflare Pages read it; other hosts take
 * the same rules from README): how long browsers and CDNs may keep each file. Files named by their
 * content (Astro's hashed `/_astro/` assets; Pagefind's index, fragment, filter and meta files,
 * `*.pf_*`, named by a hash of what they hold) never change under their name, so they are kept a
 * year; everything else (pages, the bundle list, stop pairs, the pair and fold tables, each
 * bundle's pagefind-entry.json, which names the current meta file) is checked again on every use.
 *
 * Both hosts apply every rule whose pattern matches a path and join repeated headers with commas,
 * so the rules are disjoint: one `Cache-Control` per file. Patterns use one `*` each (Cloudflare's
 * limit) and `:bundle` for one path segment; there are a few dozen rules at any size of the site
 * (Cloudflare allows 100).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** For files whose name changes whenever their content does. */
export const LONG_CACHE = 'public, max-age=31536000, immutable';
/** For everything else: kept, but checked (ETag, Last-Modified) before each use. */
export const SHORT_CACHE = 'public, max-age=0, must-revalidate';

export const HEADERS_FILE = '_headers';

export interface HeaderRule {
  /** URL pattern: `*` matches any characters (slashes too), `:name` one path segment. */
  path: string;
  cacheControl: string;
}

/** Pagefind's runtime in each bundle: named by Pagefind, not by content, so kept short. */
const PAGEFIND_RUNTIME = ['pagefind.js', 'pagefind-worker.js', 'pagefind-highlight.js', 'wasm.*'];

/**
 * The rules for `site` (a built site's directory), served at `base` (`/`, `/fzbg/`): its top-level
 * folders and files are read to keep the rules disjoint.
 */
export function headerRules(site: string, base = '/'): HeaderRule[] {
  const at = (path: string) => `${base}${path.slice(1)}`;
  const long = (path: string): HeaderRule => ({ path: at(path), cacheControl: LONG_CACHE });
  const short = (path: string): HeaderRule => ({ path: at(path), cacheControl: SHORT_CACHE });
  // Meta files are `pagefind.<language>_<hash>.pf_meta`: one pattern per language, apart from pagefind.js.
  const languages = new Set<string>();
  for (const bundle of readdirSync(join(site, 'pagefind'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(site, 'pagefind', bundle.name))) {
      const m = /^pagefind\.([^.]+_)[^.]*\.pf_meta$/.exec(f);
      if (m) languages.add(m[1]);
    }
  }
  const rules: HeaderRule[] = [
    long('/_astro/*'),
    ...['fragment', 'index', 'filter'].map((d) => long(`/pagefind/:bundle/${d}/*`)),
    ...[...languages].sort().map((l) => long(`/pagefind/:bundle/pagefind.${l}*`)),
    // The bundle list, the years' stop pairs and each bundle's entry file.
    short('/pagefind/*.json'),
    ...PAGEFIND_RUNTIME.map((f) => short(`/pagefind/:bundle/${f}`)),
    short('/'),
  ];
  for (const entry of readdirSync(site, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (['_astro', 'pagefind', HEADERS_FILE].includes(entry.name)) continue;
    rules.push(short(entry.isDirectory() ? `/${entry.name}/*` : `/${entry.name}`));
  }
  return rules;
}

/** The text of a `_headers` file with `rules`. */
export const headersText = (rules: readonly HeaderRule[]): string =>
  `# 缓存规则（Netlify、Cloudflare Pages）/ cache rules (Netlify, Cloudflare Pages): written by the build (src/build/headers.ts)\n` +
  rules.map((r) => `${r.path}\n  Cache-Control: ${r.cacheControl}\n`).join('');

/** Writes `<site>/_headers` for a site served at `base`; returns its rules. */
export function writeHeaders(site: string, base = '/'): HeaderRule[] {
  const rules = headerRules(site, base);
  writeFileSync(join(site, HEADERS_FILE), headersText(rules));
  return rules;
}

/** A rule's pattern as a regular expression over URL paths, matched as Netlify and Cloudflare Pages match it. */
export const rulePattern = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-z]+/g, '[^/]+').replace(/\*/g, '.*')}$`);

/** The rules of `rules` that apply to the URL path `urlPath`. */
export const rulesFor = (rules: readonly HeaderRule[], urlPath: string): HeaderRule[] => rules.filter((r) => rulePattern(r.path).test(urlPath));

/** The URL path a file of a site is served at (`places/a/index.html` -> `/places/a/`). */
export const servedPath = (rel: string): string => `/${rel.split('\\').join('/').replace(/(^|\/)index\.html$/, '$1')}`;
