/**
 * The static check of chapters, before anything renders: every data path, helper, argument and
 * figure/table id, with file:line:col; and, sentence by sentence, the editorial checks of bound
 * figures (editorial-checks.ts). It also rewrites a bare `{{path}}` into `{{text path}}`, so
 * plain paths print as literal text too.
 */
import { citationOrder } from './citation-order.ts';
import { diag, type Diagnostic } from '../core/errors.ts';
import { checkCall, helperAliases, helperNames, helpers, type Arg, type Hash } from '../model/helpers.ts';
import type { DataNode } from '../model/data-model.ts';
import type { ChapterSource } from './parse-chapter.ts';
import { findTypedFigures } from './typed-figures.ts';
import { closest } from '../core/did-you-mean.ts';
import { checkProse } from './check-prose.ts';
import { renderedProse } from './rendered-prose.ts';
import { decodeEntities } from './decode-entities.ts';
import { codePoint, hiddenKind } from './hidden-characters.ts';
import { positionsIn } from '../core/source-text.ts';
import type { Vocabulary } from '../model/vocabulary.ts';
import { boundSentences, type Binding } from './chapter-sentences.ts';
import type { ChapterSentences } from './editorial-checks.ts';

export interface Placement {
  kind: 'figure' | 'table';
  id: string;
  chapter: ChapterSource;
  line: number;
  column: number;
}

export interface ChapterCheck {
  diagnostics: Diagnostic[];
  placements: Placement[];
  /** every data path a chapter reads, for lineage and unused-data warnings */
  usedPaths: Set<string>;
  /** the same, per chapter file: a chapter re-renders only when its own data changes */
  usedBy: Map<string, Set<string>>;
  /** every sentence that prints a figure, with its bindings and what a reader has around it */
  sentences: ChapterSentences[];
}

export interface KnownIds {
  figure: Set<string>;
  table: Set<string>;
  /** the figures that are key-figure callouts: unnumbered, so a {{ref}} has nothing to print */
  callout?: Set<string>;
}

/** `unavailable(path)`: data that failed to load, reported there: a binding to it is not reported again. */
export function checkChapters(chapters: ChapterSource[], nodes: Map<string, DataNode>, known: KnownIds, vocab: Vocabulary, unavailable: (path: string) => boolean = () => false): ChapterCheck {
  const diagnostics: Diagnostic[] = [];
  const placements: Placement[] = [];
  const refs: { id: string; chapter: ChapterSource; line: number; column: number }[] = [];
  const pointers: { helper: string; target: string; chapter: ChapterSource; line: number; column: number }[] = [];
  const usedPaths = new Set<string>();
  const usedBy = new Map<string, Set<string>>();
  const allPaths = [...nodes.keys()];
  const sentences: ChapterSentences[] = [];

  for (const ch of chapters) {
    const uses = new Set<string>();
    usedBy.set(ch.file, uses);
    diagnostics.push(...checkRenderedProse(ch));
    // the chapter's prose with its figures' places: what the sentence checks read
    let prose = '';
    const bindings: Binding[] = [];
    const at = (loc: hbs.AST.SourceLocation) => ({ file: ch.file, line: loc.start.line + ch.lineOffset, column: loc.start.column + 1 });
    for (const stmt of ch.ast.body) {
      if (stmt.type === 'ContentStatement') {
        const c = stmt as hbs.AST.ContentStatement;
        const original = (c as unknown as { original: string }).original;
        prose += original;
        continue;
      }
      if (stmt.type === 'CommentStatement') continue;
      if (stmt.type !== 'MustacheStatement') {
        diagnostics.push(diag('HBS_BLOCK', notAllowed(stmt), at(stmt.loc)));
        continue;
      }
      const m = stmt as hbs.AST.MustacheStatement;
      if (m.path.type !== 'PathExpression') {
        diagnostics.push(diag('HBS_SYNTAX', { detail: 'expected a helper or a data path' }, at(m.loc)));
        continue;
      }
      const path = m.path as hbs.AST.PathExpression;
      let name = path.original;
      if (m.params.length === 0 && (!m.hash || m.hash.pairs.length === 0) && !helperNames.includes(name)) {
        // bare {{path}}: becomes {{text path}}
        m.params = [{ ...path }];
        m.path = { type: 'PathExpression', original: 'text', parts: ['text'], data: false, depth: 0, loc: path.loc } as hbs.AST.PathExpression;
        name = 'text';
      }
      if (!helperNames.includes(name)) {
        diagnostics.push(diag('HBS_UNKNOWN_HELPER', { name, known: helperNames.join(', '), suggestion: helperAliases[name.toLowerCase()] ?? closest(name, helperNames) }, at(m.loc)));
        continue;
      }
      const args: Arg[] = [];
      let ok = true;
      for (const p of m.params) {
        if (p.type === 'PathExpression') {
          const original = (p as hbs.AST.PathExpression).original;
          const node = nodes.get(original);
          if (!node) {
            if (!unavailable(original)) diagnostics.push(diag('HBS_UNKNOWN_PATH', { path: original, suggestion: closest(original, allPaths) }, at(p.loc)));
            ok = false;
          } else {
            args.push(node);
            usedPaths.add(original);
            uses.add(original);
          }
        } else if (p.type === 'StringLiteral') args.push((p as hbs.AST.StringLiteral).value);
        else {
          diagnostics.push(diag('HBS_BAD_ARGS', { helper: name, detail: `${p.type === 'NumberLiteral' ? 'a typed number' : p.type} is not allowed as an argument`, usage: helpersUsage(name) }, at(p.loc)));
          ok = false;
        }
      }
      const hash: Hash = {};
      for (const pair of m.hash?.pairs ?? []) {
        const problem = hashProblem(pair, vocab);
        if (problem) {
          diagnostics.push(diag('HBS_BAD_ARGS', { helper: name, detail: problem, usage: helpersUsage(name) }, at(pair.loc)));
          ok = false;
        } else (hash as Record<string, unknown>)[pair.key] = (pair.value as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value;
      }
      if (!ok) continue;
      const problem = checkCall(name, args, hash, vocab);
      if (problem) {
        diagnostics.push(diag('HBS_BAD_ARGS', { helper: name, detail: problem, usage: helpersUsage(name) }, at(m.loc)));
        continue;
      }
      const loc = at(m.loc);
      if (helpers[name].prints === 'figure') bindings.push({ at: prose.length, paths: args.flatMap((a) => (typeof a !== 'string' && a.kind === 'datum' ? [a.path] : [])), line: loc.line, column: loc.column });
      if (name === 'figure' || name === 'table') placements.push({ kind: name, id: args[0] as string, chapter: ch, line: loc.line, column: loc.column });
      if (name === 'ref') refs.push({ id: args[0] as string, chapter: ch, line: loc.line, column: loc.column });
      if (name === 'see' || name === 'at') pointers.push({ helper: name, target: args[0] as string, chapter: ch, line: loc.line, column: loc.column });
    }
    sentences.push({ file: ch.file, sentences: boundSentences(prose, bindings) });
  }

  const first = new Map<string, Placement>();
  for (const p of placements) {
    const key = `${p.kind}:${p.id}`;
    const where = { file: p.chapter.file, line: p.line, column: p.column };
    if (!known[p.kind].has(p.id)) diagnostics.push(diag('REF_UNKNOWN', { kind: kindWord(p.kind), id: p.id, known: [...known[p.kind]].join(', ') }, where));
    else if (first.has(key)) diagnostics.push(diag('REF_DUPLICATE', { kind: kindWord(p.kind), id: p.id, first: `${first.get(key)!.chapter.file}:${first.get(key)!.line}` }, where));
    else first.set(key, p);
  }
  const placed = new Set(placements.map((p) => p.id));
  for (const r of refs) {
    const where = { file: r.chapter.file, line: r.line, column: r.column };
    if (known.callout?.has(r.id)) diagnostics.push(diag('REF_TO_CALLOUT', { id: r.id }, where));
    if (placed.has(r.id)) continue;
    const kind = known.figure.has(r.id) ? 'figure' : known.table.has(r.id) ? 'table' : undefined;
    if (kind) diagnostics.push(diag('REF_NOT_PLACED', { kind: kindWord(kind), helper: kind, id: r.id }, where));
    else diagnostics.push(diag('REF_UNKNOWN', { kind: 'chart or table', id: r.id, known: [...known.figure, ...known.table].join(', ') }, where));
  }
  // a callout takes no number, so it has no order of numbers to keep
  diagnostics.push(...citationOrder(placements.filter((p) => !known.callout?.has(p.id)), refs));
  const numbers = sectionNumbers(chapters);
  for (const p of pointers) if (!numbers.includes(p.target)) diagnostics.push(diag('SECTION_UNKNOWN', { helper: p.helper, target: p.target, suggestion: closest(p.target, numbers) }, { file: p.chapter.file, line: p.line, column: p.column }));
  return { diagnostics, placements, usedPaths, usedBy, sentences };
}

/** The numbers {{see}} may point to: each numbered chapter's (2) and its headings' (2.1, 2.1.3), counted as render-chapters numbers them. */
function sectionNumbers(chapters: ChapterSource[]): string[] {
  const out: string[] = [];
  for (const ch of chapters) {
    if (ch.part || ch.appendix) continue;
    out.push(String(ch.number));
    let [s2, s3, fenced] = [0, 0, false];
    for (const line of ch.body.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) continue;
      if (/^## /.test(line)) out.push(`${ch.number}.${(s2 += 1, s3 = 0, s2)}`);
      else if (/^### /.test(line)) out.push(`${ch.number}.${s2}.${(s3 += 1)}`);
    }
  }
  return out;
}

/**
 * The prose checks on the chapter as Handlebars renders it (issue 21): markup, links and
 * nesting on the rendered Markdown, typed figures and hidden characters after character
 * references are decoded; every position mapped back to the chapter's own line and column.
 */
function checkRenderedProse(ch: ChapterSource): Diagnostic[] {
  const rendered = renderedProse(ch.ast, ch.body);
  const position = positionsIn(ch.body);
  const where = (offset: number) => ({ file: ch.file, ...shiftLines(position(rendered.origin[offset] ?? ch.body.length), ch.lineOffset) });
  const out = checkProse(rendered.text, where);
  const decoded = decodeEntities(rendered.text);
  for (const t of findTypedFigures(decoded.text)) out.push(diag('FIGURE_TYPED', { text: t.text }, where(decoded.origin[t.offset])));
  for (const r of decoded.references) {
    for (const c of r.decoded) {
      const kind = hiddenKind(c);
      if (kind) out.push(diag('HIDDEN_CHARACTER', { kind, codePoint: codePoint(c) }, where(r.offset)));
    }
  }
  return out;
}

const shiftLines = (p: { line: number; column: number }, lines: number) => ({ line: p.line + lines, column: p.column });

/** A chart is placed with {{figure}}, but "figure" in messages means a number: messages say chart. */
export const kindWord = (kind: 'figure' | 'table') => (kind === 'figure' ? 'chart' : 'table');

/** Options are literals: `unit="亿元"` (a unit name), `decimals=1` (0–3). */
function hashProblem(pair: hbs.AST.HashPair, vocab: Vocabulary): string | undefined {
  const v = pair.value;
  if (pair.key === 'decimals') {
    if (v.type !== 'NumberLiteral') return `decimals= must be a number 0–3, got ${describeLiteral(v)}`;
    const n = (v as hbs.AST.NumberLiteral).value;
    if (!Number.isInteger(n) || n < 0 || n > 3) return `decimals= must be a number 0–3, got ${n}`;
  } else if (pair.key === 'unit') {
    if (v.type !== 'StringLiteral') return `unit= must be a quoted unit such as unit="亿元", got ${describeLiteral(v)}`;
    if (!vocab.units.dimensionOf((v as hbs.AST.StringLiteral).value)) return `unit="${(v as hbs.AST.StringLiteral).value}" is not a unit (units are listed in templates/units.yaml)`;
  } else if (v.type !== 'StringLiteral' && v.type !== 'NumberLiteral') return `option ${pair.key}= must be a literal, got ${describeLiteral(v)}`;
  return undefined;
}

function describeLiteral(v: hbs.AST.Expression): string {
  if (v.type === 'PathExpression') return `the path ${(v as hbs.AST.PathExpression).original}`;
  if (v.type === 'StringLiteral') return `"${(v as hbs.AST.StringLiteral).value}"`;
  if (v.type === 'NumberLiteral') return String((v as hbs.AST.NumberLiteral).value);
  return v.type.replace(/Literal$/, '').toLowerCase();
}

/** What a chapter may not contain, named the way the author wrote it. */
function notAllowed(stmt: hbs.AST.Statement): { what: string; snippet: string } {
  const name = (e: unknown) => ((e as hbs.AST.PathExpression)?.type === 'PathExpression' ? (e as hbs.AST.PathExpression).original : String((e as hbs.AST.StringLiteral)?.value ?? '…'));
  switch (stmt.type) {
    case 'BlockStatement':
      return { what: 'block expressions', snippet: `{{#${name((stmt as hbs.AST.BlockStatement).path)}}}` };
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return { what: 'partials', snippet: `{{> ${name((stmt as hbs.AST.PartialStatement).name)}}}` };
    case 'DecoratorBlock':
    case 'Decorator':
      return { what: 'decorators', snippet: `{{* ${name((stmt as hbs.AST.Decorator).path)}}}` };
    default:
      return { what: `${stmt.type} expressions`, snippet: stmt.type };
  }
}

function helpersUsage(name: string): string {
  return helpers[name]?.usage ?? '';
}
