import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowed } from '../../pipeline/print/lock-down.ts';
import { pageMapOf, samePageMap } from '../../pipeline/render/page-map.ts';

describe('print', () => {
  it('lets the page load only files inside the project roots', () => {
    const roots = ['/work/report', '/work/report/node_modules/@fontsource/noto-serif-sc'];
    expect(isAllowed('file:///work/report/out/report.html', roots)).toBe(true);
    expect(isAllowed('file:///work/report/node_modules/@fontsource/noto-serif-sc/files/a.woff2', roots)).toBe(true);
    expect(isAllowed('data:image/png;base64,AAAA', roots)).toBe(true);
    expect(isAllowed('file:///etc/passwd', roots)).toBe(false);
    expect(isAllowed('file:///work/report/../secret', roots)).toBe(false);
    expect(isAllowed('file:///work/report-other/x.css', roots)).toBe(false);
    expect(isAllowed('https://example.com/font.woff2', roots)).toBe(false);
    expect(isAllowed('http://127.0.0.1:8080/x', roots)).toBe(false);
  });

  it('follows symlinks: a link inside the project to a file outside it is refused', () => {
    const root = mkdtempSync(join(tmpdir(), 'allow-'));
    symlinkSync('/etc/hostname', join(root, 'innocent.css'));
    writeFileSync(join(root, 'real.css'), 'p{}');
    expect(isAllowed(pathToFileURL(join(root, 'real.css')).href, [root])).toBe(true);
    expect(isAllowed(pathToFileURL(join(root, 'innocent.css')).href, [root])).toBe(false);
  });

  it('numbers pages from the first chapter and compares page maps independent of order', () => {
    const facts = { pageCount: 10, destinations: new Map([['ch-1', 3], ['sec-1-1', 3], ['ch-2', 7]]) };
    const map = pageMapOf(facts, 'ch-1');
    expect(map).toEqual({ tocPages: { 'ch-1': '1', 'ch-2': '5', 'sec-1-1': '1' }, totalPages: 7, frontPages: 3 });
    expect(samePageMap(map, { tocPages: { 'ch-2': '5', 'sec-1-1': '1', 'ch-1': '1' }, totalPages: 7, frontPages: 3 })).toBe(true);
    expect(samePageMap(map, { tocPages: { 'ch-2': '5', 'sec-1-1': '1', 'ch-1': '1' }, totalPages: 7, frontPages: 4 })).toBe(false); // a longer front matter moves every folio
    expect(samePageMap(map, { tocPages: { 'ch-2': '6', 'sec-1-1': '1', 'ch-1': '1' }, totalPages: 7, frontPages: 3 })).toBe(false);
  });
});
