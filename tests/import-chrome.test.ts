/**
 * Page chrome as data (src/lib/import/chrome.ts) and its use by cleanText and importSource:
 * every rule matches its examples and spares its near misses; no line of a seed report's body is
 * taken for chrome by any rule; and pages written around the seed bodies, with the chrome of real
 * government sites of every kind (district, prefecture, province, street, town, zone; 2019–2024;
 * a big5 gate mirror in Traditional characters), import with the right title, year, dates and
 * gov.cn fields and a body sentence for sentence equal to the seed's.
 */
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/lib/import/clean';
import { CHROME_RULES, chromeRule, infoLineDate, isMetaValue, MENU_RUN, metaLabel, parseMetaFields, ruleMatches } from '../src/lib/import/chrome';
import { findTitle, importSource, keepHandEdited, loadPlaces, looksLikeTitle, titleStrength, type ImportResult, type PlaceRef, type ReportFrontmatter } from '../src/lib/import/importer';
import { normalizeSpace, splitLines, splitSentences } from '../src/lib/text';
import { reportSchema } from '../src/schemas/report';
import { readSeed, SEEDS } from '../bench/fixtures/seeds';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));

/** The seed's lines, as cleanText sees them (normalised, no empty lines). */
const seedLines = (prefix: string): string[] =>
  splitLines(readSeed(SEEDS.find((s) => s.file.startsWith(prefix))!))
    .map(normalizeSpace)
    .filter(Boolean);

/**
 * Where each seed's report body is, counted by hand: after `head` lines of title and page
 * metadata, up to the line `end` (the share widget of 000) or the end of the text.
 */
const SEED_FRAME: Record<string, { head: number; end?: string }> = {
  '000': { head: 2, end: '扫一扫在手机打开当前页' },
  '001': { head: 3 },
  '002': { head: 2 },
  '003': { head: 0 },
  '004': { head: 0 },
};

/** The body of a seed report: every line a reader must find in the imported entry. */
function seedBody(prefix: string): string[] {
  const lines = seedLines(prefix);
  const { head, end } = SEED_FRAME[prefix];
  return lines.slice(head, end ? lines.indexOf(end) : lines.length);
}

describe('chrome rules', () => {
  it('are named once each, described, with examples and near misses', () => {
    const ids = CHROME_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CHROME_RULES) {
      expect(r.description.length, r.id).toBeGreaterThan(10);
      expect(r.examples.length, r.id).toBeGreaterThan(0);
      expect(r.nearMisses.length, r.id).toBeGreaterThan(0);
    }
  });

  for (const rule of CHROME_RULES) {
    describe(rule.id, () => {
      it('matches its examples', () => {
        expect(rule.examples.filter((e) => !ruleMatches(rule, e))).toEqual([]);
      });
      it('spares its near misses', () => {
        expect(rule.nearMisses.filter((e) => ruleMatches(rule, e))).toEqual([]);
      });
      it('spares every line of every seed body', () => {
        const hits = Object.keys(SEED_FRAME).flatMap((p) => seedBody(p).filter((l) => ruleMatches(rule, l)).map((l) => `${p}: ${l.slice(0, 40)}`));
        expect(hits).toEqual([]);
      });
    });
  }

  describe(MENU_RUN.id, () => {
    const cleaned = (page: readonly string[]) => cleanText(page.join('\n'));
    it('takes every line of a menu copied one item per line, up to the title or the report', () => {
      for (const page of MENU_RUN.examples) expect(cleaned(page).lines.map((l) => l.text), page[0]).toEqual(page.slice(-1));
    });
    it('spares its near misses: site header, a 公文 header, a signature, a short title', () => {
      for (const page of MENU_RUN.nearMisses) expect(cleaned(page).removed.filter((l) => l.rule === MENU_RUN.id), page[0]).toEqual([]);
    });
    it('never reaches past the first line of the report', () => {
      const page = ['2023年，我镇推进法治政府建设。', '政务公开', '依法行政', '普法宣传', '法治建设'];
      expect(cleaned(page).lines.map((l) => l.text)).toEqual(page.filter((l) => l !== '政务公开'));
    });
  });

  it('never takes prose or a numbered heading for chrome, whatever words it has', () => {
    for (const line of ['浏览次数：123。', '首页 政务公开 政务服务。', '一、政务公开', '（二）打印 关闭', '1. 分享到：', '来源：区司法局。本年度办理复议案件568宗。']) {
      expect(chromeRule(line), line).toBeUndefined();
    }
  });

  it('has each seed chrome line dropped, and nothing else', () => {
    for (const prefix of Object.keys(SEED_FRAME)) {
      const body = new Set(seedBody(prefix));
      const chrome = seedLines(prefix).filter((l) => !body.has(l));
      const clean = cleanText(readSeed(SEEDS.find((s) => s.file.startsWith(prefix))!));
      // The title stays as the first line (the importer decides it is the title); its repetition goes.
      const kept = clean.lines.map((l) => l.text);
      expect(kept.slice(SEED_FRAME[prefix].head ? 1 : 0), prefix).toEqual(seedBody(prefix));
      expect(clean.removed.map((l) => l.text), prefix).toEqual(chrome.filter((l, i) => i > 0 || !SEED_FRAME[prefix].head));
    }
  });
});

describe('metadata lines', () => {
  it('reads the gov.cn block on one line, with and without colons', () => {
    expect(parseMetaFields('索引号：11440306007542722M/2024-00049 分类： 综合政务')).toEqual([
      { label: '索引号', field: 'indexNumber', value: '11440306007542722M/2024-00049' },
      { label: '分类', field: undefined, value: '综合政务' },
    ]);
    const bare = parseMetaFields('索引号 000014349/2023-00123 主题分类 政府工作 发布机构 株洲市人民政府 文号 有效性 有效');
    expect(bare?.map((f) => [f.label, f.value])).toEqual([
      ['索引号', '000014349/2023-00123'],
      ['主题分类', '政府工作'],
      ['发布机构', '株洲市人民政府'],
      ['文号', ''],
      ['有效性', '有效'],
    ]);
  });

  it('reads the page-info line, brackets and a leading date included', () => {
    expect(parseMetaFields('【来源：市司法局】【作者：】【发布时间：2023-03-30】')?.map((f) => [f.label, f.value])).toEqual([
      ['来源', '市司法局'],
      ['作者', ''],
      ['发布时间', '2023-03-30'],
    ]);
    expect(parseMetaFields('2024-01-05 10:30 来源：县司法局 浏览：')?.map((f) => f.label)).toEqual(['来源', '浏览']);
  });

  it('keeps values verbatim on a Traditional page', () => {
    expect(parseMetaFields('發布機構：深圳市寶安區人民政府 成文日期：2023-12-20')?.map((f) => [f.field, f.value])).toEqual([
      ['organ', '深圳市寶安區人民政府'],
      ['documentDate', '2023-12-20'],
    ]);
  });

  it('is not prose, nor a line that only starts with a label word', () => {
    for (const line of ['来源：区司法局。本年度办理复议案件568宗。', '有效性审查', '发布机构要及时更新', '办理时间：3个工作日']) expect(parseMetaFields(line), line).toBeUndefined();
  });

  it('tells a label alone on its line from a line of text, and its value from the next line of the page', () => {
    expect(metaLabel('发布机构：')).toBe('发布机构');
    expect(metaLabel('索引号')).toBe('索引号');
    expect(metaLabel('【成文日期】')).toBe('成文日期');
    // Without a colon, a lone 标题 or 时间 is not taken for a label.
    expect(metaLabel('标题')).toBeUndefined();
    expect(metaLabel('时间')).toBeUndefined();
    expect(isMetaValue('成文日期', '2024-02-20')).toBe(true);
    expect(isMetaValue('成文日期', '怀化市司法局')).toBe(false);
    expect(isMetaValue('文号', '湘政函〔2022〕21号')).toBe(true);
    expect(isMetaValue('文号', '关于怀化市2023年度法治政府建设情况的报告')).toBe(false);
    expect(isMetaValue('发布机构', '关于怀化市2023年度法治政府建设情况的报告')).toBe(false);
    expect(isMetaValue('来源', '漳州市人民政府:')).toBe(false);
    expect(isMetaValue('索引号', '431200/2024-00412')).toBe(true);
    expect(isMetaValue('有效性', '一、主要工作')).toBe(false);
  });

  it('cleanText reads a block copied one cell per line, and drops it', () => {
    const c = cleanText(
      ['索引号', '431200/2024-00412', '主题分类', '司法', '发布机构：', '怀化市司法局', '成文日期：', '2024-02-20', '发文字号：', '有效性：', '有效', '关于怀化市2023年度法治政府建设情况的报告', '2023年，我市推进法治政府建设。'].join('\n'),
    );
    expect(c).toMatchObject({ indexNumber: '431200/2024-00412', subject: '司法', organ: '怀化市司法局', documentDate: '2024-02-20' });
    expect(c.documentNumber).toBeUndefined();
    expect(c.lines.map((l) => l.text)).toEqual(['关于怀化市2023年度法治政府建设情况的报告', '2023年，我市推进法治政府建设。']);
    expect(new Set(c.removed.map((l) => l.rule))).toEqual(new Set(['metadata']));
  });

  it('takes no date from chrome unless it is labelled as the publication', () => {
    const c = cleanText(
      ['今天是2024年3月5日 星期二 农历甲辰年正月廿五', '更新时间：2024-03-01', '时间：2024-02-22 来源：怀化市司法局 浏览量：1286', '2024-02-23', '关于怀化市2023年度法治政府建设情况的报告', '2023年，我市推进法治政府建设。'].join('\n'),
    );
    expect(c.publishedDate).toBeUndefined();
    expect(c.documentDate).toBeUndefined();
    expect(c.publisher).toBe('怀化市司法局');
    // The info line's 时间 is kept aside: the importer takes it when the line stands between title and report.
    expect(c.infoDates).toEqual([{ line: 3, date: '2024-02-22' }]);
    expect(cleanText('发布时间：2024-02-22 15:24 浏览次数：12\n正文。').publishedDate).toBe('2024-02-22');
  });

  it("reads the date of an article's info line, unlabelled or labelled 时间, only beside a 来源, 作者 or counter", () => {
    expect(infoLineDate('2022年2月11日 10:23 · 来源：北京市朝阳区司法局 · 阅读 691')).toBe('2022-02-11');
    expect(infoLineDate('时间：2022-02-11 10:23:00 来源：北京市朝阳区司法局 浏览量：6912 字号：大 中 小')).toBe('2022-02-11');
    expect(parseMetaFields('2022年2月11日 10:23 · 来源：北京市朝阳区司法局 · 阅读 691')?.map((f) => [f.label, f.value])).toEqual([
      ['来源', '北京市朝阳区司法局'],
      ['阅读', '691'],
    ]);
    for (const line of ['更新时间：2024-03-01 来源：区司法局', '时间：2024-02-22', '成文日期：2024-01-05 来源：区司法局', '2024-01-05 时间：2024-01-06 来源：区司法局']) {
      expect(infoLineDate(line), line).toBeUndefined();
    }
    // Importing: the info line under the title gives the publication date; one above the title does not.
    const info = '时间：2024-02-22 15:24 来源：怀化市司法局 浏览量：1286';
    const under = importSource({ text: lines(title002, info, body002) }, { places, placeId: 'hunan/huaihua' });
    expect(under.frontmatter.publishedDate).toBe('2024-02-22');
    const above = importSource({ text: lines(info, title002, body002) }, { places, placeId: 'hunan/huaihua' });
    expect(above.frontmatter.publishedDate).toBeUndefined();
  });
});

describe('titles among chrome', () => {
  it('never takes a metadata line for the title', () => {
    expect(looksLikeTitle('组配分类: 法治政府建设年度报告')).toBe(false);
    expect(looksLikeTitle('名称：深圳市宝安区人民政府关于2023年法治政府建设年度报告')).toBe(false);
    expect(looksLikeTitle('2023年度法治政府建设工作报告')).toBe(true);
    expect(looksLikeTitle('深圳市寶安區人民政府關於2024年法治政府建設年度報告')).toBe(true);
  });

  it('finds the title past header lines no rule knew, and reads a 文号 among them', () => {
    const lines = ['婺源县人民政府文件', '婺府字〔2023〕12号', '婺源县人民政府关于2022年度法治政府建设情况的报告', '2022年，我县推进法治政府建设。'].map((text, i) => ({ text, line: i + 1 }));
    expect(findTitle(lines)).toMatchObject({ index: 2, documentNumber: '婺府字〔2023〕12号' });
    expect(findTitle(lines).header.map((l) => l.text)).toEqual(['婺源县人民政府文件', '婺府字〔2023〕12号']);
    // A paragraph of the report or a salutation before a title-like line: that line is not the title.
    expect(findTitle(numbered(body002[0], lines[2].text)).index).toBeUndefined();
    expect(findTitle([{ text: '漳州市人民政府:', line: 1 }, lines[2]]).index).toBeUndefined();
  });

  it('finds the title past long chrome: a skip link, a search box, menus and a column tree one item per line', () => {
    const top = ['跳到主要内容', '佳木斯市前进区人民政府', '搜索', '首页', '资讯', '公开', '服务', '互动', '信息公开', '公开目录', '机构职能', '法治政府建设', '财政资金', '建议提案办理', '法治政府建设年度报告'];
    const found = findTitle(numbered(...top, title001, body001[0]));
    expect(found).toMatchObject({ index: top.length, text: title001 });
    expect(found.header.map((l) => l.text)).toEqual(top);
    // Through cleanText and importSource: the year and title come from the title line, no --year needed.
    const r = importSource({ text: lines(top, title001, body001) }, { places, placeId: 'heilongjiang/jiamusi/qianjin' });
    expect(r.frontmatter).toMatchObject({ title: title001, year: 2020, documentDate: '2021-02-19' });
    expect(sentencesOf(r.sentences)).toEqual(sentencesOf(body001));
  });

  it('takes the line that looks most like a report title, the nearest the text of equals', () => {
    expect([title002, '法治政府建设年度报告', '法治政府建设', '政务公开'].map(titleStrength)).toEqual([3, 2, 1, 0]);
    // A menu item and a column named after the subject stand above the title.
    expect(findTitle(numbered('法治政府建设', '年度报告', title002, body002[0])).index).toBe(2);
    // Links to other years' reports above the title: the title is the one right above the text.
    expect(findTitle(numbered('怀化市2022年度法治政府建设情况报告', '怀化市2021年度法治政府建设情况报告', title002, body002[0])).index).toBe(2);
    // A line that only names the subject is a title only at the top, past header lines.
    expect(findTitle(numbered('怀化市人民政府', '法治政府建设', body002[0])).index).toBe(1);
    expect(findTitle(numbered('首页', '政务公开', '政务服务', '政民互动', '数据开放', '走进怀化', '信息公开', '机构职能', '法治政府建设', body002[0])).index).toBeUndefined();
    // A page copied without its title (seed 003): the column 法治政府建设年度报告 in a long menu is not the title, whole or in two lines.
    const menu = ['首页', '资讯', '公开', '服务', '互动', '首页', '镇街信息公开', '坦洲镇'];
    expect(findTitle(numbered(...menu, '法治政府建设年度报告', body003[0])).index).toBeUndefined();
    expect(findTitle(numbered(...menu, '法治政府建设', '年度报告', body003[0])).index).toBeUndefined();
  });

  it('takes a title wrapped onto a short second line whole', () => {
    expect(findTitle(numbered('佳木斯市前进区人民政府', '佳木斯市前进区人民政府关于2020年前进区法治政府建设工作情况', '报告', body001[0]))).toMatchObject({ index: 1, end: 2, text: title001 });
    expect(findTitle(numbered('北京市朝阳区人民政府关于2021年法治政府建', '设情况的报告', '2021年，朝阳区推进法治政府建设。')).text).toBe('北京市朝阳区人民政府关于2021年法治政府建设情况的报告');
    // The line under a title is part of it only when it ends the title.
    expect(findTitle(numbered(title002, '怀化市人民政府', body002[0]))).toMatchObject({ index: 0, end: 0, text: title002 });
  });

  it('looks past a notice in prose above the title, never past a paragraph under it', () => {
    const notice = '本頁面由簡體中文自動轉換為繁體中文，如有差異請以簡體頁面為準。簡體版 | 繁體版';
    const title = toTraditional('深圳市宝安区人民政府关于2024年法治政府建设年度报告');
    expect(findTitle(numbered(notice, '深圳市寶安區人民政府', title, gateBody[0])).index).toBe(2);
    // Under the title, prose is the report: a title-like line further down is not the title.
    expect(findTitle(numbered(title002, '2023年，我市推进法治政府建设。', '怀化市2022年度法治政府建设情况报告')).index).toBe(0);
  });

  it('passes a breadcrumb printed as a numbered list, but stops at the first heading of the report', () => {
    expect(findTitle(numbered('1. 首页', '2. 政务公开', '3. 法治政府建设', '4. 年度报告', title002, body002[0])).index).toBe(4);
    expect(findTitle(numbered('一、主要工作', title002)).index).toBeUndefined();
  });

  it("takes the title from the page's <title> line when the article heading is missing", () => {
    const c = cleanText('关于怀化市2023年度法治政府建设情况的报告_怀化市人民政府门户网站\n时间：2024-02-22\n2023年，我市推进法治政府建设。');
    expect(c.title).toBe('关于怀化市2023年度法治政府建设情况的报告');
    expect(c.lines.map((l) => l.text)).toEqual(['2023年，我市推进法治政府建设。']);
    const r = importSource({ text: lines('关于怀化市2023年度法治政府建设情况的报告_怀化市人民政府门户网站', body002) }, { places, placeId: 'hunan/huaihua' });
    expect(r.frontmatter).toMatchObject({ title: '关于怀化市2023年度法治政府建设情况的报告', year: 2023 });
    expect(r.frontmatter.titleInferred).toBeUndefined();
    expect(sentencesOf(r.sentences)).toEqual(sentencesOf(body002));
  });

  it('drops the title repeated with the site name after it', () => {
    const c = cleanText('关于怀化市2023年度法治政府建设情况的报告\n关于怀化市2023年度法治政府建设情况的报告_怀化市人民政府门户网站\n2023年，我市推进法治政府建设。');
    expect(c.lines.map((l) => l.text)).toEqual(['关于怀化市2023年度法治政府建设情况的报告', '2023年，我市推进法治政府建设。']);
  });
});

// ---------------------------------------------------------------------------------------------
// Pages as copied from government sites, written around the seed bodies.

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** A seed body moved to another place or year: names replaced, every `20xx年` shifted. */
function rebrand(lines: readonly string[], names: readonly [string, string][], shift = 0): string[] {
  return lines.map((line) => {
    let t = line;
    for (const [from, to] of names) t = t.split(from).join(to);
    return shift ? t.replace(/(?<!\d)(20[0-3]\d)(?=\s*年)/g, (y) => String(Number(y) + shift)) : t;
  });
}

type SourceFields = NonNullable<ReportFrontmatter['source']>;

interface Page {
  name: string;
  placeId: string;
  /** The report body as a reader must find it. */
  body: string[];
  /** The page text as copied, body included. */
  text: string;
  title: string;
  year: number;
  issuer?: string;
  documentDate?: string;
  publishedDate?: string;
  source?: SourceFields;
}

const EXTRA_PLACES: PlaceRef[] = [
  { id: 'hunan/zhuzhou', name: '株洲市', level: 'prefecture' },
  { id: 'guangdong/zhongshan/shiqi', name: '石岐街道', level: 'township' },
  { id: 'guangdong/zhongshan/xiaolan', name: '小榄镇', level: 'township' },
  { id: 'jiangxi', name: '江西省', level: 'province' },
  { id: 'jiangxi/shangrao', name: '上饶市', level: 'prefecture' },
  { id: 'jiangxi/shangrao/wuyuan', name: '婺源县', level: 'county' },
];
const places = [...loadPlaces(CONTENT), ...EXTRA_PLACES];

const lines = (...parts: (string | readonly string[])[]) => parts.flat().join('\n');
/** Lines as cleanText returns them, numbered from 1. */
const numbered = (...texts: string[]) => texts.map((text, i) => ({ text, line: i + 1 }));

const body004 = seedBody('004');
const body002 = seedBody('002');
const body000 = seedBody('000');
const body003 = seedBody('003');
const body001 = seedBody('001');
const title000 = seedLines('000')[0];
const title001 = seedLines('001')[0];
const title002 = seedLines('002')[0];

const hunanBody = [...rebrand(body002, [['怀化市', '湖南省'], ['我市', '我省'], ['全市', '全省'], ['市委', '省委'], ['市政府', '省政府']], -2), '湖南省人民政府', '2022年3月25日'];
const shiqiBody = rebrand(body003, [['坦洲镇', '石岐街道'], ['全镇', '全街道'], ['依法治镇', '依法治街'], ['坦洲', '石岐']], -1);
const xiaolanBody = rebrand(body003, [['坦洲镇', '小榄镇'], ['坦洲', '小榄']], -4);
const zone2024Body = rebrand(body000, [], 2);
const zhuzhouBody = rebrand(body002, [['怀化市', '株洲市'], ['怀化', '株洲']], -4);
const wuyuanBody = rebrand(body004, [['深圳市宝安区', '上饶市婺源县'], ['宝安区', '婺源县'], ['宝安', '婺源'], ['区政府', '县政府'], ['全区', '全县'], ['依法治区', '依法治县']], -1);
const gateBody = rebrand(body004, [], 1).map(toTraditional);

const PAGES: Page[] = [
  {
    name: 'district 2023, Shenzhen template: table copied with tabs, title in 名称',
    placeId: 'guangdong/shenzhen/baoan',
    body: body004,
    text: lines(
      '无障碍 长者模式 | 简体 | 繁体 | English',
      '深圳市宝安区人民政府门户网站',
      '首页\t政务公开\t政务服务\t互动交流\t走进宝安',
      '请输入关键词 搜索',
      '您当前的位置：首页 > 政务公开 > 法治政府建设 > 法治政府建设年度报告',
      '',
      '索引号：\t11440306007542722M/2024-00049\t分类：\t综合政务',
      '发布机构：\t深圳市宝安区人民政府\t成文日期：\t2023-12-20',
      '名称：\t深圳市宝安区人民政府关于2023年法治政府建设年度报告',
      '文号：\t\t发布日期：\t2024-01-05',
      '',
      '深圳市宝安区人民政府关于2023年法治政府建设年度报告',
      '发布日期：2024-01-05\u3000信息来源：深圳市宝安区司法局\u3000字号：【大 中 小】',
      '分享到：',
      '',
      body004,
      '',
      '扫一扫在手机打开当前页',
      '【打印本页】【关闭窗口】',
      '相关链接',
      '深圳市宝安区人民政府关于2022年法治政府建设年度报告 2023-01-06',
      '中国政府网|广东省人民政府|深圳市人民政府',
      '主办单位：深圳市宝安区人民政府办公室 承办单位：深圳市宝安区政务服务数据管理局',
      '网站标识码：4403060001 粤ICP备05072437号 粤公网安备 44030602000383号',
      '联系我们 | 网站地图 | 使用帮助',
    ),
    title: '深圳市宝安区人民政府关于2023年法治政府建设年度报告',
    year: 2023,
    issuer: '深圳市宝安区人民政府',
    documentDate: '2023-12-20',
    publishedDate: '2024-01-05',
    source: { publisher: '深圳市宝安区司法局', indexNumber: '11440306007542722M/2024-00049', organ: '深圳市宝安区人民政府' },
  },
  {
    name: 'prefecture 2023, Hunan template: date banner, menu one item per line, block one cell per line, 时间…浏览量',
    placeId: 'hunan/huaihua',
    body: body002,
    text: lines(
      '今天是2024年2月26日 星期一 农历甲辰年正月十七',
      '怀化市人民政府门户网站',
      '简 繁 | 无障碍 | 长者模式',
      '用户登录 注册',
      '首页',
      '政务公开',
      '政务服务',
      '政民互动',
      '走进怀化',
      '当前位置：首页 > 政务公开 > 法治政府建设',
      '索引号',
      '431200/2024-00412',
      '主题分类',
      '司法',
      '发布机构',
      '怀化市司法局',
      '成文日期',
      '2024-02-20',
      '发文字号',
      '有效性',
      '有效',
      title002,
      '时间：2024-02-22 15:24 来源：怀化市司法局 浏览量：1286 【字体：大 中 小】',
      body002,
      '【打印本页】 【关闭窗口】',
      '上一篇：怀化市司法局2023年度政府信息公开工作年度报告',
      '下一篇：没有了',
      '主办：怀化市人民政府办公室 承办：怀化市数据资源管理局',
      '湘ICP备05000872号 湘公网安备 43120202000123号 网站标识码：4312000001',
    ),
    title: title002,
    year: 2023,
    // The text names no issuer and 怀化市司法局 is not a government: the place's full name.
    issuer: '怀化市',
    documentDate: '2024-02-20',
    // The 时间 of the info line between the title and the report, as the HTML reader takes it; never today's date.
    publishedDate: '2024-02-22',
    source: { publisher: '怀化市司法局', indexNumber: '431200/2024-00412', organ: '怀化市司法局', subject: '司法' },
  },
  {
    name: 'zone 2022, Fujian template: links bar, block on one line without colons, title twice',
    placeId: 'fujian/zhangzhou/gaoxin',
    body: body000,
    text: lines(
      '中国政府网|福建省人民政府|漳州市人民政府',
      '无障碍浏览 长者模式',
      '漳州高新技术产业开发区管理委员会门户网站',
      '网站首页 新闻中心 信息公开 政务服务 互动交流 走进高新',
      '您所在的位置：首页 > 信息公开 > 法定主动公开内容 > 法治政府建设',
      '索引号 FJ11350600/2023-00036 主题分类 综合政务 发布机构 漳州高新区管委会 成文日期 2023-01-30 发布日期 2023-02-10 文号 有效性 有效',
      title000,
      '',
      title000,
      '发布时间：2023-02-10 10:21 来源：区法制办 【字体：大 中 小】 浏览次数：',
      body000,
      '扫一扫在手机打开当前页',
      '上一篇：关于公布2022年度行政执法数据的公告',
      '下一篇：漳州高新区2022年法治政府建设年度报告解读',
      '版权所有：漳州高新技术产业开发区管理委员会 技术支持：漳州市数字漳州建设有限公司',
      '闽ICP备12003486号-1 网站标识码：3506000047',
    ),
    title: title000,
    year: 2022,
    issuer: '漳州高新区管委会',
    documentDate: '2023-01-30',
    publishedDate: '2023-02-10',
    source: { publisher: '区法制办', indexNumber: 'FJ11350600/2023-00036', organ: '漳州高新区管委会', subject: '综合政务' },
  },
  {
    name: 'town 2023, Zhongshan template: header line before the title, toolbar of brackets, QR prompt, footer logos',
    placeId: 'guangdong/zhongshan/tanzhou',
    body: body003,
    text: lines(
      '中山市人民政府门户网站',
      'English | 繁體 | 无障碍 | 长者模式',
      '首页 | 要闻动态 | 政务公开 | 政务服务 | 政民互动 | 走进中山',
      '坦洲镇人民政府',
      '当前位置: 首页 > 镇街信息公开 > 坦洲镇 > 法治政府建设',
      '【字号：大 中 小】【打印】【关闭】【分享】',
      '中山市坦洲镇2023年法治政府建设年度报告',
      '发布日期：2024-01-25 来源：坦洲镇 浏览次数：',
      body003,
      '手机扫码',
      '下一篇：坦洲镇2023年政府信息公开工作年度报告',
      '政府网站找错',
      '党政机关',
      '主办：中山市人民政府办公室 承办：中山市政务服务和数据管理局',
      '网站标识码：4420000021 粤ICP备05013342号',
    ),
    title: '中山市坦洲镇2023年法治政府建设年度报告',
    year: 2023,
    issuer: '中山市坦洲镇',
    publishedDate: '2024-01-25',
    source: { publisher: '坦洲镇' },
  },
  {
    name: 'district 2020, Heilongjiang template: site header, date banner, page-info line between two titles',
    placeId: 'heilongjiang/jiamusi/qianjin',
    body: body001,
    text: lines(
      '佳木斯市前进区人民政府',
      '今天是：2021年3月1日 星期一',
      '设为首页 | 加入收藏 | 联系我们',
      '首页 走进前进 政务公开 政务服务 互动交流 招商引资',
      '您现在的位置: 首页 > 政务公开 > 通知公告',
      title001,
      '发布者:区司法局\u00a0\u00a0\u00a0发布日期:2021-02-23 10:03:21\u00a0\u00a0\u00a0浏览次数:84178',
      title001,
      body001,
      '【打印】【关闭】',
      '版权所有：佳木斯市前进区人民政府',
      '黑ICP备10200937号 网站标识码：2308040001',
    ),
    title: title001,
    year: 2020,
    issuer: '佳木斯市前进区人民政府',
    documentDate: '2021-02-19',
    publishedDate: '2021-02-23',
    source: { publisher: '区司法局' },
  },
  {
    name: 'province 2021, province template: bracketed page-info line, labelled block with 标题 and 发文字号, share bar',
    placeId: 'hunan',
    body: hunanBody,
    text: lines(
      '湖南省人民政府门户网站',
      '无障碍 | 长者模式 | 繁體 | English | 手机版',
      '首页 要闻动态 政务公开 政务服务 政民互动 数据开放 走进湖南',
      '湖南省人民政府 > 政务公开 > 政府文件',
      '【来源：湖南省人民政府办公厅】【作者：】【发布时间：2022-03-28】【字体：大 中 小】',
      '标题：湖南省人民政府关于2021年度法治政府建设情况的报告',
      '发文机关：湖南省人民政府',
      '发文字号：湘政函〔2022〕21号',
      '成文日期：2022-03-25',
      '发布日期：2022-03-28',
      '湖南省人民政府关于2021年度法治政府建设情况的报告',
      hunanBody,
      '扫一扫在手机打开当前页',
      '分享到：微信 微博 QQ空间',
      '【打印本页】【关闭窗口】',
      '相关文章：',
      '湖南省人民政府关于2020年度法治政府建设情况的报告 2021-03-30',
      '主办：湖南省人民政府办公厅 承办：湖南省人民政府发展研究中心',
      '湘ICP备05000872号 网站标识码：4300000033 湘公网安备 43010502000225号',
    ),
    title: '湖南省人民政府关于2021年度法治政府建设情况的报告',
    year: 2021,
    issuer: '湖南省人民政府',
    documentDate: '2022-03-25',
    publishedDate: '2022-03-28',
    source: { publisher: '湖南省人民政府办公厅', documentNumber: '湘政函〔2022〕21号' },
  },
  {
    name: 'street 2022, 镇街 subsite: 组配分类 line before the title, 发布机构 a 街道办事处, [字体] toolbar',
    placeId: 'guangdong/zhongshan/shiqi',
    body: shiqiBody,
    text: lines(
      '中山市人民政府门户网站',
      '首页 | 要闻动态 | 政务公开 | 政务服务 | 政民互动 | 走进中山',
      '您所在的位置：首页 > 政务公开 > 镇街信息公开 > 石岐街道',
      '组配分类：法治政府建设年度报告',
      '发布机构：中山市石岐街道办事处',
      '发布日期：2023-01-16',
      '石岐街道2022年法治政府建设年度报告',
      '[字体：大 中 小] [打印] [关闭]',
      shiqiBody,
      '扫一扫在手机打开当前页',
      '相关链接',
      '网站地图 | 联系我们 | 网站声明',
    ),
    title: '石岐街道2022年法治政府建设年度报告',
    year: 2022,
    // No issuer in the text; the publishing organ is a government body, so it stands in (with a warning).
    issuer: '中山市石岐街道办事处',
    publishedDate: '2023-01-16',
    source: { organ: '中山市石岐街道办事处' },
  },
  {
    name: 'town 2019, county-site template: date banner, site header, 点击数, attachment link',
    placeId: 'guangdong/zhongshan/xiaolan',
    body: xiaolanBody,
    text: lines(
      '今天是2020年1月15日 星期三',
      '小榄镇人民政府',
      '首页 政务公开 政务服务 互动交流 走进小榄',
      '当前位置：首页>>政府信息公开>>法治政府建设',
      '小榄镇2019年法治政府建设工作报告',
      '信息来源：小榄镇司法所 发布时间：2020-01-10 点击数：356',
      xiaolanBody,
      '【打印本页】 【关闭窗口】',
      '附件下载：',
      '小榄镇2019年法治政府建设工作报告.pdf',
      '版权所有 © 中山市小榄镇人民政府',
    ),
    title: '小榄镇2019年法治政府建设工作报告',
    year: 2019,
    issuer: '中山市小榄镇',
    publishedDate: '2020-01-10',
    source: { publisher: '小榄镇司法所' },
  },
  {
    name: 'zone 2024, prefecture-site template: block one label and value per line with colons, 阅读量',
    placeId: 'fujian/zhangzhou/gaoxin',
    body: zone2024Body,
    text: lines(
      '漳州市人民政府网',
      '登录 | 注册',
      '无障碍 长者模式',
      '首页 > 信息公开 > 漳州高新区 > 法治政府建设',
      '索引号：',
      'FJ11350600/2025-00008',
      '主题分类：',
      '综合政务',
      '发布机构：',
      '漳州高新区管委会',
      '成文日期：',
      '2025-01-20',
      '文号：',
      '漳高管〔2025〕5号',
      '漳州高新区管委会关于2024年度法治政府建设的工作报告',
      '【字体：大 中 小】',
      '阅读量：2341',
      zone2024Body,
      '打印 关闭',
      '上一篇：漳州高新区2024年政府信息公开工作年度报告',
      '网站标识码：3506000012 闽ICP备05009284号 闽公网安备 35060202000123号',
    ),
    title: '漳州高新区管委会关于2024年度法治政府建设的工作报告',
    year: 2024,
    issuer: '漳州高新区管委会',
    documentDate: '2025-01-20',
    source: { indexNumber: 'FJ11350600/2025-00008', organ: '漳州高新区管委会', subject: '综合政务', documentNumber: '漳高管〔2025〕5号' },
  },
  {
    name: 'prefecture 2019, 信息公开 platform: table copied with tabs and no colons, 标题 row',
    placeId: 'hunan/zhuzhou',
    body: zhuzhouBody,
    text: lines(
      '株洲市人民政府门户网站',
      '手机版 | 简体 | 繁體 | 无障碍',
      '首页 新闻中心 政务公开 政务服务 互动交流 走进株洲',
      '当前位置：首页 > 政府信息公开 > 法定主动公开内容 > 法治政府建设',
      '索引号\t000014349/2020-00123\t组配分类\t法治政府建设年度报告',
      '发布机构\t株洲市人民政府\t成文日期\t2020-03-10',
      '标题\t关于株洲市2019年度法治政府建设情况的报告',
      '文号\t株政函〔2020〕8号\t有效性\t有效',
      '关于株洲市2019年度法治政府建设情况的报告',
      '发布时间：2020-03-12 来源：株洲市司法局 【字体：大 中 小】 【打印】',
      zhuzhouBody,
      '扫一扫在手机上打开当前页',
      '上一篇：株洲市2019年政府信息公开工作年度报告',
      '主办单位：株洲市人民政府办公室 承办单位：株洲市大数据中心',
      '网站标识码：4302000002 湘ICP备13004424号',
    ),
    title: '关于株洲市2019年度法治政府建设情况的报告',
    year: 2019,
    issuer: '株洲市人民政府',
    documentDate: '2020-03-10',
    publishedDate: '2020-03-12',
    source: { publisher: '株洲市司法局', indexNumber: '000014349/2020-00123', organ: '株洲市人民政府', documentNumber: '株政函〔2020〕8号' },
  },
  {
    name: 'district 2024, big5 gate mirror: the whole page in Traditional characters',
    placeId: 'guangdong/shenzhen/baoan',
    body: gateBody,
    text: toTraditional(
      lines(
        '简体 | 繁体',
        '深圳市宝安区人民政府门户网站',
        '首页 政务公开 政务服务 互动交流 走进宝安',
        '您当前的位置：首页 > 政务公开 > 法治政府建设',
        '索引号：11440306007542722M/2025-00011 主题分类：综合政务 发布机构：深圳市宝安区人民政府 成文日期：2024-12-20',
        '深圳市宝安区人民政府关于2024年法治政府建设年度报告',
        '来源：深圳市宝安区司法局 发布日期：2025-01-08 浏览次数：',
        '字号：大 中 小 打印 关闭',
        rebrand(body004, [], 1),
        '扫一扫在手机打开当前页',
        '网站标识码：4403060001 粤ICP备05072437号 版权所有 深圳市宝安区人民政府',
      ),
    ),
    title: toTraditional('深圳市宝安区人民政府关于2024年法治政府建设年度报告'),
    year: 2024,
    issuer: toTraditional('深圳市宝安区人民政府'),
    documentDate: '2024-12-20',
    publishedDate: '2025-01-08',
    source: { publisher: toTraditional('深圳市宝安区司法局'), indexNumber: '11440306007542722M/2025-00011', organ: toTraditional('深圳市宝安区人民政府'), subject: toTraditional('综合政务') },
  },
  {
    name: 'district 2020, 信息公开 platform: column tree one item per line, far more than 8 lines above the title, comment bar under the signature, related-sites dropdown',
    placeId: 'heilongjiang/jiamusi/qianjin',
    body: body001,
    text: lines(
      '2021年3月1日 星期一 农历辛丑年正月十八\u3000无障碍浏览 简体版 繁體版 手机版 登录 注册',
      '佳木斯市前进区人民政府',
      '',
      '政府信息公开',
      '',
      '首页 信息公开指南 信息公开制度 法定主动公开内容 信息公开年报 依申请公开',
      '您所在的位置：首页 » 政府信息公开 » 法治政府建设',
      '公开目录',
      '领导信息',
      '政策法规',
      '规划计划',
      '法治政府建设',
      '重点领域',
      '建议提案办理',
      title001,
      title001,
      '时间：2021-02-23 10:03:21\u3000来源：区司法局\u3000浏览量：84178\u3000字号：大 中 小\u3000视力保护色',
      '',
      body001,
      '',
      '【发表评论】【告诉好友】【打印此文】【关闭窗口】',
      '相关链接：',
      '--请选择--',
      '国务院部门网站',
      '市直部门网站',
      '各区县政府网站',
      '网站地图 | 联系我们 | 使用帮助',
      '主办单位：佳木斯市前进区人民政府办公室',
    ),
    title: title001,
    year: 2020,
    issuer: '佳木斯市前进区人民政府',
    // The signature date, with page controls under it.
    documentDate: '2021-02-19',
    publishedDate: '2021-02-23',
    source: { publisher: '区司法局' },
  },
  {
    name: 'town 2023, big5 gate mirror of a newer template: notice in prose above everything, skip link, menus one item per line, `· 來源 · 閱讀 n` line',
    placeId: 'guangdong/zhongshan/tanzhou',
    body: body003.map(toTraditional),
    text: toTraditional(
      lines(
        '本页面由简体中文自动转换为繁体中文，如有差异请以简体页面为准。简体版 | 繁体版',
        '跳到主要内容',
        '今天是 2024年2月1日 星期四 无障碍 长者模式 简 / 繁',
        '中山市人民政府',
        '搜索',
        '首页',
        '资讯',
        '公开',
        '服务',
        '互动',
        '首页',
        '镇街信息公开',
        '坦洲镇',
        '法治政府建设',
        '坦洲镇2023年法治政府建设年度报告',
        '2024年1月30日 16:48 · 来源：坦洲镇人民政府 · 阅读 7180',
        '字号 A+ A- 打印 分享',
        body003,
        '最后更新：2024-02-01',
        '【发表评论】【告诉好友】【打印此文】【关闭窗口】',
        '扫一扫在手机打开当前页',
        '网站地图 | 联系我们 | 使用帮助 | 隐私声明',
      ),
    ),
    title: toTraditional('坦洲镇2023年法治政府建设年度报告'),
    year: 2023,
    issuer: '中山市坦洲镇',
    // The info line's unlabelled date; not the banner's, nor 最后更新 under the report.
    publishedDate: '2024-01-30',
    source: { publisher: toTraditional('坦洲镇人民政府') },
  },
  {
    name: 'county 2022, a 公文 published as a page: red header and 文号 above the title',
    placeId: 'jiangxi/shangrao/wuyuan',
    body: wuyuanBody,
    text: lines(
      '婺源县人民政府网',
      '无障碍 关怀版',
      '首页 | 政务公开 | 政务服务 | 互动交流 | 走进婺源',
      '当前位置：首页 > 信息公开 > 法治政府建设年度报告',
      '婺源县人民政府文件',
      '婺府字〔2023〕12号',
      '婺源县人民政府关于2022年度法治政府建设情况的报告',
      wuyuanBody,
      '【打印】 【关闭】',
      '主办单位：婺源县人民政府办公室 网站标识码：3611300001 赣ICP备05004123号',
    ),
    title: '婺源县人民政府关于2022年度法治政府建设情况的报告',
    year: 2022,
    issuer: '婺源县人民政府',
    documentDate: '2022-12-20',
    source: { documentNumber: '婺府字〔2023〕12号' },
  },
];

/** Sentences as a reader finds them; the stray `)` of 001's heading is page damage the outline drops. */
const sentencesOf = (body: readonly string[]) => body.flatMap(splitSentences).map((s) => s.replace(/^[)）]/, ''));

describe('pages copied from government sites import cleanly with no flags but the place', () => {
  it('cover every kind of place and the years 2019–2024', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(PAGES.map((p) => p.year))).toEqual(new Set([2019, 2020, 2021, 2022, 2023, 2024]));
  });

  for (const page of PAGES) {
    describe(page.name, () => {
      let r: ImportResult;
      const run = () => (r ??= importSource({ text: page.text }, { places, placeId: page.placeId }));

      it('finds the title once, the year, the issuer and the dates', () => {
        const fm = run().frontmatter;
        expect(fm.title).toBe(page.title);
        expect(fm.titleInferred).toBeUndefined();
        expect(fm.year).toBe(page.year);
        expect(fm.issuer).toBe(page.issuer);
        expect(fm.documentDate).toBe(page.documentDate);
        expect(fm.publishedDate).toBe(page.publishedDate);
        expect(fm.source).toEqual(page.source);
        expect(reportSchema.safeParse(fm).success).toBe(true);
      });

      it("keeps the body sentence for sentence: no chrome line left, no sentence lost", () => {
        expect(sentencesOf(run().sentences)).toEqual(sentencesOf(page.body));
        expect(run().sentences.map((s) => normalizeSpace(s))).not.toContain(page.title);
      });
    });
  }
});

describe('SourceMeta from the format', () => {
  const text = seedLines('003').join('\n');
  const meta = {
    title: '中山市坦洲镇2023年法治政府建设年度报告',
    publishedDate: '2024-01-25',
    documentDate: '2024-01-20',
    publisher: '坦洲镇司法所',
    site: '中山市人民政府门户网站',
    url: 'https://www.zs.gov.cn/tzz/zwgk/content/post_2345678.html',
    indexNumber: '11442000007/2024-00031',
    issuer: '中山市坦洲镇人民政府',
  };

  it('gives the title, dates and source fields the text lacks', () => {
    const r = importSource({ text, meta }, { places, placeId: 'guangdong/zhongshan/tanzhou' });
    expect(r.frontmatter).toMatchObject({
      title: meta.title,
      year: 2023,
      issuer: '中山市坦洲镇人民政府',
      documentDate: '2024-01-20',
      publishedDate: '2024-01-25',
      source: { site: meta.site, url: meta.url, publisher: '坦洲镇司法所', indexNumber: meta.indexNumber, organ: '中山市坦洲镇人民政府' },
    });
    expect(r.frontmatter.titleInferred).toBeUndefined();
    expect(sentencesOf(r.sentences)).toEqual(sentencesOf(seedBody('003')));
    expect(reportSchema.safeParse(r.frontmatter).success).toBe(true);
  });

  it('never wins over what the text itself states', () => {
    const page = PAGES[0];
    const r = importSource({ text: page.text, meta: { ...meta, title: '别的标题的报告', publishedDate: '2020-01-01', documentDate: '2020-01-01', publisher: '别处' } }, { places, placeId: page.placeId });
    expect(r.frontmatter).toMatchObject({ title: page.title, documentDate: page.documentDate, publishedDate: page.publishedDate, source: { publisher: '深圳市宝安区司法局' } });
  });

  it("takes the title out of a page <title> with the site's name", () => {
    const r = importSource({ text, meta: { title: `${meta.title}_中山市人民政府门户网站` } }, { places, placeId: 'guangdong/zhongshan/tanzhou' });
    expect(r.frontmatter.title).toBe(meta.title);
  });

  it('is carried into a draft on re-import, hand-edited site and url kept', () => {
    const fresh = importSource({ text, meta }, { places, placeId: 'guangdong/zhongshan/tanzhou' }).frontmatter;
    const { frontmatter } = keepHandEdited(fresh, { ...fresh, draft: true, source: { site: '坦洲镇人民政府网', url: 'https://www.zs.gov.cn/tzz/' } });
    expect(frontmatter.source).toEqual({ ...fresh.source, site: '坦洲镇人民政府网', url: 'https://www.zs.gov.cn/tzz/' });
  });

  it('drops a url that is not a web address', () => {
    const r = importSource({ text, meta: { ...meta, url: 'javascript:alert(1)' } }, { places, placeId: 'guangdong/zhongshan/tanzhou' });
    expect(r.frontmatter.source?.url).toBeUndefined();
  });

  it('lets the year come from the metadata title when the text has no title', () => {
    const body = seedBody('004').slice(1); // the opening `2023年,…` gone: only the title says the year
    const r = importSource({ text: body.join('\n'), meta: { title: '深圳市宝安区人民政府关于2023年法治政府建设年度报告' } }, { places, placeId: 'guangdong/shenzhen/baoan' });
    expect(r.year).toBe(2023);
  });
});
