/**
 * Where content lives. `CONTENT_DIR` lets tests and benchmarks build the site from a generated
 * corpus (same layout: places.yaml and reports/) without touching `content/`.
 */
export const contentDir: string = (process.env.CONTENT_DIR ?? './content').replace(/\/+$/, '');
