/**
 * The last step of every rendered body, from either renderer: hast-util-sanitize with a schema
 * derived from GitHub's (its default), narrowed to what reports use and widened only by the
 * site's own marks. Whatever the policy let through by mistake, no event attribute, script,
 * style, frame, form, `<base>`/`<meta>` or non-web URL reaches a page.
 */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { BODY_ELEMENTS } from './elements';
import { LINK_SCHEMES, WEB_SCHEMES } from './url';

// GitHub's global attributes without those that make elements act (forms, focus, keys).
const NOT_GLOBAL = new Set(['accept', 'acceptCharset', 'accessKey', 'action', 'encType', 'method', 'name', 'tabIndex', 'useMap', 'isMap', 'value', 'checked', 'selected', 'multiple', 'readOnly', 'prompt', 'label']);
// Elements of GitHub's list that reports never need and that act or hide (task-list inputs, disclosure widgets, media sources).
const NOT_TAGS = new Set(['input', 'details', 'summary', 'picture', 'source']);

export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => !NOT_TAGS.has(t)), 'mark', 'aside', 'abbr', 'small', 'u', ...Object.keys(BODY_ELEMENTS)],
  attributes: {
    ...defaultSchema.attributes,
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => typeof a !== 'string' || !NOT_GLOBAL.has(a)),
    abbr: ['title'],
    // The site's own classes: quote marks, redactions, heading ids (made by the renderer, never by the author).
    mark: ['id', ['className', 'quote']],
    span: [['className', 'redacted']],
    aside: [['className', 'report-note']],
    p: [['className', 'report-note-title']],
    h1: ['id'],
    h2: ['id', ['className', 'sr-only']],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
  },
  // Ids are made by the renderer from heading text and indicator keys, and pages link to them as they are.
  clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'name'],
  protocols: { href: [...LINK_SCHEMES], src: [...WEB_SCHEMES], cite: [...WEB_SCHEMES], longDesc: [...WEB_SCHEMES] },
  // Dropped with their content, so no style sheet or script text shows up as words.
  strip: ['script', 'style', 'template', 'noscript', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'object', 'svg', 'math', 'select', 'option', 'plaintext'],
};

/** Sanitizes a rendered body's tree. */
export const sanitizeTree = (tree: Root): Root => sanitize(tree, SANITIZE_SCHEMA) as Root;

/** Sanitizes rendered body HTML (parsed as a fragment, as a browser would). */
export const sanitizeHtml = (html: string): string => toHtml(sanitizeTree(fromHtml(html, { fragment: true })));
