/**
 * The attack cases of tests/security/attacks.ts through real builds:
 * - every inert case is published, and then every HTML file of the site is parsed and holds no
 *   event attribute, no script but the site's own, no dangerous URL, no `<base>` or
 *   `<meta http-equiv>`; the open data and the feed keep hostile values as data; in Chromium the
 *   attack pages open no dialog and log no error;
 * - the rejected cases, all in one content directory, fail the build, which names every file with
 *   its line, writes no site and runs none of their code (the file they try to write never appears).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../bench/chromium';
import { buildFixture, type FixtureBuild } from '../helpers/fixture-build';
import { serveDist } from '../../bench/server';
import { ATTACKS, attackFile, SENTINEL, type Attack } from '../security/attacks';
import { activeContent, inlineScripts } from '../security/inert';

const FIXTURE = 'tests/fixtures/content-min';
const inert = ATTACKS.filter((a) => a.outcome === 'inert');
const rejected = ATTACKS.filter((a) => a.outcome === 'rejected');

/** Report slots: years of 怀化市 other than the fixture's 2023, then of 鹤城区 (added to places.yaml). */
const SLOTS = [
  ...Array.from({ length: 27 }, (_, i) => 2000 + i)
    .filter((y) => y !== 2023)
    .map((year) => ({ dir: 'hunan/huaihua', name: '怀化市', year })),
  ...Array.from({ length: 27 }, (_, i) => ({ dir: 'hunan/huaihua/hecheng', name: '鹤城区', year: 2000 + i })),
];

function writeAttacks(dir: string, attacks: readonly Attack[]): Map<Attack, { file: string; bodyStart: number; url: string }> {
  writeFileSync(join(dir, 'places.yaml'), `${readFileSync(join(dir, 'places.yaml'), 'utf8').trimEnd()}\n- id: hunan/huaihua/hecheng\n  name: 鹤城区\n  level: county\n`);
  const where = new Map<Attack, { file: string; bodyStart: number; url: string }>();
  attacks.forEach((a, i) => {
    const slot = SLOTS[i];
    const { text, bodyStart } = attackFile(a, slot.year, slot.name);
    const file = `reports/${slot.dir}/${slot.year}.mdx`;
    mkdirSync(join(dir, 'reports', slot.dir), { recursive: true });
    writeFileSync(join(dir, file), text);
    where.set(a, { file, bodyStart, url: `/places/${slot.dir}/${slot.year}/` });
  });
  return where;
}

const htmlFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));

describe('a site built with the inert attack cases', { timeout: 300_000 }, () => {
  let build: FixtureBuild & { dir: string };
  let where: ReturnType<typeof writeAttacks>;
  /** Inline scripts of every page of the site built from clean content: the site's own. */
  const own = new Set<string>();
  beforeAll(async () => {
    rmSync(SENTINEL, { force: true });
    const clean = await buildFixture(FIXTURE, () => {});
    for (const f of htmlFiles(clean.out)) for (const s of inlineScripts(readFileSync(join(clean.out, f), 'utf8'))) own.add(s);
    rmSync(clean.dir, { recursive: true, force: true });
    build = await buildFixture(FIXTURE, (dir) => {
      where = writeAttacks(dir, inert);
    }, { pagefind: true });
  }, 300_000);
  afterAll(() => rmSync(build.dir, { recursive: true, force: true }));

  it('is built and publishes every case', () => {
    expect(build.ok, build.output.slice(-3000)).toBe(true);
    for (const [a, w] of where) expect(existsSync(join(build.out, w.url, 'index.html')), a.name).toBe(true);
  });

  it('has nothing active in any page', () => {
    expect(own.size).toBeGreaterThan(0);
    const files = htmlFiles(build.out);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(activeContent(readFileSync(join(build.out, f), 'utf8'), { ownScripts: own }), f).toEqual([]);
  });

  it('shows the attack text as text', () => {
    const page = (a: Attack) => readFileSync(join(build.out, where.get(inert.find((x) => x === a)!)!.url, 'index.html'), 'utf8');
    expect(page(inert.find((a) => a.name === 'entities that spell a script')!)).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(page(inert.find((a) => a.name === 'escaped tags')!)).toContain('&#x3C;img src=x onerror=alert(1)>');
  });

  it('keeps hostile values as data in the open data and the feed', () => {
    const hostile = inert.find((a) => a.title)!;
    const reports = JSON.parse(readFileSync(join(build.out, 'data/reports.json'), 'utf8')) as { reports: { title: string }[] };
    expect(reports.reports.map((r) => r.title)).toContain(hostile.title);
    const feed = readFileSync(join(build.out, 'feed.xml'), 'utf8');
    expect(feed).not.toMatch(/<script/i);
    expect(feed).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('wrote no file at build time', () => {
    expect(existsSync(SENTINEL)).toBe(false);
  });

  it('opens no dialog and logs no error in Chromium', async () => {
    const server = await serveDist(build.out);
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      const events: string[] = [];
      page.on('dialog', (d) => {
        events.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') events.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
      for (const [a, w] of where) {
        await page.goto(server.url(w.url), { waitUntil: 'load' });
        // Hover and focus everything, as a reader's pointer and keyboard would.
        await page.evaluate(() => {
          for (const el of document.querySelectorAll('#report-body *')) {
            for (const type of ['mouseover', 'focus', 'click', 'toggle']) el.dispatchEvent(new Event(type, { bubbles: false }));
          }
        });
        expect(events, a.name).toEqual([]);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('a build with the rejected attack cases', { timeout: 300_000 }, () => {
  let build: FixtureBuild & { dir: string };
  let where: ReturnType<typeof writeAttacks>;
  beforeAll(async () => {
    rmSync(SENTINEL, { force: true });
    build = await buildFixture(FIXTURE, (dir) => {
      where = writeAttacks(dir, rejected);
    });
  }, 300_000);
  afterAll(() => rmSync(build.dir, { recursive: true, force: true }));

  it('fails, naming every file with its line or field', () => {
    expect(build.ok).toBe(false);
    for (const [a, w] of where) {
      const at = a.field ? new RegExp(`${w.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+ › ${a.field.replace('.', '\\.')}`) : `${w.file}:${w.bodyStart + a.line! - 1}: `;
      expect(build.output, a.name).toMatch(at);
    }
  });

  it('publishes nothing and runs none of their code', () => {
    expect(existsSync(join(build.out, 'index.html'))).toBe(false);
    expect(existsSync(SENTINEL)).toBe(false);
    expect(build.output).not.toMatch(/uid=\d+/);
  });
});
