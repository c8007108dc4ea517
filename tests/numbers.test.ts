import { describe, expect, it } from 'vitest';
import { findNumbers, parseChineseNumber, toHalfWidth, toWanYuan } from '../src/lib/figures/numbers';

describe('parseChineseNumber', () => {
  it.each([
    // text, value, unit, rawUnit, approximate
    ['568宗', 568, '宗', '宗', false],
    ['244件', 244, '件', '件', false],
    ['28.42%', 28.42, '%', '%', false],
    ['4.55%', 4.55, '%', '%', false],
    ['1.97亿条', 197_000_000, '条', '亿条', false],
    ['10.71万家次', 107_100, '家次', '万家次', false],
    ['2.18万余场次', 21_800, '场次', '万余场次', true],
    ['400余卷', 400, '卷', '余卷', true],
    ['46万余元', 460_000, '元', '万余元', true],
    ['59.036万元', 590_360, '元', '万元', false],
    ['1000余万元', 10_000_000, '元', '余万元', true],
    ['200多名', 200, '名', '多名', true],
    ['287人次', 287, '人次', '人次', false],
    ['1,234件', 1234, '件', '件', false],
  ] as const)('reads %s', (text, value, unit, rawUnit, approximate) => {
    const n = parseChineseNumber(text);
    expect(n).toMatchObject({ value, unit, rawUnit, approximate });
  });

  it('reads full-width digits, decimal point and percent sign', () => {
    expect(parseChineseNumber('２４４件')).toMatchObject({ value: 244, digits: '244', unit: '件' });
    expect(parseChineseNumber('２８．４２％')).toMatchObject({ value: 28.42, unit: '%', rawUnit: '％', percent: true });
    expect(parseChineseNumber('28.42％')).toMatchObject({ value: 28.42, percent: true });
    expect(toHalfWidth('２８．４２％')).toBe('28.42%');
  });

  it('flags 余/多/近/约/以上 as approximate and says which word', () => {
    expect(parseChineseNumber('400余卷')).toMatchObject({ approximate: true, approxWord: '余' });
    expect(parseChineseNumber('近3000件')).toMatchObject({ value: 3000, approximate: true, approxWord: '近' });
    expect(parseChineseNumber('约5000人')).toMatchObject({ value: 5000, approximate: true, approxWord: '约' });
    expect(parseChineseNumber('98%以上')).toMatchObject({ value: 98, unit: '%', approximate: true, approxWord: '以上' });
    expect(parseChineseNumber('568宗')).toMatchObject({ approximate: false });
    expect(parseChineseNumber('568宗')?.approxWord).toBeUndefined();
  });

  it('multiplies 万 and 亿 out exactly and keeps the stated digits', () => {
    const n = parseChineseNumber('59.036万元');
    expect(n).toMatchObject({ value: 590_360, digits: '59.036', scale: '万' });
    expect(parseChineseNumber('13.1万宗')?.value).toBe(131_000);
    expect(parseChineseNumber('5.4亿多元')).toMatchObject({ value: 540_000_000, scale: '亿', unit: '元', approximate: true });
    expect(parseChineseNumber('1.2万余人次')).toMatchObject({ value: 12_000, unit: '人次', approximate: true });
  });

  it('converts money to 万元, the unit of finesAmount', () => {
    expect(toWanYuan(parseChineseNumber('46万余元')!)).toBe(46);
    expect(toWanYuan(parseChineseNumber('59.036万元')!)).toBe(59.036);
    expect(toWanYuan(parseChineseNumber('1000余万元')!)).toBe(1000);
    expect(toWanYuan(parseChineseNumber('9.72万元')!)).toBe(9.72);
    expect(toWanYuan(parseChineseNumber('3500元')!)).toBe(0.35);
    expect(toWanYuan(parseChineseNumber('1.25亿元')!)).toBe(12_500);
    expect(toWanYuan(parseChineseNumber('244件')!)).toBeUndefined();
  });

  it('reads a bare number, without unit', () => {
    expect(parseChineseNumber('12348')).toMatchObject({ value: 12348, rawUnit: '', percent: false });
    expect(parseChineseNumber('12348')?.unit).toBeUndefined();
  });

  it('never reads a redaction, nor digits touching one', () => {
    for (const t of ['*****', '*****份', '5*****件', '*****5件', '约*****人次', '１＊＊＊＊＊件']) expect(parseChineseNumber(t)).toBeUndefined();
  });

  it('refuses text that is not one number', () => {
    for (const t of ['', '件', '共244件', '244件、32件', '二百件', 'abc']) expect(parseChineseNumber(t)).toBeUndefined();
  });
});

describe('findNumbers', () => {
  it('finds each number with its unit and position', () => {
    const s = '全年出庭232件、出庭率100%';
    const found = findNumbers(s);
    expect(found.map((n) => [n.text, n.value, n.unit])).toEqual([
      ['232件', 232, '件'],
      ['100%', 100, '%'],
    ]);
    for (const n of found) expect(s.slice(n.index, n.end)).toBe(n.text);
  });

  it('reads every form of the indicator notes in running text', () => {
    const s =
      '办理复议案件568宗,综合纠错率28.42%,败诉率仅4.55%,归集数据 1.97亿条,抽查企业10.71万家次,组织活动2.18万余场次,评查执法案卷400余卷,累计罚没款46万余元,处罚金额计59.036万元,罚款1000余万元。';
    expect(findNumbers(s).map((n) => [n.text, n.value, n.unit, n.approximate])).toEqual([
      ['568宗', 568, '宗', false],
      ['28.42%', 28.42, '%', false],
      ['4.55%', 4.55, '%', false],
      ['1.97亿条', 197_000_000, '条', false],
      ['10.71万家次', 107_100, '家次', false],
      ['2.18万余场次', 21_800, '场次', true],
      ['400余卷', 400, '卷', true],
      ['46万余元', 460_000, '元', true],
      ['59.036万元', 590_360, '元', false],
      ['1000余万元', 10_000_000, '元', true],
    ]);
  });

  it('finds numbers right after a half-width comma (the sources use it between clauses)', () => {
    expect(findNumbers('收到行政复议申请共10件,立案7件,在法定期限内办结7件').map((n) => n.value)).toEqual([10, 7, 7]);
  });

  it('reads full-width digits in running text', () => {
    expect(findNumbers('办理行政复议案件２４４件，综合纠错率２８．４２％。').map((n) => [n.value, n.unit])).toEqual([
      [244, '件'],
      [28.42, '%'],
    ]);
  });

  it('skips redactions: `5*****件` is not 5, `*****份` is nothing', () => {
    expect(findNumbers('共收到服务评价*****份,非常满意率达100%')).toMatchObject([{ value: 100, unit: '%' }]);
    expect(findNumbers('收到申请5*****件')).toEqual([]);
    expect(findNumbers('累计受众人次约*****人次')).toEqual([]);
    expect(findNumbers('罚没金额*****元,补助40万元')).toMatchObject([{ value: 400_000, unit: '元' }]);
  });

  it('does not start a number inside another one', () => {
    expect(findNumbers('版本1.2.3')).toEqual([]);
    expect(findNumbers('共1,234件').map((n) => n.value)).toEqual([1234]);
  });

  it('keeps the longer unit: 人次 not 人, 场次 not 场', () => {
    expect(findNumbers('出动执法人员287人次,开展活动53场次').map((n) => n.unit)).toEqual(['人次', '场次']);
  });
});
