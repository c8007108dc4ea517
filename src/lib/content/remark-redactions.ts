/**
 * Remark plugin: shows redactions (`*****` in the source, escaped in MDX so Markdown does not read
 * them as emphasis or a rule) as a visible, styled span, keeping the asterisks as its text so the
 * page still says exactly what the published report says.
 */
import type { Root, Text, PhrasingContent } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';

export const REDACTION = /\*{3,}/g;
export const REDACTION_TITLE = '原文此处内容已隐去';

export function remarkRedactions() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !REDACTION.test(node.value)) return;
      REDACTION.lastIndex = 0;
      const parts: PhrasingContent[] = [];
      let last = 0;
      for (const m of node.value.matchAll(REDACTION)) {
        if (m.index > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
        parts.push({
          type: 'text',
          value: m[0],
          data: { hName: 'span', hProperties: { className: ['redacted'], title: REDACTION_TITLE } },
        } as Text);
        last = m.index + m[0].length;
      }
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}
