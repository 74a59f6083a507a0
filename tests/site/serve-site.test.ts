import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreviewServer } from '../../pipeline/dev/preview-server.ts';
import { contentSecurityPolicy } from '../../pipeline/site/csp.ts';
import { startSiteServer } from '../../pipeline/site/serve-site.ts';

const out = mkdtempSync(join(tmpdir(), 'site-serve-'));
const site = join(out, 'site');
mkdirSync(join(site, 'pagefind'), { recursive: true });
writeFileSync(join(site, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(site, 'pagefind', 'pagefind.js'), 'export {}');
writeFileSync(join(out, 'secret.txt'), 'outside the site');

const closing: (() => unknown)[] = [];
afterAll(() => Promise.all(closing.map((c) => c())));

describe('serving out/site', () => {
  it('serves the site alone, with its Content-Security-Policy and a script type a module import accepts', async () => {
    const { server, url } = await startSiteServer(site);
    closing.push(() => server.close());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect((await fetch(`${url}pagefind/pagefind.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${url}..%2Fsecret.txt`)).status).toBe(404);
  });

  it('is a route of the dev server beside the PDF preview: /site/', async () => {
    const dev = await startPreviewServer({ allowed: [out], previewPage: 'preview', port: 0, siteDir: site });
    closing.push(() => dev.close());
    const base = `http://127.0.0.1:${dev.port}`;
    expect(await (await fetch(`${base}/site/`)).text()).toContain('<title>x</title>');
    expect((await fetch(`${base}/site`, { redirect: 'manual' })).headers.get('location')).toBe('/site/');
    expect((await fetch(`${base}/site/..%2Fsecret.txt`)).status).toBe(404);
  });
});
