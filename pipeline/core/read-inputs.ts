/** Reads every input of a build (data, chapters, templates) and hashes them: the edition's identity. */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { BuildError, diag } from './errors.ts';
import type { Effects } from './effects.ts';
import type { SourceFile } from './source-text.ts';
import type { Project } from './project.ts';

export interface Inputs {
  data: SourceFile[];
  chapters: SourceFile[];
  charts: SourceFile[];
  tables: SourceFile[];
  layout: { layout: string; partials: Record<string, string>; locale: string; printCss: string };
  /** templates/*.yaml: the words, units and editorial rules figures and prose are checked and printed with */
  vocabulary: SourceFile[];
  /** project-relative path → sha256 of its bytes */
  hashes: Record<string, string>;
  /** sha256 over all of the above, in path order */
  inputsHash: string;
}

export const partialNames = ['front', 'back', 'cover', 'colophon', 'toc', 'chapter', 'figure', 'table', 'furniture', 'changelog', 'mark'] as const;

export async function readInputs(project: Project, fx: Effects): Promise<Inputs> {
  const [data, chapters, charts, tables, templates] = await allOrEveryError([
    fx.readFiles(project.dataDir, ['.yaml', '.yml'], project.root),
    fx.readFiles(project.chaptersDir, ['.md'], project.root),
    fx.readFiles(project.chartsDir, ['.yaml', '.yml'], project.root),
    fx.readFiles(project.tablesDir, ['.yaml', '.yml'], project.root),
    fx.readFiles(project.templatesDir, ['.hbs', '.css', '.yaml'], project.root),
  ]);
  const byName = new Map(templates.map((f) => [f.path.split('/').pop()!, new TextDecoder().decode(f.bytes)]));
  const need = (name: string) => {
    const t = byName.get(name);
    if (t === undefined) {
      const folder = relative(project.root, project.templatesDir).split('\\').join('/') || '.';
      throw new BuildError([diag('MISSING_TEMPLATE', { name, folder: folder.startsWith('..') ? project.templatesDir : folder }, { file: relative(project.root, join(project.templatesDir, name)).split('\\').join('/') })]);
    }
    return t;
  };
  const layout = {
    layout: need('layout.hbs'),
    partials: Object.fromEntries(partialNames.map((n) => [n, need(`${n}.hbs`)])),
    locale: need('locale.yaml'),
    printCss: need('print.css'),
  };
  need('units.yaml');
  const vocabulary = templates.filter((f) => f.path.endsWith('.yaml'));
  const all = [...data, ...chapters, ...charts, ...tables, ...templates].sort((a, b) => a.path.localeCompare(b.path));
  const hashes: Record<string, string> = {};
  const total = createHash('sha256');
  for (const f of all) {
    hashes[f.path] = createHash('sha256').update(f.bytes).digest('hex');
    total.update(`${f.path}\0${hashes[f.path]}\n`);
  }
  return { data, chapters, charts, tables, layout, vocabulary, hashes, inputsHash: total.digest('hex') };
}

/** Like Promise.all, but a refusal in one folder does not hide those of the others: all at once. */
async function allOrEveryError<T>(reads: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failed.length === 0) return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  const other = failed.find((e) => !(e instanceof BuildError));
  if (other) throw other;
  throw new BuildError(failed.flatMap((e) => (e as BuildError).diagnostics));
}
