/**
 * The fast renderer of report bodies: markdown-it with the site's rules as small token transforms
 * (redactions, quote marks, heading ids, link checks), about thirty times faster than a unified
 * pipeline, which is most of a large build's content sync. src/lib/content/body.ts uses it for every
 * plain-Markdown body that `fastPathSupports` and sanitizes what it renders; every other body takes
 * the full renderer there.
 *
 * "The same HTML" as the full renderer is checked, not assumed: tests/markdown.test.ts renders the
 * seed entries, the test fixtures, a generated corpus and one sample of each supported construct
 * with both and compares the resulting DOM and headings. Constructs where CommonMark parsers are
 * known to part from GFM (autolink literals, strikethrough, footnotes, task lists, code, images)
 * never take the fast path.
 */
import type { MarkdownHeading } from 'astro';
import Slugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import type { RenderRule } from 'markdown-it/lib/renderer.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { urlProblem, type BodyProblem } from './policy';
import { isSiteLink, rebased } from './url';
import { BASE } from '../urls';
import { REDACTION, REDACTION_TITLE } from './remark-redactions';
import { quoteAnchorId } from '../urls';
import { QUOTE_CLASS, unmarkableQuote } from './rehype-quote-marks';

/** True when the body uses MDX beyond Markdown: ESM, JSX or expressions (escaped characters excluded). */
export function needsMdx(body: string): boolean {
  const unescaped = body.replace(/\\./g, '');
  return /^\s*(import|export)\s/m.test(unescaped) || /<[A-Za-z]/.test(unescaped) || /[{}]/.test(unescaped);
}

/**
 * Markdown that only the full pipeline renders: code, images, footnotes, task lists, GFM's
 * single-tilde strikethrough and its autolink literals (bare URLs and e-mail addresses), and HTML.
 * Everything else is CommonMark plus GFM tables, which both parsers implement to the same spec.
 */
const FULL_PIPELINE_ONLY = /[`~<@]|!\[|\[\^|https?:|www\.|mailto:|^(?: {4}|\t)|^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]/m;

/** True if `body` (plain Markdown, not MDX) can be rendered by `renderFastMarkdown`; escaped characters are text. */
export const fastPathSupports = (body: string): boolean => !FULL_PIPELINE_ONLY.test(body.replace(/\\./g, ''));

export interface FastRendered {
  html: string;
  headings: MarkdownHeading[];
  /** Quotes that could not be marked, links with a scheme the body policy refuses. */
  problems: BodyProblem[];
  /** Links to pages of this site, for the link check. */
  links: { href: string; line?: number }[];
}

interface Quotes {
  quotes: { key: string; quote: string }[];
  file: string;
  headings: MarkdownHeading[];
  problems: BodyProblem[];
  links: { href: string; line?: number }[];
}

/** Text tokens of the document in reading order, with the list (inline children) holding each. */
function* textTokens(state: StateCore): Generator<{ list: Token[]; index: number }> {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const list = block.children;
    for (let index = 0; index < list.length; index++) if (list[index].type === 'text') yield { list, index };
  }
}

/** `*****` as `<span class="redacted" title="…">*****</span>` (remarkRedactions). */
function redactions(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    block.children = block.children.flatMap((t: Token) => {
      if (t.type !== 'text' || !t.content.match(REDACTION)) return [t];
      const out: Token[] = [];
      let last = 0;
      for (const m of t.content.matchAll(REDACTION)) {
        if (m.index > last) out.push(text(state, t.content.slice(last, m.index)));
        const open = new state.Token('redaction_open', 'span', 1);
        open.attrs = [
          ['class', 'redacted'],
          ['title', REDACTION_TITLE],
        ];
        out.push(open, text(state, m[0]), new state.Token('redaction_close', 'span', -1));
        last = m.index + m[0].length;
      }
      if (last < t.content.length) out.push(text(state, t.content.slice(last)));
      return out;
    });
  }
}

function text(state: StateCore, content: string): Token {
  const t = new state.Token('text', '', 0);
  t.content = content;
  return t;
}

/**
 * Each indicator's quote wrapped in `<mark id="q-<key>">` where it first lies within one text
 * node, longest quotes first (markQuote in ./rehype-quote-marks.ts: same order, same failures).
 */
function quoteMarks(state: StateCore): void {
  const env = state.env as unknown as Quotes;
  for (const q of [...env.quotes].sort((a, b) => b.quote.length - a.quote.length)) {
    let marked = false;
    for (const { list, index } of textTokens(state)) {
      const t = list[index];
      const at = t.content.indexOf(q.quote);
      if (at < 0) continue;
      const open = new state.Token('mark_open', 'mark', 1);
      open.attrs = [
        ['id', quoteAnchorId(q.key)],
        ['class', QUOTE_CLASS],
      ];
      const parts = [open, text(state, q.quote), new state.Token('mark_close', 'mark', -1)];
      if (at > 0) parts.unshift(text(state, t.content.slice(0, at)));
      const rest = t.content.slice(at + q.quote.length);
      if (rest) parts.push(text(state, rest));
      list.splice(index, 1, ...parts);
      marked = true;
      break;
    }
    if (!marked) {
      // A quote not in the text at all is reported by bodyProblems (./validate.ts), with the other quote checks.
      const all = [...textTokens(state)].map(({ list, index }) => list[index].content).join('');
      if (all.includes(q.quote)) {
        env.problems.push({ field: `indicators.${q.key}.quote`, message: unmarkableQuote(env.file, q.key, q.quote, true).replace(/^.*?: /, '') });
      }
    }
  }
}

/** Heading ids from their text with github-slugger, and the list of headings (Astro's rehypeHeadingIds). */
function headingIds(state: StateCore): void {
  const env = state.env as unknown as Quotes;
  const slugger = new Slugger();
  for (let i = 0; i < state.tokens.length; i++) {
    const open = state.tokens[i];
    if (open.type !== 'heading_open') continue;
    const textContent = (state.tokens[i + 1].children ?? [])
      .filter((c: Token) => c.type === 'text')
      .map((c: Token) => c.content)
      .join('');
    let slug = slugger.slug(textContent);
    if (slug.endsWith('-')) slug = slug.slice(0, -1);
    open.attrSet('id', slug);
    env.headings.push({ depth: Number(open.tag.slice(1)), slug, text: textContent });
  }
}

/**
 * Links judged by the body policy's URL rules (./content/url.ts), which say why, instead of
 * markdown-it's own check, which leaves a refused link as silent text; site links are collected.
 */
function links(state: StateCore): void {
  const env = state.env as unknown as Quotes;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const line = block.map ? block.map[0] + 1 : undefined;
    for (const t of block.children) {
      if (t.type !== 'link_open') continue;
      const href = t.attrGet('href') ?? '';
      const problem = urlProblem(href, 'link');
      if (problem) env.problems.push({ line, message: problem });
      else if (isSiteLink(href)) {
        env.links.push({ href, line });
        t.attrSet('href', rebased(href, BASE));
      }
    }
  }
}

const md = new MarkdownIt('commonmark', { html: false, xhtmlOut: false }).enable('table');
md.validateLink = () => true;
md.core.ruler.push('links', links);
md.core.ruler.push('redactions', redactions);
md.core.ruler.push('quote_marks', quoteMarks);
md.core.ruler.push('heading_ids', headingIds);

// GFM tables carry column alignment as `align`, as remark-rehype writes it, not as a style.
const alignAsAttribute: RenderRule = (tokens, idx, options, _env, self) => {
  const t = tokens[idx];
  const align = /text-align:(\w+)/.exec(String(t.attrGet('style') ?? ''))?.[1];
  if (align) {
    t.attrs = (t.attrs ?? []).filter(([name]) => name !== 'style');
    t.attrSet('align', align);
  }
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.th_open = alignAsAttribute;
md.renderer.rules.td_open = alignAsAttribute;

/**
 * Renders a plain-Markdown report body (one that `fastPathSupports`) with its indicators' quotes
 * marked. Not sanitized yet: ./content/body.ts, its only caller besides tests, does that.
 */
export function renderFastMarkdown(body: string, indicators: Record<string, { quote: string }>, file: string): FastRendered {
  const env: Quotes = { quotes: Object.entries(indicators).map(([key, v]) => ({ key, quote: v.quote })), file, headings: [], problems: [], links: [] };
  const html = md.render(body, env as unknown as Record<string, unknown>);
  return { html, headings: env.headings, problems: env.problems, links: env.links };
}
