/**
 * `npm run import -- <folder>`: every importable file in a folder (and its subfolders) in one run,
 * ending with a summary table (file → place, year, title, outcome); a broken file is listed as
 * failed and never stops the others; the exit code is 1 when any failed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs, main, summaryTable } from '../src/lib/import/cli';
import { ensureChromium } from '../bench/chromium';
import { ensureCjkFonts } from '../bench/fonts';
import { launchBrowser } from '../bench/browser';
import { splitMdxFile } from '../src/lib/content/mdx';
import { readSeed, SEEDS } from '../bench/fixtures/seeds';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

describe('import of a folder', () => {
  it('imports every file, lists each in the summary, and fails only the broken ones', async () => {
    const content = tempDir('fazhi-batch-content-');
    cpSync('content/places.yaml', join(content, 'places.yaml'));
    const inbox = tempDir('fazhi-batch-inbox-');
    mkdirSync(join(inbox, '2023'));
    // Two seeds as saved by different tools: UTF-8 and GBK text; one as Word; then the broken ones.
    writeFileSync(join(inbox, '2023', 'a-huaihua.txt'), readSeed(SEEDS[2]));
    writeFileSync(join(inbox, 'b-baoan.txt'), iconv.encode(readSeed(SEEDS[4]), 'gbk'));
    const paragraphs = readSeed(SEEDS[1]).split('\n').filter((l) => l.trim());
    writeFileSync(join(inbox, 'c-qianjin.docx'), await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph(t)) }] })));
    // A PDF as a browser prints a report page (the CLI reads files as Node Buffers, which pdf.js refuses as they are).
    expect(await ensureChromium()).toBe(0);
    expect(ensureCjkFonts()).toBe(0);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const lines = readSeed(SEEDS[0]).split('\n').filter((l) => l.trim());
      const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      await page.setContent(`<html lang="zh-CN"><body style="font-size:16px">${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</body></html>`);
      writeFileSync(join(inbox, 'c2-gaoxin.pdf'), await page.pdf({ format: 'A4' }));
    } finally {
      await browser.close();
    }
    writeFileSync(join(inbox, 'd-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    // An old .doc is not picked out of a folder, but is refused with what to do when named.
    writeFileSync(join(inbox, 'e-old.doc'), Buffer.from('not really a doc'));
    writeFileSync(join(inbox, 'notes.md'), '不是报告');

    const log: string[] = [];
    const errors: string[] = [];
    const code = await main([inbox, join(inbox, 'e-old.doc'), '--out', content], { log: (s) => log.push(s), error: (s) => errors.push(s) });
    expect(code).toBe(1);

    const summary = log.at(-1)!;
    const rows = summary.split('\n').filter((l) => l.includes(inbox));
    // The .md and .doc files of the folder are left out; the others are listed in name order, then the .doc named.
    expect(rows.map((r) => r.split(/\s{2,}/)[0].replace(`${inbox}/`, ''))).toEqual(['2023/a-huaihua.txt', 'b-baoan.txt', 'c-qianjin.docx', 'c2-gaoxin.pdf', 'd-binary.txt', 'e-old.doc']);
    expect(rows[0]).toMatch(/hunan\/huaihua\s+2023\s+.*怀化市.*已新建 \/ created/);
    expect(rows[1]).toMatch(/guangdong\/shenzhen\/baoan\s+2023\s+.*已新建 \/ created/);
    expect(rows[2]).toMatch(/heilongjiang\/jiamusi\/qianjin\s+2020\s+.*已新建 \/ created/);
    expect(rows[3]).toMatch(/fujian\/zhangzhou\/gaoxin\s+2022\s+.*已新建 \/ created/);
    expect(rows[4]).toMatch(/失败 \/ failed: 不是文本文件/);
    expect(rows[5]).toMatch(/失败 \/ failed: 不支持旧版 \.doc 文件/);
    expect(summary).toMatch(/完成 4\/6 个 \/ imported 4 of 6/);
    expect(errors).toHaveLength(2);

    for (const s of [SEEDS[2], SEEDS[4], SEEDS[1], SEEDS[0]]) {
      const { data } = splitMdxFile(readFileSync(join(content, 'reports', s.placeId, `${s.year}.mdx`), 'utf8'));
      expect(data.year).toBe(s.year);
      expect(data.draft).toBe(true);
    }
  }, 60_000);

  it('names a folder with nothing to import and a path that does not exist', () => {
    const empty = tempDir('fazhi-batch-empty-');
    writeFileSync(join(empty, 'readme.md'), 'x');
    expect(expandInputs([empty, join(empty, 'missing.txt')])).toEqual([
      { file: empty, error: expect.stringContaining('文件夹中没有可导入的文件') },
      { file: join(empty, 'missing.txt'), error: expect.stringContaining('找不到该文件或文件夹') },
    ]);
  });

  it('aligns the summary for Chinese text, which takes two columns a character', () => {
    const table = summaryTable([
      { file: 'a.txt', place: 'hunan/huaihua', year: 2023, title: '关于怀化市的报告', outcome: '已新建 / created' },
      { file: 'bb.pdf', outcome: '失败 / failed: 扫描件' },
    ]);
    const lines = table.split('\n');
    const col = (line: string) => [...line.slice(0, line.indexOf('已新建') >= 0 ? line.indexOf('已新建') : line.indexOf('失败'))].reduce((n, c) => n + (/[\u4e00-\u9fff\uff08-\uff09]/.test(c) ? 2 : 1), 0);
    expect(col(lines[2])).toBe(col(lines[3]));
  });
});
