/**
 * The fast Markdown renderer (markdown-it) against the full body renderer (the site's MDX parser,
 * unified, the same sanitizer): the same DOM and the same headings for every seed entry, every
 * fixture entry, a generated corpus and one sample of each construct the fast path takes; the
 * constructs it does not take are sent to the full renderer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadMaterial } from '../bench/gen-corpus';
import { generateCorpus } from '../bench/corpus';
import { renderFullBody, renderReportBody } from '../src/lib/content/body';
import { sanitizeHtml } from '../src/lib/content/sanitize';
import { fastPathSupports, needsMdx, renderFastMarkdown } from '../src/lib/content/markdown';
import { splitMdxFile } from '../src/lib/content/mdx';

/** The DOM of an HTML fragment, as HTML, without the newlines renderers put between blocks. */
function dom(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  const strip = (node: Root | Element) => {
    node.children = node.children.filter((c) => !(c.type === 'text' && /^\n+$/.test(c.value)));
    for (const c of node.children) if (c.type === 'element') strip(c);
  };
  strip(tree);
  return toHtml(tree as Nodes);
}

type Quotes = Record<string, { quote: string }>;

async function expectSame(body: string, indicators: Quotes = {}, file = 'sample.mdx') {
  expect(needsMdx(body), 'a plain-Markdown body').toBe(false);
  expect(fastPathSupports(body), 'taken by the fast path').toBe(true);
  const full = renderFullBody(body, indicators, file);
  const fast = renderFastMarkdown(body, indicators, file);
  expect(full.problems).toEqual([]);
  expect(fast.problems).toEqual([]);
  expect(dom(sanitizeHtml(fast.html))).toBe(dom(full.rendered!.html));
  expect(fast.headings).toEqual(full.rendered!.headings);
  expect(renderReportBody(body, indicators, file).rendered).toEqual({ html: sanitizeHtml(fast.html), headings: fast.headings });
}

function entries(dir: string): { file: string; body: string; indicators: Quotes }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const { data, body } = splitMdxFile(readFileSync(join(dir, f), 'utf8'));
      return { file: f, body, indicators: (data.indicators ?? {}) as Quotes };
    });
}

describe('fast Markdown renders as the full renderer does', { timeout: 60_000 }, () => {
  it('the seed entries, with their quotes marked', async () => {
    const seeds = entries('content/reports');
    expect(seeds.length).toBeGreaterThanOrEqual(5);
    for (const e of seeds) await expectSame(e.body, e.indicators, e.file);
  });

  it('the fixture entries', async () => {
    for (const e of entries('tests/fixtures/content-min/reports')) if (!needsMdx(e.body)) await expectSame(e.body, e.indicators, e.file);
  });

  it('a generated corpus', async () => {
    const corpus = generateCorpus({ reports: 60, seed: 7, material: loadMaterial('seeds') });
    for (const r of corpus.reports) {
      const { data, body } = splitMdxFile(r.file);
      await expectSame(body, (data.indicators ?? {}) as Quotes, r.path);
    }
  });

  const samples: [string, string, Quotes?][] = [
    ['headings of every depth, repeated and with punctuation', '# 总则\n\n## 一、主要举措\n\n### （一）强化领导\n\n## 一、主要举措\n\n#### 1.完善制度；落实责任\n\n##### 附 件\n'],
    ['escapes MDX and Markdown need', '依据《条例\\<试行\\>》\\{第三条\\}，罚款\\*\\*元，编号\\_12\\_，\\#3 号，A\\|B\n'],
    ['redactions in text and headings', '## 二、罚没款\\*\\*\\*\\*\\*元\n\n共处罚\\*\\*\\*\\*\\*起，其中\\*\\*\\*\\*\\*起已结案。\n'],
    [
      'quotes: nested, repeated, in headings and table cells',
      '## 办理复议案件568宗\n\n办理复议案件568宗，综合纠错率28.42%。再次：综合纠错率28.42%。\n\n| 指标 | 数值 |\n| --- | --- |\n| 败诉率 | 败诉率仅4.55% |\n',
      { reconsiderationReceived: { quote: '办理复议案件568宗' }, reconsiderationCorrectionRate: { quote: '综合纠错率28.42%' }, rate: { quote: '纠错率28.42%' }, litigationLossRate: { quote: '败诉率仅4.55%' } },
    ],
    ['tables with alignment, escaped pipes and empty cells', '| 左 | 中 | 右 |\n| :-- | :-: | --: |\n| a\\|b | | 3 |\n| **粗** | *斜* | |\n'],
    ['emphasis, strong and links', '这是**重点**与*强调*，见[国务院网站](/gov "标题")和[参考][1]。\n\n[1]: /ref\n'],
    ['lists, ordered and nested', '- 一是加强领导\n- 二是完善制度\n  - 细则\n\n1. 第一\n2. 第二\n\n3) 续\n'],
    ['hard and soft breaks, signature blocks', '某某区人民政府\\\n2024年1月1日\n\n第一行  \n第二行\n第三行\n'],
    ['blockquotes and thematic breaks', '> 引用一段\n> 第二行\n\n---\n\n***\n'],
    ['setext headings and entities', '标题甲\n===\n\n标题乙\n---\n\n&amp; &copy; &#x4e2d; &#20013;\n'],
    ['full-width punctuation and numbers', '罚没款46万余元、59.036万元、1.97亿条、10.71万家次；出庭232件、出庭率100%。\n'],
  ];
  for (const [name, body, quotes] of samples) it(name, () => expectSame(body, quotes));

  it('reports a quote it cannot mark, as the full renderer does', () => {
    const body = '共有\\*\\*\\*\\*\\*起。\n';
    const quotes = { x: { quote: '有*****起' } };
    const expected = [{ field: 'indicators.x.quote', message: expect.stringMatching(/^引文“有\*\*\*\*\*起”跨越了格式/) }];
    expect(renderFastMarkdown(body, quotes, 'a.mdx').problems).toEqual(expected);
    expect(renderFullBody(body, quotes, 'a.mdx').problems).toEqual(expected);
    expect(renderReportBody(body, quotes, 'a.mdx').rendered).toBeUndefined();
  });
});

describe('fastPathSupports', () => {
  it('sends what CommonMark parsers render differently from GFM to the full pipeline', () => {
    for (const body of [
      '见 https://www.gov.cn 网站',
      '见 www.gov.cn 网站',
      '邮箱 a@b.cn',
      '~删除~',
      '代码 `x`',
      '    缩进代码',
      '![图](a.png)',
      '注[^1]\n\n[^1]: 脚注',
      '- [ ] 任务',
      '<https://a.cn>',
    ]) {
      expect(fastPathSupports(body), body).toBe(false);
    }
    expect(fastPathSupports('## 一、标题\n\n正文，\\*\\*\\*\\*\\*。\n')).toBe(true);
  });
});
