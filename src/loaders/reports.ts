/**
 * Content loader for reports. Most entries are plain Markdown in an `.mdx` file (what the
 * importer writes); compiling each into its own MDX module is what made large builds slow. This
 * loader renders those with the Markdown pipeline at sync time (same remark/rehype plugins) and
 * caches the HTML in the data store by content digest, so a rebuild re-renders only what changed.
 * Entries that really use MDX (imports, components) still go through MDX as modules, as glob() does.
 *
 * The rendered HTML is kept in files beside the content cache, not in the data store: Astro bundles
 * the data store as one module, and with every report's HTML in it that module dominated the
 * memory and time of large builds. Pages read the file (see reportHtml in src/data/reports.ts).
 */
import { promises as fs, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';

/** True when the body uses MDX beyond Markdown: ESM, JSX or expressions (escaped characters excluded). */
export function needsMdx(body: string): boolean {
  const unescaped = body.replace(/\\./g, '');
  return /^\s*(import|export)\s/m.test(unescaped) || /<[A-Za-z]/.test(unescaped) || /[{}]/.test(unescaped);
}

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
      const htmlDir = join(fileURLToPath(config.cacheDir), 'report-html');
      mkdirSync(htmlDir, { recursive: true });
      const htmlFile = (digest: string) => join(htmlDir, `${digest}.html`);
      const baseDir = join(root, base.startsWith('/') ? relative(root, base) : base);

      async function sync(file: string) {
        const path = join(baseDir, file);
        const contents = await fs.readFile(path, 'utf8');
        const id = file.replace(/\.mdx$/, '').split('\\').join('/');
        const digest = generateDigest(contents);
        const filePath = relative(root, path);
        const existing = store.get(id);
        if (existing && existing.digest === digest && (existing.deferredRender || existsSync(htmlFile(digest)))) {
          if (existing.deferredRender) store.addModuleImport(existing.filePath!);
          return id;
        }
        const fileUrl = pathToFileURL(path);
        const { body, data } = await mdx!.getEntryInfo({ contents, fileUrl });
        const parsed = await parseData({ id, data, filePath: path });
        if (needsMdx(body)) {
          store.set({ id, data: parsed, body, filePath, digest, deferredRender: true });
          store.addModuleImport(filePath);
        } else {
          // Render errors (e.g. a quote that cannot be marked) fail the build, never an empty page.
          const { html, metadata } = await renderMarkdown({ id, data, body, filePath: path, digest });
          await fs.writeFile(htmlFile(digest), html);
          store.set({ id, data: parsed, body, filePath, digest, rendered: { html: '', metadata: { headings: metadata?.headings ?? [], htmlFile: htmlFile(digest) } } });
        }
        return id;
      }

      const files = existsSync(baseDir)
        ? (await fs.readdir(baseDir, { recursive: true, encoding: 'utf8' })).filter((f) => f.endsWith('.mdx')).sort()
        : [];
      const untouched = new Set(store.keys());
      // Bounded concurrency: rendering is CPU-bound, reading is not.
      for (let i = 0; i < files.length; i += 16) {
        for (const id of await Promise.all(files.slice(i, i + 16).map(sync))) untouched.delete(id);
      }
      for (const id of untouched) store.delete(id);

      if (!watcher) return;
      watcher.add(baseDir);
      const onChange = async (changed: string) => {
        if (!changed.startsWith(baseDir) || !changed.endsWith('.mdx')) return;
        await sync(relative(baseDir, changed));
        logger.info(`Reloaded ${relative(root, changed)}`);
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', (deleted) => {
        if (deleted.startsWith(baseDir) && deleted.endsWith('.mdx')) store.delete(relative(baseDir, deleted).replace(/\.mdx$/, ''));
      });
    },
  };
}
