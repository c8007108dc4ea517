/**
 * Serves a built site (dist/ or a benchmark's) on a free loopback port, the way a static host does:
 * `/path/` serves `path/index.html`, `/path` redirects to `/path/` when that is a directory,
 * and anything else missing gets `404.html` with status 404. A plain node:http server rather than
 * `astro preview`, so the tests see exactly the files in dist/ and nothing Astro adds.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  // Pagefind's index, fragments, filters and wasm are binary (gzipped) files.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export interface DistServer {
  /** Origin of the server, e.g. `http://127.0.0.1:39123` (no trailing slash). */
  origin: string;
  /** Absolute URL of a site path, e.g. `url('/places/')`. */
  url: (path: string) => string;
  close: () => Promise<void>;
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Starts a static server over `root` (a built site, e.g. dist/) on 127.0.0.1 and a free port. */
export async function serveDist(root: string): Promise<DistServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const send = (status: number, file: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(statSync(file).size),
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = join(base, '404.html');
      if (stat(page)?.isFile()) send(404, page);
      else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 Not Found');
    };

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + sep)) return notFound();

    const st = stat(file);
    if (st?.isFile()) return send(200, file);
    if (st?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const query = new URL(req.url ?? '/', 'http://localhost').search;
        res.writeHead(301, { Location: `${encodeURI(pathname)}/${query}` }).end();
        return;
      }
      const index = join(file, 'index.html');
      if (stat(index)?.isFile()) return send(200, index);
    }
    notFound();
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
