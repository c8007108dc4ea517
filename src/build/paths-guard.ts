/**
 * Where a build may write. `--out` is replaced wholesale and `--work` has directories deleted in
 * it, so neither may be the project, its sources or content (nor contain them, nor lie inside
 * them), and neither may be a directory with someone else's files: directories a build makes
 * carry a marker file, and only those (or empty ones, or ones that do not exist yet) are used.
 */
import { existsSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The file marking a directory as made by a build (the output, its siblings, the work directory). */
export const BUILD_MARKER = '.fazhi-build';

/** Writes the marker into `dir`. */
export function markBuilt(dir: string): void {
  writeFileSync(join(dir, BUILD_MARKER), 'fazhi-reports: made by scripts/build.ts, which may replace or delete this directory.\n');
}

export const isMarked = (dir: string): boolean => existsSync(join(dir, BUILD_MARKER));

/** Project folders no build may write in, contain or replace (the lock and marker names included). */
export const PROTECTED = ['content', 'src', 'public', 'scripts', 'tests', 'node_modules', '.git', '.ci'] as const;

/** `p` with symbolic links resolved as far as it exists, so a link cannot smuggle a path past the checks. */
export function realish(p: string): string {
  const abs = resolve(p);
  let head = abs;
  const rest: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    rest.unshift(basename(head));
    head = up;
  }
  try {
    head = realpathSync(head);
  } catch {
    // a dangling link: judged by its own path
  }
  return join(head, ...rest);
}

/** True if `p` is `dir` or inside it. */
export function within(p: string, dir: string): boolean {
  const r = relative(dir, p);
  return r === '' || (r.split(sep)[0] !== '..' && !isAbsolute(r));
}

/** An output left by a build from before the marker: a site with its search index. */
const legacySite = (dir: string) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'pagefind'));

/**
 * A work directory left by a build from before the marker: only what builds make there (page
 * state, search index, shard directories, the lock), or work directories of other builds.
 */
function legacyWork(dir: string, depth = 0): boolean {
  return readdirSync(dir, { withFileTypes: true }).every(
    (e) =>
      ['.lock', BUILD_MARKER].includes(e.name) ||
      (e.isDirectory() && (['pages', 'index'].includes(e.name) || /^\d+$/.test(e.name) || isMarked(join(dir, e.name)) || (depth < 1 && legacyWork(join(dir, e.name), depth + 1)))),
  );
}

export interface BuildPaths {
  /** The project root. */
  root: string;
  /** The content directory in use (CONTENT_DIR, or content/). */
  contentDir: string;
  /** The output directory, when this build writes one. */
  out?: string;
  work: string;
}

export interface PathCheck {
  /** Bilingual messages, Chinese first, each naming the option and the path; empty if the paths are safe. */
  problems: string[];
  /** Notices (an old build's output accepted once). */
  notices: string[];
}

/** The directories the build makes beside `out` (the next site, the one it replaces, an assembly). */
export const outSiblings = (out: string): string[] => [`${out}.next`, `${out}.old`, `${out}.assembling`];

/**
 * Checks `--out` and `--work` before anything is read, locked or deleted. Refused: the project
 * root or any folder above it; a protected project folder (PROTECTED), anything inside one or
 * containing one; the content directory in use, anything above it, its reports/ and places.yaml
 * (a CONTENT_DIR outside content/ may hold other things, e.g. a test's output); a path that exists
 * and is not a directory; a non-empty directory without the build's marker (an output holding a
 * site with its search index from an older build is accepted, and gets the marker); and an output
 * and a work directory inside one another.
 */
export function checkBuildPaths(paths: BuildPaths): PathCheck {
  const root = realish(paths.root);
  const content = realish(paths.contentDir);
  const problems: string[] = [];
  const notices: string[] = [];
  const shown = (p: string) => (within(p, root) && p !== root ? relative(root, p) : p);

  const check = (option: '--out' | '--work', given: string) => {
    const p = realish(given);
    const refuse = (zh: string, en: string) => problems.push(`${option} ${zh}：${given} / ${option} ${en}: ${given}${p !== resolve(given) ? ` (→ ${p})` : ''}`);
    if (within(root, p)) return refuse('不能是项目目录或其上级目录', 'must not be the project directory or a directory above it');
    for (const name of PROTECTED) {
      const dir = join(root, name);
      if (within(p, dir) || within(dir, p)) return refuse(`不能是 ${name}/、其中的目录或包含它的目录`, `must not be ${name}/, inside it or contain it`);
    }
    if (within(content, p)) return refuse(`不能是内容目录（${shown(content)}）或其上级目录`, `must not be the content directory (${shown(content)}) or a directory above it`);
    for (const part of ['reports', 'places.yaml']) {
      const dir = join(content, part);
      if (within(p, dir) || within(dir, p)) return refuse(`不能是内容目录中的 ${part} 或其中的目录`, `must not be the content directory's ${part} or inside it`);
    }
    if (!existsSync(p)) return;
    if (!statSync(p).isDirectory()) return refuse('已存在且不是目录', 'exists and is not a directory');
    if (isMarked(p) || readdirSync(p).length === 0) return;
    if (option === '--out' && legacySite(p)) {
      notices.push(`${option} ${given} 是此前构建的网站（尚无构建标记），本次构建将替换它并加上标记 / ${option} ${given} holds a site from an earlier build (before build markers): replaced and marked by this build`);
      return;
    }
    if (option === '--work' && legacyWork(p)) return;
    refuse(
      `已存在、非空且不是构建生成的目录（没有 ${BUILD_MARKER} 标记），构建不会改动它；请换一个目录或先清空它`,
      `is an existing non-empty directory the build did not make (no ${BUILD_MARKER} marker); the build leaves it alone: choose another directory or empty it first`,
    );
  };

  const before = problems.length;
  if (paths.out !== undefined) check('--out', paths.out);
  check('--work', paths.work);
  if (paths.out !== undefined && problems.length === before) {
    const out = realish(paths.out);
    const work = realish(paths.work);
    if ([out, ...outSiblings(out)].some((o) => within(work, o) || within(o, work))) {
      problems.push(`--out 与 --work 不能相同或互相包含：${paths.out}、${paths.work} / --out and --work must not be the same or inside one another: ${paths.out}, ${paths.work}`);
    }
  }
  return { problems, notices };
}
