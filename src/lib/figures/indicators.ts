/**
 * The indicator registry: the single source of every indicator's key, label, unit, kind and
 * definition. Schema validation, pages, charts, CSV columns and the extractor all read it.
 * Keys are stable: they become CSV columns and URLs.
 */

export type IndicatorKind = 'count' | 'rate' | 'amount';

export interface IndicatorDef {
  /** Stable key, used in frontmatter, URLs and CSV columns. */
  key: string;
  /** Category (Chinese), as the reports and national frameworks group indicators. */
  category: string;
  /** Chinese label shown on the site. */
  label: string;
  /** Unit as usually written (件, %, 万元 ...). */
  unit: string;
  kind: IndicatorKind;
  /** One-line definition (Chinese). */
  definition: string;
}

const def = (
  category: string,
  key: string,
  label: string,
  unit: string,
  kind: IndicatorKind,
  definition: string,
): IndicatorDef => ({ key, category, label, unit, kind, definition });

export const INDICATORS: readonly IndicatorDef[] = [
  def('行政复议', 'reconsiderationReceived', '行政复议收案数', '件', 'count', '年度内收到的行政复议申请数'),
  def('行政复议', 'reconsiderationAccepted', '行政复议受理数', '件', 'count', '年度内受理（立案）的行政复议申请数'),
  def('行政复议', 'reconsiderationConcluded', '行政复议办结数', '件', 'count', '年度内审结、办结的行政复议案件数'),
  def('行政复议', 'reconsiderationCorrected', '行政复议纠错数', '件', 'count', '决定撤销、变更、确认违法或责令履行的案件数'),
  def('行政复议', 'reconsiderationCorrectionRate', '行政复议纠错率', '%', 'rate', '纠错案件占办结案件的比例，以报告所载为准（注明直接或综合纠错率）'),
  def('行政应诉', 'litigationCases', '行政诉讼案件数', '件', 'count', '以本级政府或其部门为被告的行政诉讼案件数'),
  def('行政应诉', 'litigationLosses', '行政诉讼败诉数', '件', 'count', '行政机关败诉的案件数'),
  def('行政应诉', 'litigationLossRate', '行政诉讼败诉率', '%', 'rate', '败诉案件占审结案件的比例，以报告所载为准'),
  def('行政应诉', 'headAppearances', '负责人出庭应诉数', '次', 'count', '行政机关负责人出庭应诉的件数、次数或人次，以报告所载为准'),
  def('行政应诉', 'headAppearanceRate', '负责人出庭应诉率', '%', 'rate', '行政机关负责人出庭应诉的案件占应出庭案件的比例'),
  def('制度建设', 'normativeDocsIssued', '规范性文件制发数', '件', 'count', '年度内制定发布的行政规范性文件数'),
  def('制度建设', 'normativeDocsFiled', '规范性文件备案审查数', '件', 'count', '报送备案、审查的规范性文件数'),
  def('制度建设', 'normativeDocsRepealed', '规范性文件清理废止数', '件', 'count', '清理中废止或修改的规范性文件数'),
  def('制度建设', 'legalityReviews', '合法性审查数', '件', 'count', '对文件、决策、合同等开展合法性审查的件数'),
  def('依法决策', 'majorDecisions', '重大行政决策事项数', '项', 'count', '列入年度重大行政决策事项目录的事项数'),
  def('依法决策', 'legalAdvisers', '法律顾问人数', '人', 'count', '政府聘请的法律顾问人数'),
  def('依法决策', 'legalOpinions', '法律意见数', '件', 'count', '法律顾问或法制机构出具的法律意见数'),
  def('政务公开', 'infoPublished', '主动公开信息数', '条', 'count', '主动公开的政府信息条数'),
  def('政务公开', 'disclosureRequests', '依申请公开收件数', '件', 'count', '收到的政府信息公开申请数'),
  def('政务公开', 'disclosureRequestsClosed', '依申请公开办结数', '件', 'count', '已答复办结的政府信息公开申请数'),
  def('行政执法', 'penaltyCases', '行政处罚案件数', '件', 'count', '作出行政处罚决定的案件数'),
  def('行政执法', 'inspections', '行政检查次数', '次', 'count', '开展的行政检查次数'),
  def('行政执法', 'finesAmount', '罚没款金额', '万元', 'amount', '罚款和没收违法所得等罚没款金额'),
  def('行政执法', 'enforcementOfficers', '持证执法人员数', '人', 'count', '持有行政执法证件的执法人员数'),
  def('行政执法', 'caseFileReviews', '执法案卷评查数', '件', 'count', '评查的行政执法案卷数'),
  def('矛盾化解', 'mediationDisputes', '人民调解纠纷数', '件', 'count', '人民调解组织受理调处的矛盾纠纷数'),
  def('矛盾化解', 'mediationSuccessRate', '调解成功率', '%', 'rate', '调解成功的纠纷占调解纠纷的比例'),
  def('法律服务', 'legalAidCases', '法律援助案件数', '件', 'count', '办理的法律援助案件数'),
  def('普法', 'lawEducationEvents', '普法活动场次', '场', 'count', '开展的普法宣传活动场次'),
  def('监督', 'npcSuggestionsHandled', '人大代表建议办理数', '件', 'count', '办理答复的人大代表建议数'),
  def('监督', 'cppccProposalsHandled', '政协委员提案办理数', '件', 'count', '办理答复的政协委员提案数'),
];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];

const byKey = new Map(INDICATORS.map((d) => [d.key, d]));

/** The registry entry for `key`, or undefined when the key is not registered. */
export function findIndicator(key: string): IndicatorDef | undefined {
  return byKey.get(key);
}

/** The registry entry for `key`; throws for an unregistered key (a programming error). */
export function getIndicator(key: string): IndicatorDef {
  const d = byKey.get(key);
  if (!d) throw new Error(`Unknown indicator key: ${key}`);
  return d;
}

/** Registry order, for stable columns and panels. */
export function indicatorOrder(key: string): number {
  return INDICATORS.findIndex((d) => d.key === key);
}

/** Indicators compared side by side in year tables: the ones journalists and the national frameworks ask for first. */
export const HEADLINE_KEYS = [
  'reconsiderationReceived',
  'reconsiderationCorrectionRate',
  'litigationCases',
  'litigationLossRate',
  'headAppearanceRate',
] as const;
