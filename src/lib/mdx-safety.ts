/**
 * Report bodies are public text. MDX would run a `<script>`, embed an `<iframe>` or evaluate a
 * `{…}` expression; none of these belongs in a report, so they are rejected both by the build
 * (remark plugin) and by `npm run check`, with the line to fix.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

const FORBIDDEN_ELEMENTS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'link', 'meta', 'form']);

export interface UnsafeNode {
  line?: number;
  message: string;
}

export function findUnsafeNodes(tree: Root): UnsafeNode[] {
  const found: UnsafeNode[] = [];
  visit(tree, (node) => {
    const line = node.position?.start.line;
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && FORBIDDEN_ELEMENTS.has(String((node as { name?: string }).name).toLowerCase())) {
      const name = (node as { name?: string }).name;
      found.push({ line, message: `正文中不允许 <${name}> 元素；若是原文文字，请写作“\\<${name}\\>” / <${name}> is not allowed in a report body; escape it as text` });
    } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      found.push({ line, message: '正文中的“{…}”会被当作代码执行；若是原文文字，请写作“\\{…\\}” / a {…} expression would run as code; escape the braces as text' });
    }
  });
  return found;
}

/** Remark plugin: fails the build on unsafe nodes, naming the file and line. */
export function remarkRejectUnsafe() {
  return (tree: Root, file: { path?: string }) => {
    const found = findUnsafeNodes(tree);
    if (found.length) {
      throw new Error(found.map((f) => `${file.path ?? ''}:${f.line ?? '?'} ${f.message}`).join('\n'));
    }
  };
}
