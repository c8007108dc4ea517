import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import type { Block } from '../src/lib/import/headings';
import { blocksToMdast, mdastToMdx, mdxFile, mdxToPlainText, parseMdx, splitMdxFile } from '../src/lib/content/mdx';

const paragraph = (text: string): Block => ({ type: 'paragraph', text, line: 1 });
const toMdx = (...texts: string[]) => mdastToMdx(blocksToMdast(texts.map(paragraph)));
const types = (mdx: string) => {
  const t = new Set<string>();
  visit(parseMdx(mdx) as Nodes, (n) => void t.add(n.type));
  return [...t].sort();
};

/** Text that Markdown, MDX or GFM would read as syntax if it were not escaped. */
const TRICKY = [
  '印发<法治政府建设与责任落实督察工作规定的>的通知',
  '<Foo bar="1" />',
  '</div>',
  '表达式{1 + 1}与{a}',
  '共收到服务评价*****份',
  '*****',
  '_强调_与__加粗__',
  '# 不是标题',
  '1. 不是列表',
  '1) 不是列表',
  '- 不是列表',
  '+ 不是列表',
  '> 不是引用',
  '---',
  '***',
  '`代码`',
  '    缩进不是代码',
  '区间3~5天,~~不是删除线~~',
  '[链接](x.html)',
  '[脚注][^1]',
  '![图](x.png)',
  '&amp; 与 &#123;',
  'import x from "y"',
  'export const a = 1',
  'import{a}from"b"',
  'important与exports两词',
  '| a | b |',
  '“1+5+N”多元解纷',
  '反斜杠\\不是转义',
];

describe('mdastToMdx', () => {
  it.each(TRICKY)('keeps %j literal text, in a plain paragraph', (text) => {
    const mdx = toMdx(text);
    expect(types(mdx)).toEqual(['paragraph', 'root', 'text']);
    expect(mdxToPlainText(mdx)).toBe(text);
  });

  it('leaves a bare URL visible as written (GFM may make it a link)', () => {
    expect(mdxToPlainText(toMdx('见 http://www.example.com/a.html 与 www.gov.cn'))).toBe('见 http://www.example.com/a.html 与 www.gov.cn');
  });

  it('does not let a paragraph starting with import/export become ESM', () => {
    expect(toMdx('import x from "y"')).toBe('&#x69;mport x from "y"\n');
    expect(toMdx('important')).toBe('important\n');
  });

  it('escapes redactions as \\*', () => {
    expect(toMdx('约*****人次')).toBe('约\\*\\*\\*\\*\\*人次\n');
  });

  it('escapes < and { so MDX reads no JSX or expression', () => {
    const mdx = toMdx('印发<法治>的通知{x}');
    expect(mdx).toContain('\\<');
    expect(mdx).toContain('\\{');
  });

  it('writes headings by depth and the signature with a hard break', () => {
    const mdx = mdastToMdx(
      blocksToMdast([
        { type: 'heading', depth: 2, text: '一、 主要举措和成效', line: 1 },
        { type: 'heading', depth: 3, text: '(一)强化组织引领作用', line: 2 },
        { type: 'heading', depth: 4, text: '1.强化改革。', line: 3 },
        { type: 'signature', lines: ['深圳市宝安区人民政府', '2023年12月20日'], line: 4 },
      ]),
    );
    expect(mdx).toBe('## 一、 主要举措和成效\n\n### (一)强化组织引领作用\n\n#### 1.强化改革。\n\n深圳市宝安区人民政府\\\n2023年12月20日\n');
    expect(mdxToPlainText(mdx)).toBe('一、 主要举措和成效\n(一)强化组织引领作用\n1.强化改革。\n深圳市宝安区人民政府\n2023年12月20日');
  });
});

describe('frontmatter', () => {
  it('writes YAML with the yaml package and reads it back', () => {
    const data = { title: '关于怀化市2023年度法治政府建设情况的报告: 附件', year: 2023, publishedDate: '2024-02-22', indicators: {} };
    const file = mdxFile(data, '正文。\n');
    expect(file.startsWith('---\ntitle: ')).toBe(true);
    expect(file).toContain('publishedDate: 2024-02-22\n');
    expect(splitMdxFile(file)).toEqual({ data, body: '正文。\n' });
  });

  it('is not part of the plain text', () => {
    expect(mdxToPlainText(mdxFile({ title: '标题标题', year: 2023 }, '## 一、总体\n\n正文。'))).toBe('一、总体\n正文。');
  });

  it('treats a file without frontmatter as all body', () => {
    expect(splitMdxFile('正文。')).toEqual({ data: {}, body: '正文。' });
  });
});
