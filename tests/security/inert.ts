/**
 * What "nothing runs" means for a page of the site, checked on the HTML as a browser parses it
 * (parse5, via hast-util-from-html): no event-handler attribute, no script but the site's own, no
 * URL with a scheme other than http(s)/mailto in any URL-bearing attribute or style, no `<base>`,
 * no `<meta http-equiv>`, no frame, object or embed, and no form but the site's own search form.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { urlScheme } from '../../src/lib/content/url';

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'srcSet', 'poster', 'cite', 'background', 'data', 'xLinkHref', 'longDesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'codeBase', 'archive', 'srcDoc'];
// `tel:` is the footer's contact phone (site.config.yaml, digits only by its schema), never a report's link.
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const FORBIDDEN = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);

export interface InertOptions {
  /** Inline script texts the site's own pages carry (from a page built from clean content). */
  ownScripts?: ReadonlySet<string>;
}

/** The active things in `html` (a page or a fragment), described; empty when it is inert. */
export function activeContent(html: string, opts: InertOptions = {}): string[] {
  const tree: Root = fromHtml(html, { fragment: !/^\s*<!doctype/i.test(html) });
  const found: string[] = [];
  visit(tree, 'element', (el: Element) => {
    const tag = el.tagName.toLowerCase();
    if (FORBIDDEN.has(tag)) found.push(`<${tag}>`);
    // The site's own search forms send to a page of the site (or their own); any other form is not the site's.
    if (tag === 'form' && !/^(\/|$)/.test(String(el.properties.action ?? ''))) found.push('<form>');
    if (tag === 'meta' && el.properties.httpEquiv !== undefined) found.push('<meta http-equiv>');
    if (tag === 'script') {
      const src = String(el.properties.src ?? '');
      const text = el.children.map((c) => ('value' in c ? c.value : '')).join('');
      const type = String(el.properties.type ?? '');
      const own = src ? src.startsWith('/_astro/') || src.startsWith('/pagefind/') : type === 'application/json' || opts.ownScripts?.has(text.trim());
      if (!own) found.push(`<script>${text.slice(0, 40)}`);
    }
    for (const [name, value] of Object.entries(el.properties)) {
      if (/^on/i.test(name)) found.push(`<${tag} ${name}>`);
      if (URL_ATTRIBUTES.includes(name) || name.toLowerCase().endsWith('href')) {
        for (const v of (Array.isArray(value) ? value : [value]).map(String)) {
          const scheme = urlScheme(v);
          if (name === 'srcDoc' || (scheme && !SAFE_SCHEMES.has(scheme))) found.push(`<${tag} ${name}="${v.slice(0, 40)}">`);
        }
      }
      if (name === 'style' && /url\s*\(|expression\s*\(|javascript:/i.test(String(value))) found.push(`<${tag} style="${String(value).slice(0, 40)}">`);
    }
  });
  return found;
}

/** Inline script texts of a page, for `ownScripts`. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  visit(fromHtml(html), 'element', (el: Element) => {
    if (el.tagName === 'script' && !el.properties.src) out.push(el.children.map((c) => ('value' in c ? c.value : '')).join('').trim());
  });
  return out;
}
