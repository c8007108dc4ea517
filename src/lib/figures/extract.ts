/**
 * The indicator extractor: proposes indicator values, each with the exact phrase of the report that
 * states it, for an editor to check and paste into frontmatter. Patterns live with each indicator in
 * src/lib/figures/patterns.ts; this module applies them one sentence at a time, adds the rules
 * every indicator shares, and keeps one value per indicator.
 *
 * Precision comes first (indicators.md: "a wrong figure is worse than a missing one"): a value is
 * dropped when its clause gives a part (其中, 累计, a breakdown in brackets), its sentence names a
 * department, a campaign (专项), several years or (given the report year) another year, or states a
 * target; reading stops at the closing part on next year's work; and an indicator is left out when
 * its equally good phrases give different values.
 */
import { findIndicator, INDICATORS, type IndicatorDef } from './indicators';
import { INDICATOR_PATTERNS, type ExtractPattern } from './patterns';
import { parseChineseNumber, toWanYuan, type ParsedNumber } from './numbers';
import { splitLines } from '../text';

/** One proposed indicator value. */
export interface Proposal {
  /** Registry key. */
  key: string;
  /** In the registry unit (万 and 亿 multiplied out; money in 万元). */
  value: number;
  /** The shortest exact phrase of the text that states the value, on one line. */
  quote: string;
  /** The counting word as the text writes it (宗, 人次), when it differs from the registry unit. */
  unit?: string;
  /** True when the text says 余/多/近/约. */
  approximate: boolean;
  /** Remark for readers, e.g. 综合纠错率. */
  note?: string;
  /** How sure the pattern is, 0-1. */
  confidence: number;
  /** Offset of the quote in the text. */
  index: number;
}

/** Sentence ends; a quote never crosses one. */
const SENTENCE_END = /[。！？；!?;]/g;
/** Clause marks: 其中 and 累计 govern up to the next one. `、` is not one: `其中A3件、B5件` is one part. */
const CLAUSE_MARK = /[,，；;：:]/;
/** A department or court as the subject: its figures are not the government's total. */
const DEPARTMENT =
  /(?:市场监管|市场监督管理|公安|交警|交通运输|住建|住房和城乡建设|自然资源|生态环境|环保|城管|城市管理|综合行政执法|综合执法|卫健|卫生健康|教育|人社|人力资源和社会保障|民政|财政|税务|应急管理|农业农村|水利|林业|文旅|文化和旅游|文广旅体|商务|发改|发展和改革|统计|审计|消防|医保|司法|信访|海关|科技|工信|退役军人)(?:局|委|厅|部门|系统|支队|大队|中队|分局|办)|(?:公安|税务|司法)机关|派出所|法院|检察院|公证处|支队|大队|中队/;
/** A target or plan, not a result. */
const TARGET = /力争|目标|计划|预计|争取|(?<!模)拟/;
/**
 * The heading of the closing part on next year's work (`三、下一步打算`, `四、2023年工作安排`): the
 * figures after it are plans, so reading stops there. A short line without sentence punctuation.
 */
const PLAN_HEADING = /^[^。，,；;！？!?]{0,24}(?:下一步|工作打算|工作安排|工作计划|工作思路|工作设想|努力方向)[^。，,；;！？!?]{0,12}$/;
/** Several years together (近三年, 五年来, “十四五”期间, 2019-2023年), not the reporting year. */
const MULTI_YEAR = /近(?:\d{1,2}|[两二三四五六七八九十])年|(?:\d{1,2}|[两二三四五六七八九十])年(?:来|间|以来)|十[一二三四五]五”?(?:期间|以来)|(?:19|20)\d{2}\s*[-—–~至到]\s*(?:19|20)?\d{2}年/;
/** One campaign's figures. */
const CAMPAIGN = /专项/;
/** A part of the whole, in the same clause before the value. */
const PART = /其中|(?<!全年)累计/;
/** `其中，…`: 其中 standing alone before the clause. */
const PART_LEAD = /其中\s*[,，：:]\s*$/;
/** Between a topic and the clause that counts it: another subject has started. */
const TOPIC_BREAK = /复议|诉讼|应诉|信息公开|规范性文件|纠纷|法律援助|处罚|建议|提案|案卷|执法|调解|信访|其中|此外|另外|同时|[*＊]/;
const MAX_TOPIC_GAP = 40;
/** A year named in running text (`2023年`, `2023总共`), not a count (`2023件`). */
const YEAR_MENTION = /(?<![0-9０-９])(?:19|20)[0-9]{2}(?![0-9０-９]|[件宗起个份条名人次项场家户])/g;

/** Options of the extractor. */
export interface ExtractOptions {
  /**
   * The year the report covers. When given, a value whose sentence names another year before it
   * (`2022年办理…`, a comparison with last year) is left out.
   */
  year?: number;
}

interface Sentence {
  text: string;
  /** Offset in the line. */
  start: number;
}

function sentences(line: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of line.matchAll(SENTENCE_END)) {
    out.push({ text: line.slice(start, m.index), start });
    start = m.index + 1;
  }
  if (start < line.length) out.push({ text: line.slice(start), start });
  return out;
}

/** The clause around [from, to): from the clause mark before `from` to the one after `to`. */
function clauseAround(s: string, from: number, to: number): { text: string; start: number } {
  let a = from;
  while (a > 0 && !CLAUSE_MARK.test(s[a - 1])) a--;
  let b = to;
  while (b < s.length && !CLAUSE_MARK.test(s[b])) b++;
  return { text: s.slice(a, b), start: a };
}

/** True when `at` is inside brackets: `35件(其中民事案件10件…)` gives a breakdown, not a total. */
function inBrackets(s: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (s[i] === '(' || s[i] === '（') depth++;
    else if ((s[i] === ')' || s[i] === '）') && depth > 0) depth--;
  }
  return depth > 0;
}

/** The last match of `topic` that ends before `end`. */
function lastTopic(topic: RegExp, s: string, end: number): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  const r = new RegExp(topic.source, 'g');
  for (let m = r.exec(s); m && m.index + m[0].length <= end; m = r.exec(s)) {
    last = m;
    if (!m[0]) r.lastIndex++;
  }
  return last;
}

/** The value in the registry unit, or undefined when the number is not of the indicator's kind. */
function registryValue(def: IndicatorDef, n: ParsedNumber): number | undefined {
  switch (def.kind) {
    case 'rate':
      return n.percent && n.value <= 100 ? n.value : undefined;
    case 'amount':
      return toWanYuan(n);
    default:
      return n.percent || n.unit === '元' ? undefined : n.value;
  }
}

/** Applies one pattern to one sentence. */
function* matchSentence(def: IndicatorDef, p: ExtractPattern, line: string, sen: Sentence, lineOffset: number, opts: ExtractOptions): Generator<Proposal> {
  const s = sen.text;
  if (p.excludeLine?.test(line)) return;
  const r = new RegExp(p.re.source, 'g');
  for (let m = r.exec(s); m; m = r.exec(s)) {
    if (!m[0]) {
      r.lastIndex++;
      continue;
    }
    const end = m.index + m[0].length;
    const topic = p.topic ? lastTopic(p.topic, s, m.index) : undefined;
    if (p.topic) {
      if (!topic) continue;
      const gap = s.slice(topic.index + topic[0].length, m.index);
      if (gap.length > MAX_TOPIC_GAP || TOPIC_BREAK.test(gap)) continue;
    }
    const start = topic?.index ?? m.index;
    const before = s.slice(0, start);
    const clause = clauseAround(s, m.index, end);
    const clauseBefore = s.slice(clause.start, m.index) + m[0];

    if (PART.test(clauseBefore) || PART_LEAD.test(s.slice(0, clause.start)) || inBrackets(s, m.index)) continue;
    if (TARGET.test(before) || CAMPAIGN.test(before) || MULTI_YEAR.test(before)) continue;
    if (!p.allowDepartment && DEPARTMENT.test(before)) continue;
    if (opts.year !== undefined) {
      const named = before.match(YEAR_MENTION)?.at(-1);
      if (named && Number(named) !== opts.year) continue;
    }
    if (p.excludeClause?.test(clause.text) || p.excludeSentence?.test(before)) continue;
    if (p.context) {
      const ctxStart = Math.max(0, sen.start - (p.contextChars ?? 0));
      if (!p.context.test(line.slice(ctxStart, sen.start + end))) continue;
    }

    const groups = (p.valueFromTopic ? topic : m)?.groups;
    if (!groups?.num || !groups.unit) continue;
    const n = parseChineseNumber(groups.num + groups.unit);
    if (!n) continue;
    const value = registryValue(def, n);
    if (value === undefined) continue;

    // Trim marks a clause-start pattern may begin with; the quote stays an exact substring.
    const raw = s.slice(start, end);
    const lead = raw.length - raw.replace(/^[\s,，、；;：:]+/, '').length;
    const quote = raw.slice(lead).trimEnd();
    if (/[*＊]/.test(quote) || quote.length < 2) continue;

    const unit = def.kind === 'count' && n.unit !== def.unit ? n.unit : undefined;
    const note = p.note?.(m);
    yield {
      key: def.key,
      value,
      quote,
      ...(unit && { unit }),
      approximate: n.approximate,
      ...(note && { note }),
      confidence: p.confidence,
      index: lineOffset + sen.start + start + lead,
    };
  }
}

/** Every phrase any pattern matches, in text order: the raw material `extractIndicators` chooses from. */
export function extractCandidates(text: string, opts: ExtractOptions = {}): Proposal[] {
  const out: Proposal[] = [];
  let offset = 0;
  const lines = splitLines(text);
  // splitLines drops the line breaks; find each line again to keep offsets exact for `\r\n` too.
  for (const line of lines) {
    const at = text.indexOf(line, offset);
    const lineOffset = at >= 0 ? at : offset;
    offset = lineOffset + line.length;
    if (PLAN_HEADING.test(line.trim())) break;
    if (!/[0-9０-９]/.test(line)) continue;
    for (const sen of sentences(line)) {
      if (!/[0-9０-９]/.test(sen.text)) continue;
      for (const [key, patterns] of Object.entries(INDICATOR_PATTERNS)) {
        const def = findIndicator(key);
        if (!def) continue;
        for (const p of patterns) out.push(...matchSentence(def, p, line, sen, lineOffset, opts));
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Proposes at most one value per registered indicator, in registry order: the candidate of the
 * highest confidence (the first in the text among equals). An indicator whose best candidates
 * disagree on the value is left out: that is doubt, and doubt is not proposed.
 */
export function extractIndicators(text: string, opts: ExtractOptions = {}): Proposal[] {
  const byKey = new Map<string, Proposal[]>();
  for (const c of extractCandidates(text, opts)) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  const out: Proposal[] = [];
  for (const def of INDICATORS) {
    const cands = byKey.get(def.key);
    if (!cands) continue;
    const best = Math.max(...cands.map((c) => c.confidence));
    const top = cands.filter((c) => c.confidence === best);
    if (top.some((c) => c.value !== top[0].value)) continue;
    out.push(top[0]);
  }
  return out;
}

/** The frontmatter `indicators` map for `proposals`, in the schema's shape (no confidence, no offsets). */
export function proposalsToFrontmatter(
  proposals: readonly Proposal[],
): Record<string, { value: number; quote: string; unit?: string; approximate?: true; note?: string }> {
  return Object.fromEntries(
    proposals.map((p) => [
      p.key,
      { value: p.value, quote: p.quote, ...(p.unit && { unit: p.unit }), ...(p.approximate && { approximate: true as const }), ...(p.note && { note: p.note }) },
    ]),
  );
}

/** Agreement of proposals with hand-checked values: a true positive has the same key and value. */
export interface Score {
  truePositives: { key: string; value: number }[];
  falsePositives: { key: string; value: number; quote: string; expected?: number }[];
  falseNegatives: { key: string; value: number }[];
  /** Undefined when nothing was proposed. */
  precision?: number;
  /** Undefined when nothing was expected. */
  recall?: number;
}

const sameValue = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Scores `proposals` against `gold` (registry key -> value in the registry unit). */
export function scoreProposals(proposals: readonly Proposal[], gold: Readonly<Record<string, { value: number }>>): Score {
  const score: Score = { truePositives: [], falsePositives: [], falseNegatives: [] };
  for (const p of proposals) {
    const g = gold[p.key];
    if (g && sameValue(g.value, p.value)) score.truePositives.push({ key: p.key, value: p.value });
    else score.falsePositives.push({ key: p.key, value: p.value, quote: p.quote, ...(g && { expected: g.value }) });
  }
  for (const [key, g] of Object.entries(gold)) {
    if (!proposals.some((p) => p.key === key && sameValue(g.value, p.value))) score.falseNegatives.push({ key, value: g.value });
  }
  const tp = score.truePositives.length;
  if (proposals.length) score.precision = tp / proposals.length;
  if (Object.keys(gold).length) score.recall = tp / Object.keys(gold).length;
  return score;
}
