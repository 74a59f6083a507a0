/** A chapter file → front matter, body and its Handlebars syntax tree, with line offsets kept. */
import Handlebars from 'handlebars';
import { parse as parseYamlText } from 'yaml';
import { z } from 'zod';
import { diag, type Diagnostic } from './errors.ts';
import type { SourceFile } from './model.ts';
import { decodeSource } from './source-text.ts';

export interface ChapterSource {
  file: string;
  id: string;
  title: string;
  /** 1-based chapter number, from file order */
  number: number;
  body: string;
  /** lines before the body (front matter), added to every body position */
  lineOffset: number;
  ast: hbs.AST.Program;
}

const FrontMatter = z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), title: z.string().min(1) });

export function parseChapters(files: SourceFile[]): { chapters: ChapterSource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const chapters: ChapterSource[] = [];
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const [i, file] of sorted.entries()) {
    const r = parseChapter(file, i + 1);
    diagnostics.push(...r.diagnostics);
    if (r.chapter) chapters.push(r.chapter);
  }
  const seen = new Map<string, string>();
  for (const c of chapters) {
    if (seen.has(c.id)) diagnostics.push(diag('FRONT_MATTER', { detail: `id "${c.id}" is also used by ${seen.get(c.id)}` }, { file: c.file, line: 2, column: 1 }));
    seen.set(c.id, c.file);
  }
  return { chapters, diagnostics };
}

export function parseChapter(file: SourceFile, number: number): { chapter?: ChapterSource; diagnostics: Diagnostic[] } {
  const { text, diagnostics } = decodeSource(file);
  if (text === undefined || diagnostics.length) return { diagnostics };
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return { diagnostics: [diag('FRONT_MATTER', { detail: 'missing (the file must start with ---)' }, { file: file.path, line: 1, column: 1 })] };
  let fm: unknown;
  try {
    fm = parseYamlText(m[1]);
  } catch (e) {
    return { diagnostics: [diag('FRONT_MATTER', { detail: (e as Error).message.split('\n')[0] }, { file: file.path, line: 2, column: 1 })] };
  }
  const r = FrontMatter.safeParse(fm);
  if (!r.success) {
    return { diagnostics: r.error.issues.map((i) => diag('FRONT_MATTER', { detail: `${i.path.join('.') || 'front matter'}: ${i.message}` }, { file: file.path, line: 2, column: 1 })) };
  }
  const lineOffset = m[0].split('\n').length - 1;
  const body = text.slice(m[0].length);
  if (/[\uE000-\uE0FF]/.test(body)) {
    const at = body.search(/[\uE000-\uE0FF]/);
    const before = body.slice(0, at).split('\n');
    return { diagnostics: [diag('FILE_ENCODING', { detail: 'private-use characters (U+E000–U+E0FF) are reserved by the pipeline' }, { file: file.path, line: lineOffset + before.length, column: before[before.length - 1].length + 1 })] };
  }
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const line = Number(/line (\d+)/.exec(msg)?.[1] ?? 1);
    return { diagnostics: [diag('HBS_SYNTAX', { detail: msg.split('\n').filter((l) => /Expecting|Parse error/.test(l)).pop()?.trim() ?? msg.split('\n')[0] }, { file: file.path, line: line + lineOffset, column: 1 })] };
  }
  return { chapter: { file: file.path, id: r.data.id, title: r.data.title, number, body, lineOffset, ast }, diagnostics: [] };
}
