/**
 * Content loader for reports. Every body is rendered here, at content sync, by the one body
 * renderer (src/lib/content/body.ts): Markdown and the few registered elements become sanitized
 * HTML; nothing in a body is compiled or run. Frontmatter is read by the content YAML reader and
 * the report schema (src/lib/content/report-file.ts), exactly as `npm run check` reads it, and a
 * build with any broken entry fails listing every problem of every file, with lines.
 *
 * Results are cached by content digest, so a rebuild renders only what changed. Neither the
 * rendered HTML, its headings nor the body is kept in the data store: Astro bundles the store as
 * one module, and with every report's text in it that module dominated the memory and time of
 * large builds. The HTML and headings go to a file beside the content cache (pages read it, see
 * reportBody in src/data/reports.ts); what the build needs from the body (its problems, the
 * required parts it covers, its links) is kept as `ReportFacts` in the entry's rendered metadata.
 *
 * In a split build (src/build/shards.ts) a shard loads only its provinces' entries, and shard 0
 * loads every entry's frontmatter and facts but keeps no body.
 */
import { promises as fs, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { buildScope } from '../build/scope';
import { outline, partsCovered, type PartKey } from '../lib/figures/compliance';
import type { RenderedBody } from '../lib/content/body';
import { listReportFiles } from '../lib/content/files';
import { entryRole } from '../lib/content/published';
import { readReportFile } from '../lib/content/report-file';
import { CONTENT_PROBLEMS, formatProblems, type Problem } from '../lib/content/validate';

/** What the build needs from a report's body, worked out at content sync. */
export interface ReportFacts {
  /** Body problems (empty body, quotes not in the text); the data layer fails the build on them. */
  problems: Problem[];
  /** The required parts the body covers (see src/lib/figures/compliance.ts). */
  parts: Record<PartKey, boolean>;
  /** Links to pages of this site, with their lines, for the check that they lead somewhere published. */
  links: { href: string; line?: number }[];
  /** The rendered body and its headings (a `RenderedBody` as JSON), for entries whose pages this build renders. */
  bodyFile?: string;
}

/** Bumped when what the loader derives from a file changes, so cached entries are worked out again. */
const DERIVED_VERSION = 'facts-3';

/** Entries under `base`: `<place id>/<year>.mdx` with id `<place id>/<year>`. */
export function reportsLoader(base: string): Loader {
  return {
    name: 'reports-loader',
    load: async (ctx: LoaderContext) => {
      const { config, store, parseData, generateDigest, watcher, logger } = ctx;
      const root = fileURLToPath(config.root);
      const bodyDir = join(fileURLToPath(config.cacheDir), 'report-body');
      mkdirSync(bodyDir, { recursive: true });
      const bodyFile = (digest: string) => join(bodyDir, `${digest}.json`);
      const baseDir = join(root, base.startsWith('/') ? relative(root, base) : base);

      const scope = buildScope();
      /** Entries this build loads, and whether it renders their bodies. */
      const role = (id: string) => entryRole(scope, id);

      /** Loads one entry; its problems when it cannot be used, none when it was stored. */
      async function sync(id: string): Promise<Problem[]> {
        const path = join(baseDir, `${id}.mdx`);
        const wanted = role(id);
        if (wanted === 'skip') return [];
        const contents = await fs.readFile(path, 'utf8');
        const digest = generateDigest(contents + DERIVED_VERSION);
        const filePath = relative(root, path);
        const existing = store.get(id);
        if (existing && existing.digest === digest && (wanted === 'facts' || existsSync(bodyFile(digest)))) return [];
        const file = readReportFile(contents, filePath);
        if (!file.data || file.problems.length) return file.problems;
        const data = await parseData({ id, data: file.raw!, filePath: path });
        const facts: ReportFacts = { problems: [], parts: partsCovered(outline(file.body)), links: file.result.links };
        if (wanted === 'render') {
          await fs.writeFile(bodyFile(digest), JSON.stringify(file.result.rendered satisfies RenderedBody | undefined));
          facts.bodyFile = bodyFile(digest);
        }
        store.set({ id, data, filePath, digest, rendered: { html: '', metadata: { ...facts } } });
        return [];
      }

      const listing = listReportFiles(baseDir, root);
      const ids = listing.ids.filter((id) => role(id) !== 'skip');
      const problems = [...listing.problems];
      // Bounded concurrency: rendering is CPU-bound, reading is not.
      for (let i = 0; i < ids.length; i += 16) {
        for (const found of await Promise.all(ids.slice(i, i + 16).map(sync))) problems.push(...found);
      }
      if (problems.length) {
        throw new Error(`${CONTENT_PROBLEMS}，请逐条修改（npm run check 可列出全部问题）/ invalid report entries:\n${formatProblems(problems)}`);
      }
      const present = new Set(ids);
      for (const id of store.keys()) if (!present.has(id)) store.delete(id);

      if (!watcher) return;
      watcher.add(baseDir);
      const idOf = (path: string) => relative(baseDir, path).split('\\').join('/').replace(/\.mdx$/, '');
      const onChange = async (changed: string) => {
        if (!changed.startsWith(baseDir) || !changed.endsWith('.mdx')) return;
        const found = await sync(idOf(changed));
        // While previewing, a broken entry is reported and the page keeps its last good version.
        if (found.length) logger.error(formatProblems(found));
        else logger.info(`Reloaded ${relative(root, changed)}`);
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', (deleted) => {
        if (deleted.startsWith(baseDir) && deleted.endsWith('.mdx')) store.delete(idOf(deleted));
      });
    },
  };
}
