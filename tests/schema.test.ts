import { describe, expect, it } from 'vitest';
import { reportSchema } from '../src/schemas/report';
import { placeSchema } from '../src/schemas/place';
import { validateEntries } from '../src/lib/content/validate';

const good = {
  title: '关于怀化市2023年度法治政府建设情况的报告',
  year: 2023,
  issuer: '怀化市人民政府',
  publishedDate: '2024-02-22',
  indicators: { reconsiderationReceived: { value: 568, quote: '办理复议案件568宗' } },
};

/** The messages of the issues Zod reports for `data`, as `path: message`. */
function issues(data: unknown): string[] {
  const r = reportSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('report schema', () => {
  it('accepts a valid entry and coerces dates and defaults', () => {
    const r = reportSchema.parse(good);
    expect(r.publishedDate).toEqual(new Date('2024-02-22T00:00:00Z'));
    expect(r.draft).toBe(false);
    expect(r.titleInferred).toBe(false);
    expect(r.indicators.reconsiderationReceived.approximate).toBe(false);
  });

  it('rejects an unknown indicator key, naming the key', () => {
    const msgs = issues({ ...good, indicators: { fooRate: { value: 1, quote: '某某' } } });
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^indicators\.fooRate: 未知指标“fooRate”/);
    expect(msgs[0]).toContain('unknown indicator "fooRate"');
  });

  it('rejects a rate above 100', () => {
    const msgs = issues({ ...good, indicators: { litigationLossRate: { value: 104.5, quote: '败诉率104.5%' } } });
    expect(msgs).toEqual([expect.stringMatching(/^indicators\.litigationLossRate\.value: 行政诉讼败诉率是百分比，必须在 0 到 100 之间（现为 104.5）/)]);
  });

  it('rejects a negative value and a missing quote', () => {
    const msgs = issues({ ...good, indicators: { litigationCases: { value: -3 } } });
    expect(msgs).toContain('indicators.litigationCases.value: 数值不能为负 / value must not be negative');
    expect(msgs).toContain('indicators.litigationCases.quote: 缺少必填字段 / required field is missing');
  });

  it('rejects a year given as text, a future year and a year before 2000', () => {
    expect(issues({ ...good, year: '2023' })).toEqual(['year: 年度必须是数字，如 2023 / year must be a number like 2023']);
    expect(issues({ ...good, year: new Date().getFullYear() + 1 })).toEqual(['year: 年度不能晚于今年 / year must not be in the future']);
    expect(issues({ ...good, year: 1999 })).toEqual(['year: 年度不能早于 2000 / year must be 2000 or later']);
  });

  it('rejects an invalid date and an invalid source URL', () => {
    const badDate = 'publishedDate: 发布日期必须是真实存在的日期，写作 2024-02-22 / must be a real date written like 2024-02-22';
    for (const d of ['二〇二四年', '2009-02-30', '2023-02-29', '2024-13-01', '2024-2-1', 'Feb 1 2024']) expect(issues({ ...good, publishedDate: d }), d).toEqual([badDate]);
    expect(reportSchema.parse({ ...good, publishedDate: '2024-02-29' }).publishedDate).toEqual(new Date('2024-02-29T00:00:00Z'));
    const badUrl = 'source.url: 来源链接必须是以 http:// 或 https:// 开头的网址 / source url must be an http(s) address';
    for (const url of ['not a url', 'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'ftp://a.cn/x', 'java\tscript:alert(1)']) {
      expect(issues({ ...good, source: { url } }), url).toEqual([badUrl]);
    }
    expect(issues({ ...good, source: { url: 'https://www.huaihua.gov.cn/a.html' } })).toEqual([]);
  });

  it('rejects counts that are not finite whole numbers and rates outside 0–100', () => {
    const v = (key: string, value: number) => issues({ ...good, indicators: { [key]: { value, quote: '办理' } } });
    expect(v('litigationCases', Infinity)).toEqual(['indicators.litigationCases.value: 数值必须是有限的数字（不能是 .inf 或超出范围的数）/ value must be a finite number']);
    expect(v('litigationCases', 1e-9)[0]).toMatch(/必须是整数/);
    expect(v('litigationCases', 12)).toEqual([]);
    expect(v('litigationLossRate', 4.55)).toEqual([]);
    expect(v('litigationLossRate', 100.5)[0]).toMatch(/必须在 0 到 100 之间/);
    expect(v('litigationLossRate', NaN)[0]).toMatch(/数值/);
  });

  it('rejects fields it does not know (a typo is not silently ignored)', () => {
    expect(issues({ ...good, tilte: 'x' })).toEqual([': 未知字段：tilte（请检查拼写，或删除该字段）/ unknown field(s): tilte']);
    expect(issues({ ...good, year: undefined })).toEqual(['year: 缺少必填字段 / required field is missing']);
    expect(issues({ ...good, indicators: [] })).toEqual(['indicators: 应为键值映射，实际为 array / expected object, received array']);
  });

  it('reports every problem of an entry at once', () => {
    const msgs = issues({ ...good, title: 'x', year: 'x', indicators: { nope: { value: 1, quote: 'ab' } } });
    expect(msgs.map((m) => m.split(':')[0])).toEqual(['title', 'year', 'indicators.nope']);
  });
});

describe('place schema', () => {
  it('accepts a zone without a code and rejects a bad id or level', () => {
    expect(placeSchema.safeParse({ id: 'fujian/zhangzhou/gaoxin', name: '漳州高新区', level: 'zone' }).success).toBe(true);
    const r = placeSchema.safeParse({ id: 'Fujian/漳州', name: '漳州市', level: 'city' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(['id', 'level']);
  });
});

describe('cross-entry validation', () => {
  const places = new Set(['hunan', 'hunan/huaihua']);
  const entry = (over: Partial<Parameters<typeof validateEntries>[0][number]> = {}) => ({
    file: 'content/reports/hunan/huaihua/2023.mdx',
    id: 'hunan/huaihua/2023',
    body: '全年办理复议案件568宗，同比下降。',
    data: { year: 2023, indicators: { reconsiderationReceived: { value: 568, quote: '办理复议案件568宗' } } },
    ...over,
  });

  it('accepts a quote that occurs in the body, also across Markdown escapes', () => {
    expect(validateEntries([entry()], places)).toEqual([]);
    const escaped = entry({
      body: '印发《关于\\<规范\\>的通知》。',
      data: { year: 2023, indicators: { normativeDocsIssued: { value: 1, quote: '《关于<规范>的通知》' } } },
    });
    expect(validateEntries([escaped], places)).toEqual([]);
  });

  it('rejects a quote not in the body, naming the field', () => {
    const p = validateEntries([entry({ body: '全年办理复议案件567宗。' })], places);
    expect(p).toEqual([
      expect.objectContaining({ field: 'indicators.reconsiderationReceived.quote', message: expect.stringContaining('引文“办理复议案件568宗”在正文中找不到') }),
    ]);
  });

  it('rejects an unknown place, a year that does not match the file and an empty body', () => {
    const p = validateEntries([entry({ id: 'hunan/yueyang/2023', file: 'x.mdx' }), entry({ id: 'hunan/huaihua/2022', body: '  ' })], places);
    expect(p.map((x) => x.message)).toEqual([
      expect.stringContaining('地区“hunan/yueyang”不在 places.yaml 中'),
      expect.stringContaining('文件名年度 2022 与 year: 2023 不一致'),
      expect.stringContaining('正文为空'),
      expect.stringContaining('引文“办理复议案件568宗”在正文中找不到'),
    ]);
  });

  it('rejects a file outside reports/<place>/<year>.mdx', () => {
    expect(validateEntries([entry({ id: 'hunan/huaihua/report' })], places)[0].message).toContain('reports/<地区id>/<年度>.mdx');
  });
});
