/**
 * Content loader for reports. Most entries are plain Markdown in an `.mdx` file (what the
 * importer writes); compiling each into its own MDX module is what made large builds slow. This
 * loader renders those at sync time, with markdown-it where it gives the same HTML as the site's
 * Markdown pipeline and with that pipeline elsewhere (src/lib/markdown.ts), and caches the result
 * by content digest, so a rebuild renders only what changed. Entries that really use MDX
 * (imports, components) still go through MDX as modules, as glob() does.
 *
 * Neither the rendered HTML, its headings nor the body is kept in the data store: Astro bundles
 * the store as one module, and with every report's text in it that module dominated the memory
 * and time of large builds. The HTML and headings go to a file beside the content cache (pages
 * read it, see reportBody in src/data/reports.ts); what the build needs from the body (its
 * problems, the required parts it covers) is worked out here and kept as `ReportFacts` in the
 * entry's rendered metadata.
 *
 * In a split build (src/lib/shards.ts) a shard loads only its provinces' entries, and shard 0
 * loads every entry's frontmatter and facts but renders none.
 */
import { promises as fs, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { buildScope, reportIds } from '../lib/build-scope';
import { outline, partsCovered, type PartKey } from '../lib/compliance';
import { fastPathSupports, needsMdx, renderFastMarkdown, type RenderedBody } from '../lib/markdown';
import { provinceOf } from '../lib/shards';
import { bodyProblems, type Problem } from '../lib/validate';

/** What the build needs from a report's body, worked out at content sync. */
export interface ReportFacts {
  /** Body problems (empty body, quotes not in the text); the data layer fails the build on them. */
  problems: Problem[];
  /** The required parts the body covers (see src/lib/compliance.ts). */
  parts: Record<PartKey, boolean>;
  /** The rendered body and its headings (a `RenderedBody` as JSON), for plain-Markdown entries rendered by this build. */
  bodyFile?: string;
}

/** Bumped when what the loader derives from a file changes, so cached entries are worked out again. */
const DERIVED_VERSION = 'facts-2';

/** The entry types Astro passes to loaders at run time (glob() uses them too); not in its public types. */
interface EntryType {
  getEntryInfo(p: { contents: string; fileUrl: URL }): Promise<{ body: string; data: Record<string, unknown> }> | { body: string; data: Record<string, unknown> };
  getRenderFunction?(config: LoaderContext['config']): Promise<(entry: { id: string; data: Record<string, unknown>; body: string; filePath: string; digest: string }) => Promise<NonNullable<Parameters<LoaderContext['store']['set']>[0]['rendered']>>>;
}

/** Entries under `base`: `<place id>/<year>.mdx` with id `<place id>/<year>`. */
export function reportsLoader(base: string): Loader {
  return {
    name: 'reports-loader',
    load: async (ctx: LoaderContext) => {
      const { config, store, parseData, generateDigest, watcher, logger } = ctx;
      const { entryTypes } = ctx as LoaderContext & { entryTypes: Map<string, EntryType> };
      const mdx = entryTypes.get('.mdx');
      const md = entryTypes.get('.md');
      if (!mdx || !md?.getRenderFunction) throw new Error('reports-loader needs the MDX integration and Markdown support');
      const renderMarkdown = await md.getRenderFunction(config);
      const root = fileURLToPath(config.root);
      const bodyDir = join(fileURLToPath(config.cacheDir), 'report-body');
      mkdirSync(bodyDir, { recursive: true });
      const bodyFile = (digest: string) => join(bodyDir, `${digest}.json`);
      const baseDir = join(root, base.startsWith('/') ? relative(root, base) : base);

      const scope = buildScope();
      /** Entries this build loads, and whether it renders their bodies. */
      const role = (id: string): 'skip' | 'facts' | 'render' => {
        if (!scope.spec) return 'render';
        if (scope.national) return 'facts';
        return scope.hasProvince(provinceOf(id)) ? 'render' : 'skip';
      };

      async function sync(id: string) {
        const path = join(baseDir, `${id}.mdx`);
        const wanted = role(id);
        if (wanted === 'skip') return undefined;
        const contents = await fs.readFile(path, 'utf8');
        const digest = generateDigest(contents + DERIVED_VERSION);
        const filePath = relative(root, path);
        const existing = store.get(id);
        if (existing && existing.digest === digest && (wanted === 'facts' || existing.deferredRender || existsSync(bodyFile(digest)))) {
          if (existing.deferredRender) store.addModuleImport(existing.filePath!);
          return id;
        }
        const fileUrl = pathToFileURL(path);
        const { body, data } = await mdx!.getEntryInfo({ contents, fileUrl });
        const parsed = await parseData({ id, data, filePath: path });
        const facts: ReportFacts = {
          problems: bodyProblems({ file: filePath, body, data: parsed as Parameters<typeof bodyProblems>[0]['data'] }),
          parts: partsCovered(outline(body)),
        };
        if (wanted === 'facts') {
          store.set({ id, data: parsed, filePath, digest, rendered: { html: '', metadata: { ...facts } } });
        } else if (needsMdx(body)) {
          // Rendered as a module; its metadata only carries the facts (render() ignores it).
          store.set({ id, data: parsed, filePath, digest, deferredRender: true, rendered: { html: '', metadata: { ...facts } } });
          store.addModuleImport(filePath);
        } else {
          // Render errors (e.g. a quote that cannot be marked) fail the build, never an empty page.
          let rendered: RenderedBody;
          if (fastPathSupports(body)) {
            rendered = renderFastMarkdown(body, (data.indicators ?? {}) as Record<string, { quote: string }>, filePath);
          } else {
            const { html, metadata } = await renderMarkdown({ id, data, body, filePath: path, digest });
            rendered = { html, headings: metadata?.headings ?? [] };
          }
          await fs.writeFile(bodyFile(digest), JSON.stringify(rendered));
          facts.bodyFile = bodyFile(digest);
          store.set({ id, data: parsed, filePath, digest, rendered: { html: '', metadata: { ...facts } } });
        }
        return id;
      }

      const ids = reportIds(baseDir);
      const untouched = new Set(store.keys());
      // Bounded concurrency: rendering is CPU-bound, reading is not.
      for (let i = 0; i < ids.length; i += 16) {
        for (const id of await Promise.all(ids.slice(i, i + 16).map(sync))) if (id) untouched.delete(id);
      }
      for (const id of untouched) store.delete(id);

      if (!watcher) return;
      watcher.add(baseDir);
      const idOf = (path: string) => relative(baseDir, path).split('\\').join('/').replace(/\.mdx$/, '');
      const onChange = async (changed: string) => {
        if (!changed.startsWith(baseDir) || !changed.endsWith('.mdx')) return;
        await sync(idOf(changed));
        logger.info(`Reloaded ${relative(root, changed)}`);
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', (deleted) => {
        if (deleted.startsWith(baseDir) && deleted.endsWith('.mdx')) store.delete(idOf(deleted));
      });
    },
  };
}
