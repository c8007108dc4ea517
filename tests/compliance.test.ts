import { describe, expect, it } from 'vitest';
import { assessCompliance, deadlineFor, outline, timeliness } from '../src/lib/figures/compliance';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('timeliness', () => {
  it('is on time up to 31 March of the next year, late from 1 April, unknown without a date', () => {
    expect(deadlineFor(2023)).toEqual(d('2024-03-31'));
    expect(timeliness(2023, d('2024-02-22'))).toBe('onTime');
    expect(timeliness(2023, d('2024-03-31'))).toBe('onTime');
    expect(timeliness(2023, d('2024-04-01'))).toBe('late');
    expect(timeliness(2023, undefined)).toBe('unknown');
  });
});

describe('required parts', () => {
  const assess = (headings: string[], paragraphs: string[] = []) => assessCompliance({ year: 2023, headings, paragraphs });

  it('finds all four parts however the headings phrase them', () => {
    const variants = [
      ['一、主要举措和成效', '二、存在的不足和原因', '三、党政主要负责人履行推进法治建设第一责任人职责情况', '四、下一年度工作安排'],
      ['一、2023年主要工作', '二、存在问题', '（三）认真履行第一责任人职责', '三、2024年工作安排'],
      ['一、工作开展情况', '二、存在的问题和不足', '3. 统筹法治建设，认真履行第一责任人职责。', '三、下一步工作设想'],
      ['一、强化组织领导', '二、短板和不足', '（一）主要负责人切实履行法治建设职责', '三、下一步打算'],
    ];
    for (const headings of variants) {
      const c = assess(headings);
      expect(c.missing.map((m) => m.key), headings.join(' | ')).toEqual([]);
    }
  });

  it('reports the parts that are missing', () => {
    const c = assess(['一、主要工作', '二、下一步工作打算']);
    expect(c.missing.map((m) => m.label)).toEqual(['存在的不足和原因', '党政主要负责人履行推进法治建设第一责任人职责情况']);
  });

  it('accepts 第一责任人 and 下一步 written as paragraphs', () => {
    const c = assess(['一、主要工作', '二、存在的不足'], ['区委书记、区长切实履行推进法治建设第一责任人职责。', '下一步，我区将继续深入学习贯彻。']);
    expect(c.missing).toEqual([]);
  });

  it('does not count the measures part when there are no headings at all', () => {
    expect(assess([]).parts.measures).toBe(false);
  });
});

describe('outline', () => {
  it('splits an MDX body into headings and paragraphs, removing escapes', () => {
    const o = outline('前言。\n\n## 一、主要工作\n\n### （一）强化\\<领导\\>\n\n正文\\*\\*\\*\\*\\*。\n');
    expect(o.headings).toEqual(['一、主要工作', '（一）强化<领导>']);
    expect(o.paragraphs).toEqual(['前言。', '正文*****。']);
  });
});
