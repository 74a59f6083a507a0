import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { siteChanges, siteKey, type SiteCache } from '../../pipeline/site/site-reuse.ts';
import type { SiteFile } from '../../pipeline/site/site-assets.ts';

/** A folder standing for out/site, a cache, and a maker that counts how often the site is made. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'site-reuse-'));
  const cache: SiteCache = new Map();
  let made = 0;
  const site = (page: string): (() => Promise<SiteFile[]>) => async () => {
    made++;
    return [
      { path: 'index.html', bytes: page },
      { path: 'assets/fonts/a.woff2', bytes: new Uint8Array([1, 2, 3]) },
    ];
  };
  const write = (files: SiteFile[]) => {
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.bytes);
    }
  };
  return { dir, cache, site, write, made: () => made, reuse: (key: string) => ({ dir, key, cache, readFile }) };
}

describe('the web edition made only when its inputs change', () => {
  it('writes every file the first time, then makes nothing and writes nothing while out/site stands', async () => {
    const s = setup();
    const key = siteKey('inputs-1', 'templates-1');
    const first = await siteChanges(s.reuse(key), s.site('<p>一</p>'));
    expect(first.map((f) => f.path)).toEqual(['index.html', 'assets/fonts/a.woff2']);
    s.write(first);
    expect(await siteChanges(s.reuse(key), s.site('<p>一</p>'))).toEqual([]);
    expect(s.made()).toBe(1);
  });

  it('makes the site again when a file of it was changed or removed on disk, and writes only that file back', async () => {
    const s = setup();
    const key = siteKey('inputs-1', 'templates-1');
    s.write(await siteChanges(s.reuse(key), s.site('<p>一</p>')));
    writeFileSync(join(s.dir, 'index.html'), 'edited by hand');
    const again = await siteChanges(s.reuse(key), s.site('<p>一</p>'));
    expect(s.made()).toBe(2);
    expect(again.map((f) => f.path)).toEqual(['index.html']);
    s.write(again);
    expect(readFileSync(join(s.dir, 'index.html'), 'utf8')).toBe('<p>一</p>');
  });

  it('after an edit of the inputs or of templates/site, writes only the files whose bytes changed', async () => {
    const s = setup();
    s.write(await siteChanges(s.reuse(siteKey('inputs-1', 'templates-1')), s.site('<p>一</p>')));
    const edited = await siteChanges(s.reuse(siteKey('inputs-2', 'templates-1')), s.site('<p>二</p>'));
    expect(edited.map((f) => f.path)).toEqual(['index.html']);
    s.write(edited);
    expect(siteKey('inputs-2', 'templates-2')).not.toBe(siteKey('inputs-2', 'templates-1'));
    expect(await siteChanges(s.reuse(siteKey('inputs-2', 'templates-2')), s.site('<p>二</p>'))).toEqual([]);
    expect(s.made()).toBe(3);
    expect(s.cache.size).toBe(1); // the current site's listing, not one per edit
  });
});
