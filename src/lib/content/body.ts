/**
 * The one way a report body becomes HTML, called by the reports loader (the build) and by
 * `npm run check` alike, so check and build can never disagree about a body:
 *   1. a plain-Markdown body (no `<`, `{`, `}` or ESM line, nothing only GFM's parser reads the
 *      same way) is rendered by the fast markdown-it renderer (../markdown.ts);
 *   2. any other body is parsed by the site's MDX parser, judged by the body policy (./policy.ts)
 *      and, if it passes, turned into HTML here: the registered elements and components become
 *      fixed HTML (./elements.ts), nothing is compiled or run;
 *   3. either way the HTML passes the sanitizer (./sanitize.ts) before it is kept.
 * Problems come back as data (line, field, message), never thrown, so every one can be listed.
 */
import type { MarkdownHeading } from 'astro';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toHast, type Handler, type State } from 'mdast-util-to-hast';
import Slugger from 'github-slugger';
import { visit } from 'unist-util-visit';
import { fastPathSupports, needsMdx, renderFastMarkdown } from './markdown';
import { mdxParser } from './mdx';
import { remarkRedactions } from './remark-redactions';
import { markQuote, textOf, unmarkableQuote } from './rehype-quote-marks';
import { BODY_COMPONENTS, BODY_ELEMENTS } from './elements';
import { policyProblems, type BodyProblem } from './policy';
import { sanitizeHtml, sanitizeTree } from './sanitize';
import { isSiteLink, rebased } from './url';
import { BASE } from '../urls';

export type { BodyProblem } from './policy';

export interface RenderedBody {
  html: string;
  headings: MarkdownHeading[];
}

export interface BodyResult {
  /** Absent when the body has problems that stop it being rendered. */
  rendered?: RenderedBody;
  problems: BodyProblem[];
  /** Links to pages of this site (`/…` or relative), with their lines, for the link check. */
  links: { href: string; line?: number }[];
}


function syntaxProblem(err: unknown): BodyProblem {
  const e = err as { line?: number; place?: { line?: number; start?: { line: number } }; reason?: string; message: string };
  return {
    line: e.line ?? e.place?.line ?? e.place?.start?.line,
    message: `正文语法错误（原文中的“<”“{”等符号须写作“\\<”“\\{”）/ syntax error in the body: ${e.reason ?? e.message}`,
  };
}

const literalAttrs = (node: MdxJsxFlowElement | MdxJsxTextElement): Record<string, string> =>
  Object.fromEntries(
    node.attributes.filter((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && typeof a.value === 'string').map((a) => [a.name, a.value as string]),
  );

/** Registered elements and components as fixed HTML; anything else (the policy refused it already) is dropped. */
const jsx: Handler = (state: State, node: MdxJsxFlowElement | MdxJsxTextElement) => {
  const name = node.name ?? '';
  const children = state.all(node) as ElementContent[];
  const attrs = literalAttrs(node);
  const component = BODY_COMPONENTS[name];
  if (component) return component.render(attrs, children);
  const allowed = BODY_ELEMENTS[name];
  if (!allowed) return undefined;
  const properties = Object.fromEntries(Object.entries(attrs).filter(([k]) => allowed.includes(k)));
  return { type: 'element', tagName: name, properties, children } satisfies Element;
};
const dropped: Handler = () => undefined;

/** Heading ids from their text with github-slugger, as Astro's rehypeHeadingIds (and the fast renderer) make them. */
function headingIds(tree: HastRoot): MarkdownHeading[] {
  const slugger = new Slugger();
  const headings: MarkdownHeading[] = [];
  visit(tree, 'element', (node: Element) => {
    const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (!depth) return;
    let text = '';
    visit(node, 'text', (t) => {
      text += t.value;
    });
    let slug = slugger.slug(text);
    if (slug.endsWith('-')) slug = slug.slice(0, -1);
    node.properties.id = slug;
    headings.push({ depth: Number(depth), slug, text });
  });
  return headings;
}

/**
 * Renders a body with the full parser; problems instead of HTML when the policy refuses it. Any
 * body may go this way; `renderReportBody` sends only those the fast renderer does not take.
 */
export function renderFullBody(body: string, indicators: Record<string, { quote: string }>, file: string): BodyResult {
  let tree: Root;
  try {
    tree = mdxParser.parse(body);
  } catch (err) {
    return { problems: [syntaxProblem(err)], links: [] };
  }
  const problems = policyProblems(tree);
  const links: BodyResult['links'] = [];
  visit(tree, ['link', 'definition'], (node) => {
    const n = node as { url: string; position?: { start: { line: number } } };
    if (isSiteLink(n.url)) {
      links.push({ href: n.url, line: n.position?.start.line });
      n.url = rebased(n.url, BASE);
    }
  });
  if (problems.length) return { problems, links };
  remarkRedactions()(tree);
  const hast = toHast(tree, {
    handlers: { mdxJsxFlowElement: jsx, mdxJsxTextElement: jsx, mdxjsEsm: dropped, mdxFlowExpression: dropped, mdxTextExpression: dropped },
  }) as HastRoot;
  const quotes = Object.entries(indicators)
    .map(([key, v]) => ({ key, quote: v.quote }))
    .sort((a, b) => b.quote.length - a.quote.length);
  for (const q of quotes) {
    // A quote not in the text at all is reported by bodyProblems (../validate.ts), with the other quote checks.
    if (!markQuote(hast, q) && textOf(hast).includes(q.quote)) {
      problems.push({ field: `indicators.${q.key}.quote`, message: unmarkableQuote(file, q.key, q.quote, true).replace(/^.*?: /, '') });
    }
  }
  if (problems.length) return { problems, links };
  const headings = headingIds(hast);
  return { rendered: { html: toHtml(sanitizeTree(hast)), headings }, problems, links };
}

/**
 * Renders a report body (Markdown with the few MDX elements of ./elements.ts) to sanitized HTML
 * with its indicators' quotes marked. `file` names the entry in messages.
 */
export function renderReportBody(body: string, indicators: Record<string, { quote: string }>, file: string): BodyResult {
  if (needsMdx(body) || !fastPathSupports(body)) return renderFullBody(body, indicators, file);
  const fast = renderFastMarkdown(body, indicators, file);
  return {
    rendered: fast.problems.length ? undefined : { html: sanitizeHtml(fast.html), headings: fast.headings },
    problems: fast.problems,
    links: fast.links,
  };
}
