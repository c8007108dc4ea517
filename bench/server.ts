/**
 * Serves a built site (dist/ or a benchmark's) on a free loopback port, the way a static host does:
 * `/path/` serves `path/index.html`, `/path` redirects to `/path/` when that is a directory, and
 * anything else missing gets `404.html` with status 404. Files are served by `sirv` in its dev mode
 * (read from disk on each request, never cached: a test may rebuild the site it serves), rather
 * than by `astro preview`, so the tests see exactly the files of the build and nothing Astro adds.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import sirv from 'sirv';

export interface DistServer {
  /** Origin of the server, e.g. `http://127.0.0.1:39123` (no trailing slash). */
  origin: string;
  /** Absolute URL of a site path, from the site's root, e.g. `url('/places/')` (under the base path, if any). */
  url: (path: string) => string;
  close: () => Promise<void>;
}

const PAGEFIND_FILE = /\.(pf_\w+|pagefind)$/;
const isDir = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * Starts a static server over `root` (a built site, e.g. dist/) on 127.0.0.1 and a free port, at
 * `prefix` (a site's base path, e.g. `/fzbg/`, as a portal serves it): nothing outside it is served.
 */
export async function serveDist(root: string, prefix = '/'): Promise<DistServer> {
  const base = resolve(root);
  const files = sirv(base, {
    dev: true,
    dotfiles: false,
    // No guessed names (`/a` → `a.html`, `/404` → `404.html`): the slash form's index.html is named below.
    extensions: [],
    // Pagefind's index, fragments and filters are binary (gzipped) files of its own extensions, which
    // sirv knows no type for. Only these: a header set here replaces the type sirv gives every file.
    setHeaders: (res, path) => void (PAGEFIND_FILE.test(path) && res.setHeader('Content-Type', 'application/octet-stream')),
  });
  const notFound = (res: ServerResponse, head: boolean) => {
    const page = join(base, '404.html');
    const size = statSync(page, { throwIfNoEntry: false })?.size;
    if (size === undefined) return res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 Not Found');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(size), 'Cache-Control': 'no-store' });
    if (head) res.end();
    else createReadStream(page).pipe(res);
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    if (`${pathname}/` === prefix) return void res.writeHead(301, { Location: `${encodeURI(prefix)}${url.search}` }).end();
    if (!pathname.startsWith(prefix)) return notFound(res, req.method === 'HEAD');
    pathname = `/${pathname.slice(prefix.length)}`;
    req.url = `${encodeURI(pathname)}${url.search}`;
    const file = resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + sep)) return notFound(res, req.method === 'HEAD');
    // A static host redirects a directory to its slash form; sirv would serve its index.html as is.
    if (!pathname.endsWith('/') && isDir(file)) return void res.writeHead(301, { Location: `${encodeURI(prefix + pathname.slice(1))}/${url.search}` }).end();
    if (pathname.endsWith('/')) req.url = `${encodeURI(`${pathname}index.html`)}${url.search}`;
    files(req, res, () => void notFound(res, req.method === 'HEAD'));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(prefix + path.replace(/^\//, ''), origin).href,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
