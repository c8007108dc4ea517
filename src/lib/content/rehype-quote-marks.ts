/**
 * Quote marks in a rendered body's tree: the quote of each indicator wrapped in
 * `<mark id="q-<key>">`, so every figure on the site can link to the sentence that states it.
 * Quotes may be identical or nested (one figure's quote inside another's): longer quotes are
 * wrapped first (src/lib/content/body.ts) and shorter ones are then found inside them. A quote that
 * cannot be marked is a problem of the entry.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { visit, EXIT } from 'unist-util-visit';
import { quoteAnchorId } from '../urls';
import { quoteNotFound } from './validate';

/** Class of the marks, which the report page styles and highlights when linked to. */
export const QUOTE_CLASS = 'quote';

/**
 * Why the quote of indicator `key` could not be marked in `file`: the text has it but across
 * formatting or another quote (`inText`), or not at all.
 */
export function unmarkableQuote(file: string, key: string, quote: string, inText: boolean): string {
  const where = `${file} › indicators.${key}.quote`;
  return inText
    ? `${where}: 引文“${quote}”跨越了格式或与其他引文部分重叠，无法标出；请缩短引文 / the quote spans formatting or partly overlaps another quote; shorten it`
    : `${where}: ${quoteNotFound(quote)}`;
}

interface Quoted {
  key: string;
  quote: string;
}

/** Wraps the first occurrence of `q.quote` that lies within one text node; false if there is none. */
export function markQuote(tree: Root | Element, q: Quoted): boolean {
  let done = false;
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined) return;
    const at = node.value.indexOf(q.quote);
    if (at < 0) return;
    const mark: Element = {
      type: 'element',
      tagName: 'mark',
      properties: { id: quoteAnchorId(q.key), className: [QUOTE_CLASS] },
      children: [{ type: 'text', value: q.quote }],
    };
    const parts: ElementContent[] = [];
    if (at > 0) parts.push({ type: 'text', value: node.value.slice(0, at) });
    parts.push(mark);
    const rest = node.value.slice(at + q.quote.length);
    if (rest) parts.push({ type: 'text', value: rest });
    (parent.children as ElementContent[]).splice(index, 1, ...parts);
    done = true;
    return EXIT;
  });
  return done;
}

/** The text of a tree, as a reader sees it. */
export function textOf(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c as ElementContent)).join('') : '';
}
