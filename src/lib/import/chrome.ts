// Long because it is a table: each chrome rule is data with its own examples and near misses, read best in one place.
/**
 * Page chrome, as data: what comes along when a report is copied from a government web page (or
 * read from a PDF printed from one) and is not the report. Each rule is named, says what it
 * removes, and carries the lines it must match and the body-like lines it must spare;
 * tests/import-chrome.test.ts runs both lists for every rule, and src/lib/import/clean.ts applies them.
 *
 * Rules only ever judge a whole line, whitespace-normalised and converted to Simplified characters
 * (big5 "gate" mirrors of municipal sites use the same templates in Traditional); one rule,
 * MENU_RUN, judges a run of lines, for menus copied one item per line above the report. Two guards
 * come before any rule and no rule overrides them, so a body sentence is never dropped:
 * - a line of prose (it has `。`, `！` or `？`) is never chrome;
 * - a numbered heading (`一、` `（一）` `1.`) is never chrome.
 *
 * The gov.cn metadata block (索引号 / 主题分类 / 发布机构 / 成文日期 / 文号 …) and the
 * 发布时间…来源…浏览次数 line are chrome too, but they carry the page's metadata: parseMetaFields
 * and metaLabel (./meta-fields.ts, re-exported here) read it before the lines are dropped.
 */
import { headingMarker } from './headings';
import { isProse, toSimplified } from './lines';
import { metaLabel, parseMetaFields } from './meta-fields';
import { normalizeSpace } from '../text';

export { isProse, toSimplified };
export { infoLineDate, isMetaValue, metaFieldOf, metaLabel, parseMetaFields, type MetaField, type MetaFieldValue } from './meta-fields';

/** One named chrome rule. */
export interface ChromeRule {
  /** Stable id, reported with every line the rule removes. */
  readonly id: string;
  /** What the rule removes, for people reading the removed lines. */
  readonly description: string;
  /** The test on a whole line (normalised, Simplified, already past the prose and heading guards). */
  readonly match: RegExp | ((line: string) => boolean);
  /** Lines the rule must match. */
  readonly examples: readonly string[];
  /** Lines close to those, seen in report bodies, that it must not match. */
  readonly nearMisses: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Toolbars: lines made only of control words (font size, share, print, accessibility, language,
// login and search). A line mixing several kinds is matched by each of their rules.

type ToolKind = 'font' | 'share' | 'print' | 'comment' | 'access' | 'language' | 'login';

const TOOL_WORDS: Record<ToolKind, readonly string[]> = {
  font: ['文字大小', '字体大小', '字体', '字号', '默认', '标准', 'A+', 'A-', 'A', 'T+', 'T-'],
  share: ['分享到', '分享至', '分享', '转发到', '转发', '新浪微博', '腾讯微博', '微信好友', '微信朋友圈', '朋友圈', 'QQ空间', 'QQ好友', '微信', '微博', 'QQ', '人民微博', '豆瓣', '复制链接', '复制网址', '告诉好友', '推荐给好友', '推荐给朋友', '发送给好友', '推荐本文'],
  print: ['打印本页', '打印此页', '打印本文', '打印此文', '打印文章', '打印正文', '打印该页', '打印', '打印当前页', '关闭本页', '关闭此页', '关闭当前页', '关闭窗口', '关闭本窗口', '关闭页面', '关闭本文', '关闭', '返回顶部', '回到顶部', '返回首页', '返回列表', '返回上一页', '返回', '收藏本页', '收藏本站', '加入收藏', '收藏', '我要纠错', '纠错', '设为首页', '保存本页', '保存', '下载', 'TOP', 'Top', 'top'],
  comment: ['发表评论', '我要评论', '网友评论', '查看评论', '评论', '我要留言', '留言'],
  access: ['跳到主要内容', '跳转到主要内容', '跳到正文', '跳转到正文', '跳到内容', '跳过导航', '视力保护色', '护眼模式', '无障碍浏览', '无障碍阅读', '退出无障碍', '无障碍', '长者模式', '关怀模式', '关怀版', '适老化', '适老版', '老年模式', '大字版', '智能读屏', '读屏', '手机版', '移动版', '网站支持IPv6', 'IPv6'],
  language: ['简体中文', '繁体中文', '简体版', '繁体版', '简体', '繁体', '简', '繁', 'English', 'ENGLISH', 'ENG', 'EN', '中文版', '中文'],
  login: ['用户登录', '个人登录', '法人登录', '个人中心', '登录', '登陆', '注册', '退出', '站内搜索', '全站搜索', '高级搜索', '热门搜索', '最近搜索', '搜索', '请输入关键词', '请输入关键字', '请输入搜索内容', '输入关键词', '检索', '政务微博', '政务微信', '微信公众号', '官方微博', '智能问答', '智能客服'],
};
/** Font sizes: the run 大 中 小, or single sizes once a font label was seen (`字体：【大】【中】【小】`). */
const FONT_RUN = /^大\s*中\s*小/;
const FONT_SIZE = /^(?:特大|[大中小])/;
const TOOL_SEPARATOR = /^[\s|｜丨/\\、·•\-—_【】\[\]（）()「」<>:：,，]+/;
const TOOL_TOKENS: { kind: ToolKind; word: string }[] = (Object.entries(TOOL_WORDS) as [ToolKind, readonly string[]][])
  .flatMap(([kind, words]) => words.map((word) => ({ kind, word })))
  .sort((a, b) => b.word.length - a.word.length);

/** The kinds of control words a line is made of, or undefined when anything else is in it. */
export function toolbarKinds(line: string): Set<ToolKind> | undefined {
  const kinds = new Set<ToolKind>();
  let rest = line;
  for (;;) {
    rest = rest.replace(TOOL_SEPARATOR, '');
    if (!rest) return kinds.size ? kinds : undefined;
    const size = FONT_RUN.exec(rest) ?? (kinds.has('font') ? FONT_SIZE.exec(rest) : null);
    if (size) {
      kinds.add('font');
      rest = rest.slice(size[0].length);
      continue;
    }
    const token = TOOL_TOKENS.find((t) => rest.startsWith(t.word));
    if (!token) return undefined;
    kinds.add(token.kind);
    rest = rest.slice(token.word.length);
  }
}
const toolbar = (kind: ToolKind) => (line: string) => toolbarKinds(line)?.has(kind) ?? false;

// ---------------------------------------------------------------------------------------------
// Navigation: menu bars, single menu items, breadcrumbs, links to other sites.

/** Menu items of government sites. */
const NAV_WORDS = new Set([
  '首页', '网站首页', '主页', '政务公开', '政府信息公开', '信息公开', '政务服务', '办事服务', '网上办事', '便民服务', '公共服务',
  '互动交流', '政民互动', '公众参与', '新闻中心', '新闻动态', '要闻动态', '政务动态', '工作动态', '专题专栏', '专题', '数据开放',
  '数据发布', '统计数据', '机构设置', '机构职能', '领导信息', '领导之窗', '政府领导', '法规文件', '政策文件', '政策解读', '规划计划',
  '通知公告', '人事信息', '财政信息', '联系我们', '网站地图', '使用帮助', '关于我们', '网站声明', '隐私声明', '法律声明', '意见征集',
  '在线访谈', '在线咨询', '投诉举报', '政府网站年度报表', '政府信息公开指南', '政府信息公开制度', '政府信息公开年报', '法定主动公开内容',
  '依申请公开', '部门信息公开', '乡镇信息公开', '街道信息公开', '网站导航', '站群导航', '部门网站', '区县网站', '镇街网站', '政务新媒体',
  '更多', '更多>>', '设为首页', '加入收藏',
]);
const NAV_PATTERNS = [/^(?:走进|走近|魅力|印象|投资|美丽|畅游)[\u4e00-\u9fa5]{1,5}$/, /^[\u4e00-\u9fa5]{1,6}(?:概况|信箱)$/, /(?:政府网|门户网站|政务网|政务服务网)$/];
/** A government's name is a link only between bars or arrows: two names side by side may be a joint signature. */
const GOVERNMENT_LINK = /人民政府$/;
const isNavItem = (item: string, links = false) =>
  NAV_WORDS.has(item) || NAV_PATTERNS.some((re) => re.test(item)) || (links && GOVERNMENT_LINK.test(item)) || !!toolbarKinds(item);
const MENU_SPLIT = /\s*[|｜丨/·•]\s*|\s+/;
const MENU_ITEM = /^[^。，,；;：:！？!?、“”"《》（）()]{1,14}$/;

/** A line of menu items separated by bars or spaces, most of them menu words. */
function isMenuBar(line: string): boolean {
  const items = line.split(MENU_SPLIT).filter(Boolean);
  if (items.length < 2 || !items.every((i) => MENU_ITEM.test(i))) return false;
  const bars = /[|｜丨]/.test(line);
  const nav = items.filter((i) => isNavItem(i, bars)).length;
  return nav >= 2 && nav * 2 >= items.length;
}

const CRUMB_LABEL = /^(?:您(?:现在|当前)?(?:所在)?的?位置|当前(?:所在)?的?位置|所在位置|现在位置|当前栏目|栏目位置)\s*[:：]/;
const CRUMB_SPLIT = /\s*(?:>>|>|»|›|→|＞＞|＞)\s*/;
const CRUMB_ITEM = /^[^。，,；;！？!?“”"《》]{1,24}$/;

/** `首页 > 政务公开 > …`: two or more short items between arrows, starting from a menu word or three deep. */
function isBreadcrumb(line: string): boolean {
  if (CRUMB_LABEL.test(line)) return true;
  const parts = line.split(CRUMB_SPLIT);
  const items = parts.filter(Boolean);
  if (parts.length < 2 || !items.length || !items.every((i) => CRUMB_ITEM.test(i))) return false;
  return isNavItem(items[0], true) || items.length >= 3;
}

/** `标题_站点名`, `标题 - 站点名`, `标题|站点名`: the site is a government site's name. */
const PAGE_TITLE = /^(.{6,80}?)(?:\s*[_|｜]\s*|\s+[-—–]\s+)([\u4e00-\u9fa5]{2,30}(?:门户网站|政府网站|人民政府网|政府网|政务网|人民政府|网站|网))$/;

/** The title in a page's <title> line (title and site name), else undefined. */
export function pageTitleOf(line: string): string | undefined {
  const s = toSimplified(line);
  const m = PAGE_TITLE.exec(s);
  if (!m) return undefined;
  return s.length === line.length ? line.slice(0, m[1].length) : m[1];
}

// ---------------------------------------------------------------------------------------------

const ISO_DATE = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`;

/**
 * A "related sites" dropdown, copied one option per line: a group of sites (by level or kind,
 * optionally 政府 and a prefix such as 国务院 / 省政府 / 各) ending in 网站, or the 请选择 prompt,
 * with the `==…==` / `--…--` dressing some selects use.
 */
const SITE_LINKS = /^[-=—－\s]*(?:[\u4e00-\u9fa5]{0,8}?(?:部门|区县|县区|县市区|市县|市州|市区|地市|省市|乡镇|镇街|街镇|街道|兄弟城市|城市|媒体|中央|省级|市级|县级|区级|驻地|外省市|其他)(?:政府)?(?:网站|网站群|门户网站)|请选择(?:网站)?)[-=—－\s]*$/;
const FILE_EXT = String.raw`\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|txt|jpe?g|png)`;

/** The rules, in the order they are tried (the first that matches names the line's removal). */
export const CHROME_RULES: readonly ChromeRule[] = [
  {
    id: 'font-size',
    description: 'font-size controls: [字体：大 中 小], 【字号：】, 字號:, alone or with other controls',
    match: toolbar('font'),
    examples: ['[字体：大 中 小]', '【字号：】', '字號:', '字体：【大】【中】【小】', '【字体：大 中 小】【打印本页】【关闭窗口】', '[字体: ]', '文字大小：A+ A A-'],
    nearMisses: ['大中小学', '字体规范', '中小企业', '大中小型企业'],
  },
  {
    id: 'share',
    description: 'share widgets: 分享到：, 微信 微博 QQ空间',
    match: toolbar('share'),
    examples: ['分享到：', '分享:', '分享到：微信 微博 QQ空间', '分享至 微信 朋友圈', '【发表评论】【告诉好友】【打印此文】【关闭窗口】'],
    nearMisses: ['分享经验', '微信公众号推送普法信息', '转发文件', '告诉好友要遵守交通规则'],
  },
  {
    id: 'print-close',
    description: 'print, close, favourite and back-to-top controls: 【打印本页】【关闭窗口】, 打印 关闭, 收藏',
    match: toolbar('print'),
    examples: ['【打印本页】【关闭窗口】', '打印 关闭', '收藏', '[打印] [关闭]', '返回首页', '返回顶部', '【我要纠错】', '打印本頁 關閉窗口', '[打印本页] [关闭窗口] [返回顶部]', '【打印此文】【关闭本窗口】'],
    nearMisses: ['关闭违法企业', '打印机采购', '收藏品', '返回家乡'],
  },
  {
    id: 'comment',
    description: 'comment and message controls: 【发表评论】, 我要评论, 网友评论, 我要留言',
    match: toolbar('comment'),
    examples: ['【发表评论】', '我要评论', '网友评论', '[发表评论] [打印本页]', '我要留言'],
    nearMisses: ['评论员文章', '留言办理情况', '发表评论性文章', '网友评论区管理规定'],
  },
  {
    id: 'accessibility',
    description: 'accessibility and site-version toggles: 无障碍, 长者模式, 适老化, 手机版, 视力保护色, the 跳到主要内容 skip link',
    match: toolbar('access'),
    examples: ['无障碍', '无障碍 长者模式', '适老化', '无障碍浏览 | 长者模式 | 简体 | 繁体', '手机版 | 无障碍', '無障礙', '跳到主要内容', '视力保护色'],
    nearMisses: ['无障碍环境建设', '适老化改造', '长者模式的推广', '跳到主要内容之前的导航'],
  },
  {
    id: 'language',
    description: 'language toggles: 简体|繁体, 简 繁, English',
    match: toolbar('language'),
    examples: ['简体|繁体', '简 繁', 'English', '简体中文 | 繁體中文 | English', '繁體'],
    nearMisses: ['简政放权', '繁简分流', 'English training'],
  },
  {
    id: 'login-search',
    description: 'login and search bars: 登录 注册, 搜索, 请输入关键词, 热门搜索',
    match: toolbar('login'),
    examples: ['登录', '登录 | 注册', '请输入关键词 搜索', '热门搜索', '最近搜索', '个人登录 法人登录', '站内搜索 高级搜索'],
    nearMisses: ['搜索引擎优化', '登录系统', '注册资本'],
  },
  {
    id: 'counter',
    description: 'view counters: 浏览次数：123, 阅读量, 点击数, 【访问量】, 您是第123位访问者',
    match: /^[【\[]?\s*(?:总|今日|累计)?(?:浏览|阅读|点击|访问)(?:次数|量|数|人次|率)?\s*[】\]]?\s*[:：]?\s*\d*\s*(?:次|人次)?\s*[】\]]?$|^您是(?:本站)?第\s*\d+\s*位访(?:问者|客)$|^\d+\s*人(?:觉得有用|阅读|浏览)$/,
    examples: ['浏览次数：123', '阅读量', '点击数：', '【访问量】', '[浏览次数：4573]', '您是第1234567位访问者', '0人觉得有用', '瀏覽次數：88'],
    nearMisses: ['访问量同比增长', '阅读习惯养成', '点击查看详情', '0人受伤'],
  },
  {
    id: 'metadata',
    description: 'gov.cn 信息公开 block (索引号、主题分类、发布机构、成文日期、文号、有效性…, on one line or a label per line, with or without colons) and the 发布时间…来源…浏览次数 line; its values are read first',
    match: (line) => !!parseMetaFields(line) || !!metaLabel(line),
    examples: [
      '索引号：11440306007542722M/2024-00049 主题分类：综合政务',
      '索引号 000014349/2023-00123 主题分类 政府工作 发布机构 株洲市人民政府',
      '发布机构：',
      '成文日期',
      '组配分类: 法治政府建设年度报告',
      '文号： 有效性： 有效',
      '发布者:区司法局 发布日期:2021-02-23 10:03:21 浏览次数:84178',
      '发布时间:2024-02-22 15:24信息来源:怀化市司法局',
      '时间：2024-01-05 来源：区司法局 浏览量：1286',
      '【来源：市司法局】【作者：】【发布时间：2023-03-30】',
      '2024-01-05 10:30 来源：县司法局 浏览：',
      '索引號：11441900/2023-00321 發布機構：中山市坦洲鎮人民政府',
      '更新时间：2024-03-05',
    ],
    nearMisses: [
      '有效性审查',
      '来源于群众的意见建议',
      '发布机构要及时更新政务信息',
      '时间节点要求',
      '文号规范',
      '名称变更工作',
      // seed 000: a line of the body that ends with a colon.
      '虽然我区2022年度在法治建设方面做了不少工作,取得了一定成绩,但依然存在一些不足:',
    ],
  },
  {
    id: 'breadcrumb',
    description: 'breadcrumbs: 您所在的位置：首页 > … / 当前位置：…, or short items between arrows',
    match: isBreadcrumb,
    examples: [
      '您所在的位置：首页 > 政务公开 > 法治政府建设',
      '当前位置：首页>>政府信息公开>>法治政府建设年度报告',
      '您现在的位置: 首页 > 信息公开',
      '首页 > 政务公开 > 法治政府建设年度报告',
      '政务公开 > 法治政府建设',
      '首页 » 通知公告',
      '當前位置：首頁 > 政務公開',
    ],
    nearMisses: [
      '《中共中央办公厅、国务院办公厅关于印发<法治政府建设与责任落实督察工作规定的>的通知》',
      '位置优越',
      '收入增长率>5%，支出增长率<3%',
    ],
  },
  {
    id: 'menu-bar',
    description: 'a navigation bar or links bar: menu words (首页 政务公开 政务服务 互动交流 走进XX) or site names separated by | or spaces',
    match: isMenuBar,
    examples: [
      '首页 政务公开 政务服务 互动交流 走进宝安',
      '首页|政务公开|政务服务|互动交流|走进怀化',
      '中国政府网|广东省人民政府|深圳市人民政府',
      '联系我们 | 网站地图 | 使用帮助',
      '网站首页 新闻中心 信息公开 政民互动 魅力坦洲',
      '首頁 政務公開 政務服務 互動交流',
    ],
    nearMisses: [
      '深圳市宝安区人民政府',
      '深圳市宝安区人民政府 2023年12月20日',
      '佳木斯市前进区人民政府 佳木斯市郊区人民政府',
      '依法行政 法治政府',
      '政务公开和政务服务',
      '首页',
    ],
  },
  {
    id: 'nav-item',
    description: 'a single menu item on its own line (首页, 政务公开, 走进XX, 网站地图 …), as menus copy one item per line',
    match: (line) => NAV_WORDS.has(line) || NAV_PATTERNS.slice(0, 2).some((re) => re.test(line)),
    examples: ['首页', '政务公开', '政府信息公开', '互动交流', '走进宝安', '网站地图', '联系我们', '坦洲概况', '更多>>'],
    nearMisses: ['政务公开工作', '推进政务公开', '深圳市宝安区人民政府', '法治政府建设', '坦洲镇'],
  },
  {
    id: 'date-banner',
    description: "today's date banner: 今天是2024年3月5日 星期二 农历甲辰年正月廿五, a date with its weekday, the lunar date, the weather",
    match: /^(?:今天是|今日是|今天|今日)\s*[:：]?\s*.{0,12}(?:\d{4}\s*[年-]|星期|周[一二三四五六日天]|农历)|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|礼拜)[一二三四五六日天]|^\d{4}-\d{1,2}-\d{1,2}\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:星期|周)[一二三四五六日天]|^(?:星期|礼拜)[一二三四五六日天]|^农历\S{2,12}$|^.{0,10}[-~～]?\d{1,2}\s*[~～-]\s*-?\d{1,2}\s*℃/,
    examples: [
      '今天是2024年3月5日 星期二 农历甲辰年正月廿五',
      '今天是：2023年03月30日 星期四',
      '2024年3月5日 星期二',
      '2024-03-05 星期二',
      '农历甲辰年正月廿五',
      '星期二',
      '晴 12~20℃',
    ],
    nearMisses: ['2023年12月20日', '2021年2月19日', '二〇二四年一月五日', '今天的法治政府建设', '今日头条'],
  },
  {
    id: 'qr-prompt',
    description: 'QR-code prompts: 扫一扫在手机打开当前页, 手机扫码, 微信扫一扫',
    match: /^(?:请?(?:用|使用)?(?:手机|微信)?(?:扫一扫|扫码|扫描二维码|扫描)[:：\s]*(?:在手机上?)?(?:打开|阅读|查看|浏览|分享|关注)?(?:当前页面?|本页|本文|此页|文章)?|.{0,8}二维码|手机(?:上)?(?:打开|浏览|阅读)(?:当前页|本页)?)$/,
    examples: ['扫一扫在手机打开当前页', '扫一扫在手机上打开当前页', '手机扫码', '微信扫一扫', '微信扫一扫：分享', '用手机扫描二维码', '扫码阅读', '手机版二维码', '掃一掃在手機打開當前頁'],
    nearMisses: ['推行扫码亮证执法', '扫黑除恶专项斗争', '健康码二维码的推广应用'],
  },
  {
    id: 'site-name',
    description: 'the site name in the header: XX人民政府门户网站, 中国政府网, 欢迎访问…',
    match: /^[\u4e00-\u9fa5（）()]{2,30}?(?:门户网站|政府网站|人民政府网|政府网|政务网|政务服务网)$|^欢迎您?(?:访问|光临|来到)\S{0,30}$/,
    examples: ['深圳市宝安区人民政府门户网站', '中国政府网', '怀化市人民政府网', '欢迎访问中山市人民政府网站'],
    nearMisses: ['深圳市宝安区人民政府', '佳木斯市前进区人民政府', '漳州市人民政府:', '中山市坦洲镇人民政府', '政府网站建设'],
  },
  {
    id: 'page-title',
    description: "the page's <title>: the report title followed by the site name (`…报告_XX人民政府门户网站`); clean.ts keeps the title it names",
    match: (line) => !!pageTitleOf(line),
    examples: ['关于怀化市2023年度法治政府建设情况的报告_怀化市人民政府门户网站', '深圳市宝安区人民政府关于2023年法治政府建设年度报告 - 深圳市宝安区人民政府门户网站', '关于2022年度法治政府建设情况的报告|漳州市人民政府'],
    nearMisses: ['关于怀化市2023年度法治政府建设情况的报告', '推进“互联网+政务服务”-一网通办', '深圳市宝安区人民政府 2023年12月20日'],
  },
  {
    id: 'prev-next',
    description: '上一篇 / 下一篇 links to the neighbouring articles',
    match: /^[【\[]?(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇|上一页|下一页)\s*[】\]]?\s*(?:[:：]|$)/,
    examples: ['上一篇：关于公布2023年度行政执法数据的公告', '下一篇：没有了', '【上一篇】', '下一篇'],
    nearMisses: ['上一篇章', '下一步工作打算', '上一年度'],
  },
  {
    id: 'related-links',
    description: '相关链接 / 相关文章 / 相关推荐 / 友情链接 headings over lists of links',
    match: /^[【\[]?(?:相关链接|相关文章|相关推荐|相关阅读|相关新闻|相关文件|相关信息|相关解读|相关稿件|推荐阅读|延伸阅读|热点推荐|热门文章|猜你喜欢|友情链接)[】\]]?\s*(?:[:：].*|更多\s*(?:>>|»)?)?$/,
    examples: ['相关链接', '相关推荐', '相关文章：', '友情链接：中国政府网 湖南省人民政府', '【相关阅读】'],
    nearMisses: ['相关链接单位要加强协作', '相关推荐意见已落实'],
  },
  {
    id: 'site-links',
    description: 'the options of a "related sites" dropdown (国务院部门网站, 省政府部门网站, 各区县政府网站 …) and its 请选择 prompt',
    match: SITE_LINKS,
    examples: ['国务院部门网站', '省政府部门网站', '各区县政府网站', '市级部门网站', '兄弟城市网站', '新闻媒体网站', '==乡镇街道网站==', '--请选择--', '請選擇'],
    nearMisses: ['部门网站整合工作', '政府网站建设', '加强乡镇网站管理', '县级融媒体中心', '请选择适用程序'],
  },
  {
    id: 'dated-link',
    description: 'a link in a list (related articles): a short title ending with its ISO date, or the date alone',
    match: new RegExp(`^(?:[^。！？；;]{4,80}?\\s*[\\[(（【]?${ISO_DATE}[\\])）】]?|${ISO_DATE}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)$`),
    examples: ['怀化市2022年度法治政府建设情况报告 2023-02-20', '关于印发行政执法公示办法的通知[2024-01-05]', '2024-01-05', '2021-02-23 10:03:21'],
    nearMisses: ['2023年12月20日', '2021年2月19日', '《漳州市法治政府建设实施方案(2021-2025年)》', '实施方案(2021-2025)'],
  },
  {
    id: 'attachment',
    description: 'attachment links pointing to downloads: 附件下载, 附件：XX.pdf, a file name with its size',
    match: new RegExp(`^(?:附件下载|下载附件|相关附件|附件列表)\\s*[:：]?.*$|^(?:附件\\s*\\d*\\s*[:：]?)?[^。！？]{1,120}${FILE_EXT}\\s*(?:[（(【\\[]?\\s*\\d+(?:\\.\\d+)?\\s*[KMG]B?\\s*[)）】\\]]?)?$|^.{0,120}[（(【\\[]点击下载[)）】\\]]$`, 'i'),
    examples: ['附件下载：', '附件：2023年法治政府建设情况统计表.xlsx', '怀化市2023年度法治政府建设情况报告.pdf', '附件1：行政执法数据.docx (25KB)', '相关附件', '法治政府建设年度报告（点击下载）'],
    nearMisses: ['附件：', '附件：1.2023年度法治政府建设工作台账', '附件', '下载量大幅提升'],
  },
  {
    id: 'footer',
    description: 'site footer: 主办单位、承办单位、技术支持、网站标识码、ICP备、公安备案、版权所有、Copyright, an address with phone or postcode, browser advice',
    match: /(?:主办单位|承办单位|协办单位|主办|承办|技术支持|维护单位|运维单位|网站维护|网站标识码)\s*[:：]|^(?:联系电话|电话|传真|邮编|邮政编码|电子邮箱|邮箱|E-?mail)\s*[:：]\s*[\w@.\-—()（）\s、,，转]+$|^(?:地址|联系地址|通讯地址)\s*[:：][^，,；;]{4,60}$|ICP\s*[备证]|公网安备|公安备案|公安机关备案|版权所有|Copyright|©|(?:地址|联系地址)\s*[:：].*(?:邮编|电话|邮政编码|传真)\s*[:：]|建议使用.{0,30}(?:浏览器|分辨率)|^政府网站找错$|^党政机关$|^网站标识码\s*\d+$/i,
    examples: [
      '主办单位：深圳市宝安区人民政府办公室 承办单位：深圳市宝安区政务服务数据管理局',
      '网站标识码：4403060001',
      '粤ICP备05072437号',
      '湘公网安备 43120202000123号',
      '版权所有：怀化市人民政府 Copyright © 2024',
      '地址：中山市坦洲镇德秀路 邮编：528467 电话：0760-86661234',
      '建议使用1920×1080分辨率浏览本网站',
      '联系电话：0755-27788123',
      '地址：深圳市宝安区新安街道创业一路1号',
      '政府网站找错',
      '党政机关',
    ],
    nearMisses: ['（三）压实主办单位责任', '承办单位及时办结', '版权保护工作', '主办了法治讲座', '开通12345热线电话', '电话：接听群众来电，做到件件有回音'],
  },
  {
    id: 'tags',
    description: 'tag lines: 标签: 法治政府建设',
    match: /^(?:标签|TAG|Tags?)\s*[:：]/i,
    examples: ['标签: 法治政府建设', 'TAG：法治'],
    nearMisses: ['标签化管理', '标签管理'],
  },
  {
    id: 'feed-widgets',
    description: "a procurement aggregator's follow widgets (招标, 业主, 关注我们…), and lines of symbols only",
    match: /^(?:招标|业主|关注|关注我们.{0,20}|有用|没用|点赞)$|^[-—–_|｜·•>»<«/\\~=]{1,6}$/,
    examples: ['招标', '业主', '关注', '关注我们可获得更多采购需求', '-', '|', '点赞'],
    nearMisses: ['招标投标领域专项整治', '关注群众诉求', '*****'],
  },
];

// ---------------------------------------------------------------------------------------------
// Menus copied one item per line: no single line says it is chrome, the run of them does.

/** A rule on a run of lines rather than on one line. */
export interface RunRule {
  readonly id: string;
  readonly description: string;
  /** Whether a line (normalised, Simplified, past the guards) may be one item of the run. */
  readonly item: (line: string) => boolean;
  /** How many lines in a row make a run (lines other rules took count, so known items do not break it). */
  readonly minRun: number;
  /** Tops of pages: every line but the last (the title or the first line of the report) is taken. */
  readonly examples: readonly (readonly string[])[];
  /** Tops of pages (and a signature block) where no line is taken. */
  readonly nearMisses: readonly (readonly string[])[];
}

export const MENU_RUN: RunRule = {
  id: 'menu-run',
  description:
    'a menu or column tree copied one item per line (资讯 / 公开 / 服务 / 互动, 公开目录 / 机构职能 / 规划计划 …): three or more short lines of words in a row, above the first line of the report; the run ends at the title',
  // Two to eight characters of words (a bullet allowed), which is shorter than any report title; a
  // line ending 报告 longer than a column name (年度报告) may be the title and ends the run.
  item: (s) => /^(?:[·•▪■□◆◇●○>»]\s*)?[\u4e00-\u9fa5]{2,8}$/.test(s) && !(/报告$/.test(s) && s.length > 4),
  minRun: 3,
  examples: [
    ['跳到主要内容', '义乌市人民政府', '首页', '资讯', '公开', '服务', '互动', '首页', '政务公开', '法治政府建设', '年度报告', '义乌市2020年度法治政府建设工作报告'],
    ['公开目录', '机构职能', '政策文件', '规划计划', '法治政府建设', '财政资金', '人事信息', '北京市朝阳区人民政府关于2021年法治政府建设情况的报告'],
    ['栏目导航', '· 政策法规', '· 法制建设', '· 依法行政', '2023年，我镇坚持以习近平新时代中国特色社会主义思想为指导，推进法治政府建设。'],
  ],
  nearMisses: [
    ['深圳市宝安区人民政府', '深圳市宝安区人民政府关于2023年法治政府建设年度报告', '2023年，宝安区推进法治政府建设。'],
    ['婺源县人民政府文件', '婺府字〔2023〕12号', '婺源县人民政府关于2022年度法治政府建设情况的报告'],
    ['2023年，我区推进法治政府建设。', '中共宝安区委', '宝安区人民政府', '宝安区司法局'],
    ['法治政府建设报告', '2023年，我镇推进法治政府建设。'],
  ],
};

/**
 * The lines of a page that MENU_RUN takes: runs of items above the first line of the report (a
 * line of prose, a numbered heading or a salutation). `taken(i)` says whether a line rule already
 * took line i; such lines count in a run but are not returned.
 */
export function menuRunLines(lines: readonly string[], taken: (i: number) => boolean = () => false): number[] {
  const out: number[] = [];
  let run: number[] = [];
  let items: number[] = [];
  const close = () => {
    if (run.length >= MENU_RUN.minRun) out.push(...items);
    run = [];
    items = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (taken(i)) {
      run.push(i);
      continue;
    }
    const text = normalizeSpace(lines[i]);
    const s = guarded(text);
    if (s === undefined || /[:：]$/.test(s)) break;
    if (MENU_RUN.item(s)) {
      run.push(i);
      items.push(i);
    } else close();
  }
  close();
  return out;
}

/** The line as rules see it (normalised, Simplified), or undefined when a guard keeps it from every rule. */
function guarded(line: string): string | undefined {
  const text = normalizeSpace(line);
  if (!text || isProse(text)) return undefined;
  const s = toSimplified(text);
  return headingMarker(s) ? undefined : s;
}

const applies = (rule: ChromeRule, s: string) => (typeof rule.match === 'function' ? rule.match(s) : rule.match.test(s));

/** Whether `rule` matches the line, after the guards (the line is normalised and converted here). */
export function ruleMatches(rule: ChromeRule, line: string): boolean {
  const s = guarded(line);
  return s !== undefined && applies(rule, s);
}

/** The first rule that takes the line for chrome, or undefined for a line of the report. */
export function chromeRule(line: string): ChromeRule | undefined {
  const s = guarded(line);
  return s === undefined ? undefined : CHROME_RULES.find((r) => applies(r, s));
}
