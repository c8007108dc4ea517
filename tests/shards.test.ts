import { describe, expect, it } from 'vitest';
import {
  countByProvince,
  keepInAssembly,
  ownerOfPath,
  parseShardSpec,
  planShards,
  reportPageYear,
  shardScope,
  shardCountFor,
} from '../src/build/shards';

describe('parseShardSpec', () => {
  it('reads k/n and rejects anything else with the variable named', () => {
    expect(parseShardSpec(undefined)).toBeUndefined();
    expect(parseShardSpec('0/8')).toEqual({ index: 0, count: 8 });
    expect(parseShardSpec(' 3/3 ')).toEqual({ index: 3, count: 3 });
    for (const bad of ['4/3', '1/0', 'two/3', '1']) expect(() => parseShardSpec(bad)).toThrow(/SHARD/);
  });
});

describe('planShards', () => {
  const counts = new Map([
    ['guangdong', 900],
    ['hunan', 500],
    ['fujian', 450],
    ['hainan', 60],
    ['xizang', 40],
  ]);

  it('puts every province in exactly one shard, balancing report counts', () => {
    const plan = planShards(counts, 2);
    expect([...plan.keys()].sort()).toEqual([...counts.keys()].sort());
    const load = [1, 2].map((k) => [...plan].filter(([, s]) => s === k).reduce((a, [p]) => a + counts.get(p)!, 0));
    expect(load.reduce((a, b) => a + b)).toBe(1950);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(60);
  });

  it('is the same whatever order the counts come in', () => {
    const reversed = new Map([...counts].reverse());
    expect([...planShards(reversed, 3)].sort()).toEqual([...planShards(counts, 3)].sort());
  });

  it('never plans more shards than provinces with reports: a shard must have reports to index', () => {
    expect(shardCountFor(34, 31)).toBe(31);
    expect(shardCountFor(7, 31)).toBe(7);
    expect(shardCountFor(3, 0)).toBe(1);
    const plan = planShards(counts, shardCountFor(9, counts.size));
    expect(new Set(plan.values())).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('counts reports per province from entry ids', () => {
    expect(countByProvince(['hunan/huaihua/2023', 'hunan/2022', 'fujian/zhangzhou/gaoxin/2022'])).toEqual(
      new Map([
        ['hunan', 2],
        ['fujian', 1],
      ]),
    );
  });
});

describe('what a shard owns', () => {
  const plan = new Map([
    ['hunan', 1],
    ['guangdong', 2],
  ]);

  it('gives a province its place pages and place data, everything else to shard 0', () => {
    expect(ownerOfPath('/places/hunan/huaihua/2023/index.html', plan)).toBe(1);
    expect(ownerOfPath('/places/guangdong/', plan)).toBe(2);
    expect(ownerOfPath('/data/places/guangdong/shenzhen.json', plan)).toBe(2);
    expect(ownerOfPath('/data/places/hunan.json', plan)).toBe(1);
    for (const p of ['/places/', '/places/index.html', '/index.html', '/data/indicators.csv', '/search/index.html', '/feed.xml']) {
      expect(ownerOfPath(p, plan), p).toBe(0);
    }
  });

  it('scopes a build: shard 0 renders no province, a whole build everything', () => {
    const whole = shardScope(undefined, plan);
    expect(whole.national && whole.hasProvince('hunan')).toBe(true);
    const national = shardScope({ index: 0, count: 2 }, plan);
    expect(national.national).toBe(true);
    expect(national.hasProvince('hunan')).toBe(false);
    const second = shardScope({ index: 2, count: 2 }, plan);
    expect(second.national).toBe(false);
    expect([second.hasProvince('guangdong'), second.hasProvince('hunan')]).toEqual([true, false]);
    expect([ownerOfPath('/places/guangdong/2023/', plan), ownerOfPath('/', plan)]).toEqual([second.spec!.index, 0]);
  });

  it('keeps each file of the assembled site from exactly one shard', () => {
    const files = [
      'index.html',
      'places/index.html',
      'places/hunan/huaihua/2023/index.html',
      'places/guangdong/index.html',
      'data/places/hunan.json',
      'pagefind/2024-1/pagefind.js',
    ];
    const keptBy = (rel: string) => [0, 1, 2].filter((k) => keepInAssembly(rel, k, plan));
    expect(Object.fromEntries(files.map((f) => [f, keptBy(f)]))).toEqual({
      'index.html': [0],
      'places/index.html': [0],
      'places/hunan/huaihua/2023/index.html': [1],
      'places/guangdong/index.html': [2],
      'data/places/hunan.json': [1],
      'pagefind/2024-1/pagefind.js': [],
    });
    // Hashed assets are the same in every shard: any copy will do.
    expect(keptBy('_astro/app.1a2b.css')).toEqual([0, 1, 2]);
  });

  it('knows report pages by their year', () => {
    expect(reportPageYear('places/hunan/huaihua/2023/index.html')).toBe(2023);
    expect(reportPageYear('places/hunan/huaihua/index.html')).toBeUndefined();
    expect(reportPageYear('places/index.html')).toBeUndefined();
  });
});
