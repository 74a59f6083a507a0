/**
 * The folder list is the architecture: each room of pipeline/ may import only the rooms listed
 * for it below (type imports count: a type is a dependency too), and no module imports itself
 * back through a cycle. pipeline/README.md says the same in prose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../pipeline/core/project.ts';

const pipeline = join(repoRoot, 'pipeline');

/** room → the rooms it may import (besides itself). */
const allowed: Record<string, string[]> = {
  core: [],
  model: ['core'],
  check: ['core', 'model'],
  render: ['core', 'model', 'check'],
  print: ['core', 'model', 'render'],
  edition: ['core', 'model', 'check', 'render', 'print'],
  site: ['core', 'model', 'check', 'render'],
  build: ['core', 'model', 'check', 'render', 'print', 'edition', 'site'],
  diff: ['core', 'model', 'check', 'render', 'print', 'edition', 'site', 'build'],
  dev: ['core', 'model', 'check', 'render', 'print', 'edition', 'site', 'build'],
  sheets: ['core', 'model', 'check', 'render', 'print', 'edition', 'site', 'build', 'diff'],
  commands: ['core', 'model', 'check', 'render', 'print', 'edition', 'site', 'build', 'diff', 'dev', 'sheets'],
  cli: ['core', 'commands'],
};

interface Import {
  from: string;
  to: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every relative import of a module (static, dynamic and type-only), with its line. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const found: Import[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) {
    found.push({ from: file, to: resolve(dirname(file), m[1]), line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

const roomOf = (file: string) => {
  const rel = relative(pipeline, file).split('\\').join('/');
  return rel.includes('/') ? rel.split('/')[0] : '(top)';
};

const wrongArrows = (list: Import[]) => list.filter((i) => roomOf(i.from) !== roomOf(i.to) && !allowed[roomOf(i.from)]?.includes(roomOf(i.to)));

/** Every cycle of imports, as "a.ts → b.ts → a.ts" (paths relative to pipeline/). */
function cyclesOf(list: Import[]): string[] {
  const edges = new Map<string, string[]>();
  for (const i of list) edges.set(i.from, [...(edges.get(i.from) ?? []), i.to]);
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(pipeline, p).split('\\').join('/')).join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const t of edges.get(f) ?? []) visit(t, [...path, f]);
    state.set(f, 'done');
  };
  [...edges.keys()].forEach((f) => visit(f, []));
  return cycles;
}

const files = sourceFiles(pipeline);
const imports = files.flatMap((f) => importsOf(f));
const show = (i: Import) => `${relative(repoRoot, i.from)}:${i.line} imports ${relative(repoRoot, i.to)}`;

describe('the rooms of pipeline/', () => {
  it('has no module outside a room, and no room the rules do not know', () => {
    expect(files.filter((f) => !(roomOf(f) in allowed)).map((f) => relative(repoRoot, f))).toEqual([]);
  });

  it('imports only along the allowed arrows', () => {
    expect(wrongArrows(imports).map(show)).toEqual([]);
  });

  it('imports only files that exist', () => {
    const known = new Set(files);
    expect(imports.filter((i) => !known.has(i.to)).map(show)).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    expect(cyclesOf(imports)).toEqual([]);
  });

  it('is a rule that can fail: a wrong arrow and a cycle are found in planted code', () => {
    const a = join(pipeline, 'check', 'a.ts');
    const planted = importsOf(a, "import { x } from '../print/print-session.ts';\nimport type { Y } from './b.ts';\nconst z = await import('../dev/watch.ts');");
    expect(planted.map((i) => `${roomOf(i.to)}:${i.line}`)).toEqual(['print:1', 'check:2', 'dev:3']);
    expect(wrongArrows(planted).map((i) => roomOf(i.to))).toEqual(['print', 'dev']);
    const back = importsOf(join(pipeline, 'check', 'b.ts'), "import { a } from './a.ts';");
    expect(cyclesOf([...planted, ...back])).toEqual(['check/a.ts → check/b.ts → check/a.ts']);
  });
});
