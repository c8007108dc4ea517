import type { APIRoute } from 'astro';
import { foldPairs } from '../../lib/search/fold-table';
import type { FoldTable } from '../../lib/search/fold';

/** The Traditional-to-Simplified fold the search page folds queries with (src/lib/search/fold.ts). */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ pairs: foldPairs() } satisfies FoldTable), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
