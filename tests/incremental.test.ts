/** Incremental builds: which pages render again, by the digest of their props. */
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestFile, pagesToRender } from '../src/build/incremental';

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'fazhi-pages-'));
  process.env.PAGE_CACHE = cache;
});
afterEach(() => {
  delete process.env.PAGE_CACHE;
  rmSync(cache, { recursive: true, force: true });
});

/** As scripts/build.ts does once a build is in place: this build's manifests become the last build's. */
const promote = () => {
  rmSync(join(cache, 'current'), { recursive: true, force: true });
  renameSync(join(cache, 'next'), join(cache, 'current'));
};

// Data-layer objects as pages get them: places linked both ways, reports with their entry's digest.
const province = { id: 'hunan', name: '湖南省', fullName: '湖南省', level: 'province', ancestors: [], children: [] as unknown[] } as Record<string, unknown>;
province.province = province;
const city = { id: 'hunan/huaihua', name: '怀化市', fullName: '怀化市', level: 'prefecture', ancestors: [province], children: [], province };
(province.children as unknown[]).push(city);
const report = (digest: string) => ({ id: 'hunan/huaihua/2023', entry: { digest }, data: {}, place: city, year: 2023 });
const page = (digest: string, title = '标题') => ({ params: { place: 'hunan/huaihua', year: '2023' }, props: { report: report(digest), title } });
const other = { params: { place: 'hunan', year: '2023' }, props: { report: { ...report('b'), id: 'hunan/2023', place: province }, title: '省' } };
const url = (p: { params: { place: string; year: string } }) => `/places/${p.params.place}/${p.params.year}/`;

describe('pagesToRender', () => {
  it('renders every page without a cache, and every page the first time', () => {
    delete process.env.PAGE_CACHE;
    expect(pagesToRender('reports', [page('a'), other], url)).toHaveLength(2);
    process.env.PAGE_CACHE = cache;
    expect(pagesToRender('reports', [page('a'), other], url)).toHaveLength(2);
    expect(Object.keys(JSON.parse(readFileSync(manifestFile(cache, 'next', 'reports'), 'utf8')))).toEqual(['/places/hunan/huaihua/2023/', '/places/hunan/2023/']);
  });

  it('then only the pages whose props changed: a report’s file, other props, a place’s names', () => {
    pagesToRender('reports', [page('a'), other], url);
    promote();
    expect(pagesToRender('reports', [page('a'), other], url)).toEqual([]);
    promote();
    expect(pagesToRender('reports', [page('edited'), other], url).map(url)).toEqual(['/places/hunan/huaihua/2023/']);
    promote();
    expect(pagesToRender('reports', [page('edited', '新标题'), other], url).map(url)).toEqual(['/places/hunan/huaihua/2023/']);
    promote();
    province.fullName = '湖南省（改）';
    try {
      expect(pagesToRender('reports', [page('edited', '新标题'), other], url).map(url).sort()).toEqual(['/places/hunan/2023/', '/places/hunan/huaihua/2023/']);
    } finally {
      province.fullName = '湖南省';
    }
  });
});
