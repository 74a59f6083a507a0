/** The one cache module: hashing, reuse by key, pruning, part files in out/.cache and the code version they carry. */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedBy, cachePartFiles, codeVersion, codeVersionOf, hashOf, prune, readCacheParts } from '../../pipeline/core/cache.ts';
import { repoRoot } from '../../pipeline/core/project.ts';

const readBytes = (path: string) => readFile(path).then((b) => new Uint8Array(b));
const made: string[] = [];
const temp = (prefix: string) => made[made.push(mkdtempSync(join(tmpdir(), prefix))) - 1];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of this checkout's pipeline/ and lockfile: what the code version is computed from. */
function pipelineCopy(): string {
  const root = temp('report-code-');
  cpSync(join(repoRoot, 'pipeline'), join(root, 'pipeline'), { recursive: true });
  cpSync(join(repoRoot, 'package-lock.json'), join(root, 'package-lock.json'));
  return root;
}

function writeParts(dir: string, files: { path: string; bytes: string }[]): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(f.path, f.bytes);
}

describe('the code version', () => {
  it('is a function of the pipeline’s sources and the lockfile, wherever the checkout is', () => {
    expect(codeVersionOf(pipelineCopy())).toBe(codeVersion());
  });

  it('changes with a file in any room, also deep in a subfolder, and with the lockfile', () => {
    const root = pipelineCopy();
    const before = codeVersionOf(root);
    appendFileSync(join(root, 'pipeline', 'render', 'text-metrics.ts'), '\n// edited\n');
    const afterRoom = codeVersionOf(root);
    expect(afterRoom).not.toBe(before);
    mkdirSync(join(root, 'pipeline', 'render', 'fonts', 'deeper'), { recursive: true });
    writeFileSync(join(root, 'pipeline', 'render', 'fonts', 'deeper', 'extra.ts'), 'export const x = 1;\n');
    const afterDeep = codeVersionOf(root);
    expect(afterDeep).not.toBe(afterRoom);
    appendFileSync(join(root, 'package-lock.json'), '\n');
    expect(codeVersionOf(root)).not.toBe(afterDeep);
  });

  it('is not fooled by moving a file: its path counts as well as its bytes', () => {
    const a = temp('report-code-');
    mkdirSync(join(a, 'pipeline', 'core'), { recursive: true });
    writeFileSync(join(a, 'pipeline', 'core', 'x.ts'), 'export const x = 1;\n');
    const b = temp('report-code-');
    mkdirSync(join(b, 'pipeline', 'check'), { recursive: true });
    writeFileSync(join(b, 'pipeline', 'check', 'x.ts'), 'export const x = 1;\n');
    expect(codeVersionOf(a)).not.toBe(codeVersionOf(b));
  });
});

describe('cache parts in a folder', () => {
  it('are read back as written, and only the parts asked for', async () => {
    const dir = join(temp('report-cache-'), '.cache');
    writeParts(dir, cachePartFiles(dir, { charts: new Map([['a1', { svg: '<svg/>' }]]), data: new Map([['data/m.yaml:ab12', { nodes: [1, 2] }]]) }));
    const both = await readCacheParts(dir, ['charts', 'data'], readBytes);
    expect([...both.charts]).toEqual([['a1', { svg: '<svg/>' }]]);
    expect([...both.data]).toEqual([['data/m.yaml:ab12', { nodes: [1, 2] }]]);
    expect(Object.keys(await readCacheParts(dir, ['data'], readBytes))).toEqual(['data']);
  });

  it('are ignored once a source file in a subfolder of pipeline/ changed (other code wrote them)', async () => {
    const root = pipelineCopy();
    const dir = join(root, 'out', '.cache');
    writeParts(dir, cachePartFiles(dir, { data: new Map([['k', 1]]) }, codeVersionOf(root)));
    expect((await readCacheParts(dir, ['data'], readBytes, codeVersionOf(root))).data.size).toBe(1);
    appendFileSync(join(root, 'pipeline', 'check', 'load-data.ts'), '\n// edited\n');
    expect((await readCacheParts(dir, ['data'], readBytes, codeVersionOf(root))).data.size).toBe(0);
  });

  it('are ignored when an entry was changed or the file was signed with another key: a committed, poisoned cache is never trusted (issue 21)', async () => {
    const dir = join(temp('report-cache-'), '.cache');
    writeParts(dir, cachePartFiles(dir, { charts: new Map([['a1', { svg: '<svg/>' }]]) }));
    expect((await readCacheParts(dir, ['charts'], readBytes)).charts.size).toBe(1);
    // HTML appended after </svg> in an entry, the stamp left as it was
    const file = join(dir, 'charts.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('<svg/>', '<svg/><iframe src=\\"../.git/config\\"></iframe>'));
    expect(readFileSync(file, 'utf8')).toContain('iframe');
    expect((await readCacheParts(dir, ['charts'], readBytes)).charts.size).toBe(0);
    // the same file written with someone else's key (another machine, a pull request's author)
    writeFileSync(file, good);
    const mine = process.env.REPORT_CACHE_KEY_DIR;
    process.env.REPORT_CACHE_KEY_DIR = temp('report-key-');
    try {
      expect((await readCacheParts(dir, ['charts'], readBytes)).charts.size).toBe(0);
      expect(statSync(join(process.env.REPORT_CACHE_KEY_DIR, 'cache-key')).mode & 0o077).toBe(0);
    } finally {
      if (mine === undefined) delete process.env.REPORT_CACHE_KEY_DIR;
      else process.env.REPORT_CACHE_KEY_DIR = mine;
    }
    expect((await readCacheParts(dir, ['charts'], readBytes)).charts.size).toBe(1);
  });

  it('start empty when missing or unreadable', async () => {
    const dir = join(temp('report-cache-'), '.cache');
    expect((await readCacheParts(dir, ['charts'], readBytes)).charts.size).toBe(0);
    writeParts(dir, [{ path: join(dir, 'charts.json'), bytes: '{ not json' }]);
    expect((await readCacheParts(dir, ['charts'], readBytes)).charts.size).toBe(0);
  });
});

describe('reuse and pruning', () => {
  it('makes a value once per key', () => {
    const part = new Map<string, number>();
    let made = 0;
    expect(cachedBy(part, 'k', () => ++made)).toBe(1);
    expect(cachedBy(part, 'k', () => ++made)).toBe(1);
    expect(made).toBe(1);
  });

  it('keeps only the keys asked for', () => {
    const part = new Map([['a', 1], ['b', 2], ['c', 3]]);
    prune(part, (k) => k !== 'b');
    expect([...part.keys()]).toEqual(['a', 'c']);
  });

  it('hashes a value by its JSON: equal values, equal hashes', () => {
    expect(hashOf(['x', { a: 1 }])).toBe(hashOf(['x', { a: 1 }]));
    expect(hashOf(['x', { a: 1 }])).not.toBe(hashOf(['x', { a: 2 }]));
    expect(hashOf('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
