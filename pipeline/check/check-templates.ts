/**
 * The layout templates (templates/*.hbs, print.css) may not make the print page run JavaScript,
 * load anything from the network or read files outside the project, and may not insert data
 * unescaped. The print page enforces the first two anyway (JavaScript off, every request outside
 * the project refused); this check says so before printing, with file:line:col.
 */
import Handlebars from 'handlebars';
import { diag, type Diagnostic } from '../core/errors.ts';
import type { Inputs } from '../core/read-inputs.ts';
import { positionAt } from '../core/source-text.ts';
import { cssFindings } from './rendered-markup.ts';

/** Expressions allowed in triple braces: HTML and SVG the pipeline built, and CSS strings it escaped. */
const rawAllowed = new Set(['html', 'svg', 'cssString', 'body', 'head.furnitureCss']);

const noJs = 'The print page runs no JavaScript: remove it (layout belongs in print.css, content in data/ and chapters/).';
const noFetch = 'The print page loads only the project\'s own files: fonts come from npm, styles from templates/print.css; refer to them with relative paths inside the project.';

/** A layout template's project-relative path (templates/figure.hbs). */
export const templatePath = (inputs: Pick<Inputs, 'hashes'>, name: string) => Object.keys(inputs.hashes).find((k) => k === `templates/${name}` || k.endsWith(`/templates/${name}`)) ?? `templates/${name}`;

export function checkLayoutTemplates(inputs: Inputs): Diagnostic[] {
  const pathOf = (name: string) => templatePath(inputs, name);
  const out: Diagnostic[] = [];
  const hbs: [string, string][] = [['layout.hbs', inputs.layout.layout], ...Object.entries(inputs.layout.partials).map(([n, t]): [string, string] => [`${n}.hbs`, t])];
  for (const [name, text] of hbs) out.push(...checkMarkup(pathOf(name), text), ...checkRawExpressions(pathOf(name), text));
  out.push(...checkCss(pathOf('print.css'), inputs.layout.printCss, 0));
  return out;
}

function at(file: string, text: string, offset: number) {
  return { file, ...positionAt(text, offset) };
}

function checkMarkup(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // comments are not output: {{!-- … --}} and {{! … }}
  const visible = text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
  const flag = (offset: number, what: string, hint: string) => out.push(diag('TEMPLATE_UNSAFE', { what, hint }, at(file, visible, offset)));
  for (const m of visible.matchAll(/<(script|iframe|frame|object|embed|base|portal)\b/gi)) flag(m.index!, `a <${m[1].toLowerCase()}> element`, m[1].toLowerCase() === 'script' ? noJs : noFetch);
  for (const m of visible.matchAll(/<meta\b[^>]*http-equiv/gi)) flag(m.index!, 'a <meta http-equiv> element', noFetch);
  for (const m of visible.matchAll(/\s(on[a-z]+)\s*=/gi)) flag(m.index! + 1, `an event-handler attribute (${m[1]})`, noJs);
  for (const m of visible.matchAll(/javascript\s*:/gi)) flag(m.index!, 'a javascript: URL', noJs);
  // attributes that fetch (src, srcset, poster, data, <link href>) and every href that points at a file
  for (const m of visible.matchAll(/<([a-z][a-z0-9-]*)\b[^>]*>/gi)) {
    const tag = m[1].toLowerCase();
    for (const a of m[0].matchAll(/\s(src|srcset|poster|data|href|action|formaction|xlink:href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const attr = a[1].toLowerCase();
      const value = a[3] ?? a[4] ?? a[5] ?? '';
      const fetches = attr !== 'href' || tag === 'link' || tag === 'image' || tag === 'use';
      const problem = urlProblem(value, fetches);
      if (problem) flag(m.index! + a.index! + 1, problem, noFetch);
    }
  }
  for (const m of visible.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) out.push(...checkCss(file, visible, m.index! + m[0].indexOf('>') + 1, m[1]));
  for (const m of visible.matchAll(/\sstyle\s*=\s*("([^"]*)"|'([^']*)')/gi)) out.push(...checkCss(file, visible, m.index! + m[0].indexOf(m[1]) + 1, m[2] ?? m[3], 'declarationList'));
  return out;
}

/** url(…) and @import in CSS, found by css-tree (escapes and comments hide nothing); `offset` is where `css` starts inside `text`. */
function checkCss(file: string, text: string, offset: number, css = text, context: 'stylesheet' | 'declarationList' = 'stylesheet'): Diagnostic[] {
  const findings = cssFindings(css, context, (u) => urlProblem(u, true));
  return findings.map((f) => diag('TEMPLATE_UNSAFE', { what: f.what, hint: f.what.includes('runs code') ? noJs : noFetch }, at(file, text, offset + f.offset)));
}

/** What is wrong with a URL in a template, or undefined. Template expressions ({{…}}) are filled by the pipeline. */
function urlProblem(url: string, fetches: boolean): string | undefined {
  const u = url.trim();
  if (u === '' || u.startsWith('{{') || u.startsWith('#')) return undefined;
  if (/^data:/i.test(u)) return undefined;
  if (/^javascript:/i.test(u)) return 'a javascript: URL';
  if (/^file:/i.test(u)) return `a file: URL (${u})`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith('//')) return fetches ? `a network address (${u})` : undefined;
  if (u.startsWith('/') || u.startsWith('\\')) return `an absolute path (${u})`;
  if (u.split(/[\\/]/).includes('..')) return `a path that leaves the templates folder (${u})`;
  return undefined;
}

/** {{{x}}} puts x into the HTML unescaped: only the pipeline's own HTML, SVG and CSS strings may. */
function checkRawExpressions(file: string, text: string): Diagnostic[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(text);
  } catch {
    return []; // a broken layout template fails where it is compiled, with Handlebars' message
  }
  const out: Diagnostic[] = [];
  // `bound`: names given by block parameters ({{#with edition.note as |html|}}): data under an allowed name
  const visit = (node: unknown, bound: ReadonlySet<string>) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; path?: { original?: string; head?: unknown }; loc?: hbs.AST.SourceLocation; blockParams?: string[] };
    const name = n.path?.original ?? '';
    const head = name.split(/[./]/)[0];
    if (n.type === 'MustacheStatement' && n.escaped === false && (!rawAllowed.has(name) || bound.has(head))) {
      const line = n.loc?.start.line ?? 1;
      const column = (n.loc?.start.column ?? 0) + 1;
      out.push(diag('TEMPLATE_UNSAFE', { what: `an unescaped {{{${name}}}} expression`, hint: 'Data is literal text: write {{…}} (escaped). Only what the pipeline built goes in unescaped: the document\'s body ({{{body}}}), its page furniture ({{{head.furnitureCss}}}), chapter HTML ({{{html}}}), chart SVG ({{{svg}}}) and CSS strings ({{{cssString …}}}), never a block parameter.' }, { file, line, column }));
    }
    const inner = n.type === 'Program' && n.blockParams?.length ? new Set([...bound, ...n.blockParams]) : bound;
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach((x) => visit(x, inner));
      else if (v && typeof v === 'object' && 'type' in v) visit(v, inner);
    }
  };
  visit(ast, new Set());
  return out;
}
