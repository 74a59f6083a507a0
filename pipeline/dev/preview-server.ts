/**
 * The preview server of `npm run dev`: the preview page, the edition in out/, the fonts and CSS it
 * links, the web edition at /site/, and a server-sent event stream that tells the page to reload (or show an error).
 * Listens on 127.0.0.1 only and serves nothing outside its roots.
 *
 * Issue 21: a request must name the host the server printed (127.0.0.1:PORT, or localhost:PORT),
 * so a page on another site cannot reach it by DNS rebinding; a file is served by its real path,
 * so a symlink inside a root (`templates/lnk -> /`) leads nowhere; and only the kinds of file a
 * preview shows, never a dotfile or dot-folder (out/.cache, .print-*.html).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { extname, normalize, relative, sep } from 'node:path';
import { realPathOf } from '../core/confine.ts';
import { BuildError, diag } from '../core/errors.ts';
import { isInside } from '../core/project.ts';
import { serveSiteFile } from '../site/serve-site.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

export interface PreviewServer {
  port: number;
  send(event: 'building' | 'built' | 'failed', data: unknown): void;
  close(): Promise<void>;
}

/**
 * URLs are absolute file paths (so the edition's relative links to fonts and CSS resolve as on
 * disk), but only files under the `allowed` folders are served.
 */
export function startPreviewServer(opts: { allowed: string[]; previewPage: string; port: number; siteDir?: string }): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let port = opts.port;
  const server = createServer((req, res) => {
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) return void res.writeHead(421, { 'content-type': 'text/plain' }).end('wrong host');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': types['.html'], 'cache-control': 'no-store' }).end(opts.previewPage);
    // the web edition beside the PDF: /site/ serves out/site as it will be deployed
    if (opts.siteDir && url.pathname === '/site') return void res.writeHead(301, { location: '/site/' }).end();
    if (opts.siteDir && url.pathname.startsWith('/site/')) return serveSiteFile(opts.siteDir, url.pathname.slice('/site/'.length), res);
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    let file: string;
    try {
      file = realPathOf(normalize(decodeURIComponent(url.pathname)));
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    }
    const shown = (root: string) => isInside(root, file) && !relative(root, file).split(sep).some((part) => part.startsWith('.'));
    const inside = extname(file) in types && opts.allowed.some((dir) => shown(realPathOf(dir)));
    let size = -1;
    try {
      size = inside ? statSync(file).isFile() ? statSync(file).size : -1 : -1;
    } catch {
      size = -1;
    }
    if (size < 0) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenFailed(opts.port, e)));
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : opts.port;
      resolve({
        port,
        send(event, data) {
          for (const c of clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        },
        close: () =>
          new Promise((done) => {
            for (const c of clients) c.end();
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

/** A port that cannot be listened on, as the catalog says it (not `listen EADDRINUSE`). */
function listenFailed(port: number, e: NodeJS.ErrnoException): BuildError {
  if (e.code === 'EADDRINUSE') return new BuildError([diag('PORT_IN_USE', { port }, { cause: e })]);
  return new BuildError([diag('PORT_UNAVAILABLE', { port, detail: e.code ?? e.message }, { cause: e })]);
}
