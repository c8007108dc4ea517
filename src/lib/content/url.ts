/**
 * Which URLs a report may carry. Judged as a browser would read them: character references
 * decoded, then whitespace and control characters removed (browsers drop tabs and newlines
 * anywhere in a URL and spaces or controls around it), then the scheme compared in lower case. An
 * allowlist, so every obfuscation of `javascript:` (entities, mixed case, `java\tscript:`) fails
 * the same way: it is not one of the schemes allowed.
 */
import { decodeHTML } from 'entities';

/** Schemes a link in a report body may use; anything else (javascript:, vbscript:, data: …) is refused. */
export const LINK_SCHEMES = ['http', 'https', 'mailto'] as const;
/** Schemes of images and of URL fields in frontmatter. */
export const WEB_SCHEMES = ['http', 'https'] as const;

// C0 controls, space, DEL, C1 controls, and the invisible characters often used to split a scheme.
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

/** The URL as a browser would resolve its scheme: decoded twice at most, invisible characters gone. */
export function normalizeUrl(raw: string): string {
  let url = raw;
  for (let i = 0; i < 2; i++) {
    const decoded = decodeHTML(url);
    if (decoded === url) break;
    url = decoded;
  }
  return url.replace(INVISIBLE, '');
}

/** The URL's scheme in lower case, or undefined for a relative URL (`/places/…`, `../2022/`, `#q-x`). */
export function urlScheme(raw: string): string | undefined {
  const url = normalizeUrl(raw);
  const m = /^([^:/?#]*):/.exec(url);
  return m ? m[1].toLowerCase() : undefined;
}

/** True if `raw` is relative or uses one of `schemes`. */
export function isAllowedUrl(raw: string, schemes: readonly string[] = LINK_SCHEMES): boolean {
  const scheme = urlScheme(raw);
  return scheme === undefined || schemes.includes(scheme);
}

/** True if `raw` is an absolute http(s) URL, as URL fields of frontmatter must be. */
export function isWebUrl(raw: string): boolean {
  const scheme = urlScheme(raw);
  if (scheme !== 'http' && scheme !== 'https') return false;
  try {
    return ['http:', 'https:'].includes(new URL(normalizeUrl(raw)).protocol) && normalizeUrl(raw) === raw.trim();
  } catch {
    return false;
  }
}

/** A URL as an official can read it in a message: invisible characters shown as escapes, long ones cut. */
export function displayUrl(raw: string): string {
  const shown = raw.replace(INVISIBLE, (c) => (c === ' ' ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`));
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

/** A link that stays on this site: a path, not a scheme or `//host`; a fragment alone stays on the page. */
/**
 * A site link as the page links it: a path from the site's root (`/places/…`, as authors write
 * them and the link check reads them) gets the base path (`/fzbg/places/…`); relative links and
 * fragments stay as written.
 */
export const rebased = (href: string, base: string): string => (base !== '/' && isSiteLink(href) && href.startsWith('/') ? base + href.slice(1) : href);

export const isSiteLink = (href: string): boolean => urlScheme(href) === undefined && !normalizeUrl(href).startsWith('//') && !href.startsWith('#');
