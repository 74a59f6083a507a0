/** The dev preview server (issue 21): only the preview's files, no symlink out, 127.0.0.1, its own Host only. */
import { request } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreviewServer } from '../../pipeline/dev/preview-server.ts';
import { removeTempDirs, tempDir } from '../helpers/project.ts';

afterAll(removeTempDirs);

/** GET path with a Host header of our choosing (fetch would not let us set it). */
const get = (port: number, path: string, host = `127.0.0.1:${port}`) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (b) => (body += b));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('the preview server', () => {
  it('serves the preview files, and nothing through a symlink, a dot-folder, another kind of file or another Host', async () => {
    const out = tempDir('report-out-');
    writeFileSync(join(out, 'report.html'), '<p>REPORT</p>');
    mkdirSync(join(out, '.cache'));
    writeFileSync(join(out, '.cache', 'charts.json'), '{}');
    writeFileSync(join(out, 'notes.yaml'), 'x: 1');
    symlinkSync('/', join(out, 'lnk'));
    symlinkSync('/etc/passwd', join(out, 'passwd.html'));
    const server = await startPreviewServer({ allowed: [out], previewPage: '<p>PREVIEW</p>', port: 0 });
    try {
      const p = server.port;
      expect(await get(p, `${out}/report.html`)).toEqual({ status: 200, body: '<p>REPORT</p>' });
      expect((await get(p, `${out}/report.html`, `localhost:${p}`)).status).toBe(200);
      expect((await get(p, `${out}/lnk/etc/passwd`)).status).toBe(404);
      expect((await get(p, `${out}/lnk${out}/report.html`)).status).toBe(200); // a link that comes back inside is inside
      expect((await get(p, `${out}/passwd.html`)).status).toBe(404);
      expect((await get(p, `${out}/.cache/charts.json`)).status).toBe(404);
      expect((await get(p, `${out}/notes.yaml`)).status).toBe(404);
      // DNS rebinding: a page of evil.example that resolves to 127.0.0.1
      expect(await get(p, `${out}/report.html`, `evil.example:${p}`)).toEqual({ status: 421, body: 'wrong host' });
      expect((await get(p, '/', `evil.example:${p}`)).status).toBe(421);
    } finally {
      await server.close();
    }
  });

  it('tells a page that connects (or reconnects) the last outcome and a build in progress at once', async () => {
    const server = await startPreviewServer({ allowed: [], previewPage: '', port: 0 });
    /** what a page that connects now is told first */
    const told = async (until: string) => {
      const reader = (await fetch(`http://127.0.0.1:${server.port}/events`)).body!.getReader();
      let text = '';
      while (!text.includes(until)) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      return text;
    };
    try {
      server.send('failed', { errors: [{ text: 'broken' }] });
      server.send('building', { changed: ['a.md'] });
      expect(await told('a.md')).toBe(': connected\n\nevent: failed\ndata: {"errors":[{"text":"broken"}]}\n\nevent: building\ndata: {"changed":["a.md"]}\n\n');
      server.send('built', { version: 2 });
      expect(await told('version')).toBe(': connected\n\nevent: built\ndata: {"version":2}\n\n');
    } finally {
      await server.close();
    }
  });
});

