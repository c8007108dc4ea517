/**
 * The build's orchestration on temp dirs, with stand-ins for its two processes (astro build and
 * the search index): a whole-site build published, rebuilt incrementally with unchanged pages
 * carried over, and nothing published (the last build's stamp kept) when its check fails; shard planning, shards
 * skipped when unchanged, and the assembly of their outputs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestFile } from '../../src/build/incremental';
import { indexWorkDir, type BuildOptions } from '../../src/build/options';
import { bundleWorkDir, stopListWorkFile } from '../../src/lib/search/indexer';
import { planSite, SHARD_AT, ShardedBuild, shardDir } from '../../src/build/sharded';
import { BuildSteps, failureMessage } from '../../src/build/steps';
import { buildWhole, pageStateDir, type BuildStages } from '../../src/build/whole';
import { readConfig } from '../../src/lib/config';
import { BUNDLE_LIST_PATH, bundleListOf, planBundles } from '../../src/lib/search/bundles';
import { CONTENT_PROBLEMS } from '../../src/lib/content/validate';

const tmp = mkdtempSync(join(tmpdir(), 'fazhi-build-orch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const write = (file: string, text = 'x') => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

/** A project root with a little code, and a content directory, in a fresh temp dir. */
function project(): BuildOptions & { lines: string[] } {
  const root = join(tmp, `${n++}-project`);
  write(join(root, 'src/index.ts'), 'export {};');
  const contentDir = join(root, 'content');
  write(join(contentDir, 'places.yaml'), '[]');
  const lines: string[] = [];
  return { root, contentDir, config: readConfig({}), out: join(root, 'dist'), work: join(root, '.shards'), env: {}, log: (l) => lines.push(l), lines };
}

const reports = [
  { placeId: 'hunan/huaihua', year: 2023, url: '/places/hunan/huaihua/2023/' },
  { placeId: 'hunan/changsha', year: 2023, url: '/places/hunan/changsha/2023/' },
];

/**
 * Stand-in stages: the "astro build" renders the pages whose text is new (recording every page in
 * the page state's manifest, as pagesToRender does), and the index is the bundles of `reports`.
 */
function stages(o: BuildOptions, texts: Record<string, string>): BuildStages {
  let last: Record<string, string> = {};
  return {
    renderSite: async (dist, cache) => {
      for (const [url, text] of Object.entries(texts)) if (last[url] !== text) write(join(dist, url, 'index.html'), text);
      write(join(dist, 'index.html'), 'home');
      write(join(dist, 'data/reports.json'), JSON.stringify({ reports: reports.map((r) => ({ url: `https://example.org${r.url}` })) }));
      write(join(dist, BUNDLE_LIST_PATH), JSON.stringify(bundleListOf(reports)));
      if (cache) write(manifestFile(cache, 'next', 'report'), JSON.stringify(texts));
      last = { ...texts };
    },
    index: async (siteBuilt) => {
      const site = await siteBuilt;
      const bundles = planBundles(reports);
      for (const b of bundles) write(join(bundleWorkDir(indexWorkDir(o), b), 'bundle/pagefind.js'));
      for (const b of bundles) write(stopListWorkFile(indexWorkDir(o), b.year), '{"pairs":""}');
      return { site, bundles };
    },
  };
}

describe('whole-site build', () => {
  it('publishes a checked site with its sitemap, then rebuilds incrementally: unchanged pages linked from the last output', async () => {
    const o = project();
    const texts = { [reports[0].url]: 'a', [reports[1].url]: 'b' };
    const s = stages(o, texts);
    await buildWhole(o, s);
    expect(readFileSync(join(o.out, reports[0].url, 'index.html'), 'utf8')).toBe('a');
    expect(existsSync(join(o.out, 'sitemap-index.xml'))).toBe(true);
    expect(existsSync(`${o.out}.next`)).toBe(false);
    expect(existsSync(join(o.out, 'pagefind/2023-1/pagefind.js'))).toBe(true);
    // This build's page records become the last build's, for the next one.
    expect(JSON.parse(readFileSync(manifestFile(pageStateDir(o), 'current', 'report'), 'utf8'))).toEqual(texts);
    expect(existsSync(join(pageStateDir(o), 'next'))).toBe(false);
    const kept = statSync(join(o.out, reports[0].url, 'index.html')).ino;

    texts[reports[1].url] = 'b2';
    await buildWhole(o, s);
    expect(o.lines).toContain('增量构建 / incremental: 1 pages kept from the last build');
    expect(statSync(join(o.out, reports[0].url, 'index.html')).ino).toBe(kept);
    expect(readFileSync(join(o.out, reports[1].url, 'index.html'), 'utf8')).toBe('b2');
  });

  it('renders every page again when the code changed, and publishes nothing when the site check fails', async () => {
    const o = project();
    const s = stages(o, { [reports[0].url]: 'a', [reports[1].url]: 'b' });
    await buildWhole(o, s);
    const stamp = join(pageStateDir(o), 'code.sha256');
    expect(existsSync(stamp)).toBe(true);
    write(join(o.root, 'src/index.ts'), 'export const changed = 1;');
    const lines = o.lines.length;
    // A build whose site lacks a report page: refused before publishing; the last site stays, and
    // with the code changed there is no stamp left to make the next build incremental.
    await expect(buildWhole(o, stages(o, { [reports[0].url]: 'a2' }))).rejects.toThrow(/缺少 1 个报告页/);
    expect(o.lines.slice(lines).some((l) => l.includes('增量构建'))).toBe(false);
    expect(readFileSync(join(o.out, reports[0].url, 'index.html'), 'utf8')).toBe('a');
    expect(existsSync(stamp)).toBe(false);
    expect(existsSync(`${o.out}.next/index.html`)).toBe(true);
  });
});

describe('sharded build', () => {
  const ids = ['anhui/hefei/2023', 'beijing/2023', 'beijing/2022', 'hunan/huaihua/2023', 'hunan/huaihua/2022', 'hunan/2023'];

  it('plans one shard up to SHARD_AT reports, as many as asked otherwise, but no more than provinces', () => {
    expect(planSite(ids).count).toBe(1);
    expect(SHARD_AT).toBeGreaterThan(ids.length);
    const plan = planSite(ids, 2);
    expect(plan.count).toBe(2);
    expect(plan.plan.get('hunan')).toBe(1);
    expect(new Set(plan.plan.values())).toEqual(new Set([1, 2]));
    expect(planSite(ids, 5)).toMatchObject({ count: 3, wanted: 5, provinces: 3 });
    expect(() => planSite(ids, 0, '0')).toThrow(/--shards 必须是正整数 \/ --shards must be a positive integer \(got 0\)/);
  });

  function sharded() {
    const o = project();
    for (const id of ids) write(join(o.contentDir, 'reports', `${id}.mdx`), `---\ntitle: ${id}\n---\n正文`);
    const shards = planSite(ids, 2);
    const built: number[] = [];
    const build = new ShardedBuild(
      { ...o, ids, shards, jobs: 2 },
      {
        renderShard: async (k, dist) => {
          built.push(k);
          // Every shard renders the national pages too, and assets alike; only shard 0's national pages are kept.
          write(join(dist, 'index.html'), `home of ${k}`);
          write(join(dist, '_astro/app.js'), 'js');
          write(join(dist, BUNDLE_LIST_PATH), `list of ${k}`);
          for (const [province, shard] of shards.plan) if (shard === k) write(join(dist, 'places', province, 'index.html'), `${province} by ${k}`);
        },
        index: async (siteBuilt) => ({ site: await siteBuilt, bundles: [] }),
      },
    );
    return { o, build, built, shards };
  }

  it('builds changed shards only, and assembles each file from the shard that owns it', async () => {
    const { o, build, built, shards } = sharded();
    await build.build([0, 1, 2]);
    expect(built.sort()).toEqual([0, 1, 2]);
    expect([0, 1, 2].every((k) => build.upToDate(k))).toBe(true);
    const next = build.assemblePages(join(o.root, 'dist.assembling'));
    expect(readFileSync(join(next, 'index.html'), 'utf8')).toBe('home of 0');
    expect(readFileSync(join(next, BUNDLE_LIST_PATH), 'utf8')).toBe('list of 0');
    for (const [province, k] of shards.plan) expect(readFileSync(join(next, 'places', province, 'index.html'), 'utf8')).toBe(`${province} by ${k}`);
    expect(existsSync(join(next, '_astro/app.js'))).toBe(true);
    expect(await build.buildOne(1)).toBe(false);
  });

  it('sees a shard whose last build did not finish as changed, and refuses to assemble a shard never built', async () => {
    const { o, build } = sharded();
    await build.build([0, 1]);
    rmSync(join(shardDir(o, 1), 'inputs.sha256'));
    expect(build.upToDate(1)).toBe(false);
    await expect(build.buildOne(3)).rejects.toThrow(/--shard 应在 0 到 2 之间/);
    expect(() => build.assemblePages(join(o.root, 'dist.assembling'))).toThrow(/分片 2 尚未构建（缺少 \.shards\/2\/dist）/);
  });
});

describe('build steps', () => {
  it('a failed step lists content problems whole, otherwise the end of its log', () => {
    const log = `${'x'.repeat(5000)}\nline before\n${CONTENT_PROBLEMS} 2\nreports/a.mdx: bad`;
    expect(failureMessage('astro site', 'astro', ['build'], 1, log)).toBe(`astro site 失败 / failed (exit 1): astro build\n${CONTENT_PROBLEMS} 2\nreports/a.mdx: bad`);
    expect(failureMessage('astro 1/2', 'astro', [], 2, 'y'.repeat(4000), '[1/2] ')).toMatch(/^\[1\/2\] astro 1\/2 失败 \/ failed \(exit 2\): astro \ny{3000}$/);
  });

  it('runs a command with its figures, and its last line is what npm run bench reads', async () => {
    const steps = new BuildSteps(tmp, { PATH: process.env.PATH });
    const out = await steps.run('echo', process.execPath, ['-e', 'console.log(process.env.ASTRO_TELEMETRY_DISABLED)']);
    expect(out).toBe('1\n');
    await expect(steps.run('fails', process.execPath, ['-e', 'process.exit(3)'])).rejects.toThrow(/fails 失败 \/ failed \(exit 3\)/);
    steps.record('search index', 12.4);
    const figures = JSON.parse(steps.line({ assembleMs: 5 }).replace(/^build-steps: /, '')) as { steps: { step: string; ms: number }[]; assembleMs: number };
    expect(figures.steps.map((s) => s.step)).toEqual(['echo', 'search index']);
    expect(figures.assembleMs).toBe(5);
  });
});
