/** The link check of a built site (linkinator), served as it is published: every page, and absolute links to the public site. */
import { readdirSync } from 'node:fs';
import { LinkChecker, LinkState } from 'linkinator';
import type { DistServer } from '../../bench/server';

export interface LinkReport {
  /** `status url (on page)`, paths as the site serves them. */
  broken: string[];
  /** Links that answered. */
  ok: number;
}

/**
 * Checks every link of the site in `dir`, served by `server`, starting from every page (so pages
 * nothing links to are checked too). `publicUrl` is the site's public address (origin and base
 * path): absolute links to it are checked against the local build. Links elsewhere are skipped.
 */
export async function checkLinks(dir: string, server: DistServer, publicUrl: string): Promise<LinkReport> {
  const local = server.url('/');
  const pages = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => server.url(`/${f.split('\\').join('/').replace(/(^|\/)index\.html$/, '$1')}`));
  const escaped = publicUrl.replace(/\/?$/, '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const result = await new LinkChecker().check({
    path: [local, ...pages],
    recurse: true,
    concurrency: 20,
    timeout: 10_000,
    urlRewriteExpressions: [{ pattern: new RegExp(`^${escaped}`), replacement: local }],
    linksToSkip: async (link) => !link.startsWith(`${server.origin}/`) && link !== server.origin,
  });
  return {
    broken: result.links
      .filter((l) => l.state === LinkState.BROKEN)
      .map((l) => `${l.status ?? '-'} ${l.url.replace(server.origin, '')}  (on ${l.parent?.replace(server.origin, '') ?? '-'})`),
    ok: result.links.filter((l) => l.state === LinkState.OK).length,
  };
}
