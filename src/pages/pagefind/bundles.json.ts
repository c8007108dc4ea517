/** The search bundle list as a file (BUNDLE_LIST_PATH): the very list the search page embeds. */
import type { APIRoute } from 'astro';
import { searchBundleList } from '../../data/routes';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await searchBundleList()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
