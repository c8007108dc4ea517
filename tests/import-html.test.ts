import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, declaredCharset, readHtml } from '../src/lib/import/html';
import { readSource } from '../src/lib/import/read';
import { ImportError, importSource, importText, loadPlaces, type SourceMeta, type SourceText } from '../src/lib/import/importer';
import { splitSentences } from '../src/lib/text';
import { HTML_FIXTURES, fixtureUrl, renderFixture, shownReport, type HtmlFixture } from './fixtures/import/html/pages';
import { gateText, TEMPLATES } from './fixtures/import/html/templates';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));
const places = loadPlaces(CONTENT);

const bytesOf = (f: HtmlFixture) => readFileSync(fileURLToPath(fixtureUrl(f)));
const utf8 = (html: string) => new TextEncoder().encode(html);
/** The lines of a SourceText (a table stands on an empty line). */
const linesOf = (s: SourceText) => s.text.split('\n').filter(Boolean);
const fixture = (template: HtmlFixture['template']) => HTML_FIXTURES.find((f) => f.template === template)!;
const read = new Map<string, Promise<SourceText>>(HTML_FIXTURES.map((f) => [f.file, readHtml(bytesOf(f))]));

/**
 * What each page states about its report (tests/fixtures/import/html/pages.ts), as SourceMeta.
 * The top bar's date (今天是…), 最后更新 and unlabelled dates differ from these on purpose.
 */
const EXPECTED_META: Record<string, SourceMeta> = {
  'trs-wcm-huaihua-2023.html': {
    title: '关于怀化市2023年度法治政府建设情况的报告',
    publishedDate: '2024-02-22',
    publisher: '怀化市司法局',
    site: '怀化市人民政府',
    url: 'https://www.huaihua.gov.cn/huaihua/c100935/202402/7a1f3c.shtml',
    column: '法治政府建设',
  },
  'ucap-zhangzhou-gaoxin-2022.html': {
    title: '漳州高新区管委会关于2022年度法治政府建设的工作报告',
    publishedDate: '2023-02-14',
    publisher: '漳州高新区党政办',
    site: '漳州高新区管委会',
    url: 'http://gxq.zhangzhou.gov.cn/cms/html/gxqgwh/2023-02-14/1849203.html',
    column: '法治政府建设',
  },
  'jiyue-xxgk-baoan-2023.html': {
    title: '深圳市宝安区人民政府关于2023年度法治政府建设情况的报告',
    issuer: '深圳市宝安区人民政府',
    documentDate: '2023-12-20',
    publishedDate: '2023-12-28',
    publisher: '深圳市宝安区司法局',
    site: '深圳市宝安区人民政府',
    // No canonical, og:url or Url tag: the address the browser noted when saving the page.
    url: 'http://www.baoan.gov.cn/xxgk/fzzfjsndbg/content/post_10987654.html',
    indexNumber: '11440306MB2C92432X/2023-00185',
    subject: '综合政务\\政务公开',
    documentNumber: '深宝府函〔2023〕215号',
    column: '法治政府建设年度报告',
  },
  // An old site: no meta tags, only the info line.
  'table-gbk-qianjin-2020.html': {
    title: '佳木斯市前进区人民政府关于2020年前进区法治政府建设工作情况报告',
    publishedDate: '2021-02-23',
    publisher: '区司法局',
  },
  'modern-article-tanzhou-2023.html': {
    title: '坦洲镇2023年法治政府建设年度报告',
    publishedDate: '2024-01-19',
    publisher: '坦洲镇人民政府',
    site: '中山市人民政府',
    url: 'https://www.zs.gov.cn/tzz/fzzfjs/content/post_2315678.html',
  },
  // Values as the mirror shows them, in traditional characters.
  'gate-big5-tanzhou-2023.html': {
    title: '坦洲鎮2023年法治政府建設年度報告',
    publishedDate: '2024-01-19',
    publisher: '坦洲鎮人民政府',
    site: '中山市人民政府',
    url: 'http://gate.zs.gov.cn/gate/big5/www.zs.gov.cn/tzz/fzzfjs/content/post_2315678.html',
  },
};

/** Chrome the templates print; no output line may hold one unless the report itself does. */
const CHROME = [
  '今天是', '无障碍', '长者模式', '繁體', '登录', '注册', '热门搜索', '您所在的位置', '您当前的位置', '当前位置', '首页', '发布时间', '发布日期', '发布者',
  '信息来源', '来源：', '浏览次数', '浏览量', '访问量', '字体', '字号', '打印', '关闭', '分享', '扫一扫', '上一篇', '下一篇', '相关链接', '相关文章', '相关文件',
  '主办单位', '承办单位', '网站标识码', 'ICP备', '公网安备', '版权所有', '分辨率', '访客', '索引号', '主题分类', '成文日期', '文　　号', '有 效 性', '最后更新', '今日天气',
];

describe('fixture pages', () => {
  it('cover six platforms, one file each as its template renders it', () => {
    expect(new Set(HTML_FIXTURES.map((f) => f.template))).toEqual(new Set(TEMPLATES.map((t) => t.id)));
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(6);
    // Regenerate with `npx tsx tests/fixtures/import/html/write.ts` after changing a template.
    for (const f of HTML_FIXTURES) expect(Buffer.from(renderFixture(f)).equals(bytesOf(f)), f.file).toBe(true);
  });
});

describe.each(HTML_FIXTURES.map((f) => [f.file, f] as const))('%s', (file, f) => {
  const shown = shownReport(f);

  it('reads the title, then the report paragraph by paragraph, and nothing else', async () => {
    expect(linesOf(await read.get(file)!)).toEqual([shown.title, ...shown.paragraphs]);
  });

  it('keeps every body sentence, in order, and the title once', async () => {
    const [title, ...body] = linesOf(await read.get(file)!);
    expect(title).toBe(shown.title);
    expect(body.flatMap(splitSentences)).toEqual(shown.paragraphs.flatMap(splitSentences));
    expect(body.filter((l) => l === shown.title)).toEqual([]);
  });

  it('leaves no line of the page chrome', async () => {
    const lines = linesOf(await read.get(file)!);
    const page = decodeHtml(bytesOf(f)).html;
    const conv = f.traditional ? gateText : (s: string) => s;
    for (const marker of CHROME.map(conv).filter((m) => page.includes(m))) {
      expect(lines.filter((l) => l.includes(marker)), marker).toEqual([shown.title, ...shown.paragraphs].filter((l) => l.includes(marker)));
    }
  });

  it("reads the page's metadata: meta tags, the 信息公开 table, the info line; never a chrome date", async () => {
    expect((await read.get(file)!).meta).toEqual(EXPECTED_META[file]);
  });

  it('imports end to end: title, year, dates, and the same body as the report as text', async () => {
    const src = await read.get(file)!;
    const r = importSource(src, { places, placeId: f.seed.placeId });
    const want = EXPECTED_META[file];
    expect(r.placeId).toBe(f.seed.placeId);
    expect(r.year).toBe(f.seed.year);
    expect(r.frontmatter.title).toBe(shown.title);
    expect(r.frontmatter.titleInferred).toBeUndefined();
    expect(r.frontmatter.publishedDate).toBe(want.publishedDate);
    // 成文日期: the signature's date, or the 信息公开 table's.
    const signed = /^\d{4}年\d{1,2}月\d{1,2}日$/.test(shown.paragraphs.at(-1)!) ? shown.paragraphs.at(-1) : undefined;
    expect(r.frontmatter.documentDate).toBe(want.documentDate ?? (signed && signed.replace(/(\d{4})年(\d{1,2})月(\d{1,2})日/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`)));
    // The web page and the same report as plain text become the same entry body, sentence by sentence.
    const asText = importText([shown.title, ...shown.paragraphs].join('\n'), { places, placeId: f.seed.placeId });
    expect(r.sentences).toEqual(asText.sentences);
    expect(r.body).toBe(asText.body);
  });
});

describe('headings the page marks', () => {
  it('become section levels, shallowest first (h3 -> 2, h4 -> 3)', async () => {
    const f = fixture('modern-article');
    const src = await read.get(f.file)!;
    const lines = src.text.split('\n');
    const marked = [...src.headings!].map(([line, depth]) => [lines[line - 1], depth]);
    const want = shownReport(f).paragraphs.flatMap((p) =>
      /^[一二三四五六七八九十]+、/.test(p) && !p.includes('。') ? [[p, 2]] : /^[（(][一二三四五六七八九十]+[）)]/.test(p) && !p.includes('。') && p.length <= 60 ? [[p, 3]] : [],
    );
    expect(want.length).toBeGreaterThan(5);
    expect(marked).toEqual(want);
  });
});

describe('decoding', () => {
  it('reads a GB2312 page as GB18030 (its superset), and a Big5 gate mirror with numeric references for what Big5 lacks', async () => {
    const gbk = bytesOf(fixture('table-gbk'));
    expect(declaredCharset(gbk)).toBe('gb2312');
    expect(decodeHtml(gbk).encoding).toBe('GB18030');
    const big5 = bytesOf(fixture('gate-big5'));
    expect(declaredCharset(big5)).toBe('big5');
    expect(decodeHtml(big5).encoding).toBe('Big5');
    // 爲 is not in Big5: the mirror writes &#29234;, which the page shows as 爲.
    expect(big5.toString('latin1')).toContain('&#29234;');
    expect((await read.get(fixture('gate-big5').file)!).text).toContain('爲');
  });

  const page = (charsetTag: string, body = '2023年，我区深入推进依法行政，全年办理行政复议案件120件。') =>
    `<html><head>${charsetTag}<title>某区2023年法治政府建设年度报告</title></head><body><div id="zoom"><p>${body}</p><p>联系人：王堃</p></div></body></html>`;

  it('detects GBK when the page declares no charset', async () => {
    const src = await readHtml(iconv.encode(page(''), 'gbk'));
    expect(linesOf(src)).toEqual(['某区2023年法治政府建设年度报告', '2023年，我区深入推进依法行政，全年办理行政复议案件120件。', '联系人：王堃']);
  });

  it('reads a page declaring gb2312 that uses GBK characters (堃)', async () => {
    expect(decodeHtml(iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk')).html).toContain('王堃');
  });

  it('reads a page re-saved as UTF-8 that still declares gb2312 as UTF-8', () => {
    const d = decodeHtml(utf8(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')));
    expect(d.encoding).toBe('UTF-8');
    expect(d.html).toContain('王堃');
  });

  it('trusts a byte order mark over the declared charset', () => {
    const html = page('<meta charset="gbk">');
    expect(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(html)])).html).toBe(html);
    expect(decodeHtml(new Uint8Array([0xff, 0xfe, ...iconv.encode(html, 'utf-16le')]))).toMatchObject({ encoding: 'UTF-16LE', html });
  });

  it('refuses bytes that are not a page in any encoding we read', () => {
    const garbage = new Uint8Array(4000).map((_, i) => (i * 7919) % 256);
    expect(() => decodeHtml(new Uint8Array([...utf8('<meta charset="gbk">'), ...garbage]))).toThrow(ImportError);
  });
});

/** A government page around `inner`: top bar, navigation, breadcrumbs, a footer with a sentence and an update date. */
const shell = (inner: string, head = '') => `<!doctype html><html><head><meta charset="utf-8"><title>某区2023年法治政府建设年度报告_某区人民政府</title>${head}</head><body>
<div class="top">今天是2024年3月5日 星期二 农历正月廿五 <a href="#">无障碍</a> | <a href="#">长者模式</a></div>
<div class="nav"><a href="/">首页</a><a href="#">政务公开</a></div>
<div class="crumb">您所在的位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a></div>
${inner}
<div class="footer">主办单位：某区人民政府办公室 网站标识码：1234567890 京ICP备12345号<p>建议使用1920×1080分辨率，IE10以上版本浏览器浏览本站。</p><p>更新时间：2024-03-01</p></div></body></html>`;
const TITLE = '某区2023年法治政府建设年度报告';
const paras = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}项工作。我区坚持以习近平法治思想为指导，深入推进依法行政，全年办理行政复议案件${i + 10}件，纠错率${i + 1}%。`);
const PARAS = paras(8);
const SIGNATURE = ['某区人民政府', '2024年3月20日'];
const ps = (xs: readonly string[]) => xs.map((p) => `<p>${p}</p>`).join('');

describe('finding the report on a page', () => {
  it('keeps a paragraph the CMS put outside the editor block, with the signature (Readability widens the dense core)', async () => {
    // The editor block holds over 90% of the prose, so it is the dense core; only Readability sees the last paragraph belongs.
    const many = paras(14);
    const src = await readHtml(
      utf8(
        shell(`<div class="article"><h1>${TITLE}</h1><div class="info">发布时间：2024-03-28 10:21 来源：某区司法局 浏览次数：1234</div>
<div id="zoom"><div class="TRS_Editor">${ps(many.slice(0, 13))}</div></div><div class="sign">${ps([many[13], ...SIGNATURE])}</div>
<div class="tools">分享到：<a href="#">微信</a> <a href="#">微博</a></div><div>扫一扫在手机打开当前页<img src="qr.png"></div></div>`),
      ),
    );
    expect(linesOf(src)).toEqual([TITLE, ...many, ...SIGNATURE]);
    expect(src.warnings).toEqual([]);
    expect(src.meta).toMatchObject({ publishedDate: '2024-03-28', publisher: '某区司法局' });
  });

  it('drops the title, info line, toolbars, QR prompt and related links standing among the paragraphs', async () => {
    const src = await readHtml(
      utf8(
        shell(`<div class="article"><h1>${TITLE}</h1><div>2024-03-28 10:21 来源：某区司法局 浏览次数：1234</div>${ps([...PARAS, ...SIGNATURE])}
<p>【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</p><p>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></p><p>扫一扫在手机打开当前页</p><p>【责任编辑：张三】</p>
<h3>相关链接</h3><ul><li><a href="#">某区2022年法治政府建设年度报告</a></li><li><a href="#">关于印发某某方案的通知</a></li></ul></div>`),
      ),
    );
    expect(linesOf(src)).toEqual([TITLE, ...PARAS, ...SIGNATURE]);
    // The date of the info line under the title, standing with 来源 and 浏览次数, is the article's publication date.
    expect(src.meta).toEqual({ title: TITLE, publishedDate: '2024-03-28', publisher: '某区司法局' });
  });

  it('reads a 信息公开 list and a data table, marks headings, warns of images and attachments', async () => {
    const src = await readHtml(
      utf8(
        shell(`<ul class="xxgk"><li><span>索引号：</span>000014349/2024-00012</li><li><span>主题分类：</span>政务公开</li><li><span>发布机构：</span>某区人民政府</li><li><span>成文日期：</span>2024年03月20日</li><li><span>文号：</span>无</li><li><span>有效性：</span>有效</li></ul>
<div class="content"><h2>${TITLE}</h2><h3>一、主要工作</h3>${ps(PARAS.slice(0, 3))}<h4>（一）行政复议</h4>
<table border="1"><tr><th>项目</th><th>2022年</th><th>2023年</th></tr><tr><td rowspan="2">复议案件</td><td>120件</td><td>150件</td></tr><tr><td>纠错率10%</td><td>纠错率12%</td></tr></table>
${ps(PARAS.slice(3))}<p><img src="chart.png"></p><p>附件：<a href="/files/2024/report.pdf">某区2023年法治政府建设年度报告.pdf</a></p></div>`),
      ),
    );
    const lines = src.text.split('\n');
    expect(lines).toEqual([TITLE, '一、主要工作', ...PARAS.slice(0, 3), '（一）行政复议', '', ...PARAS.slice(3)]);
    expect([...src.headings!]).toEqual([
      [2, 2],
      [6, 3],
    ]);
    expect(src.tables).toEqual([{ line: 7, rows: [['项目', '2022年', '2023年'], ['复议案件', '120件', '150件'], ['', '纠错率10%', '纠错率12%']] }]);
    expect(src.meta).toEqual({ title: TITLE, issuer: '某区人民政府', documentDate: '2024-03-20', indexNumber: '000014349/2024-00012', subject: '政务公开' });
    expect(src.warnings!.join('\n')).toMatch(/附件（某区2023年法治政府建设年度报告\.pdf）/);
    expect(src.warnings!.join('\n')).toMatch(/已删除 1 张图片/);
    expect(src.warnings!.join('\n')).toMatch(/合并单元格/);
  });

  it('reads a 信息公开 block written as <dl> with padded labels, and no date from a list beside the article', async () => {
    const src = await readHtml(
      utf8(
        shell(`<div class="col-left"><h3>最新发布</h3><div>发布时间：2023-05-06 来源：某区政府办</div><div>发布时间：2023-04-01 来源：某区发改局</div></div>
<div class="article"><dl class="xxgk"><dt>索 引 号</dt><dd>000014349/2024-00012</dd><dt>名　　称</dt><dd>${TITLE}</dd><dt>发文机关</dt><dd>某区人民政府</dd><dt>成文日期</dt><dd>2024年3月20日</dd><dt>文　　号</dt><dd>某政发〔2024〕3号</dd></dl>
<h1>${TITLE}</h1><div class="info">发布日期：2024-03-28 来源：某区司法局</div><div id="zoom">${ps([...PARAS, ...SIGNATURE])}</div></div>`),
      ),
    );
    expect(linesOf(src)).toEqual([TITLE, ...PARAS, ...SIGNATURE]);
    expect(src.meta).toEqual({
      title: TITLE,
      issuer: '某区人民政府',
      documentDate: '2024-03-20',
      publishedDate: '2024-03-28',
      publisher: '某区司法局',
      indexNumber: '000014349/2024-00012',
      documentNumber: '某政发〔2024〕3号',
    });
  });

  it('reads a report written as one cell of <br> lines beside a menu, its title broken over two lines', async () => {
    const src = await readHtml(
      utf8(
        shell(`<table><tr><td class="menu"><a href="#">政府文件</a><br><a href="#">人事信息</a></td><td class="c"><p>某区2023年法治政府建设<br>年度报告</p><p>${[...PARAS, ...SIGNATURE].join('<br>')}</p></td></tr></table>`),
      ),
    );
    expect(linesOf(src)).toEqual([TITLE, ...PARAS, ...SIGNATURE]);
  });

  it('never reads scripts, styles or hidden text, and joins a source line break between Chinese characters', async () => {
    const src = await readHtml(
      utf8(
        shell(`<div id="zoom"><style>.TRS_Editor P{line-height:2;}</style><script>var title = "隐藏的脚本文字";</script><p style="display:none">隐藏的段落。</p>
<p>2023年，我区深入推进依法行政，
        全年办理行政复议案件120件。</p>${ps(PARAS)}</div>`),
      ),
    );
    expect(linesOf(src)).toEqual([TITLE, '2023年，我区深入推进依法行政，全年办理行政复议案件120件。', ...PARAS]);
  });

  it('takes a labelled publication date, else PubDate, else the date of the info line under the title; never 今天是… or 更新时间', async () => {
    const body = `<div class="article"><h1>${TITLE}</h1><div class="info">2024-03-28 来源：某区司法局 更新时间：2024-03-29</div><div id="zoom">${ps(PARAS)}</div></div>`;
    expect((await readHtml(utf8(shell(body)))).meta?.publishedDate).toBe('2024-03-28');
    expect((await readHtml(utf8(shell(body, '<meta name="PubDate" content="2024-03-27 09:00">')))).meta?.publishedDate).toBe('2024-03-27');
    const labelled = body.replace('2024-03-28 来源', '发布日期：2024-03-26 来源');
    expect((await readHtml(utf8(shell(labelled, '<meta name="PubDate" content="2024-03-27 09:00">')))).meta?.publishedDate).toBe('2024-03-26');
    // Only 更新时间 beside 来源: a labelled date that is not the publication's.
    const updated = body.replace('2024-03-28 来源', '来源');
    expect((await readHtml(utf8(shell(updated)))).meta?.publishedDate).toBeUndefined();
  });

  it('reads the unlabelled date of an info line (`2024年3月28日 10:21 · 来源：… · 阅读 691`, `时间：… 浏览量：…`) as the publication date, and drops the line', async () => {
    const lines = [
      ['<p class="meta"><time datetime="2024-03-28T10:21">2024年3月28日 10:21</time> · 来源：某区司法局 · 阅读 691</p>', '2024-03-28'],
      ['<div class="article-attr"><span>时间：2024-03-27 09:30:00</span>　<span>来源：某区司法局</span>　<span>浏览量：6912</span></div>', '2024-03-27'],
      ['<div>作者：王堃　2024/3/26</div>', '2024-03-26'],
    ] as const;
    for (const [info, date] of lines) {
      const src = await readHtml(utf8(shell(`<article><h1>${TITLE}</h1>${info}${ps([...PARAS, ...SIGNATURE])}</article>`)));
      expect(linesOf(src), info).toEqual([TITLE, ...PARAS, ...SIGNATURE]);
      expect(src.meta?.publishedDate, info).toBe(date);
    }
  });

  it('takes no unlabelled date outside the info line under the title: 今天是…, a lone date line, a line after the report, two dates', async () => {
    const pages = [
      // The banner's date right above the article, with a counter beside it.
      `<div class="today">今天是2024年3月5日 星期二 农历正月廿五 访问量：123456</div><article><h1>${TITLE}</h1>${ps(PARAS)}</article>`,
      // A date with no 来源 / 阅读 / 作者 beside it.
      `<article><h1>${TITLE}</h1><p>2024-03-28</p>${ps(PARAS)}</article>`,
      // The info line after the report: dropped, its date not read.
      `<article><h1>${TITLE}</h1>${ps(PARAS)}<p>2024-03-28 来源：某区司法局</p></article>`,
      // Two unlabelled dates: which one is the publication's cannot be told.
      `<article><h1>${TITLE}</h1><p>2024-03-28 来源：某区司法局 2024-03-29</p>${ps(PARAS)}</article>`,
    ];
    for (const page of pages) {
      const src = await readHtml(utf8(shell(page)));
      expect(src.meta?.publishedDate, page).toBeUndefined();
      expect(linesOf(src).filter((l) => /今天|2024-03-2/.test(l)), page).toEqual(page.includes('<p>2024-03-28</p>') ? ['2024-03-28'] : []);
    }
  });

  it("takes the article's own heading when the <title> and the header show only the site's name", async () => {
    const header = '<div class="logo"><h1>某区人民政府</h1><p>中共某区委员会 某区人民政府主办</p></div>';
    const pages = [
      // The heading above the editor block.
      `${header}<div class="article"><h1>${TITLE}</h1><div class="info">来源：某区司法局</div><div id="zoom">${ps([...PARAS, ...SIGNATURE])}</div></div>`,
      // The heading inside the content, first of its paragraphs.
      `${header}<div class="article"><h2>${TITLE}</h2>${ps([...PARAS, ...SIGNATURE])}</div>`,
    ];
    for (const page of pages) {
      const html = shell(page).replace(`<title>${TITLE}_某区人民政府</title>`, '<title>某区人民政府</title><meta name="SiteName" content="某区人民政府">');
      const src = await readHtml(utf8(html));
      expect(linesOf(src), page).toEqual([TITLE, ...PARAS, ...SIGNATURE]);
      expect(src.meta?.title).toBe(TITLE);
      const r = importSource(src, { places, placeId: 'hunan/huaihua' });
      expect(r.frontmatter.title).toBe(TITLE);
      expect(r.year).toBe(2023);
    }
  });

  it('takes the report\'s part of a `<title>` "报告标题 - 某某市人民政府", never the site\'s, even when the site\'s part is longer', async () => {
    const site = '广东省深圳市某某新区人民政府门户网站';
    // The title shown as a plain block under a header that repeats the site's name.
    const shown = shell(`<div class="logo"><p>${site}</p></div><div class="article"><div class="title">${TITLE}</div><div id="zoom">${ps(PARAS)}</div></div>`).replace(
      `<title>${TITLE}_某区人民政府</title>`,
      `<title>${TITLE} - ${site}</title>`,
    );
    expect(linesOf(await readHtml(utf8(shown)))).toEqual([TITLE, ...PARAS]);
    // No block shows the title: the <title>'s report part.
    const unshown = shell(`<div id="zoom">${ps(PARAS)}</div>`).replace(`<title>${TITLE}_某区人民政府</title>`, `<title>${TITLE} - ${site}</title>`);
    const src = await readHtml(utf8(unshown));
    expect(src.meta?.title).toBe(TITLE);
    expect(linesOf(src)).toEqual([TITLE, ...PARAS]);
    for (const organ of ['某区人民政府', '某某高新技术产业开发区管理委员会', '某某街道办事处', '某区人民政府门户网站']) {
      const only = shell(`<div id="zoom">${ps(PARAS)}</div>`).replace(`<title>${TITLE}_某区人民政府</title>`, `<title>首页 - ${organ}</title>`);
      expect((await readHtml(utf8(only))).meta?.title, organ).toBeUndefined();
    }
  });

  it("never takes the site's name in <title> for the report's title", async () => {
    const html = shell(`<div id="zoom">${ps(PARAS)}</div>`).replace(`<title>${TITLE}_某区人民政府</title>`, '<title>某区人民政府</title>');
    const src = await readHtml(utf8(html));
    expect(linesOf(src)).toEqual(PARAS);
    expect(src.meta?.title).toBeUndefined();
    expect(importSource(src, { places, placeId: 'hunan/huaihua', year: 2023 }).frontmatter.titleInferred).toBe(true);
  });

  it('refuses a page without Chinese text, and one whose report is an image', async () => {
    await expect(readHtml(utf8('<html><body><p>Hello, world. This is a page.</p></body></html>'))).rejects.toMatchObject({ code: 'no-chinese' });
    await expect(readHtml(utf8(shell('<div id="zoom"><img src="report.png"></div>')))).rejects.toMatchObject({ code: 'empty' });
  });

  it('is what readSource reads for .html and .htm files', async () => {
    const f = fixture('trs-wcm');
    const direct = await read.get(f.file)!;
    expect((await readSource('page.htm', bytesOf(f))).text).toBe(direct.text);
    expect((await readSource('PAGE.HTML', bytesOf(f))).meta).toEqual(direct.meta);
  });
});
