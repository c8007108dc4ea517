/**
 * The body of an imported report: the outline of its lines with the source's own headings and
 * tables put back where they stood, as an mdast tree for MDX-safe serialising (../content/mdx.ts).
 */
import type { Root, RootContent, Table, TableCell } from 'mdast';
import type { SourceLine } from './clean';
import { parseOutline, type Block, type HeadingDepth, type Outline } from './headings';
import { blocksToMdast } from '../content/mdx';
import { splitSentences } from '../text';
import type { SourceText } from './types';

/** A table in the body, among the outline's blocks. */
export interface TableBlock {
  type: 'table';
  rows: string[][];
  line: number;
}

/** A block of the imported body: an outline block or a table. */
export type BodyBlock = Block | TableBlock;

/**
 * The outline of the body lines. Lines the source marks as headings keep their depth and are not
 * read for numbering; all other lines go through parseOutline exactly as plain text does (numbered
 * headings, salutation, signature); tables are put back where they stood.
 */
export function outlineSource(lines: readonly SourceLine[], src: Pick<SourceText, 'headings' | 'tables'>): Omit<Outline, 'blocks'> & { blocks: BodyBlock[] } {
  const styled = src.headings ?? new Map<number, HeadingDepth>();
  const outline = parseOutline(lines.filter((l) => !styled.has(l.line)));
  const placed: BodyBlock[] = [
    ...lines.filter((l) => styled.has(l.line)).map((l): BodyBlock => ({ type: 'heading', depth: styled.get(l.line)!, text: l.text, line: l.line })),
    ...(src.tables ?? []).filter((t) => t.rows.length).map((t): BodyBlock => ({ type: 'table', rows: t.rows, line: t.line })),
  ].sort((a, b) => a.line - b.line);
  const blocks: BodyBlock[] = [];
  let next = 0;
  for (const b of outline.blocks) {
    while (next < placed.length && placed[next].line < b.line) blocks.push(placed[next++]);
    blocks.push(b);
  }
  blocks.push(...placed.slice(next));
  return { ...outline, blocks };
}

export const blockSentences = (b: BodyBlock): string[] =>
  (b.type === 'signature' ? b.lines : b.type === 'table' ? b.rows.flat() : [b.text]).flatMap(splitSentences);

/** A GFM table; the first row is the header, every row as wide as the widest. */
function tableToMdast(rows: readonly string[][]): Table {
  const width = Math.max(...rows.map((r) => r.length));
  return {
    type: 'table',
    align: Array.from({ length: width }, () => null),
    children: rows.map((r) => ({
      type: 'tableRow',
      children: Array.from({ length: width }, (_, i): TableCell => ({ type: 'tableCell', children: r[i] ? [{ type: 'text', value: r[i] }] : [] })),
    })),
  };
}

/** The mdast tree of a body: outline blocks as mdx.ts builds them, tables as GFM tables. */
export function bodyToMdast(blocks: readonly BodyBlock[]): Root {
  return {
    type: 'root',
    children: blocks.flatMap((b): RootContent[] => (b.type === 'table' ? [tableToMdast(b.rows)] : blocksToMdast([b]).children)),
  };
}
