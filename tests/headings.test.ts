import { describe, expect, it } from 'vitest';
import type { SourceLine } from '../src/lib/import/clean';
import { detectSignature, headingMarker, parseOutline, splitRunOn, type Block } from '../src/lib/import/headings';

const lines = (...texts: string[]): SourceLine[] => texts.map((text, i) => ({ text, line: i + 1 }));
/** Blocks as compact strings: `h2 text`, `p text`, `salutation text`, `signature a|b`. */
const shape = (blocks: Block[]) =>
  blocks.map((b) =>
    b.type === 'heading' ? `h${b.depth} ${b.text}` : b.type === 'paragraph' ? `p ${b.text}` : b.type === 'signature' ? `signature ${b.lines.join('|')}` : `salutation ${b.text}`,
  );

describe('headingMarker', () => {
  it('maps 一、 to 2, （一）/(一) to 3, 1. 1、 1． to 4', () => {
    expect(headingMarker('一、主要举措和成效')?.depth).toBe(2);
    expect(headingMarker('十一、存在的不足')?.depth).toBe(2);
    expect(headingMarker('（一）依法全面履行政府职能')?.depth).toBe(3);
    expect(headingMarker('(二)完善依法行政制度体系')?.depth).toBe(3);
    expect(headingMarker('1.强化改革')).toEqual({ depth: 4, number: 1 });
    expect(headingMarker('2、优化政务环境')).toEqual({ depth: 4, number: 2 });
    expect(headingMarker('3．着力优化')).toEqual({ depth: 4, number: 3 });
    expect(headingMarker('1. 深学细悟笃行')).toEqual({ depth: 4, number: 1 });
  });

  it('does not take sentences for headings', () => {
    expect(headingMarker('一是工作推进不平衡。')).toBeUndefined();
    expect(headingMarker('2023年,我区开展工作。')).toBeUndefined();
    expect(headingMarker('1.97亿条数据已归集。')).toBeUndefined();
    expect(headingMarker('12月开展专项检查。')).toBeUndefined();
    expect(headingMarker('3个村被评为示范村。')).toBeUndefined();
  });

  it('flags a number that lost its separator, and a stray `)`', () => {
    expect(headingMarker('1加强矛盾纠纷排查化解。')).toEqual({ depth: 4, number: 1, bare: true });
    expect(headingMarker(')加强组织领导,专题研究部署。')).toEqual({ depth: 3, repaired: '加强组织领导,专题研究部署。' });
    expect(headingMarker('）加强组织领导')?.repaired).toBe('加强组织领导');
  });
});

describe('splitRunOn', () => {
  it('splits a run-on heading after the first 。', () => {
    expect(splitRunOn('（一）积极贯彻落实精神，全面系统深入贯彻落实部署。开展“第一议题”学习56次。', 80)).toEqual({
      heading: '（一）积极贯彻落实精神，全面系统深入贯彻落实部署。',
      rest: '开展“第一议题”学习56次。',
    });
    expect(splitRunOn('1. 深学细悟笃行，全面落实党的二十大精神。深入学习…', 60)).toEqual({
      heading: '1. 深学细悟笃行，全面落实党的二十大精神。',
      rest: '深入学习…',
    });
  });

  it('keeps a short line without 。 whole', () => {
    expect(splitRunOn('（一）依法全面履行政府职能', 80)).toEqual({ heading: '（一）依法全面履行政府职能' });
  });

  it('refuses a heading longer than the cap', () => {
    expect(splitRunOn(`1.${'很长的段落'.repeat(20)}。后文。`, 60)).toBeUndefined();
    expect(splitRunOn(`1.${'很长的段落'.repeat(20)}`, 60)).toBeUndefined();
  });
});

describe('parseOutline', () => {
  it('builds headings and paragraphs, splitting run-on headings', () => {
    const o = parseOutline(lines('一、总体情况', '（一）加强领导。成立领导小组。', '1.完善制度。制定办法3项。', '一是学习。二是培训。'));
    expect(shape(o.blocks)).toEqual(['h2 一、总体情况', 'h3 （一）加强领导。', 'p 成立领导小组。', 'h4 1.完善制度。', 'p 制定办法3项。', 'p 一是学习。二是培训。']);
  });

  it('keeps a long numbered line as a paragraph', () => {
    const long = `1.${'加强执法监督检查'.repeat(10)},形成长效机制。其他。`;
    expect(shape(parseOutline(lines('（一）执法', long)).blocks)).toEqual(['h3 （一）执法', `p ${long}`]);
  });

  it('makes the stray `)` line a level-3 heading without the paren, and warns', () => {
    const o = parseOutline(lines('一、提高政治站位', '强化学习。', ')加强组织领导,专题研究部署。坚持党的领导。'));
    expect(shape(o.blocks)).toEqual(['h2 一、提高政治站位', 'p 强化学习。', 'h3 加强组织领导,专题研究部署。', 'p 坚持党的领导。']);
    expect(o.warnings).toHaveLength(1);
    expect(o.warnings[0]).toContain('line 3 starts with a stray ")"');
  });

  it('accepts a number without separator only when it continues the numbering', () => {
    const o = parseOutline(lines('（七）提高能力', '1、严格学法。A。', '2深化法律援助。B。', '4跳号的不算。C。', '（八）其他', '1加强排查。D。'));
    expect(shape(o.blocks)).toEqual([
      'h3 （七）提高能力',
      'h4 1、严格学法。',
      'p A。',
      'h4 2深化法律援助。',
      'p B。',
      'p 4跳号的不算。C。',
      'h3 （八）其他',
      'h4 1加强排查。',
      'p D。',
    ]);
  });

  it('detects the salutation at the start and the signature at the end', () => {
    const o = parseOutline(lines('漳州市人民政府:', '2022年,我区开展工作。', '专此报告。', '深圳市宝安区人民政府', '2023年12月20日'));
    expect(shape(o.blocks)).toEqual(['salutation 漳州市人民政府:', 'p 2022年,我区开展工作。', 'p 专此报告。', 'signature 深圳市宝安区人民政府|2023年12月20日']);
    expect(o).toMatchObject({ issuer: '深圳市宝安区人民政府', documentDate: '2023-12-20' });
  });

  it('does not take a closing sentence or a heading for a signature', () => {
    expect(detectSignature(lines('正文。', '专此报告。'))).toBeUndefined();
    expect(detectSignature(lines('正文。', '三、下一步打算'))).toBeUndefined();
    expect(detectSignature(lines('正文。', '以上报告'))).toBeUndefined();
    expect(detectSignature(lines('正文。', '二〇二一年二月十九日'))).toEqual({ start: 1, issuer: undefined, date: '2021-02-19', dateText: '二〇二一年二月十九日' });
    expect(detectSignature(lines('正文。', '佳木斯市前进区人民政府'))).toMatchObject({ start: 1, issuer: '佳木斯市前进区人民政府' });
  });
});
