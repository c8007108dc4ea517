/**
 * Astro bundles the content layer's data store into the server build as one module: its JSON
 * turned into a JavaScript array literal (Astro's `astro:data-layer-content`). With thousands of
 * reports that literal has hundreds of thousands of elements, and Rollup parsing and tree-shaking
 * it was most of the server build's time (10 s at 10,000 reports) and memory (16 GB of heap at
 * 50,000). The same data as one string given to JSON.parse is a single literal to Rollup, and
 * parses faster at run time too. Build only: `astro dev` reads the store as before.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The id of Astro 5's data store module (astro/dist/content/consts.js, RESOLVED_DATA_STORE_VIRTUAL_ID). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';

export function dataStoreAsJson(): AstroIntegration {
  return {
    name: 'fazhi-data-store-json',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        // Where Astro writes the store in a build (astro/dist/content/content-layer.js, getDataStoreFile).
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'fazhi-data-store-json',
                enforce: 'post',
                transform(_code: string, id: string) {
                  if (id !== DATA_STORE_MODULE) return undefined;
                  return { code: `export default JSON.parse(${JSON.stringify(readFileSync(file, 'utf8'))});`, map: { mappings: '' } };
                },
              },
            ],
          },
        });
      },
    },
  };
}
