/**
 * The redline: the new edition's report.html with its changes marked, like latexdiff — inserted
 * words in <ins>, deleted words in <del> where they stood, changed figures highlighted, removed
 * paragraphs struck through in place, changed charts framed, changed table cells showing old and
 * new. Styles: templates/redline.css. Pure: HTML and the comparison in, HTML out; printing it is
 * print-redline.ts's job.
 *
 * The marks are made on the parsed tree of the new edition; the <body> is written back with
 * hast-util-to-html, except the chart figures, which are copied from the source byte for byte.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { ChartChange, TableChange } from './diff-charts.ts';
import { diffWords, type TextChange, type WordSpan } from './diff-text.ts';
import { addClass } from '../core/hast-class.ts';
import { hasClass, sourceSpan, type Block, type Report, type Word } from './read-report.ts';
import { escapeHtml } from '../core/escape.ts';
import { BuildError, diag } from '../core/errors.ts';

export interface RedlineInput {
  before: Report;
  after: Report;
  text: TextChange[];
  charts: ChartChange[];
  tables: TableChange[];
  /** rewrites a stylesheet href of the new edition's HTML for where the redline is written */
  rebaseHref(href: string): string;
  /** href of templates/redline.css from where the redline is written */
  stylesheet: string;
  /** fonts' stylesheets after the edition's (subsets of the redline's own text): the deleted words' characters may be in no subset of the new edition */
  fontStylesheets?: string[];
}

export const redlineClasses = { block: 'rl-changed', added: 'rl-added', removed: 'rl-removed', figure: 'rl-figure', chart: 'rl-chart', cell: 'rl-cell' } as const;

export function redlineHtml(input: RedlineInput): string {
  const { after } = input;
  const parents = parentMap(after.html.root);
  for (const change of input.text) {
    if (change.kind === 'changed') {
      const a = input.before.blocks[change.before!.index];
      const b = after.blocks[change.after!.index];
      markWords(b, diffWords(a.words, b.words), a.words);
      addClass(b.el, redlineClasses.block);
    } else if (change.kind === 'added') {
      const b = after.blocks[change.after!.index];
      markWords(b, [{ op: 'insert', text: b.text, a: [0, 0], b: [0, b.words.length] }], []);
      addClass(b.el, redlineClasses.added);
    }
  }
  // removed blocks go back where they stood, struck through, in their order
  const placedAfter = new Map<Element, number>();
  for (const change of input.text.filter((c) => c.kind === 'removed')) placeRemoved(input.before.blocks[change.before!.index], change.nextIndex ?? after.blocks.length, after.blocks, parents, placedAfter);

  const changedCharts = new Set(input.charts.filter((c) => c.change !== 'removed' && c.aspects.some((a) => a !== 'number')).map((c) => c.id));
  for (const chart of after.charts) if (changedCharts.has(chart.id)) addClass(chart.el, redlineClasses.chart);
  for (const t of input.tables) {
    const table = after.tables.find((x) => x.id === t.id);
    if (!table || t.change === 'removed') continue;
    if (t.change === 'added') addClass(table.el, redlineClasses.chart);
    for (const cell of t.cells) {
      if (!cell.at) continue;
      const el = table.rows[cell.at[0]]?.cells[cell.at[1]]?.el;
      if (!el) continue;
      el.children = [...(cell.before ? [mark('del', cell.before)] : []), ...(cell.after ? [mark('ins', cell.after)] : [])];
      addClass(el, redlineClasses.cell);
    }
  }
  return writeBack(input);
}

/** Wraps inserted words in <ins> and puts deleted words, in <del>, where they stood. */
function markWords(block: Block, spans: WordSpan[], beforeWords: Word[]): void {
  const words = block.words;
  const wraps = new Map<Text, [number, number][]>();
  const inserts = new Map<Text, { pos: number; node: Element }[]>();
  const beforeEl = new Map<Element, Element[]>();
  const afterEl = new Map<Element, Element[]>();
  const trailing: Element[] = [];
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);

  for (const s of spans) {
    if (s.op === 'insert') {
      for (const w of words.slice(s.b[0], s.b[1])) {
        if (!w.at) continue;
        if (w.at.span) addClass(w.at.span, redlineClasses.figure);
        push(wraps, w.at.node, [w.at.start, w.at.end]);
      }
    } else if (s.op === 'delete') {
      const del = mark('del', beforeWords.slice(s.a[0], s.a[1]).map((w) => w.text).join(''));
      const next = words.slice(s.b[0]).find((w) => w.at);
      const prev = [...words.slice(0, s.b[0])].reverse().find((w) => w.at);
      if (next?.at?.span) push(beforeEl, next.at.span, del);
      else if (next?.at) push(inserts, next.at.node, { pos: next.at.start, node: del });
      else if (prev?.at?.span) push(afterEl, prev.at.span, del);
      else if (prev?.at) push(inserts, prev.at.node, { pos: prev.at.end, node: del });
      else trailing.push(del);
    }
  }

  const rebuild = (el: Element) => {
    const children: ElementContent[] = [];
    for (const child of el.children) {
      if (child.type === 'element') {
        children.push(...(beforeEl.get(child) ?? []), child, ...(afterEl.get(child) ?? []));
        rebuild(child);
      } else if (child.type === 'text' && (wraps.has(child) || inserts.has(child))) children.push(...splitText(child, wraps.get(child) ?? [], inserts.get(child) ?? []));
      else children.push(child);
    }
    el.children = children;
  };
  rebuild(block.el);
  block.el.children.push(...trailing);
}

/** A text node cut into plain text, <ins> runs and inserted <del> elements. */
function splitText(node: Text, wraps: [number, number][], inserts: { pos: number; node: Element }[]): ElementContent[] {
  const merged: [number, number][] = [];
  for (const [s, e] of [...wraps].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const out: ElementContent[] = [];
  const text = node.value;
  let at = 0;
  const emitText = (to: number) => {
    if (to > at) out.push({ type: 'text', value: text.slice(at, to) });
    at = Math.max(at, to);
  };
  const dels = [...inserts].sort((x, y) => x.pos - y.pos);
  let d = 0;
  for (const [s, e] of merged) {
    while (d < dels.length && dels[d].pos <= s) (emitText(dels[d].pos), out.push(dels[d++].node));
    emitText(s);
    out.push(mark('ins', text.slice(s, e)));
    at = e;
  }
  while (d < dels.length) (emitText(dels[d].pos), out.push(dels[d++].node));
  emitText(text.length);
  return out;
}

/** A removed block, struck through, after the block that preceded it (or before the one that followed). */
function placeRemoved(block: Block, nextIndex: number, blocks: Block[], parents: Map<Element, Element | Root>, placedAfter: Map<Element, number>): void {
  const prev = blocks[nextIndex - 1];
  const next = blocks[nextIndex];
  const isRow = block.tag === 'tr';
  const anchor = isRow ? [prev, next].find((b) => b?.tag === 'tr') : (prev ?? next);
  if (!anchor) return;
  const node: Element = isRow
    ? { type: 'element', tagName: 'tr', properties: { className: [redlineClasses.removed] }, children: [{ type: 'element', tagName: 'td', properties: { colSpan: block.el.children.filter((c) => c.type === 'element').length }, children: [mark('del', block.text)] }] }
    : { type: 'element', tagName: /^h[1-6]$/.test(block.tag) || block.tag === 'li' || block.tag === 'tr' ? 'p' : block.tag, properties: { className: [redlineClasses.removed] }, children: [mark('del', block.text)] };
  const parent = parents.get(anchor.el);
  if (!parent) return;
  const at = parent.children.indexOf(anchor.el);
  const count = placedAfter.get(anchor.el) ?? 0;
  if (anchor === prev) placedAfter.set(anchor.el, count + 1);
  parent.children.splice(anchor === prev ? at + 1 + count : at, 0, node as ElementContent & Element);
  parents.set(node, parent);
}

function writeBack(input: RedlineInput): string {
  const { source, root } = input.after.html;
  const html = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'html');
  const body = html?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'body');
  const head = html?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'head');
  if (!body || !head) throw new BuildError([diag('DIFF_NOT_A_REPORT', { edition: 'the new edition', missing: [head ? '' : '<head>', body ? '' : '<body>'].filter((x) => x).join(' and ') })]);
  const bodyAt = tagsOf(body);
  const headAt = tagsOf(head);

  // chart figures keep their source bytes (the SVG): only the class of a changed one is added
  const verbatim = (el: Element, at: { start: number; end: number }): ElementContent => {
    let text = source.slice(at.start, at.end);
    if (hasClass(el, redlineClasses.chart)) text = text.replace(/^<figure class="([^"]*)"/, (_m, c: string) => `<figure class="${c} ${redlineClasses.chart}"`);
    return { type: 'raw', value: text } as unknown as ElementContent;
  };
  const swap = (node: Element | Root): void => {
    node.children = node.children.map((c) => {
      const at = c.type === 'element' && c.tagName === 'figure' && typeof c.properties?.dataChart === 'string' ? sourceSpan(c) : undefined;
      return at ? verbatim(c as Element, at) : c;
    }) as typeof node.children;
    for (const c of node.children) if (c.type === 'element') swap(c);
  };
  swap(body);

  return (
    source.slice(0, headAt.start) +
    rebaseLinks(head, source.slice(headAt.start, headAt.closeStart), headAt.start, input.rebaseHref) +
    (input.fontStylesheets ?? []).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">\n`).join('') +
    `<link rel="stylesheet" href="${escapeHtml(input.stylesheet)}">\n` +
    source.slice(headAt.closeStart, bodyAt.openEnd) +
    toHtml(body.children, { allowDangerousHtml: true }) +
    source.slice(bodyAt.closeStart)
  );
}

/** The head's source with every <link>'s href rewritten, in place (the href attributes' own positions). */
function rebaseLinks(head: Element, text: string, offset: number, rebase: (href: string) => string): string {
  const edits = head.children.flatMap((c) => {
    const at = c.type === 'element' && c.tagName === 'link' && typeof c.properties.href === 'string' ? c.data?.position?.properties?.href : undefined;
    return at ? [{ start: at.start.offset! - offset, end: at.end.offset! - offset, attribute: `href="${escapeHtml(rebase(String((c as Element).properties.href)))}"` }] : [];
  });
  for (const e of edits.reverse()) text = text.slice(0, e.start) + e.attribute + text.slice(e.end); // from the end: earlier positions hold
  return text;
}

/** Where an element's tags are: `<tag …>` is [start, openEnd), `</tag>` is [closeStart, end). */
function tagsOf(el: Element): { start: number; openEnd: number; closeStart: number; end: number } {
  const p = el.data?.position;
  const [start, openEnd, closeStart, end] = [el.position?.start.offset, p?.opening?.end.offset, p?.closing?.start.offset, el.position?.end.offset];
  if (start === undefined || openEnd === undefined || closeStart === undefined || end === undefined) throw new Error(`report.html: <${el.tagName}> has no opening or closing tag`);
  return { start, openEnd, closeStart, end };
}

function mark(tag: 'ins' | 'del', text: string): Element {
  return { type: 'element', tagName: tag, properties: {}, children: [{ type: 'text', value: text }] };
}

function parentMap(root: Root): Map<Element, Element | Root> {
  const out = new Map<Element, Element | Root>();
  const walk = (node: Element | Root) => {
    for (const c of node.children) if (c.type === 'element') (out.set(c, node), walk(c));
  };
  walk(root);
  return out;
}
