/**
 * Serving out/site over HTTP (search needs it: browsers do not fetch from file://): the dev
 * server's /site/ route and the tests' server. Only files inside the site folder, with the
 * site's Content-Security-Policy as a header too.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { isInside } from '../core/project.ts';
import { contentSecurityPolicy } from './csp.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Answers a request for `path` (relative to the site, '' or ending in / for its index.html). */
export function serveSiteFile(siteDir: string, path: string, res: ServerResponse): void {
  const file = normalize(join(siteDir, decodeURIComponent(path === '' || path.endsWith('/') ? `${path}index.html` : path)));
  let size = -1;
  try {
    size = isInside(siteDir, file) && statSync(file).isFile() ? statSync(file).size : -1;
  } catch {
    size = -1;
  }
  if (size < 0) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store', 'content-security-policy': contentSecurityPolicy });
  createReadStream(file).pipe(res);
}

/** A server of the site alone on 127.0.0.1 (an ephemeral port unless given). */
export function startSiteServer(siteDir: string, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => serveSiteFile(siteDir, new URL(req.url ?? '/', 'http://localhost').pathname.slice(1), res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : port}/` });
    });
  });
}
