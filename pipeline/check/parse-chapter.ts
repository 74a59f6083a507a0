/** A chapter file → front matter, body and its Handlebars syntax tree, with line offsets kept. */
import Handlebars from 'handlebars';
import type { Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { SourceFile } from '../core/source-text.ts';
import { decodeSource } from '../core/source-text.ts';
import { locate, parseYaml } from '../core/yaml-source.ts';
import { describeValue } from './zod-diagnostics.ts';

export interface ChapterSource {
  file: string;
  id: string;
  title: string;
  /** 1-based chapter number, from file order; 0 for a front-matter text (issue 14: the summary) */
  number: number;
  /** 'front': printed in the front matter after the contents, unnumbered (front matter `part: front`) */
  part?: 'front';
  /** an appendix (front matter `appendix: true`): lettered, not numbered (附录A, A.1); its place among the appendices, from 1 */
  appendix?: number;
  body: string;
  /** lines before the body (front matter), added to every body position */
  lineOffset: number;
  ast: hbs.AST.Program;
}

const FrontMatter = z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), title: z.string().min(1), part: z.literal('front').optional(), appendix: z.literal(true).optional() });

/** `parse`: parseChapter, or a cached version of it (by the file's hash and number, see build-cache.ts). */
export function parseChapters(files: SourceFile[], parse: typeof parseChapter = parseChapter): { chapters: ChapterSource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const chapters: ChapterSource[] = [];
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const [i, file] of sorted.entries()) {
    const r = parse(file, i + 1);
    diagnostics.push(...r.diagnostics);
    if (r.chapter) chapters.push(r.chapter);
  }
  // chapters are numbered in file order; a front-matter text (the summary) is not a chapter
  // appendices are numbered on with the chapters (their anchors and running pages: ch-8) and lettered in print
  let n = 0;
  let a = 0;
  for (const [i, c] of chapters.entries()) chapters[i] = { ...c, number: c.part ? 0 : ++n, ...(c.appendix ? { appendix: ++a } : {}) };
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
  const fmProblems = checkFrontMatter(file.path, m[1]);
  if (fmProblems.diagnostics.length) return { diagnostics: fmProblems.diagnostics };
  const r = fmProblems.result!;
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
    const { line, column, detail } = explainHbsError((e as Error).message, body);
    return { diagnostics: [diag('HBS_SYNTAX', { detail }, { file: file.path, line: line + lineOffset, column })] };
  }
  return { chapter: { file: file.path, id: r.id, title: r.title, number, ...(r.part ? { part: r.part } : {}), ...(r.appendix ? { appendix: 1 } : {}), body, lineOffset, ast }, diagnostics: [] };
}

/** The front matter (the YAML between the --- lines, from line 2): `id` and `title`, each problem at its own line. */
function checkFrontMatter(file: string, yaml: string): { result?: z.infer<typeof FrontMatter>; diagnostics: Diagnostic[] } {
  const { parsed, diagnostics } = parseYaml(file, yaml);
  const shift = (d: Diagnostic): Diagnostic => diag('FRONT_MATTER', { detail: d.message }, { file, line: (d.line ?? 1) + 1, column: d.column });
  if (!parsed) return { diagnostics: diagnostics.map(shift) };
  const input = parsed.doc.toJS();
  const r = FrontMatter.safeParse(input);
  if (r.success) return { result: r.data, diagnostics: [] };
  const root = parsed.doc.contents as YamlNode | null;
  const out: Diagnostic[] = [];
  for (const issue of r.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const key = String(path[0] ?? '');
    const found = input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
    const at = (node: YamlNode | null | undefined) => {
      const p = parsed.at(node);
      return { file, line: (p.line ?? 1) + 1, column: p.column ?? 1 };
    };
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push(diag('FRONT_MATTER', { detail: `unknown key "${k}" (allowed: id, title, part, appendix)` }, at(locate(root, [k]).key)));
    } else if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      out.push(diag('FRONT_MATTER', { detail: `expected id: and title:, got ${describeValue(input)}` }, at(root)));
      break;
    } else if (found === undefined) {
      out.push(diag('FRONT_MATTER', { detail: `missing "${key}"` }, { file, line: 2, column: 1 }));
    } else {
      const expected = key === 'id' ? 'lower-case letters, digits and hyphens, starting with a letter (e.g. market)' : key === 'part' ? '"front" (a text printed in the front matter) or absent' : key === 'appendix' ? 'true (an appendix, lettered 附录A) or absent' : 'a non-empty text';
      out.push(diag('FRONT_MATTER', { detail: `${key} must be ${expected}, got ${describeValue(found)}` }, at(locate(root, [key]).node)));
    }
  }
  return { diagnostics: out };
}

/**
 * Handlebars reports "Parse error on line N" with an excerpt and a caret, and the parser's token
 * names. Returns the line, the column of the expression that fails, and what is wrong in words.
 */
export function explainHbsError(message: string, body: string): { line: number; column: number; detail: string } {
  const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
  const lines = message.split('\n');
  const excerpt = lines[1] ?? '';
  const caret = (lines[2] ?? '').indexOf('^');
  const past = excerpt.slice(0, Math.max(0, caret)).replace(/^\.\.\./, '');
  const bodyLines = body.split('\n');
  const text = bodyLines[line - 1] ?? '';
  // where the excerpt before the caret ends in this line (the excerpt drops line breaks): the first place that fits
  const earlier = bodyLines.slice(0, line - 1).join('');
  let offset = text.length;
  for (let k = 0; k <= text.length; k++) {
    if ((earlier + text.slice(0, k)).endsWith(past)) {
      offset = k;
      break;
    }
  }
  const open = text.lastIndexOf('{{', Math.max(0, offset - 1));
  const start = open >= 0 ? open : Math.min(offset, text.length);
  const expression = text.slice(start).match(/^\{\{[^}]*\}?\}?/)?.[0] ?? text.slice(start, start + 30);
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  const expecting = /Expecting (.*), got/.exec(message)?.[1] ?? '';
  let detail: string;
  if (got === 'EOF' && /OPEN_ENDBLOCK/.test(expecting)) detail = 'a {{#…}} block is never closed';
  else if (got === 'CLOSE_UNESCAPED') detail = `one } too many in ${expression}`;
  else if (got === 'EOF' || (got === 'INVALID' && /'CLOSE'/.test(expecting))) detail = `${expression} is not closed with }} (or holds an unclosed quote or a stray character)`;
  else detail = `cannot read ${expression}: check its braces, quotes and arguments`;
  return { line, column: start + 1, detail };
}
