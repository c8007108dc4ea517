import { describe, expect, it } from 'vitest';
import { mdxFile, parseMdx, splitMdxFile } from '../src/lib/content/mdx';
import { frontmatterData, splitFrontmatter } from '../src/lib/content/yaml';

// One splitter for check, build and importer: the importer's reading (splitMdxFile) is the strict one.
describe('frontmatter', () => {
  it('is split the same way for the build and the importer', () => {
    const file = mdxFile({ title: '标题', year: 2023 }, '正文。\n');
    const parts = splitFrontmatter(file)!;
    expect(parts).toEqual({ yaml: 'title: 标题\nyear: 2023', body: '\n正文。\n', bodyLine: 5 });
    expect(splitMdxFile(file)).toEqual({ data: { title: '标题', year: 2023 }, body: '正文。\n' });
  });

  it('keeps dates as text (YAML core schema)', () => {
    expect(splitMdxFile('---\npublishedDate: 2009-02-30\n---\n正文').data).toEqual({ publishedDate: '2009-02-30' });
  });

  it('refuses aliases and duplicate keys, naming the line in the file', () => {
    expect(() => splitMdxFile('---\na: &x 1\nb: *x\n---\n正文')).toThrow(/别名.*aliases/);
    expect(() => splitMdxFile('---\ntitle: a\ntitle: b\n---\n正文')).toThrow(/第 3 行 \/ line 3: 同一个字段写了两次/);
    expect(() => frontmatterData('a: [')).toThrow(/YAML syntax error/);
  });

  it('reads empty frontmatter between two --- lines as no frontmatter: the whole file is body', () => {
    expect(splitFrontmatter('---\n---\n正文')).toBeUndefined();
    expect(splitMdxFile('---\n---\n正文')).toEqual({ data: {}, body: '---\n---\n正文' });
    expect(splitMdxFile('---\n\n---\n正文')).toEqual({ data: {}, body: '正文' });
  });

  it('skips the frontmatter without reading it when parsing the body', () => {
    expect(parseMdx('---\na: *undefined\n---\n\n正文').children.map((n) => n.type)).toEqual(['paragraph']);
  });
});
