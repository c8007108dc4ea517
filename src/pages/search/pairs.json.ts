import type { APIRoute } from 'astro';
import { searchPairTable } from '../../data/routes';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await searchPairTable()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
