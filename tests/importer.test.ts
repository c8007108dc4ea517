import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/lib/import/cli';
import { cleanText } from '../src/lib/import/clean';
import { checkContent } from '../src/lib/content/check';
import { ImportError, importText, keepHandEdited, loadPlaces, looksLikeTitle, matchPlaces, placeFullName, PREFILL_NOTE, type ImportResult } from '../src/lib/import/importer';
import { mdxFile, mdxToPlainText, parseMdx, splitMdxFile } from '../src/lib/content/mdx';
import { bodyText } from '../src/lib/content/validate';
import { normalizeSpace, splitSentences } from '../src/lib/text';
import { reportSchema } from '../src/schemas/report';
import { SEEDS, readSeed, seedPath, type Seed } from '../bench/fixtures/seeds';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));
const places = loadPlaces(CONTENT);
/** Imported once, without --place or --year: the place and year must be inferred. */
const imported = new Map<string, ImportResult>(SEEDS.map((s) => [s.file, importText(readSeed(s), { places })]));
const result = (prefix: string) => imported.get(SEEDS.find((s) => s.file.startsWith(prefix))!.file)!;
const seedName = (s: Seed) => s.file.slice(0, 3);

interface Expected {
  title: string;
  titleInferred: boolean;
  issuer: string;
  documentDate?: string;
  publishedDate?: string;
  publisher?: string;
  /** Number of headings of level 2, 3, 4. */
  headings: [number, number, number];
}

/** Per bench/fixtures/seeds/README.md, and the outline counted by hand in each text. */
const EXPECTED: Record<string, Expected> = {
  '000': {
    title: '漳州高新区管委会关于2022年度法治政府建设的工作报告',
    titleInferred: false,
    issuer: '漳州高新区管委会',
    headings: [4, 12, 18],
  },
  '001': {
    title: '佳木斯市前进区人民政府关于2020年前进区法治政府建设工作情况报告',
    titleInferred: false,
    issuer: '佳木斯市前进区人民政府',
    documentDate: '2021-02-19',
    publishedDate: '2021-02-23',
    publisher: '区司法局',
    headings: [4, 13, 19],
  },
  '002': {
    title: '关于怀化市2023年度法治政府建设情况的报告',
    titleInferred: false,
    // The text names no issuer: the place's full name, never an invented 怀化市人民政府.
    issuer: '怀化市',
    publishedDate: '2024-02-22',
    publisher: '怀化市司法局',
    headings: [3, 9, 0],
  },
  '003': {
    title: '中山市坦洲镇关于2023年度法治政府建设情况的报告',
    titleInferred: true,
    issuer: '中山市坦洲镇',
    headings: [3, 9, 16],
  },
  '004': {
    // No title line; the signature names the issuer, so the built title uses it.
    title: '深圳市宝安区人民政府关于2023年度法治政府建设情况的报告',
    titleInferred: true,
    issuer: '深圳市宝安区人民政府',
    documentDate: '2023-12-20',
    headings: [11, 42, 0],
  },
};

const CHROME = ['扫一扫在手机打开当前页', '浏览次数', '热门搜索', '返回首页', '收藏', '登录', '最近搜索', '发布者', '标签', '人觉得有用', '相关推荐', '关注我们'];
const FORBIDDEN_NODES = new Set([
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'mdxFlowExpression',
  'mdxTextExpression',
  'mdxjsEsm',
  'list',
  'thematicBreak',
  'emphasis',
  'strong',
  'delete',
  'html',
  'code',
  'blockquote',
  'link',
]);

function nodeTypes(mdx: string): Set<string> {
  const types = new Set<string>();
  visit(parseMdx(mdx) as Nodes, (n) => void types.add(n.type));
  return types;
}

describe.each(SEEDS.map((s) => [seedName(s), s] as const))('seed %s', (name, seed) => {
  const r = imported.get(seed.file)!;
  const want = EXPECTED[name];
  const plain = mdxToPlainText(r.mdx);

  it('infers the place and year of bench/fixtures/seeds.ts', () => {
    expect(r.placeId).toBe(seed.placeId);
    expect(r.year).toBe(seed.year);
    expect(r.frontmatter.year).toBe(seed.year);
  });

  it('takes title, issuer, dates and publisher from the text, and invents none', () => {
    const fm = r.frontmatter;
    expect(fm.title).toBe(want.title);
    expect(fm.titleInferred ?? false).toBe(want.titleInferred);
    expect(fm.issuer).toBe(want.issuer);
    expect(fm.documentDate).toBe(want.documentDate);
    expect(fm.publishedDate).toBe(want.publishedDate);
    expect(fm.source?.publisher).toBe(want.publisher);
  });

  it('writes a new entry as a draft, its indicators prefilled and marked for checking', () => {
    const fm = r.frontmatter;
    expect(fm.draft).toBe(true);
    const prefilled = Object.values(fm.indicators);
    expect(prefilled.length).toBeGreaterThan(0);
    for (const v of prefilled) {
      expect(v.note?.startsWith(PREFILL_NOTE)).toBe(true);
      expect(bodyText(r.body)).toContain(v.quote);
    }
  });

  it('writes frontmatter the report schema accepts, with the schema field names', () => {
    const { data } = splitMdxFile(r.mdx);
    expect(data).toEqual(JSON.parse(JSON.stringify(r.frontmatter)));
    expect(reportSchema.safeParse(data).error?.issues).toBeUndefined();
  });

  it('drops all page chrome', () => {
    for (const word of CHROME) expect(r.mdx, word).not.toContain(word);
  });

  it('finds the outline: headings per level', () => {
    const count = (d: number) => (r.body.match(new RegExp(`^#{${d}} `, 'gm')) ?? []).length;
    expect([count(2), count(3), count(4)]).toEqual(want.headings);
    expect(r.body).not.toMatch(/^#(?!#)|^#{5,}/m);
  });

  it('keeps every body sentence of the cleaned source, verbatim', () => {
    const lines = cleanText(readSeed(seed)).lines.map((l) => l.text);
    const body = r.frontmatter.titleInferred ? lines : lines.slice(1);
    const missing = body.flatMap(splitSentences).filter((s) => !plain.includes(s));
    // The only change allowed: the stray `)` (page damage) that starts a heading of 001.
    expect(missing).toEqual(name === '001' ? [')加强组织领导,专题研究部署。'] : []);
    if (name === '001') expect(plain).toContain('\n加强组织领导,专题研究部署。\n');
    for (const s of r.sentences) expect(plain).toContain(s);
  });

  it('keeps the title line out of the body', () => {
    if (!want.titleInferred) expect(plain).not.toContain(want.title);
  });

  it('escapes the text so MDX reads no JSX, expressions, lists, rules or emphasis', () => {
    const types = nodeTypes(r.mdx);
    expect([...types].filter((t) => FORBIDDEN_NODES.has(t))).toEqual([]);
    expect([...types].sort()).toEqual(expect.arrayContaining(['heading', 'paragraph', 'root', 'text']));
  });
});

describe('seed 000 specifics', () => {
  const r = result('000');
  const plain = mdxToPlainText(r.mdx);

  it('has the expected h2 and h3 headings, marker text verbatim', () => {
    expect(r.body).toMatch(/^## 一、 主要举措和成效$/m);
    expect(r.body).toMatch(/^### \(一\)强化组织引领作用,构建规范法治主体$/m);
    expect(r.body).toMatch(/^#### 1\.强化改革,提升行政审批服务效能。$/m);
    expect(r.body).toMatch(/^## 四、2023年工作安排$/m);
  });

  it('keeps 《…<…>…》 as literal text', () => {
    expect(plain).toContain('《中共中央办公厅、国务院办公厅关于印发<法治政府建设与责任落实督察工作规定的>的通知》');
    expect(plain).toContain('《<法治高新建设规划(2021—2025年)>重要举措分工方案》');
  });

  it('keeps the four redactions as literal asterisks, escaped in the MDX', () => {
    expect(plain.match(/\*{5}/g)).toHaveLength(4);
    expect(plain).toContain('共收到服务评价*****份');
    expect(r.body.match(/\\\*\\\*\\\*\\\*\\\*/g)).toHaveLength(4);
  });

  it('keeps the salutation as the opening paragraph', () => {
    expect(plain.split('\n')[0]).toBe('漳州市人民政府:');
    expect(r.body.startsWith('漳州市人民政府:\n\n2022年,我区')).toBe(true);
  });

  it('does not make 一是…二是… a heading', () => {
    expect(r.body).not.toMatch(/^#+ 一是/m);
    expect(plain).toContain('一是“加”服务。');
  });
});

describe('seed 001 and 004 signature blocks', () => {
  it('001: the signature closes the body as one paragraph with a line break', () => {
    const r = result('001');
    expect(r.body.trimEnd().endsWith('佳木斯市前进区人民政府\\\n2021年2月19日')).toBe(true);
    expect(mdxToPlainText(r.mdx).endsWith('佳木斯市前进区人民政府\n2021年2月19日')).toBe(true);
  });

  it('001: the stray `)` line is a level-3 heading without the paren, the bare numbers level-4', () => {
    const r = result('001');
    expect(r.body).toMatch(/^### 加强组织领导,专题研究部署。$/m);
    expect(r.body).toMatch(/^#### 1加强矛盾纠纷排查化解。$/m);
    expect(r.body).toMatch(/^#### 4持续加强法治宣传教育。$/m);
    expect(r.warnings.join('\n')).toContain('line 8 starts with a stray ")"');
  });

  it('004: 专此报告。 stays body text before the signature', () => {
    const r = result('004');
    expect(r.body.trimEnd().endsWith('专此报告。\n\n深圳市宝安区人民政府\\\n2023年12月20日')).toBe(true);
  });

  it('004: splits run-on headings at the first 。', () => {
    const r = result('004');
    expect(r.body).toContain('### (一)积极贯彻落实习近平总书记重要讲话重要指示精神,全面系统深入贯彻落实党的二十大关于法治建设重大部署。\n\n开展“第一议题”学习56次,');
    expect(r.body).toMatch(/^## 十一、存在的不足及下一步工作安排$/m);
  });
});

describe('003 run-on `1. ` headings', () => {
  it('makes them level-4 headings, not list items', () => {
    const r = result('003');
    expect(r.body).toMatch(/^#### 1\. 深学细悟笃行,全面落实党的二十大精神。$/m);
    expect(r.body).toContain('\n\n深入学习党的二十大报告关于法治建设重大部署精神,');
  });
});

describe('importText options and errors', () => {
  const raw = readSeed(SEEDS[2]);

  it('uses the given place and year, warning when the year differs from the text', () => {
    const r = importText(raw, { places, placeId: 'hunan/huaihua', year: 2022 });
    expect(r.year).toBe(2022);
    expect(r.warnings.join('\n')).toContain('the given year 2022 differs');
  });

  it('rejects an unknown place with a bilingual message saying how to add it', () => {
    expect(() => importText(raw, { places, placeId: 'hunan/yueyang' })).toThrowError(/不在 places.yaml 中 .*unknown place "hunan\/yueyang"[\s\S]*- id: hunan\/yueyang/);
  });

  it('fails clearly when no place can be inferred', () => {
    const err = (() => {
      try {
        importText('关于某县2023年度法治政府建设情况的报告\n2023年，某县开展了工作。', { places });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('no-place');
    expect((err as ImportError).message).toMatch(/无法.*识别地区.*--place/);
  });

  it('fails clearly when no year can be found', () => {
    expect(() => importText('关于怀化市法治政府建设情况的报告\n我市开展了工作。', { places })).toThrowError(/--year/);
  });

  it('does not take the addressee in the salutation for the place', () => {
    // 漳州市 is only the addressee: a report of an unlisted county under it must not become the city's.
    expect(() => importText('漳州市人民政府:\n2022年,我县开展了工作。', { places })).toThrowError(/识别地区/);
    expect(importText('漳州市人民政府:\n2022年,漳州高新区开展了工作。', { places }).placeId).toBe('fujian/zhangzhou/gaoxin');
  });
});

describe('place helpers', () => {
  it('builds full names like src/data/places.ts', () => {
    const byId = (id: string) => places.find((p) => p.id === id)!;
    expect(placeFullName(byId('guangdong/shenzhen/baoan'), places)).toBe('深圳市宝安区');
    expect(placeFullName(byId('hunan/huaihua'), places)).toBe('怀化市');
    expect(placeFullName(byId('fujian/zhangzhou/gaoxin'), places)).toBe('漳州高新技术产业开发区');
  });

  it('prefers the deepest named place', () => {
    expect(matchPlaces(['深圳市宝安区人民政府'], places).map((p) => p.id)).toEqual(['guangdong/shenzhen/baoan']);
    expect(matchPlaces(['漳州高新区管委会'], places).map((p) => p.id)).toEqual(['fujian/zhangzhou/gaoxin']);
    expect(matchPlaces(['没有地名'], places)).toEqual([]);
  });

  it('recognises title lines, not opening sentences', () => {
    expect(looksLikeTitle('关于怀化市2023年度法治政府建设情况的报告')).toBe(true);
    expect(looksLikeTitle('2023年,坦洲镇坚持以习近平新时代中国特色社会主义思想为指导,不断深化法治政府建设。')).toBe(false);
  });
});

describe('cleanText', () => {
  it('extracts publisher and dates from the metadata lines', () => {
    const c = cleanText(readSeed(SEEDS[1]));
    expect(c).toMatchObject({ publisher: '区司法局', publishedDate: '2021-02-23' });
    const d = cleanText('标题\n\n发布时间:2024-02-22 15:24信息来源:怀化市司法局\n正文。');
    expect(d).toMatchObject({ publisher: '怀化市司法局', publishedDate: '2024-02-22' });
    expect(d.lines.map((l) => l.text)).toEqual(['标题', '正文。']);
  });

  it('drops the repeated title, and everything from 扫一扫在手机打开当前页 on', () => {
    const c = cleanText(readSeed(SEEDS[0]));
    expect(c.lines.filter((l) => l.text.startsWith('漳州高新区管委会关于2022年度'))).toHaveLength(1);
    expect(c.lines.at(-1)!.text).toMatch(/^\(三\)努力实现法律服务多元发展。/);
  });

  it('only drops chrome words as whole lines, never inside sentences', () => {
    const c = cleanText('正文:\n关注\n收藏\n业主\n-\n3人觉得有用\n标签: 法治\n要关注群众诉求,业主委员会收藏登录数据。');
    expect(c.lines.map((l) => l.text)).toEqual(['正文:', '要关注群众诉求,业主委员会收藏登录数据。']);
  });

  it('normalises NBSP and ideographic spaces', () => {
    expect(cleanText('\u3000\u3000一、总体情况\u00a0\n').lines[0].text).toBe('一、总体情况');
    expect(normalizeSpace('a\u00a0\u00a0b')).toBe('a b');
  });
});

describe('keepHandEdited', () => {
  it('keeps indicators, source.url, source.site and draft, regenerates the rest', () => {
    const fresh = result('002').frontmatter;
    const existing = {
      title: '旧标题',
      year: 2023,
      issuer: '旧',
      draft: true,
      source: { site: '怀化市人民政府网', url: 'https://www.huaihua.gov.cn/x.html', publisher: '旧来源' },
      indicators: { reconsiderationReceived: { value: 1, quote: '某某' } },
    };
    const { frontmatter, kept } = keepHandEdited(fresh, existing);
    expect(frontmatter).toEqual({
      title: fresh.title,
      year: 2023,
      issuer: '怀化市',
      publishedDate: '2024-02-22',
      source: { site: '怀化市人民政府网', url: 'https://www.huaihua.gov.cn/x.html', publisher: '怀化市司法局' },
      draft: true,
      indicators: existing.indicators,
    });
    expect(kept.sort()).toEqual(['draft', 'indicators', 'source.site', 'source.url']);
    expect(Object.keys(frontmatter).at(-1)).toBe('indicators');
  });

  it('leaves a published entry published and never puts the prefilled indicators in it', () => {
    const fresh = result('002').frontmatter;
    expect(fresh.draft).toBe(true);
    expect(Object.keys(fresh.indicators).length).toBeGreaterThan(0);
    const { frontmatter, kept } = keepHandEdited(fresh, { title: '旧标题', year: 2023, issuer: '旧' });
    expect(frontmatter).not.toHaveProperty('draft');
    expect(frontmatter.indicators).toEqual({});
    expect(kept).toEqual([]);
  });
});

describe('import CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-import-'));
  cpSync(join(CONTENT, 'places.yaml'), join(dir, 'places.yaml'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { log: (s) => out.push(s), error: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const target = join(dir, 'reports/hunan/huaihua/2023.mdx');

  it('prints usage with --help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^用法 \/ usage:/);
  });

  it('writes nothing with --dry-run', async () => {
    const r = await run(seedPath(SEEDS[2]), '--out', dir, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('dry run');
    expect(existsSync(target)).toBe(false);
  });

  it('creates the entry as a draft, then re-imports the draft keeping the hand-edited fields', async () => {
    const created = await run(seedPath(SEEDS[2]), '--out', dir);
    expect(created.out).toContain('已新建 / created');
    expect(created.out).toContain('written as a draft');
    const first = readFileSync(target, 'utf8');
    expect(first).toBe(result('002').mdx);
    expect(splitMdxFile(first).data.draft).toBe(true);

    const old = splitMdxFile(first);
    const handChecked = { reconsiderationReceived: { value: 1, quote: '一是强化思想引领' } };
    writeFileSync(target, mdxFile({ ...old.data, indicators: handChecked }, old.body.replace('## 一、2023年主要工作', '## 改坏的标题')));
    const again = await run(seedPath(SEEDS[2]), '--out', dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain('kept hand-edited fields: draft, indicators');
    expect(again.out).not.toContain('written as a draft');
    expect(again.out).not.toContain('backed up');
    const { data, body } = splitMdxFile(readFileSync(target, 'utf8'));
    expect(data.draft).toBe(true);
    expect(data.indicators).toEqual({ reconsiderationReceived: { value: 1, quote: '一是强化思想引领' } });
    expect(body).toContain('## 一、2023年主要工作');
  });

  it('exits 1 on an unknown place, saying how to add it', async () => {
    const r = await run(seedPath(SEEDS[2]), '--out', dir, '--place', 'hunan/yueyang');
    expect(r.code).toBe(1);
    expect(r.err).toContain('- id: hunan/yueyang');
  });

  it('exits 1 on a bad year, a missing file or an old .doc', async () => {
    expect((await run(seedPath(SEEDS[2]), '--out', dir, '--year', '23')).code).toBe(1);
    expect((await run(join(dir, 'nope.txt'), '--out', dir)).code).toBe(1);
    expect((await run('--out', dir)).code).toBe(1);
    writeFileSync(join(dir, 'old.doc'), 'not a docx');
    const doc = await run(join(dir, 'old.doc'), '--out', dir);
    expect(doc.code).toBe(1);
    expect(doc.err).toContain('另存为” .docx');
  });
});

describe('import CLI on the five seeds', () => {
  const run = (args: string[]) => main(args, { log: () => {}, error: (s) => void console.error(s) });
  const seedFiles = SEEDS.map(seedPath);

  it('imports them all into an empty content dir as drafts that pass the content check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-import-seeds-'));
    try {
      cpSync(join(CONTENT, 'places.yaml'), join(dir, 'places.yaml'));
      expect(await run([...seedFiles, '--out', dir])).toBe(0);
      for (const s of SEEDS) {
        const { data } = splitMdxFile(readFileSync(join(dir, 'reports', s.placeId, `${s.year}.mdx`), 'utf8'));
        expect(data.draft, s.placeId).toBe(true);
      }
      const errors = (await checkContent(dir)).filter((p) => p.severity === 'error');
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to re-import over the published seed entries of content/ and leaves them byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-import-rerun-'));
    try {
      cpSync(CONTENT, dir, { recursive: true });
      const errors: string[] = [];
      expect(await main([...seedFiles, '--out', dir], { log: () => {}, error: (s) => void errors.push(s) })).toBe(1);
      expect(errors).toHaveLength(SEEDS.length);
      for (const e of errors) expect(e).toMatch(/已发布的报告[\s\S]*--force[\s\S]* \/ .*is a published report/);
      const files = readdirSync(join(CONTENT, 'reports'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx'));
      expect(files).toHaveLength(SEEDS.length);
      expect(readdirSync(join(dir, 'reports'), { recursive: true, encoding: 'utf8' }).sort()).toEqual(readdirSync(join(CONTENT, 'reports'), { recursive: true, encoding: 'utf8' }).sort());
      for (const f of files) expect(readFileSync(join(dir, 'reports', f), 'utf8'), f).toBe(readFileSync(join(CONTENT, 'reports', f), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
