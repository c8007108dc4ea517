/**
 * Imports never lose data: a published entry is not replaced without --force, and then only after
 * a backup; a draft keeps its hand edits; a place id can never make the importer write outside
 * reports/ of the content dir. Exit codes through the real CLI, the rest through the library.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check';
import { backupFile, ImportError, importText, loadPlaces, reportTarget, saveEntry } from '../src/lib/import/importer';
import { mdxFile, splitMdxFile } from '../src/lib/content/mdx';
import { placeSchema } from '../src/schemas/place';
import { runImportCli } from './fixtures/import/cli';
import { readSeed, seedPath, SEEDS } from '../bench/fixtures/seeds';

const CONTENT_MIN = fileURLToPath(new URL('./fixtures/content-min', import.meta.url));
/** A published 怀化市 2023 entry whose title, dates, source and body were corrected by hand. */
const PUBLISHED = readFileSync(fileURLToPath(new URL('./fixtures/import/published-huaihua-2023.mdx', import.meta.url)), 'utf8');
/** Seed 002 is the 怀化市 2023 report: it imports onto reports/hunan/huaihua/2023.mdx. */
const SEED = seedPath(SEEDS[2]);
const ENTRY = 'reports/hunan/huaihua/2023.mdx';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
/** A copy of tests/fixtures/content-min with `entry` as its 怀化市 2023 report. */
function contentWith(entry: string): string {
  const dir = tempDir('fazhi-safety-');
  cpSync(CONTENT_MIN, dir, { recursive: true });
  writeFileSync(join(dir, ENTRY), entry);
  return dir;
}
/** Every file and folder under `dir`, relative, sorted. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BACKUP = /^2023\.mdx\.bak-\d{8}T\d{6}(?:-\d+)?$/;
const backupsIn = (dir: string) => readdirSync(join(dir, 'reports/hunan/huaihua')).filter((f) => BACKUP.test(f));

describe('import over a published entry (CLI)', () => {
  it('exits 1, names the file, says to pass --force, and leaves it byte-identical', () => {
    const dir = contentWith(PUBLISHED);
    const before = filesUnder(dir);
    const r = runImportCli(dir, [SEED]);
    expect(r.code).toBe(1);
    const target = join(dir, ENTRY);
    // Chinese first, then English, both naming the file and --force.
    expect(r.stderr).toMatch(new RegExp(`^${escape(SEED)}: ${escape(target)} 是已发布的报告（没有 draft: true）.*未改动任何文件.*--force.* / ${escape(target)} is a published report.*nothing was changed.*--force`));
    expect(readFileSync(target, 'utf8')).toBe(PUBLISHED);
    expect(filesUnder(dir)).toEqual(before);
  }, 30_000);

  it('no longer loses the hand-corrected title, dates, publisher and body', () => {
    const dir = contentWith(PUBLISHED);
    runImportCli(dir, [SEED]);
    const { data, body } = splitMdxFile(readFileSync(join(dir, ENTRY), 'utf8'));
    expect(data.title).toBe('怀化市人民政府关于2023年度法治政府建设情况的报告');
    expect(data.publishedDate).toBe('2024-02-26');
    expect(data.documentDate).toBe('2024-02-20');
    expect(data.source).toMatchObject({ publisher: '怀化市人民政府办公室' });
    expect(body).toContain('本段经人工核对、修改。');
  }, 30_000);

  it('with --force, keeps a backup identical to the old file, says where it is, then replaces it', () => {
    const dir = contentWith(PUBLISHED);
    const r = runImportCli(dir, [SEED, '--force']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [backup, ...more] = backupsIn(dir);
    expect(more).toEqual([]);
    expect(readFileSync(join(dir, 'reports/hunan/huaihua', backup), 'utf8')).toBe(PUBLISHED);
    expect(r.stdout).toContain(`原文件已备份到 / published entry; the old file is backed up at: ${relative(process.cwd(), join(dir, 'reports/hunan/huaihua', backup))}`);
    // Replaced by the seed's text; still published, the hand-checked indicators kept.
    const { data, body } = splitMdxFile(readFileSync(join(dir, ENTRY), 'utf8'));
    expect(body).not.toContain('本段经人工核对');
    expect(body).toContain('## 一、2023年主要工作');
    expect(data.draft).toBeUndefined();
    expect(data.indicators).toEqual({ reconsiderationReceived: { value: 568, quote: '办理复议案件568宗' } });
  }, 30_000);

  it('a backup is never taken for a report by the site or npm run check', async () => {
    const dir = contentWith(PUBLISHED);
    expect(runImportCli(dir, [SEED, '--force']).code).toBe(0);
    expect(runImportCli(dir, [SEED, '--force']).code).toBe(0);
    const backups = backupsIn(dir);
    expect(backups).toHaveLength(2);
    for (const b of backups) expect(b).not.toMatch(/\.mdx?$/i);
    const problems = await checkContent(dir);
    expect(problems.filter((p) => p.file.includes('.bak-'))).toEqual([]);
  }, 60_000);
});

describe('re-import over a draft (CLI)', () => {
  it('needs no --force, makes no backup and keeps the hand edits', () => {
    const { data, body } = splitMdxFile(PUBLISHED);
    const dir = contentWith(mdxFile({ ...data, draft: true }, body));
    const r = runImportCli(dir, [SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept hand-edited fields: source.site, source.url, draft, indicators');
    expect(backupsIn(dir)).toEqual([]);
    const after = splitMdxFile(readFileSync(join(dir, ENTRY), 'utf8')).data;
    expect(after.draft).toBe(true);
    expect(after.indicators).toEqual(data.indicators);
    expect(after.source).toMatchObject({ site: '怀化市人民政府网', url: (data.source as { url: string }).url });
  }, 30_000);
});

describe('saveEntry', () => {
  const places = loadPlaces(CONTENT_MIN);
  const result = importText(readSeed(SEEDS[2]), { places });

  it('refuses a published entry with ImportError published, writing nothing', () => {
    const dir = contentWith(PUBLISHED);
    const before = filesUnder(dir);
    expect(() => saveEntry(dir, result)).toThrowError(expect.objectContaining({ code: 'published' }));
    expect(readFileSync(join(dir, ENTRY), 'utf8')).toBe(PUBLISHED);
    expect(filesUnder(dir)).toEqual(before);
  });

  it('treats anything but draft: true as published', () => {
    for (const draft of [false, 'true', 'yes', null]) {
      const { data, body } = splitMdxFile(PUBLISHED);
      const dir = contentWith(mdxFile({ ...data, draft }, body));
      expect(() => saveEntry(dir, result), String(draft)).toThrowError(/已发布的报告/);
    }
  });

  it('with force, backs up first, and never overwrites an earlier backup', () => {
    const dir = contentWith(PUBLISHED);
    const now = new Date(2026, 11, 6, 15, 30, 0);
    const saved = saveEntry(dir, result, { force: true, now });
    expect(saved.backup).toBe(join(dir, `${ENTRY}.bak-20261206T153000`));
    expect(readFileSync(saved.backup!, 'utf8')).toBe(PUBLISHED);
    const replaced = readFileSync(join(dir, ENTRY), 'utf8');
    const again = saveEntry(dir, result, { force: true, now });
    expect(again.backup).toBe(join(dir, `${ENTRY}.bak-20261206T153000-2`));
    expect(readFileSync(again.backup!, 'utf8')).toBe(replaced);
    expect(readFileSync(saved.backup!, 'utf8')).toBe(PUBLISHED);
    expect(backupFile(join(dir, ENTRY), now)).toBe(join(dir, `${ENTRY}.bak-20261206T153000-3`));
  });
});

describe('place ids', () => {
  const BAD = ['hunan/../../etc', '../hunan', 'hunan/..', '/hunan/huaihua', 'hunan/huaihua/', 'hunan//huaihua', 'Hunan/huaihua', 'hunan\\huaihua', 'hunan/huai hua', '.', ''];

  it('the place schema accepts every id in use and rejects the others, naming the id and the rule', () => {
    const inUse = [fileURLToPath(new URL('../content/places.yaml', import.meta.url)), join(CONTENT_MIN, 'places.yaml')].flatMap((f) =>
      (YAML.parse(readFileSync(f, 'utf8')) as { id: string }[]).map((p) => p.id),
    );
    expect(inUse).toContain('guangdong/shenzhen/baoan');
    for (const id of inUse) expect(placeSchema.shape.id.safeParse(id).success, id).toBe(true);
    for (const id of BAD) {
      const r = placeSchema.safeParse({ id, name: '怀化市', level: 'prefecture' });
      expect(r.success, id).toBe(false);
      expect(r.error!.issues[0].message, id).toBe(
        `地区 id“${id}”不符合规则：只能由小写拼音字母、数字和连字符组成，各级之间用“/”分隔，如 guangdong/shenzhen/baoan（不能有大写、空格、“..”、空的一级或首尾的“/”）` +
          ` / place id "${id}" must be lowercase ASCII segments [a-z0-9-] joined by "/", like guangdong/shenzhen/baoan (no capitals, spaces, "..", empty segments or leading/trailing "/")`,
      );
    }
  });

  it('the importer rejects a bad --place and a bad id from places.yaml', () => {
    const raw = readSeed(SEEDS[2]);
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as ImportError;
      }
    };
    const given = err(() => importText(raw, { places: [{ id: 'hunan/../../etc', name: '怀化市' }], placeId: 'hunan/../../etc' }));
    expect(given?.code).toBe('bad-place-id');
    expect(given?.message).toMatch(/^--place 给出的地区 id“hunan\/\.\.\/\.\.\/etc”不符合规则.* \/ the place id "hunan\/\.\.\/\.\.\/etc" given with --place must be/);
    const listed = err(() => importText(raw, { places: [{ id: '../../escape', name: '怀化市', level: 'prefecture' }] }));
    expect(listed?.code).toBe('bad-place-id');
    expect(listed?.message).toMatch(/^places\.yaml 中“怀化市”的地区 id“\.\.\/\.\.\/escape”不符合规则.*请先改正 places\.yaml \/ .*fix places\.yaml first$/);
  });

  it('reportTarget only gives paths inside reports/ of the content dir', () => {
    expect(reportTarget('/srv/content', 'hunan/huaihua', 2023)).toBe('/srv/content/reports/hunan/huaihua/2023.mdx');
    for (const id of ['../../etc', 'hunan/../../..', '/etc/cron.d', 'hunan/./huaihua', '..']) {
      expect(() => reportTarget('/srv/content', id, 2023), id).toThrowError(expect.objectContaining({ code: 'outside-content' }));
    }
    expect(() => saveEntry('/srv/content', { ...importText(readSeed(SEEDS[2]), { places: loadPlaces(CONTENT_MIN) }), placeId: '../../../tmp/x' })).toThrowError(/拒绝写入.*refusing to write/);
  });

  it('saveEntry refuses a place folder that is a link to outside the content dir', () => {
    const dir = contentWith(PUBLISHED);
    const elsewhere = tempDir('fazhi-elsewhere-');
    rmSync(join(dir, 'reports/hunan'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'reports/hunan'));
    const result = importText(readSeed(SEEDS[2]), { places: loadPlaces(CONTENT_MIN) });
    expect(() => saveEntry(dir, result)).toThrowError(expect.objectContaining({ code: 'outside-content' }));
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a ".." id in places.yaml or --place makes the CLI exit 1 and write nothing outside (or inside) content', () => {
    const root = tempDir('fazhi-escape-');
    const content = join(root, 'content');
    mkdirSync(content);
    writeFileSync(join(content, 'places.yaml'), YAML.stringify([{ id: '../../escape', name: '怀化市', level: 'prefecture' }]));
    const before = filesUnder(root);

    // places.yaml is read through the place schema (src/lib/places/load.ts): the bad id stops the import before any text is read.
    const inferred = runImportCli(content, [SEED]);
    expect(inferred.code).toBe(1);
    expect(inferred.stderr).toContain('places.yaml:1 › ../../escape.id: 地区 id“../../escape”不符合规则');
    expect(filesUnder(root)).toEqual(before);

    writeFileSync(join(content, 'places.yaml'), readFileSync(join(CONTENT_MIN, 'places.yaml')));
    const listed = filesUnder(root);
    const given = runImportCli(content, [SEED, '--place', '../../escape']);
    expect(given.code).toBe(1);
    expect(given.stderr).toContain('--place 给出的地区 id“../../escape”不符合规则');

    expect(filesUnder(root)).toEqual(listed);
    expect(existsSync(join(root, 'escape'))).toBe(false);
  }, 30_000);
});
