/**
 * Two test projects:
 * - `unit`: domain logic and schemas, fast, no build needed (tests/*.test.ts and any other
 *   tests/** file outside site/ and e2e/).
 * - `site`: checks and browser tests against the production build in dist/ (run `npm run build`
 *   first; `npm test` does). Serial, because every file serves dist/ and some drive Chromium.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/site/**', 'tests/e2e/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'site',
          // Also the tests that build fixture sites: astro builds share .astro/, so they must not overlap.
          include: ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          sequence: { concurrent: false },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
