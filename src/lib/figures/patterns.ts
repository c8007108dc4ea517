// Long because it is a table: each indicator's patterns, as data, beside the others they must not be mistaken for.
/**
 * How the reports state each registered indicator: the extractor's patterns, keyed by registry key
 * (src/lib/figures/indicators.ts stays the single source of key, label, unit and kind).
 *
 * Each pattern matches the shortest phrase that states the value (`办理复议案件568宗`), with the
 * number in group `num` and its counting word in group `unit`. Patterns describe the usual wording
 * (verb + what is counted + number, or a rate noun + percentage); the extractor adds the rules every
 * indicator shares (one sentence, no 其中/累计 part, no department subject, no target) in
 * src/lib/figures/extract.ts. Precision first: a phrase that may be one department's, one campaign's or one
 * sector's figure is left out, so each pattern names the measure tightly rather than loosely.
 */
import { APPROX_TAIL_SOURCE, NUMBER_SOURCE, unitSource } from './numbers';

export interface ExtractPattern {
  /** The phrase stating the value, with groups `num` and `unit` (not needed with `valueFromTopic`). Global flag. */
  re: RegExp;
  /** How sure a match is of this indicator for the whole government, 0-1; the best candidate per key wins. */
  confidence: number;
  /**
   * For a clause that gives only a verb and a number (`…申请共10件,立案7件`): what is counted, named
   * earlier in the same sentence. The last topic before the match is used, and the quote starts there.
   */
  topic?: RegExp;
  /** The value is the topic's number (`收到申请71份,…均在法定期限内予以办结`): the topic needs `num` and `unit`. */
  valueFromTopic?: boolean;
  /** Must be found in the sentence up to the end of the match, or in the `contextChars` before the sentence on its line. */
  context?: RegExp;
  contextChars?: number;
  /** Rejects a match when found in its clause (between the commas, semicolons or colons around it). */
  excludeClause?: RegExp;
  /** Rejects a match when found in its sentence before it. */
  excludeSentence?: RegExp;
  /** Rejects a match when found anywhere on its line (paragraph): a sector the figures belong to. */
  excludeLine?: RegExp;
  /** A department may be the subject (legal aid is the justice bureau's own work). */
  allowDepartment?: boolean;
  /** Remark for readers, e.g. 综合纠错率, taken from the match. */
  note?: (m: RegExpExecArray) => string | undefined;
}

/** Number and counting word (with any 以上/左右 after it), as the groups `num` and `unit`. */
const N = (units: string) => `(?<num>${NUMBER_SOURCE})(?<unit>${unitSource(units.split('|'))}${APPROX_TAIL_SOURCE})`;
/** Number and percent sign. */
const PCT = N('%|％');
/** A regex from a template (backslashes kept as written), global so every match is seen. */
const re = (strings: TemplateStringsArray, ...subs: string[]) => new RegExp(String.raw(strings, ...subs), 'g');

/** Counting words for cases, applications, documents. */
const CASES = '件|宗|起|个|份';
/** `共`, `共计`, `达` between what is counted and the number. */
const TOTAL = '(?:共计|合计|总计|共有|达到|共|达|计|为)?';
/** The reporting government itself as a qualifier: 市政府, 区人民政府, 管委会. */
const GOVT = '(?:(?:省|市|区|县|镇|乡|旗|州|盟)(?:人民)?政府|本级政府|政府|管委会)';
/** Words between a rate and its percentage: `纠错率高达55.6%`, `败诉率仅4.55%`, `出庭率均达100%`. */
const RATE_LEAD = '(?:高达|达到|均为|均达|保持在|保持|实现|仅为|仅|只有|约为|为|达|是)?';
/** Start of a clause (or of the sentence). */
const CLAUSE_START = '(?<=^|[,，、；;：:])';
/** A short lead-in inside a clause before its verb (`在法定期限内`), never crossing punctuation. */
const LEAD = '(?:[^,，、；;：:\\d*]{0,8}?)';

/** Lines about one sector: enforcement totals stated there are that sector's, not the government's. */
const SECTOR =
  /市场监管|市场监督|安全生产|食品|药品|特种设备|交通|运输|生态环境|环保|环境保护|城管|城市管理|住建|建筑|工程|燃气|房地产|消防|农业|林业|水利|渔业|文旅|文化市场|教育|校外培训|卫生|医疗|医保|税务|公安|治安|知识产权|商标|专利|烟花爆竹|危化|危险化学品|矿山|自然资源|国土|规划|专项|重点领域|领域|行业|屠宰|白板肉/;
/** Whole-government scope, required for enforcement totals. */
const WHOLE_SCOPE = /全(?:省|市|区|县|州|旗|盟|镇|乡)|各级行政执法(?:机关|部门|单位)|各行政执法(?:机关|部门|单位)/;

const RECONSIDERATION_TOPIC = re`(?:收到|接收|新收|办理|受理|审理)(?:各类)?(?:行政)?复议(?:申请|案件)`;
const LITIGATION_TOPIC = re`(?:办理|发生|新收|收到|应诉)(?:各类)?${GOVT}?(?:行政应诉|行政诉讼)案件`;
const DISCLOSURE_RECEIVED = re`(?:收到|受理|接收|办理|新收)(?:各类)?(?:政府信息公开申请|依申请公开(?:政府信息)?(?:申请|事项)?)(?:件)?${TOTAL}${N(CASES + '|条')}`;
const REPEAL_TOPIC = re`规范性文件(?:的)?清理|清理(?:了)?[^,，。；;\d]{0,10}?规范性文件`;
/** After the count of a previous list item (`…212件、`), not after `和` (`建议和提案共186件` is one total). */
const LIST_ITEM = `(?<=${NUMBER_SOURCE}[件条个份][、,，；;])`;
/** Handling verbs that govern a list like `办理人大代表建议212件、政协委员提案278件`. */
const HANDLED = /办理|办复|承办|答复|办结/;

export const INDICATOR_PATTERNS: Readonly<Record<string, readonly ExtractPattern[]>> = {
  reconsiderationReceived: [
    { re: re`(?:收到|接收|新收)(?:各类)?(?:行政)?复议申请(?:件)?${TOTAL}${N(CASES)}`, confidence: 0.9 },
    { re: re`(?:收到|接收|新收)(?:了)?${TOTAL}${N(CASES)}(?:行政)?复议申请`, confidence: 0.9 },
    { re: re`(?:行政)?复议收案${TOTAL}${N(CASES)}`, confidence: 0.85 },
    // 办理 counts every case handled in the year: how many reports give their caseload.
    { re: re`(?:办理|审理)(?:各类)?(?:行政)?复议(?:申请|案件)${TOTAL}${N(CASES)}`, confidence: 0.8, excludeClause: /被申请人/ },
  ],
  reconsiderationAccepted: [
    { re: re`(?<!不予|不)受理(?:各类)?(?:行政)?复议(?:申请|案件)${TOTAL}${N(CASES)}`, confidence: 0.85 },
    {
      re: re`${CLAUSE_START}${LEAD}(?<!不予|不)(?:受理|立案)(?:审查)?${TOTAL}${N(CASES)}`,
      topic: RECONSIDERATION_TOPIC,
      confidence: 0.85,
      excludeClause: /不予|未|驳回/,
    },
  ],
  reconsiderationConcluded: [
    { re: re`(?:办结|审结|结案)(?:各类)?(?:行政)?复议(?:申请|案件)${TOTAL}${N(CASES)}`, confidence: 0.85 },
    {
      re: re`${CLAUSE_START}${LEAD}(?:办结|审结|结案)${TOTAL}${N(CASES)}`,
      topic: RECONSIDERATION_TOPIC,
      confidence: 0.85,
      excludeClause: /未|尚/,
    },
  ],
  reconsiderationCorrected: [
    {
      re: re`(?:依法)?纠错(?:决定|案件)?${TOTAL}${N(CASES)}`,
      confidence: 0.75,
      context: /复议/,
      excludeClause: /诉讼|应诉|执法/,
    },
  ],
  reconsiderationCorrectionRate: [
    {
      re: re`(?<kind>直接|综合)?(?:行政复议)?纠错率${RATE_LEAD}${PCT}`,
      confidence: 0.9,
      context: /复议/,
      contextChars: 100,
      note: (m) => (m.groups?.kind ? `${m.groups.kind}纠错率` : undefined),
    },
  ],
  litigationCases: [
    { re: re`(?:办理|发生|新收|收到|应诉|涉及)(?:各类)?(?:以|由)?${GOVT}?(?:作为|为)?(?:被告的)?(?:一审)?(?:行政应诉|行政诉讼|应诉)案件${TOTAL}${N(CASES)}`, confidence: 0.9 },
    { re: re`(?:以|由)?${GOVT}(?:作为|为)被告的(?:一审)?(?:行政应诉|行政诉讼)案件${TOTAL}${N(CASES)}`, confidence: 0.85 },
    { re: re`${CLAUSE_START}(?:全年|年内|本年度)?(?:共)?(?:发生|新增)?行政(?:应诉|诉讼)案件${TOTAL}${N(CASES)}`, confidence: 0.8 },
  ],
  litigationLosses: [
    { re: re`${CLAUSE_START}${LEAD}败诉(?:案件)?${TOTAL}${N(CASES)}`, topic: LITIGATION_TOPIC, confidence: 0.85 },
  ],
  litigationLossRate: [
    {
      re: re`(?:行政诉讼|行政应诉|一审)?败诉率${RATE_LEAD}${PCT}`,
      confidence: 0.9,
      context: /诉讼|应诉|被告/,
      contextChars: 100,
    },
  ],
  headAppearances: [
    {
      // Not 行政首长 or 主要负责人 only, nor lawyers: those are parts of the measure.
      re: re`(?<!律师|首长|主要|正职)(?:行政机关)?(?:负责人)?出庭(?:应诉)?(?:案件)?${TOTAL}${N('件|次|人次|场|起|宗|场次')}`,
      confidence: 0.85,
      context: /负责人/,
      contextChars: 60,
    },
  ],
  headAppearanceRate: [
    {
      re: re`(?<!律师|首长|主要|正职)(?:行政机关)?(?:负责人)?出庭(?:应诉)?率${RATE_LEAD}${PCT}`,
      confidence: 0.9,
      context: /负责人/,
      contextChars: 60,
    },
  ],
  normativeDocsIssued: [
    { re: re`(?:制定|出台|制发|印发|发布)(?:了)?${GOVT}?(?:行政)?规范性文件${TOTAL}${N('件|份|个|部')}`, confidence: 0.85 },
    { re: re`(?:制定|出台|制发|印发|发布)(?:了)?(?:共)?${N('件|份|个|部')}${GOVT}?(?:行政)?规范性文件`, confidence: 0.85 },
  ],
  normativeDocsFiled: [
    { re: re`(?:报送备案|备案审查|审查备案|备案登记|报备|备案)(?:了)?[^,，。；;、\d*]{0,8}?(?:行政)?规范性文件${TOTAL}${N('件|份|个')}`, confidence: 0.85 },
    { re: re`(?:行政)?规范性文件(?:报送)?备案(?:审查)?${TOTAL}${N('件|份|个')}`, confidence: 0.8 },
  ],
  normativeDocsRepealed: [
    { re: re`(?:废止|废除)(?:了)?[^,，。；;、\d*]{0,6}?(?:行政)?规范性文件${TOTAL}${N('件|份|个')}`, confidence: 0.9 },
    { re: re`${CLAUSE_START}(?:予以|决定|宣布)?(?:废止|废除)${TOTAL}${N('件|份|个')}`, topic: REPEAL_TOPIC, confidence: 0.85 },
    // The number a clean-up went through; weaker than an explicit 废止 in the same report.
    { re: re`清理(?:了)?(?:行政)?规范性文件${TOTAL}${N('件|份|个')}`, confidence: 0.6 },
  ],
  legalityReviews: [
    {
      re: re`(?:开展|进行|完成|承办|办理)(?:了)?(?:各类)?(?:合法性审查|合法性审核|法制审核|法制审查)(?:事项)?${TOTAL}${N('件|份|项|次|个')}`,
      confidence: 0.8,
      excludeClause: /执法决定|行政处罚|合同/,
    },
    {
      re: re`${CLAUSE_START}(?:全年)?(?:共)?(?:合法性审查|合法性审核|法制审核|法制审查)(?:事项)?${TOTAL}${N('件|份|项|个')}`,
      confidence: 0.75,
      excludeClause: /执法决定|行政处罚|合同/,
    },
  ],
  majorDecisions: [
    { re: re`${N('项|个|件')}(?:事项)?(?:纳入|列入)(?:年度)?(?:重大行政决策|重大决策)(?:事项)?目录`, confidence: 0.8 },
    { re: re`(?:重大行政决策|重大决策)(?:事项)?目录(?:清单)?(?:共|确定|列入|纳入|包括|包含)+(?:决策)?(?:事项)?${N('项|个|件')}`, confidence: 0.8 },
  ],
  legalAdvisers: [
    {
      re: re`${N('名|位|个|人')}(?:律师|专家|专家学者|法律专家|执业律师)?(?:作为|担任|为)${GOVT}(?:兼职|常年|专职)?法律顾问`,
      confidence: 0.8,
      excludeClause: /村|社区|企业/,
      excludeSentence: /部门|单位|村|社区|企业/,
    },
    {
      re: re`(?:聘请|选聘|聘任|聘用)(?:了)?${GOVT}?(?:兼职|常年|专职)?法律顾问${TOTAL}${N('名|位|人')}`,
      confidence: 0.8,
      excludeClause: /村|社区|企业/,
      excludeSentence: /部门|单位|村|社区|企业/,
    },
  ],
  legalOpinions: [
    { re: re`(?:出具|提出|提供|形成)(?:了)?(?:书面)?法律意见(?:书)?${TOTAL}${N('条|份|件|次|个|项')}`, confidence: 0.8 },
    { re: re`(?:出具|提出|提供|形成)(?:了)?(?:共)?${N('条|份|件|个')}(?:书面)?法律意见(?:书)?`, confidence: 0.8 },
  ],
  infoPublished: [
    { re: re`主动公开(?:各类)?(?:政府|政务)?信息${TOTAL}${N('条|件|篇')}`, confidence: 0.9 },
    {
      re: re`(?:公开|发布)(?:各类)?(?:政府|政务)?信息${TOTAL}${N('条|篇')}`,
      confidence: 0.75,
      context: /公开|政府网站|门户网站|官网/,
      excludeClause: /英文|微信|微博|新媒体|公众号|抖音|头条|视频号|两微一端|客户端|预警|信用/,
    },
  ],
  disclosureRequests: [{ re: DISCLOSURE_RECEIVED, confidence: 0.9 }],
  disclosureRequestsClosed: [
    { re: re`(?:办结|答复)(?:各类)?(?:政府信息公开申请|依申请公开(?:申请|事项)?)${TOTAL}${N(CASES + '|条')}`, confidence: 0.85 },
    {
      re: re`${CLAUSE_START}(?:[^,，、；;：:\d*]{0,6}?)(?:办结|答复|回复|办理完毕)${TOTAL}${N(CASES + '|条')}`,
      topic: DISCLOSURE_RECEIVED,
      confidence: 0.85,
      excludeClause: /未|尚|协助|转办/,
    },
    {
      // `…申请71份,…均在法定期限内予以办结`: all of them were answered.
      re: re`${CLAUSE_START}(?:[^,，、；;：:\d*]{0,4}?)(?:均|全部)(?:已)?(?:在法定期限内|按时|依法|按期|及时)?(?:予以)?(?:办结|答复|回复|办理完毕)(?!率)`,
      topic: DISCLOSURE_RECEIVED,
      valueFromTopic: true,
      confidence: 0.8,
    },
  ],
  penaltyCases: [
    {
      re: re`(?:办理|办结|查处|查办|作出|实施)(?:各类)?(?:一般程序)?行政处罚(?:案件|决定)${TOTAL}${N('件|宗|起|个')}`,
      confidence: 0.75,
      context: WHOLE_SCOPE,
      excludeLine: SECTOR,
    },
  ],
  inspections: [
    {
      re: re`(?:开展|实施|组织|进行)?行政检查${TOTAL}${N('次|家次|户次|批次|项次')}`,
      confidence: 0.7,
      context: WHOLE_SCOPE,
      excludeLine: SECTOR,
    },
  ],
  finesAmount: [
    {
      re: re`(?:罚没款|罚没金额|罚没收入|罚款金额|罚没)${TOTAL}${N('元')}`,
      confidence: 0.7,
      context: WHOLE_SCOPE,
      excludeLine: SECTOR,
    },
  ],
  enforcementOfficers: [
    {
      re: re`(?:持证|持有(?:行政)?执法证(?:件)?的|在岗|现有|录入|共有)?(?:行政)?执法人员${TOTAL}${N('名|人')}`,
      confidence: 0.75,
      excludeClause: /出动|培训|参训|参加|考试|新增|申领|换发|考核|抽调|派出|检查|轮训|旁听|人次/,
    },
    {
      re: re`(?:共有|现有|拥有)${N('名|人')}(?:持证)?(?:行政)?执法人员`,
      confidence: 0.75,
      excludeClause: /出动|培训|参训|参加|考试|新增|申领|换发|考核|抽调|派出|检查|轮训|旁听/,
    },
  ],
  caseFileReviews: [
    { re: re`(?:评查|抽查|抽取|抽评)(?:了)?(?:各类)?(?:行政)?(?:执法|处罚|许可)?案卷${TOTAL}${N('卷|件|宗|份|本|个')}`, confidence: 0.8 },
    { re: re`(?:评查|抽查|抽取|抽评)(?:了)?(?:共)?${N('卷|件|宗|份|本|个')}(?:行政)?(?:执法|处罚|许可)?案卷`, confidence: 0.8 },
    { re: re`(?:行政)?(?:执法)?案卷评查${TOTAL}${N('卷|件|宗|份|本|个')}`, confidence: 0.75 },
  ],
  mediationDisputes: [
    {
      re: re`(?:受理|调处|调解|化解|办理|排查化解)(?:各类)?(?:矛盾)?(?:民间)?纠纷(?:案件)?${TOTAL}${N('件|宗|起|个')}`,
      confidence: 0.85,
      excludeClause: /信访|诉前|诉调|法院|平台/,
    },
    // Not 排查(出)纠纷: disputes found by screening are not disputes taken up by mediation.
  ],
  mediationSuccessRate: [
    {
      re: re`(?:调解成功率|调处成功率|化解成功率|成功调解率|调解率|化解率|调处率)${RATE_LEAD}${PCT}`,
      confidence: 0.85,
      context: /纠纷|调解|调处/,
      excludeSentence: /信访|行政争议/,
    },
  ],
  legalAidCases: [
    {
      re: re`(?:办理|受理|承办|办结|指派)(?:各类)?法律援助(?:案件|事项)${TOTAL}${N('件|宗|起|个')}`,
      confidence: 0.9,
      allowDepartment: true,
    },
  ],
  lawEducationEvents: [
    {
      re: re`(?:开展|组织|举办|举行)(?:了)?(?:各类|各种)?(?:普法|法治宣传|普法宣传|法治宣传教育|普法宣传教育)(?:主题)?活动${TOTAL}${N('场|场次|次|期')}`,
      confidence: 0.8,
      excludeClause: /线上|线下|网上|专题/,
    },
  ],
  npcSuggestionsHandled: [
    {
      re: re`(?:办理|办复|承办|答复|办结)(?:了)?(?:各级)?(?:(?:省|市|区|县)级?)?(?:人大代表|人大)(?:建议|议案和建议|建议和议案|议案建议)${TOTAL}${N('件|条|个|份')}`,
      confidence: 0.9,
    },
    // The second item of a list whose verb comes first: `办理政协委员提案278件、人大代表建议212件`.
    { re: re`${LIST_ITEM}(?:(?:省|市|区|县)级?)?人大代表(?:建议|议案和建议|建议和议案)${TOTAL}${N('件|条|个|份')}`, confidence: 0.85, context: HANDLED },
  ],
  cppccProposalsHandled: [
    {
      re: re`(?:办理|办复|承办|答复|办结)(?:了)?(?:各级)?(?:(?:省|市|区|县)级?)?政协(?:委员)?提案${TOTAL}${N('件|条|个|份')}`,
      confidence: 0.9,
    },
    { re: re`${LIST_ITEM}(?:(?:省|市|区|县)级?)?政协(?:委员)?提案${TOTAL}${N('件|条|个|份')}`, confidence: 0.85, context: HANDLED },
  ],
};
