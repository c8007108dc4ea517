/**
 * Which files under reports/ are report entries. Exactly `<place id>/<year>.mdx`, real files or
 * links that stay inside the content directory; anything that looks like a report but would be
 * skipped (`2021.MDX`, `2021.md`) or that reaches outside content/ is a problem, never silently
 * dropped or published.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Problem } from './validate';

interface Listing {
  /** Entry ids (`<place id>/<year>`), sorted. */
  ids: string[];
  problems: Problem[];
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
};

/** The report entries of `reportsDir` and the problems of files there that are not entries but look like one. */
export function listReportFiles(reportsDir: string, cwd = process.cwd()): Listing {
  if (!existsSync(reportsDir)) return { ids: [], problems: [] };
  const root = realpathSync(resolve(reportsDir, '..'));
  const ids: string[] = [];
  const problems: Problem[] = [];
  for (const d of readdirSync(reportsDir, { recursive: true, withFileTypes: true })) {
    const path = join(d.parentPath, d.name);
    const rel = relative(reportsDir, path).split(sep).join('/');
    const file = relative(cwd, path) || path;
    if (d.isSymbolicLink()) {
      let target: string | undefined;
      try {
        target = realpathSync(path);
      } catch {
        problems.push({ file, message: '这是一个指向不存在文件的链接，请删除 / this is a link to a file that does not exist; remove it' });
        continue;
      }
      if (!inside(root, target)) {
        problems.push({ file, message: `这是一个指向内容目录之外（${target}）的链接，不会被发布；请把报告文件本身放在这里 / this link leads outside the content directory; put the report file itself here` });
        continue;
      }
    } else if (!d.isFile()) continue;
    if (rel.endsWith('.mdx')) ids.push(rel.slice(0, -4));
    else if (/\.(mdx|md|markdown)$/i.test(rel)) {
      problems.push({ file, message: '报告文件的扩展名必须是小写的 .mdx，此文件不会被发布；请改名 / a report file must end in lower-case .mdx; this file would not be published, rename it' });
    }
  }
  return { ids: ids.sort(), problems };
}
