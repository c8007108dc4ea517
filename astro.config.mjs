// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { dataStoreAsJson } from './src/integrations/data-store-json.ts';
import { buildConfig } from './src/lib/config.ts';
import { contentCachePrefix } from './src/build/paths.ts';
import { previewWatchIgnored } from './src/build/preview-watch.ts';
import { NATIONAL_SITE_CONFIG } from './src/lib/site/load.ts';
import { siteConfigTag, siteStrings } from './src/lib/site/strings.ts';

// Drafts show in `astro dev` (Vite's import.meta.env.DEV, see src/lib/config.ts) and in the drafts
// preview build (INCLUDE_DRAFTS=true), never in a production build.
const config = buildConfig();

// Each content directory, and each shard of a split build (SHARD=k/n, see src/build/shards.ts), gets
// its own content-layer cache, so builds of generated corpora, test fixtures or other shards never
// read (or clobber) the data store of another.
const defaultContent = config.contentDir === './content';
const shardSuffix =
  (config.shard ? `-shard-${config.shard.index}-of-${config.shard.count}` : '') +
  // A scoped preview (PREVIEW_PLACE) loads one place's reports: its own store leaves the whole site's alone.
  (config.place ? `-place-${config.place.replaceAll('/', '-')}` : '') +
  // Another site configuration renders bodies with another base path: its own store too.
  (config.siteFile !== NATIONAL_SITE_CONFIG ? `-site-${siteConfigTag(config.siteFile)}` : '');
const cacheDir =
  !defaultContent || shardSuffix
    ? `./${!defaultContent ? contentCachePrefix(config.contentDir) : 'node_modules/.astro-content-content'}${shardSuffix}`
    : undefined;

export default defineConfig({
  cacheDir,
  site: config.siteUrl,
  // The site configuration's base path (`/` or e.g. `/fzbg/`): every URL goes through src/lib/urls.ts.
  base: config.base,
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 4 },
  server: { port: 4321 },
  // Report bodies never go through Astro's Markdown (src/lib/content/body.ts renders them); no page is Markdown.
  markdown: { smartypants: false, syntaxHighlight: false },
  integrations: [
    dataStoreAsJson(),
    mdx(),
  ],
  // The cast bridges @tailwindcss/vite's Vite types and the Vite version Astro 5 bundles.
  vite: {
    plugins: [/** @type {any} */ (tailwindcss())],
    // The site configuration's name and rewordings, for src/strings.ts in every bundle (server and browser).
    define: { __SITE_STRINGS__: JSON.stringify(siteStrings(config.site)) },
    // A scoped preview watches only its place's reports (src/build/preview-watch.ts).
    ...(config.place
      ? {
          server: {
            watch: { ignored: [previewWatchIgnored(fileURLToPath(new URL('.', import.meta.url)), config.contentDir, config.place)] },
            warmup: { ssrFiles: ['./src/pages/places/[...place]/index.astro', './src/pages/places/[...place]/[year].astro'] },
          },
        }
      : {}),
  },
});
