/**
 * Rehype plugin: wraps the quote of each indicator in the report body in `<mark id="q-<key>">`,
 * so every figure on the site can link to the sentence that states it. Quotes may be identical
 * or nested (one figure's quote inside another's): longer quotes are wrapped first and shorter
 * ones are then found inside them. A quote that cannot be marked fails the build.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { visit, EXIT } from 'unist-util-visit';
import { quoteAnchorId } from './urls';

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
      properties: { id: quoteAnchorId(q.key), className: ['quote'] },
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

export function rehypeQuoteMarks() {
  return (tree: Root, file: { path?: string; data: { astro?: { frontmatter?: Record<string, unknown> } } }) => {
    const indicators = file.data.astro?.frontmatter?.indicators as Record<string, { quote: string }> | undefined;
    if (!indicators) return;
    const quotes = Object.entries(indicators)
      .map(([key, v]) => ({ key, quote: v.quote }))
      .sort((a, b) => b.quote.length - a.quote.length);
    for (const q of quotes) {
      if (!markQuote(tree, q)) {
        throw new Error(
          `${file.path ?? ''}: 指标 ${q.key} 的引文“${q.quote}”无法在正文中标出（引文须是正文中连续的一段文字，且不能与其他引文部分重叠）/ ` +
            `the quote of indicator ${q.key} cannot be marked in the body (it must be one continuous phrase of the text, not partly overlapping another quote)`,
        );
      }
    }
  };
}
