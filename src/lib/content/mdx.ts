/**
 * Serialising report text to MDX, and reading it back as plain text. Escaping is left to
 * mdast-util-to-markdown with the MDX and GFM extensions: they know which `<` `{` `*` `_` `#` `~`
 * would otherwise become JSX, expressions, emphasis, headings or strikethrough, so no hand-written
 * regex has to. Redactions (`*****`) thus come out as `\*\*\*\*\*`, which the site shows verbatim.
 */
import type { Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { mdxToMarkdown } from 'mdast-util-mdx';
import { toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import YAML from 'yaml';
import type { Block } from '../import/headings';
import { frontmatterData, splitFrontmatter } from './yaml';

/** The parser of the site's report bodies: Markdown + MDX + GFM, as @astrojs/mdx with remark-gfm. */
export const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();

type ToMarkdownExtension = NonNullable<ToMarkdownOptions['extensions']>[number];
/** remark-gfm's serializer extensions, taken from the plugin so they match the parser the site uses. */
const gfmToMarkdownExtensions: ToMarkdownExtension[] =
  (unified().use(remarkGfm).freeze().data() as { toMarkdownExtensions?: ToMarkdownExtension[] }).toMarkdownExtensions ?? [];

/**
 * MDX reads a line starting with `import`/`export` as ESM, and mdxToMarkdown does not guard
 * against that. Marking the first letter unsafe there makes the library write it as a character
 * reference (`&#x69;mport`), which displays as the plain word.
 */
const esmGuard: ToMarkdownExtension = {
  unsafe: [
    { character: 'i', atBreak: true, after: 'mport\\b' },
    { character: 'e', atBreak: true, after: 'xport\\b' },
  ],
};

const TO_MARKDOWN: ToMarkdownOptions = { extensions: [mdxToMarkdown(), ...gfmToMarkdownExtensions, esmGuard] };

const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** Builds the mdast tree of a report body from outline blocks. */
export function blocksToMdast(blocks: readonly Block[]): Root {
  const children: RootContent[] = blocks.map((b): Heading | Paragraph => {
    switch (b.type) {
      case 'heading':
        return { type: 'heading', depth: b.depth, children: [text(b.text)] };
      case 'signature':
        // One paragraph with hard breaks keeps issuer and date together, as on paper.
        return {
          type: 'paragraph',
          children: b.lines.flatMap((l, i): PhrasingContent[] => (i ? [{ type: 'break' }, text(l)] : [text(l)])),
        };
      default:
        return { type: 'paragraph', children: [text(b.text)] };
    }
  });
  return { type: 'root', children };
}

/** Serialises an mdast tree to MDX, every special character escaped by the library. */
export function mdastToMdx(tree: Root): string {
  return toMarkdown(tree, TO_MARKDOWN);
}

/** Serialises frontmatter with the `yaml` package; no line folding, so titles stay on one line. */
export function frontmatterToYaml(data: Record<string, unknown>): string {
  return YAML.stringify(data, { lineWidth: 0 });
}

/** A whole MDX file: `---` frontmatter `---`, a blank line, the body. */
export function mdxFile(frontmatter: Record<string, unknown>, body: string): string {
  return `---\n${frontmatterToYaml(frontmatter)}---\n\n${body.endsWith('\n') ? body : `${body}\n`}`;
}

// mdxFile puts a blank line between frontmatter and body; it is not part of the body.
const leadingBlankLines = (body: string) => body.replace(/^(?:[ \t]*\r?\n)+/, '');

/**
 * Splits an MDX file into its frontmatter (`{}` when absent) and body, by the content YAML reader
 * (./yaml.ts), so the importer reads files as check and build do; throws on YAML problems.
 */
export function splitMdxFile(mdx: string): { data: Record<string, unknown>; body: string } {
  const parts = splitFrontmatter(mdx);
  if (!parts) return { data: {}, body: mdx };
  return { data: frontmatterData(parts.yaml), body: leadingBlankLines(parts.body) };
}

/** Parses an MDX body (or whole file: the frontmatter is skipped, not read) into mdast, as the site would. */
export function parseMdx(mdx: string): Root {
  const parts = splitFrontmatter(mdx);
  return mdxParser.parse(parts ? leadingBlankLines(parts.body) : mdx);
}

function phrasingText(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if ('value' in node && typeof node.value === 'string' && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(phrasingText).join('');
  return '';
}

function blockTexts(node: Nodes, out: string[]): void {
  if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') {
    out.push(phrasingText(node));
    return;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) blockTexts(c, out);
  else if (node.type === 'code') out.push(node.value);
}

/**
 * The visible text of an MDX report (frontmatter skipped): each heading and paragraph on its own
 * line, escapes resolved, hard breaks as newlines. What a reader sees, for tests and quote checks.
 */
export function mdxToPlainText(mdx: string): string {
  const out: string[] = [];
  blockTexts(parseMdx(mdx), out);
  return out.join('\n');
}
