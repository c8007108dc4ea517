/** Division codes looked up by name chain, at every level the importer creates places. */
import { describe, expect, it } from 'vitest';
import { divisionCode } from '../src/lib/places/divisions';

describe('divisionCode', () => {
  it.each([
    [['广东省'], '440000'],
    [['广东省', '深圳市'], '440300'],
    [['广东省', '深圳市', '宝安区'], '440306'],
    [['广东省', '中山市', '坦洲镇'], '442000107'],
    [['北京市', '朝阳区'], '110105'],
    // Townships of a municipality district and of a county-level city governed by its province.
    [['北京市', '朝阳区', '建外街道'], '110105001'],
    [['上海市', '青浦区', '朱家角镇'], '310118102'],
    [['湖北省', '仙桃市'], '429004'],
    [['湖北省', '仙桃市', '沙嘴街道'], '429004001'],
    [['江苏省', '苏州市', '昆山市', '千灯镇'], '320583108'],
  ])('%j -> %s', (names, code) => expect(divisionCode(names)).toBe(code));

  it('finds nothing for names that are not a division chain', () => {
    expect(divisionCode(['北京市', '朝阳区', '不存在街道'])).toBeUndefined();
    expect(divisionCode(['湖南省', '深圳市'])).toBeUndefined();
  });
});
