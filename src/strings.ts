/**
 * Every UI string of the site, keyed by where it is used. A site configuration may reword the plain
 * strings (site.config.yaml `strings`, keyed `site.footer` and so on); the build hands its rewordings
 * to every bundle, server and browser alike, as `__SITE_STRINGS__` (astro.config.mjs).
 */
const defaults = {
  site: {
    name: '法治政府建设年度报告库',
    shortName: '法治报告库',
    tagline: '汇集各地人民政府法治政府建设年度报告，可按地区、年度浏览与全文检索，关键指标逐项溯源到原文。',
    skip: '跳到正文',
    footer: '报告原文版权归各发布机关所有。本站逐字转录原文，去除网页框架文字；指标数值均链接到报告中陈述该数值的原句。',
    openData: '开放数据',
    /** The whole area of the national collection, where a jurisdiction's site names its own place. */
    nationalScope: '全国',
  },
  date: {
    /** A year as a label: breadcrumbs, table heads, the year navigation (2023年). */
    year: (y: number) => `${y}年`,
    /** The year a report covers (2023年度). */
    reportYear: (y: number) => `${y}年度`,
  },
  /** Meta descriptions of the pages (search engines, link previews). */
  describe: {
    report: (place: string, year: number) => `${place}${year}年度法治政府建设报告全文及关键指标`,
    place: (place: string) => `${place}历年法治政府建设年度报告及关键指标`,
    indicator: (label: string, definition: string) => `${label}：${definition}。各地各年度数值及原文出处。`,
    year: (year: number) => `${year}年度各地法治政府建设报告及关键指标对比`,
  },
  nav: {
    label: '主导航',
    home: '首页',
    places: '地区',
    years: '年度',
    indicators: '指标',
    search: '搜索',
  },
  search: {
    label: '全文搜索',
    siteLabel: '站内搜索',
    placeholder: '如：行政复议、枫桥经验',
    submit: '搜索',
    title: '全文搜索',
    intro: '在全部已发布报告的正文中查找词语、名称或数字，如“行政复议”“枫桥经验”“出庭应诉率”“244”。',
    filters: '筛选',
    filterYear: '年度',
    filterProvince: '省份',
    filterLevel: '层级',
    any: '全部',
    clearFilters: '清除筛选',
    // A filter value in the URL that the page does not offer (e.g. ?year=../../): ignored, and said so.
    ignoredFilter: (label: string, value: string) => `${label}“${value}”`,
    ignoredFilters: (items: readonly string[]) => `已忽略无效的筛选条件：${items.join('、')}`,
    searching: '正在搜索…',
    count: (n: number, q: string) => `找到 ${n} 份包含“${q}”的报告`,
    // Shown as results come in, before the screenful is complete.
    finding: (n: number, q: string) => `已找到 ${n} 份包含“${q}”的报告，正在继续查找…`,
    // Results come newest year first, a year's index at a time; the total is known once all are searched.
    countSoFar: (n: number, q: string, year: string) => `已找到 ${n} 份包含“${q}”的报告（按年度从新到旧，已查到 ${year} 年度），点击“显示更多结果”继续查找`,
    none: (q: string) => `没有找到包含“${q}”的报告。`,
    // How the page read the query (src/lib/search/query.ts): 包含 行政复议，不含 败诉.
    reading: { include: '包含', exclude: '不含', and: '和', or: '或' },
    readAs: (described: string) => `检索条件：${described}`,
    ignoredParts: (parts: readonly string[]) => `已忽略无法识别的部分：${parts.map((p) => `“${p}”`).join('、')}`,
    // The number of matching reports: exact, or estimated from the reports checked so far.
    total: (n: number, exact: boolean) => (exact ? `共 ${n} 份报告符合条件` : `约 ${n} 份报告符合条件`),
    optionCount: (value: string, n: number, exact: boolean) => `${value}（${exact ? '' : '约'}${n}）`,
    sort: '排序',
    scopeLabel: '地区',
    scope: (place: string) => `搜索范围：${place}及下辖地区的报告`,
    scopeAll: '改为搜索全部报告',
    scopeSearch: (place: string) => `在${place}及下辖地区的报告中搜索`,
    sortNewest: '最新在前',
    sortRelevance: '最相关在前',
    syntax: '用法：空格分隔的词须同时出现；"加引号" 查完整词组；-词 排除含该词的报告；词 OR 词（或 词|词）任一出现即可。全角符号同样有效，繁体、简体均可。',
    tips: ['检查是否有错别字，或换一个说法（如“复议”代替“行政复议案件”）。', '减少关键词，或只保留最关键的一个词。', '清除年度、省份、层级筛选后再试。'],
    empty: '请输入要查找的词语。',
    more: '显示更多结果',
    noIndex: '搜索索引尚未生成。开发模式（npm run dev）下没有索引：请先运行 npm run build 生成索引，再用 npm run serve 预览；或直接运行 npm start。',
    noJs: '搜索需要启用 JavaScript。也可以按地区或年度浏览全部报告。',
  },
  home: {
    title: '首页',
    counts: (reports: number, places: number, years: number) => `已收录 ${reports} 份报告，覆盖 ${places} 个地区、${years} 个年度。`,
    latest: '最新报告',
    byProvince: '按省份浏览',
    /** A jurisdiction's site lists its subdivisions instead of the provinces. */
    byArea: '按地区浏览',
    byLevel: '按层级浏览',
    byYear: '按年度浏览',
    reportsCount: (n: number) => `${n} 份报告`,
    latestWhere: (place: string, year: number) => `${place} · ${year}年度`,
  },
  level: {
    province: '省级',
    prefecture: '地市级',
    county: '县区级',
    township: '乡镇（街道）',
    zone: '开发区、功能区',
  } as Record<string, string>,
  places: {
    title: '全部地区',
    intro: '按行政区划层级浏览各地报告。括号内为该地区及其下级地区的报告数。',
    tree: '地区树',
    byLevel: '按层级',
    reports: '历年报告',
    subPlaces: '下级地区',
    noReports: '暂无本级报告。',
    indicators: '历年关键指标',
    code: '区划代码',
    noCode: '无（功能区）',
    level: '层级',
    parent: '上级',
    descendantsReports: '下级地区报告',
    dataLink: '下载本地区数据（JSON）',
    reportItem: (year: number, title: string) => `${year}年度：${title}`,
  },
  report: {
    breadcrumb: '面包屑',
    meta: '报告信息',
    issuer: '发文机关',
    year: '报告年度',
    documentDate: '成文日期',
    publishedDate: '发布日期',
    source: '来源',
    publisher: '发布者',
    unknown: '原文未载明',
    inferredTitle: '原文无标题，标题由本站根据地区和年度拟定',
    indicators: '关键指标',
    indicatorsHint: '点击数值可跳到报告中陈述该数值的原句。',
    noIndicators: '本报告未明确陈述登记表中的关键指标。',
    approximate: '约数（原文作“余”）',
    toc: '目录',
    body: '报告全文',
    prevLink: (year: number) => `← 上一年度：${year}年`,
    nextLink: (year: number) => `下一年度：${year}年 →`,
    otherYears: '同一地区其他年度',
    redacted: '原文此处内容已隐去',
  },
  years: {
    title: '按年度浏览',
    intro: '各年度报告及其关键指标。',
    yearTitle: (y: number) => `${y}年度报告`,
    count: (n: number) => `共 ${n} 份报告`,
  },
  table: {
    place: '地区',
    level: '层级',
    year: '年度',
    report: '报告',
    indicator: '指标',
    none: '—',
  },
  indicators: {
    title: '关键指标',
    intro: '各地报告中反复出现、可跨地区比较的指标。每个数值都链接到报告中陈述它的原句。',
    reportsStating: (n: number) => `${n} 份报告载明`,
    definition: '定义',
    unit: '单位',
    kind: { count: '数量', rate: '比率', amount: '金额' } as Record<string, string>,
    allValues: '全部数值',
    overYears: '历年变化',
    overYearsDesc: (label: string, n: number) => `${label}历年数值折线图，共 ${n} 条线；具体数值见下表。`,
    median: '各地中位数',
    ranked: (year: number) => `${year}年度排名`,
    rankedDesc: (label: string, year: number) => `${year}年度各地${label}条形图，由高到低；具体数值见下表。`,
    value: '数值',
    quote: '原文',
    none: '尚无报告载明该指标。',
    sortHint: '点击表头可排序。',
    trends: '指标趋势',
    trendDesc: (label: string) => `本地区${label}历年数值折线图；具体数值见上表。`,
  },
  compliance: {
    title: '合规情况',
    basis: '依据《法治政府建设与责任落实督察工作规定》（2019年）：年度报告应包括以下四部分，并于次年4月1日前公开。',
    timeliness: '公开时间',
    onTime: '按时公开',
    late: '逾期公开',
    unknown: '发布日期未知',
    deadline: (d: string) => `截止日期：${d}`,
    parts: '必备内容',
    present: '有',
    absent: '未见',
    partsShort: '必备内容',
    partsCount: (n: number) => `${n}/4`,
  },
  draft: {
    banner: '草稿：本报告尚未发布，仅在本地预览中显示，不会出现在正式网站。',
    label: '草稿',
  },
  /** Long tables split by province and into pages (src/lib/paging.ts). */
  split: {
    byProvince: '按省份查看',
    byProvinceIntro: (n: number, download: boolean) => `共 ${n} 条，按省份分页列出。${download ? '完整数据可下载：' : ''}`,
    provinceItem: (n: number, pages: number) => (pages > 1 ? `${n} 条，${pages} 页` : `${n} 条`),
    csv: '全部指标（CSV）',
    json: '全部报告（JSON）',
    pageNav: '分页',
    pageOf: (page: number, pages: number) => `第 ${page} 页，共 ${pages} 页`,
    page: (n: number) => `第 ${n} 页`,
    prev: '上一页',
    next: '下一页',
    gap: '…',
    // `scope`: 全国, or a jurisdiction's site's own place (src/data/site.ts scopeName).
    national: (label: string, scope: string) => `返回${label}（${scope}）`,
    provinceTitle: (label: string, province: string) => `${label}：${province}`,
    rankTop: (n: number) => `前 ${n} 名`,
    rankBottom: (n: number) => `后 ${n} 名`,
    rankedEndsDesc: (label: string, year: number, n: number, total: number, scope: string) => `${year}年度${label}${scope} ${total} 个地区中最高与最低的各 ${n} 个，由高到低；具体数值见下表。`,
    rank: '名次',
    rankRest: (total: number, scope: string, download: boolean) => `其余地区见各省份页面${download ? '，或下载全部数据' : ''}。${scope}共 ${total} 个地区载明。`,
    subPlaces: (n: number) => `下级地区 ${n} 个`,
    levelNotListed: (n: number) => `共 ${n} 个地区，篇幅所限不逐一列出，请从地区树进入各省、市页面查看。`,
  },
  /** The footer a government site carries (site configuration `footer`). */
  footer: {
    label: '网站信息',
    sponsor: '主办单位',
    organizer: '承办单位',
    siteCode: '网站标识码',
    icp: 'ICP备案号',
    psb: '公安备案号',
    phone: '电话',
    email: '邮箱',
    address: '地址',
    feed: '订阅',
  },
  /** Reading modes (适老化、无障碍): switches in the header, no script needed. */
  modes: {
    label: '阅读模式',
    large: '大字号',
    contrast: '高对比度',
  },
  notFound: {
    title: '页面不存在',
    body: '您访问的页面不存在或已移动。可以从首页、地区或年度重新查找，或使用全文搜索。',
  },
} as const;

type Strings = typeof defaults;

declare const __SITE_STRINGS__: Record<string, string> | undefined;

/** A group of strings (not a list, not a function): its strings may be reworded. */
const isGroup = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys of the plain strings a site may reword (`site.name`, `search.placeholder`…). */
export function stringKeys(tree: object = defaults, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : isGroup(v) ? stringKeys(v, `${prefix}${k}.`) : [],
  );
}

/** `tree` with the strings of `overrides` (by dotted key) in place of its own. */
export function reworded<T extends object>(tree: T, overrides: Readonly<Record<string, string>>, prefix = ''): T {
  return Object.fromEntries(
    Object.entries(tree).map(([k, v]) => {
      const key = `${prefix}${k}`;
      if (typeof v === 'string') return [k, overrides[key] ?? v];
      return [k, isGroup(v) ? reworded(v, overrides, `${key}.`) : v];
    }),
  ) as T;
}

export const t: Strings = typeof __SITE_STRINGS__ === 'object' && __SITE_STRINGS__ ? reworded(defaults, __SITE_STRINGS__) : defaults;
