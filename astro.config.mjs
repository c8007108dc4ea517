// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { MARKDOWN_CONFIG } from './src/lib/markdown.ts';
import { dataStoreAsJson } from './src/integrations/data-store-json.ts';
import { buildScope } from './src/lib/build-scope.ts';
import { SITE_URL } from './src/lib/site.ts';
import { contentCachePrefix } from './src/lib/paths.ts';

/**
 * Drafts are shown by `astro dev` and by the drafts preview build (INCLUDE_DRAFTS=true), never by a
 * production build. Decided from Astro's own command, not NODE_ENV, which test runners change.
 */
/** @type {import('astro').AstroIntegration} */
const drafts = {
  name: 'fazhi-drafts',
  hooks: {
    'astro:config:setup': ({ command }) => {
      if (command === 'dev') process.env.INCLUDE_DRAFTS = 'true';
    },
  },
};

// Each content directory, and each shard of a split build (SHARD=k/n, see src/lib/shards.ts), gets
// its own content-layer cache, so builds of generated corpora, test fixtures or other shards never
// read (or clobber) the data store of another.
const contentDir = process.env.CONTENT_DIR;
const scope = buildScope();
const shardSuffix = scope.spec ? `-shard-${scope.spec.index}-of-${scope.spec.count}` : '';
const cacheDir =
  contentDir || scope.spec
    ? `./${contentDir ? contentCachePrefix(contentDir) : 'node_modules/.astro-content-content'}${shardSuffix}`
    : undefined;

export default defineConfig({
  cacheDir,
  site: SITE_URL,
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 4 },
  server: { port: 4321 },
  markdown: MARKDOWN_CONFIG,
  integrations: [
    drafts,
    dataStoreAsJson(),
    mdx(),
  ],
  // The cast bridges @tailwindcss/vite's Vite types and the Vite version Astro 5 bundles.
  vite: { plugins: [/** @type {any} */ (tailwindcss())] },
});
