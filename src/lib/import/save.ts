/**
 * Saving an imported report without losing data: a new entry is written as imported, a draft
 * keeps its hand-edited fields, a published entry is replaced only when forced and after a
 * backup, and nothing is ever written outside reports/ of the content directory.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isPlaceId, PLACE_ID_RULE } from '../../schemas/place';
import { reportSchema, type ReportFrontmatter } from '../../schemas/report';
import { mdxFile, splitMdxFile } from '../content/mdx';
import { isDraft } from '../content/published';
import { addPlaces, PlaceFileError } from './places';
import { ImportError, type ImportResult } from './types';
import { writeWhole } from './write';

/** Frontmatter fields people edit by hand; a re-import keeps them from the existing file. */
export const HAND_EDITED_FIELDS = ['indicators', 'source.site', 'source.url', 'draft'] as const;

/**
 * The fresh frontmatter with the hand-edited fields of an existing entry carried over, in the
 * schema's field order, and the names of the fields that were carried over. The existing entry's
 * `draft` and `indicators` replace the fresh ones even when absent: a published entry stays
 * published, and hand-checked indicators are never overwritten by the extractor's proposals.
 */
export function keepHandEdited(fresh: ReportFrontmatter, existing: Record<string, unknown>): { frontmatter: ReportFrontmatter; kept: string[] } {
  const kept: string[] = [];
  const old = existing as Partial<ReportFrontmatter>;
  const oldSource = (old.source ?? {}) as NonNullable<ReportFrontmatter['source']>;
  // site and url are hand-edited: the existing ones win; the page's own fields come from the fresh import.
  const { site: freshSite, url: freshUrl, ...freshPage } = fresh.source ?? {};
  const site = oldSource.site ?? freshSite;
  const url = oldSource.url ?? freshUrl;
  const source = {
    ...(site !== undefined ? { site } : {}),
    ...(url !== undefined ? { url } : {}),
    ...freshPage,
  };
  if (oldSource.site !== undefined) kept.push('source.site');
  if (oldSource.url !== undefined) kept.push('source.url');
  if (old.draft !== undefined) kept.push('draft');
  const indicators = old.indicators && typeof old.indicators === 'object' ? old.indicators : {};
  if (old.indicators && Object.keys(old.indicators).length) kept.push('indicators');
  const frontmatter: ReportFrontmatter = {
    title: fresh.title,
    ...(fresh.titleInferred ? { titleInferred: true } : {}),
    year: fresh.year,
    issuer: fresh.issuer,
    ...(fresh.documentDate ? { documentDate: fresh.documentDate } : {}),
    ...(fresh.publishedDate ? { publishedDate: fresh.publishedDate } : {}),
    ...(Object.keys(source).length ? { source } : {}),
    ...(old.draft !== undefined ? { draft: old.draft } : {}),
    indicators,
  };
  return { frontmatter, kept };
}

const isOutside = (rel: string) => rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);

/**
 * Whether the folders of `target` that already exist stay inside `reports` once links are
 * followed: a folder under reports/ that is a link to elsewhere would carry the write out.
 */
function staysInside(reports: string, target: string): boolean {
  let existing = dirname(target);
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  // Nothing of reports/ exists yet: the folders mkdir creates are plain ones.
  if (isOutside(relative(reports, existing))) return true;
  return !isOutside(relative(realpathSync(reports), realpathSync(existing)));
}

/**
 * The file of an entry: `<dir>/reports/<place id>/<year>.mdx`. Refused (ImportError
 * `outside-content`) unless the id is well formed and the path resolves inside `<dir>/reports/`,
 * links followed: an import must never write elsewhere on the disk.
 */
export function reportTarget(dir: string, placeId: string, year: number): string {
  const reports = resolve(dir, 'reports');
  const target = join(dir, 'reports', placeId, `${year}.mdx`);
  const rel = relative(reports, resolve(target));
  if (!rel || isOutside(rel) || !isPlaceId(placeId) || !Number.isInteger(year) || !staysInside(reports, resolve(target))) {
    throw new ImportError(
      `拒绝写入 ${target}：地区 id“${placeId}”不符合规则，或其文件夹链接到别处，文件会落在内容目录的 reports/ 之外，未写入任何文件。地区 id ${PLACE_ID_RULE.zh}` +
        ` / refusing to write ${target}: the place id "${placeId}" is invalid, or its folder links elsewhere, so the file would fall outside reports/ of the content dir; nothing was written. A place id ${PLACE_ID_RULE.en}`,
      'outside-content',
    );
  }
  return target;
}

const stamp = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}T${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
};

/**
 * Copies `file` to `<file>.bak-<YYYYMMDDTHHMMSS>` next to it (`-2`, `-3`… when that exists) and
 * returns the copy's path. The name ends in neither .mdx nor .md, so the site and `npm run check`
 * never take a backup for a report; an existing backup is never overwritten.
 */
export function backupFile(file: string, now: Date = new Date()): string {
  const base = `${file}.bak-${stamp(now)}`;
  for (let n = 1; ; n++) {
    const backup = n === 1 ? base : `${base}-${n}`;
    try {
      copyFileSync(file, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export interface SaveOptions {
  /** Replace a published entry (after a backup). */
  force?: boolean;
  /** Work out the file, write nothing. */
  dryRun?: boolean;
  /** When the backup was made; for its name. */
  now?: Date;
}

export interface SavedEntry {
  target: string;
  /** Whether the file existed before. */
  existed: boolean;
  /** Whether the file existed as a published entry (replaced only with `force`). */
  published: boolean;
  frontmatter: ReportFrontmatter;
  mdx: string;
  /** Hand-edited fields carried over from the existing file (keepHandEdited). */
  kept: string[];
  /** Where the published file was copied before it was replaced. */
  backup?: string;
  /** Ids of the places added to places.yaml for this entry (ImportResult.newPlaces not yet there). */
  placesAdded?: string[];
}

/**
 * Writes an imported report into content dir `dir`. A new entry is written as imported. An existing
 * draft keeps its hand-edited fields (keepHandEdited). An existing published entry is never
 * touched unless `force` is given, and then it is first copied to a backup (backupFile): a
 * re-import would replace the title, body and dates people may have corrected. The file is
 * written whole (temporary file, then rename), so an interrupted import leaves the old one.
 * Throws ImportError: `outside-content`, `published`, `bad-existing`, `invalid-frontmatter`.
 */
export function saveEntry(dir: string, result: ImportResult, opts: SaveOptions = {}): SavedEntry {
  if (!result.placeId) throw new ImportError('没有地区，无法确定保存位置 / no place, so no file to write to', 'no-place');
  const target = reportTarget(dir, result.placeId, result.year);
  const existed = existsSync(target);
  let frontmatter = result.frontmatter;
  let kept: string[] = [];
  let published = false;
  if (existed) {
    let data: Record<string, unknown>;
    try {
      data = splitMdxFile(readFileSync(target, 'utf8')).data;
    } catch (e) {
      throw new ImportError(
        `${target}：现有文件的 frontmatter 无法解析，未覆盖。请先改正该文件 / cannot parse the frontmatter of the existing file, so it was not overwritten; fix it first (${(e as Error).message})`,
        'bad-existing',
      );
    }
    published = !isDraft(data);
    if (published && !opts.force && !opts.dryRun) {
      throw new ImportError(
        `${target} 是已发布的报告（没有 draft: true）。重新导入会替换其正文、标题、日期和来源，为免丢失已核对的内容，已停止，未改动任何文件。` +
          `如确需用新文本替换，请加 --force 重新运行（原文件会先备份在同一文件夹）` +
          ` / ${target} is a published report (no draft: true). Re-importing would replace its text, title, dates and source, so nothing was changed. ` +
          `To replace it anyway, run again with --force (the old file is backed up next to it first)`,
        'published',
      );
    }
    ({ frontmatter, kept } = keepHandEdited(result.frontmatter, data));
  }
  const checked = reportSchema.safeParse(frontmatter);
  if (!checked.success) {
    throw new ImportError(
      `${target}：生成的 frontmatter 不符合要求 / the generated frontmatter is invalid:\n${checked.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
      'invalid-frontmatter',
    );
  }
  const mdx = mdxFile(frontmatter, result.body);
  const saved: SavedEntry = { target, existed, published, frontmatter, mdx, kept };
  if (opts.dryRun) return saved;
  // New places first: an entry is never written under a place the site does not know.
  if (result.newPlaces?.length) {
    try {
      saved.placesAdded = addPlaces(dir, result.newPlaces);
    } catch (e) {
      if (e instanceof PlaceFileError) throw new ImportError(e.message, 'bad-existing');
      throw e;
    }
  }
  if (published) saved.backup = backupFile(target, opts.now);
  mkdirSync(dirname(target), { recursive: true });
  writeWhole(target, mdx);
  return saved;
}
