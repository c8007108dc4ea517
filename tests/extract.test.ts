import { describe, expect, it } from 'vitest';
import { evaluateSeeds, overall, TARGET } from '../bench/extract-eval';
import { extractCandidates, extractIndicators, proposalsToFrontmatter, scoreProposals } from '../src/lib/figures/extract';
import { INDICATOR_PATTERNS } from '../src/lib/figures/patterns';
import { findIndicator } from '../src/lib/figures/indicators';
import { indicatorValueSchema } from '../src/schemas/report';

/** `key=value` of the proposals for `text`, for compact expectations. */
const values = (text: string) => Object.fromEntries(extractIndicators(text).map((p) => [p.key, p.value]));

describe('indicator patterns', () => {
  it('cover only registered indicators', () => {
    for (const key of Object.keys(INDICATOR_PATTERNS)) expect(findIndicator(key), key).toBeDefined();
  });

  it('each name the number and its unit, or take them from the topic', () => {
    for (const [key, patterns] of Object.entries(INDICATOR_PATTERNS))
      for (const p of patterns) {
        const src = p.valueFromTopic ? p.topic?.source : p.re.source;
        expect(src, key).toContain('(?<num>');
        expect(src, key).toContain('(?<unit>');
        expect(p.confidence, key).toBeGreaterThan(0);
        expect(p.confidence, key).toBeLessThanOrEqual(1);
      }
  });
});

describe('extractor on the five seed reports', () => {
  const results = evaluateSeeds();

  it('has gold values for every seed', () => {
    for (const r of results) expect(Object.keys(r.gold).length, r.seed.placeId).toBeGreaterThan(0);
  });

  it(`reaches precision >= ${TARGET.precision * 100}% and recall >= ${TARGET.recall * 100}%`, () => {
    const o = overall(results);
    const misses = results.flatMap((r) => [
      ...r.score.falsePositives.map((f) => `FP ${r.seed.placeId} ${f.key}=${f.value} «${f.quote}»`),
      ...r.score.falseNegatives.map((f) => `FN ${r.seed.placeId} ${f.key}=${f.value}`),
    ]);
    expect(o.precision, misses.join('\n')).toBeGreaterThanOrEqual(TARGET.precision);
    expect(o.recall, misses.join('\n')).toBeGreaterThanOrEqual(TARGET.recall);
  });

  it('quotes exact phrases of the text: on one line, at the index given, never a redaction', () => {
    for (const r of results)
      for (const p of [...r.proposals, ...extractCandidates(r.text)]) {
        expect(r.text.includes(p.quote), p.quote).toBe(true);
        expect(r.text.slice(p.index, p.index + p.quote.length)).toBe(p.quote);
        expect(p.quote).not.toMatch(/[\r\n]/);
        expect(p.quote).not.toMatch(/[*＊]/);
      }
  });

  it('proposes frontmatter the schema accepts', () => {
    for (const r of results)
      for (const [key, v] of Object.entries(proposalsToFrontmatter(r.proposals))) expect(indicatorValueSchema.safeParse(v).success, key).toBe(true);
  });

  it('keeps the counting word the text uses and flags 余 as approximate', () => {
    const huaihua = results.find((r) => r.seed.placeId === 'hunan/huaihua')!.proposals;
    expect(huaihua.find((p) => p.key === 'caseFileReviews')).toMatchObject({ value: 400, unit: '卷', approximate: true, quote: '评查执法案卷400余卷' });
    expect(huaihua.find((p) => p.key === 'reconsiderationCorrectionRate')).toMatchObject({ value: 28.42, note: '综合纠错率', quote: '综合纠错率28.42%' });
    const baoan = results.find((r) => r.seed.placeId === 'guangdong/shenzhen/baoan')!.proposals;
    expect(baoan.find((p) => p.key === 'reconsiderationReceived')).toMatchObject({ value: 568, unit: '宗', quote: '办理复议案件568宗' });
  });

  it('leaves out a department’s, a sector’s or a campaign’s figures', () => {
    // 000: 市场监管 (207起, 46万余元) and 安全生产 (21件, 59.036万元) paragraphs; 002: 市场监管系统 (828件);
    // 004: 重点领域 fines (1000余万元) and one platform's mediation (15876宗).
    const keys = results.flatMap((r) => r.proposals.map((p) => p.key));
    expect(keys).not.toContain('penaltyCases');
    expect(keys).not.toContain('finesAmount');
    expect(keys).not.toContain('inspections');
    expect(results.find((r) => r.seed.placeId === 'guangdong/shenzhen/baoan')!.proposals.map((p) => p.key)).not.toContain('mediationDisputes');
  });
});

describe('extractor on typical report sentences', () => {
  it('reads a reconsideration paragraph, clause by clause', () => {
    expect(values('全年共收到行政复议申请356件，受理312件，不予受理20件，审结298件，直接纠错率12.3%。')).toEqual({
      reconsiderationReceived: 356,
      reconsiderationAccepted: 312,
      reconsiderationConcluded: 298,
      reconsiderationCorrectionRate: 12.3,
    });
  });

  it('reads litigation figures', () => {
    expect(values('全年新收行政诉讼案件1,203件，败诉68件，败诉率5.9%。行政机关负责人出庭应诉率达98.6%。')).toEqual({
      litigationCases: 1203,
      litigationLosses: 68,
      litigationLossRate: 5.9,
      headAppearanceRate: 98.6,
    });
    expect(values('全年区政府作为被告的行政诉讼案件45件。')).toEqual({ litigationCases: 45 });
  });

  it('prefers an explicit 废止 to the number a clean-up went through', () => {
    expect(values('全年共制定行政规范性文件12件，备案审查规范性文件45件，清理规范性文件230件，废止18件，修改9件。')).toEqual({
      normativeDocsIssued: 12,
      normativeDocsFiled: 45,
      normativeDocsRepealed: 18,
    });
  });

  it('reads disclosure figures, including `均…办结` as all answered', () => {
    expect(values('主动公开政府信息12,345条，受理依申请公开156件，已全部按时答复。')).toEqual({
      infoPublished: 12345,
      disclosureRequests: 156,
      disclosureRequestsClosed: 156,
    });
  });

  it('reads whole-government enforcement totals, with money in 万元', () => {
    const p = extractIndicators('全区各级行政执法机关共办理行政处罚案件3456件，罚没款46万余元。');
    expect(p.map((x) => [x.key, x.value, x.approximate])).toEqual([
      ['penaltyCases', 3456, false],
      ['finesAmount', 46, true],
    ]);
  });

  it('reads full-width digits', () => {
    expect(values('全年共办理行政复议案件２４４件，综合纠错率２８．４２％。')).toEqual({ reconsiderationReceived: 244, reconsiderationCorrectionRate: 28.42 });
  });

  it.each([
    ['a department', '区市场监管局办理行政处罚案件120件，罚没款56.2万元。'],
    ['a department (reconsideration)', '区司法局办理行政复议案件50件。'],
    ['a part (其中)', '其中，行政机关负责人出庭应诉23次。'],
    ['a breakdown in brackets', '受理各类案件120件（含办理法律援助案件35件）。'],
    ['the head of government only', '行政机关负责人出庭应诉，行政首长出庭14次。'],
    ['a campaign', '开展“守护消费”专项执法行动，全区办理行政处罚案件320件。'],
    ['a named campaign of events', '组织开展“宪法宣传周”普法活动120场。'],
    ['online events only', '开展线上普法活动53场次。'],
    ['a cumulative figure', '累计在全市各个乡村开展普法活动200余次。'],
    ['several years', '近三年来共办理行政复议案件900件。'],
    ['a target', '力争行政复议纠错率达到15%。'],
    ['suggestions and proposals counted together', '全年办理人大代表建议和政协提案共186件。'],
    ['departments’ legal advisers', '全区各部门共聘请法律顾问56名。'],
    ['officers sent out, counted in 人次', '累计出动执法人员1200人次，检查企业3000家次。'],
    ['a rate without whose it is', '成功率98.52%。'],
    ['a redacted number', '全年共收到行政复议申请5*****件，办结*****件。'],
  ])('leaves out %s', (_why, text) => {
    expect(extractIndicators(text)).toEqual([]);
  });

  it('with the report year, leaves out figures of another year', () => {
    const text = '2022年办理行政复议案件300件。2023年办理行政复议案件356件，综合纠错率12.5%。';
    expect(extractIndicators(text, { year: 2023 }).map((p) => [p.key, p.value])).toEqual([
      ['reconsiderationReceived', 356],
      ['reconsiderationCorrectionRate', 12.5],
    ]);
    // Without the year the two figures disagree, so neither is proposed.
    expect(values(text)).toEqual({ reconsiderationCorrectionRate: 12.5 });
  });

  it('stops at the closing part on next year’s work', () => {
    expect(values('一、主要工作\n全年办理法律援助案件35件。\n三、下一步工作打算\n确保行政机关负责人出庭应诉率100%。')).toEqual({ legalAidCases: 35 });
  });

  it('reads 以上 and 约 as approximate', () => {
    expect(extractIndicators('人民调解组织共调解矛盾纠纷5,678件，调解成功率96.9%以上。').map((p) => [p.key, p.value, p.approximate])).toEqual([
      ['mediationDisputes', 5678, false],
      ['mediationSuccessRate', 96.9, true],
    ]);
    expect(extractIndicators('全年共审结行政复议申请135件，纠错率约19.2%。').map((p) => [p.key, p.value, p.approximate])).toEqual([
      ['reconsiderationConcluded', 135, false],
      ['reconsiderationCorrectionRate', 19.2, true],
    ]);
  });

  it('leaves an indicator out when equally good phrases disagree', () => {
    expect(values('办理法律援助案件35件。另办理法律援助案件40件。')).toEqual({});
  });
});

describe('scoreProposals', () => {
  it('counts same key and value as a true positive, anything else as a false positive', () => {
    const proposals = extractIndicators('办理复议案件568宗,办结437宗。');
    const s = scoreProposals(proposals, { reconsiderationReceived: { value: 568 }, reconsiderationConcluded: { value: 400 }, litigationCases: { value: 1 } });
    expect(s.truePositives).toEqual([{ key: 'reconsiderationReceived', value: 568 }]);
    expect(s.falsePositives).toMatchObject([{ key: 'reconsiderationConcluded', value: 437, expected: 400 }]);
    expect(s.falseNegatives.map((f) => f.key)).toEqual(['reconsiderationConcluded', 'litigationCases']);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
  });
});
