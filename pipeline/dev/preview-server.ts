/**
 * The preview server of `npm run dev`: the preview page and its script, pdf.js (from npm, no CDN:
 * the page draws the PDF's pages itself), the edition in out/, the fonts and CSS it links, the
 * web edition at /site/, and a server-sent event stream that tells the page what the watcher is
 * doing (building, built, failed). A page that connects, or reconnects, is told the last outcome
 * and a build in progress at once, so what it shows is never older than the server's state.
 * Listens on 127.0.0.1 only and serves nothing outside its roots.
 *
 * Issue 21: a request must name the host the server printed (127.0.0.1:PORT, or localhost:PORT),
 * so a page on another site cannot reach it by DNS rebinding; a file is served by its real path,
 * so a symlink inside a root (`templates/lnk -> /`) leads nowhere; and only the kinds of file a
 * preview shows, never a dotfile or dot-folder (out/.cache, .print-*.html).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, relative, sep } from 'node:path';
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

/** The preview's scripts, by URL: its own (templates/) and pdf.js's two modules. */
const require = createRequire(import.meta.url);
const pdfjsFiles: Record<string, string> = {
  '/pdfjs/pdf.min.mjs': require.resolve('pdfjs-dist/build/pdf.min.mjs'),
  '/pdfjs/pdf.worker.min.mjs': require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'),
};
const scriptType = 'text/javascript; charset=utf-8';

export type PreviewEvent = 'building' | 'built' | 'failed';

export interface PreviewServer {
  port: number;
  /** tells every open page; a page that connects later is told the last outcome (`built`, `failed`) and a build in progress */
  send(event: PreviewEvent, data: unknown): void;
  close(): Promise<void>;
}

/**
 * URLs are absolute file paths (so the edition's relative links to fonts and CSS resolve as on
 * disk), but only files under the `allowed` folders are served.
 */
export function startPreviewServer(opts: { allowed: string[]; previewPage: string; port: number; siteDir?: string; templatesDir?: string }): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let lastOutcome = '';
  /** the `building` message while a build runs (after its outcome, nothing) */
  let inProgress = '';
  const scripts: Record<string, string> = { ...pdfjsFiles, ...(opts.templatesDir ? { '/preview.js': join(opts.templatesDir, 'preview.js') } : {}) };
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
      res.write(`: connected\n\n${lastOutcome}${inProgress}`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname in scripts) return serveFile(scripts[url.pathname], scriptType, res);
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
    serveFile(file, types[extname(file)] ?? 'application/octet-stream', res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenFailed(opts.port, e)));
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : opts.port;
      resolve({
        port,
        send(event, data) {
          const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
          if (event === 'building') inProgress = message;
          else [lastOutcome, inProgress] = [message, ''];
          for (const c of clients) c.write(message);
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

function serveFile(file: string, type: string, res: ServerResponse): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
  res.writeHead(200, { 'content-type': type, 'content-length': size, 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
}

/** A port that cannot be listened on, as the catalog says it (not `listen EADDRINUSE`). */
function listenFailed(port: number, e: NodeJS.ErrnoException): BuildError {
  if (e.code === 'EADDRINUSE') return new BuildError([diag('PORT_IN_USE', { port }, { cause: e })]);
  return new BuildError([diag('PORT_UNAVAILABLE', { port, detail: e.code ?? e.message }, { cause: e })]);
}
