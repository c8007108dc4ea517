/** The build's plumbing: commands measured (output, exit code, peak memory of the tree), and the bundle pool's failures. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMeasured } from '../../src/build/proc';
import { BundleWriter } from '../../src/lib/search/bundle-writer';
import { planBundles } from '../../src/lib/search/bundles';

const tmp = mkdtempSync(join(tmpdir(), 'fazhi-plumbing-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('runMeasured', () => {
  it('gives the output, the exit code and the peak memory of the whole process tree', async () => {
    // A child that starts a grandchild holding about 150 MB: only the tree's sum can see it.
    const grandchild = 'const b = Buffer.alloc(150e6, 1); setTimeout(() => {}, 1200)';
    const script = `const { spawnSync } = require('node:child_process'); console.log('out'); console.error('err'); spawnSync(process.execPath, ['-e', ${JSON.stringify(grandchild)}]); process.exit(3)`;
    const r = await runMeasured(process.execPath, ['-e', script], { PATH: process.env.PATH });
    expect(r.code).toBe(3);
    expect(r.output.split('\n').sort()).toEqual(['', 'err', 'out']);
    expect(r.peakRss).toBeGreaterThan(150e6);
  });

  it('reports a command that cannot start as failed, with why', async () => {
    const r = await runMeasured('no-such-command-fazhi', [], {});
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('ENOENT');
  });
});

describe('BundleWriter', () => {
  it('fails, and never hangs, when its worker threads cannot start', async () => {
    const writer = new BundleWriter(join(tmp, 'index'), 2, new URL('./fixtures/broken-worker.ts', import.meta.url));
    const sources = [2023, 2022].map((year) => ({ id: `hunan/${year}`, url: `/places/hunan/${year}/`, year, placeId: 'hunan', key: String(year), doc: { title: 't', blocks: [] } as never }));
    for (const b of planBundles(sources)) writer.add(b.year, [b], []);
    await expect(writer.done()).rejects.toThrow();
    // Asked again (as the build does once the site is built), it answers at once with the same failure.
    await expect(writer.done()).rejects.toThrow();
  }, 30_000);
});
