import { describe, expect, it } from 'vitest';
import { chineseNumber, isoDate, normalizeSpace, parseDate, splitSentences } from '../src/lib/text';

describe('splitSentences', () => {
  it('splits on 。！？； and newlines, keeping the terminator', () => {
    expect(splitSentences('开展学习56次。成效明显！是否落实？一是A；二是B\n第二行')).toEqual([
      '开展学习56次。',
      '成效明显！',
      '是否落实？',
      '一是A；',
      '二是B',
      '第二行',
    ]);
  });

  it('splits on the half-width forms the sources also use', () => {
    expect(splitSentences('加强培训;提升能力。')).toEqual(['加强培训;', '提升能力。']);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(splitSentences('他说：“好。”随后离开。（完。）')).toEqual(['他说：“好。”', '随后离开。', '（完。）']);
  });

  it('keeps runs of terminators together', () => {
    expect(splitSentences('真的吗？！是的。')).toEqual(['真的吗？！', '是的。']);
  });

  it('trims and drops empty sentences', () => {
    expect(splitSentences('  甲。 \n\n  乙。。 ')).toEqual(['甲。', '乙。。']);
    expect(splitSentences('')).toEqual([]);
  });

  it('does not split on commas, colons or decimals', () => {
    expect(splitSentences('成功率98.52%,赋强公证81宗:一是……')).toEqual(['成功率98.52%,赋强公证81宗:一是……']);
  });
});

describe('normalizeSpace', () => {
  it('turns NBSP, ideographic spaces and tabs into one space and trims', () => {
    expect(normalizeSpace('\u3000\u3000发布者:区司法局\u00a0\u00a0\u00a0发布日期\t')).toBe('发布者:区司法局 发布日期');
  });

  it('drops zero-width characters and the BOM', () => {
    expect(normalizeSpace('\ufeff法治\u200b政府')).toBe('法治政府');
  });

  it('keeps single inner spaces', () => {
    expect(normalizeSpace('“双随机 一公开”')).toBe('“双随机 一公开”');
  });
});

describe('dates', () => {
  it('parses Chinese dates with arabic or Chinese numerals', () => {
    expect(parseDate('2021年2月19日')).toBe('2021-02-19');
    expect(parseDate('2023 年 12 月 20 日')).toBe('2023-12-20');
    expect(parseDate('二〇二一年二月十九日')).toBe('2021-02-19');
    expect(parseDate('二〇二三年十二月二十日')).toBe('2023-12-20');
  });

  it('parses page timestamps to the date only', () => {
    expect(parseDate('2021-02-23 10:03:21')).toBe('2021-02-23');
    expect(parseDate('2024-02-22 15:24')).toBe('2024-02-22');
    expect(parseDate('2024/2/22')).toBe('2024-02-22');
  });

  it('never guesses: impossible or partial dates give undefined', () => {
    expect(parseDate('2023年2月30日')).toBeUndefined();
    expect(parseDate('2023年12月')).toBeUndefined();
    expect(parseDate('2023-13-01')).toBeUndefined();
    expect(parseDate('浏览次数:84178')).toBeUndefined();
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2023, 2, 29)).toBeUndefined();
  });

  it('reads Chinese numerals up to 三十一', () => {
    expect([chineseNumber('一'), chineseNumber('十'), chineseNumber('十一'), chineseNumber('二十'), chineseNumber('三十一')]).toEqual([1, 10, 11, 20, 31]);
    expect(chineseNumber('一二')).toBeUndefined();
    expect(chineseNumber('')).toBeUndefined();
  });
});
