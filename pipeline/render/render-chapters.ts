/**
 * Stage 3, render chapters: Handlebars (strict, our helpers only) → Markdown with marks →
 * mdast → hast, with headings numbered 2.1 / 2.1.1, figures and tables numbered per chapter,
 * and every bound figure wrapped in <span class="d" data-path="…">.
 */
import Handlebars from 'handlebars';
import type { Element, ElementContent, Root as Hast, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import { BuildError, diag, errorsOf, type Diagnostic } from '../core/errors.ts';
import { hashOf, prune, type CachePart } from '../core/cache.ts';
import { around, wrongToken } from '../core/wrong-output.ts';
import { helpers, type Arg, type Mark } from '../model/helpers.ts';
import { markdownToHast } from './markdown.ts';
import type { DataSet } from '../check/load-data.ts';
import type { ChapterSource, } from '../check/parse-chapter.ts';
import type { Placement } from '../check/check-chapters.ts';
import { keepTogether, normalizeFigureRanges, normalizeRanges, unbreakable } from './keep-together.ts';
import { markLeadIns } from './lead-ins.ts';
import { markShortBlocks } from './short-blocks.ts';
import type { Locale } from '../model/locale.ts';

export interface Section {
  id: string;
  number: string;
  title: string;
  depth: 2 | 3;
}

export interface RenderedChapter {
  id: string;
  file: string;
  number: number;
  numeral: string;
  /** the number as the heading prints it, with what follows it: 八、 or 附录A (an appendix) */
  label: string;
  title: string;
  anchor: string;
  /** 'front': a front-matter text (the summary), printed after the contents, unnumbered */
  part?: 'front';
  /** the number set large above the chapter's title (locale.yaml `chapter_opener`: 01, 02 …; an appendix its letter), if the locale sets one */
  opener?: string;
  sections: Section[];
  hast: Hast;
}

/** Where each figure and table landed: its printed number and its anchor. */
export interface Numbering {
  kind: 'figure' | 'table';
  id: string;
  label: string; // 图2-1
  anchor: string; // fig-market-size
  chapter: number;
}

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const markPattern = /\uE000(\d+)\uE001/g;

/**
 * Every placed exhibit is numbered by kind within its chapter (图2-1, 表4-1). A key-figure callout
 * (`callouts`) is not: a few numbers under the sentence they complete, it has no 图x-x, no entry in
 * the 图表目录 and takes no number from the charts after it. Numbered, six reviews in a row (49–54)
 * read the cards as figures that draw nothing; reviews 47–48 had asked for numbers, review 35 for none.
 */
export function numberPlacements(placements: Placement[], locale: Locale, callouts: ReadonlySet<string> = new Set()): Map<string, Numbering> {
  const counters = new Map<string, number>();
  const out = new Map<string, Numbering>();
  for (const p of placements) {
    if (callouts.has(p.id)) {
      out.set(p.id, { kind: p.kind, id: p.id, label: '', anchor: `fig-${p.id}`, chapter: p.chapter.number });
      continue;
    }
    const key = `${p.kind}:${p.chapter.number}`;
    const chapter = p.chapter.appendix ? appendixLetter(locale, p.chapter.appendix) : String(p.chapter.number);
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const prefix = p.kind === 'figure' ? locale.figure_prefix : locale.table_prefix;
    out.set(p.id, { kind: p.kind, id: p.id, label: `${prefix}${chapter}-${n}`, anchor: `${p.kind === 'figure' ? 'fig' : 'tab'}-${p.id}`, chapter: p.chapter.number });
  }
  return out;
}

/** Rendered chapters by the hash of their text, the data they read and the numbering (watch mode). */
export type ChapterCache = CachePart<RenderedChapter>;

/** What a chapter's rendering depends on in the data: the nodes it reads, positions aside. */
export function dataKeyOf(paths: Iterable<string>, data: DataSet): string {
  return JSON.stringify([...paths].sort().map((p) => ({ ...data.nodes.get(p), pos: undefined })));
}

export function renderChapters(chapters: ChapterSource[], data: DataSet, numbering: Map<string, Numbering>, locale: Locale, cache?: ChapterCache, dataKey: (ch: ChapterSource) => string = () => ''): RenderedChapter[] {
  const diagnostics: Diagnostic[] = [];
  const numbers = JSON.stringify([...numbering.values()]);
  const used = new Set<string>();
  const rendered = chapters.map((ch) => {
    const key = hashOf([ch.file, ch.number, ch.part, ch.id, ch.title, ch.body, dataKey(ch), numbers, locale]);
    used.add(key);
    const hit = cache?.get(key);
    if (hit) return hit;
    const before = errorsOf(diagnostics).length;
    const r = renderChapter(ch, data, numbering, locale, diagnostics);
    if (errorsOf(diagnostics).length === before) cache?.set(key, r); // a chapter that failed is never reused
    return r;
  });
  if (cache) prune(cache, (key) => used.has(key)); // keep only the current edition
  if (errorsOf(diagnostics).length) throw new BuildError(errorsOf(diagnostics));
  return rendered;
}

function renderChapter(ch: ChapterSource, data: DataSet, numbering: Map<string, Numbering>, locale: Locale, diagnostics: Diagnostic[]): RenderedChapter {
  const marks: Mark[] = [];
  const hb = Handlebars.create();
  for (const [name, spec] of Object.entries(helpers)) {
    hb.registerHelper(name, (...args: unknown[]) => {
      const options = args.pop() as Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };
      const mark = spec.render(args as Arg[], options.hash ?? {}, data.vocabulary);
      const token = 'text' in mark ? wrongToken(mark.text) : undefined;
      if (token !== undefined && 'text' in mark) {
        const at = options.loc ? { line: options.loc.start.line + ch.lineOffset, column: options.loc.start.column + 1 } : {};
        diagnostics.push(diag('PRINTS_WRONG', { what: `{{${name}}}`, token, text: around(mark.text, token) }, { file: ch.file, ...at, dataPath: mark.paths.join(' ') }));
      }
      marks.push(mark);
      return `${MARK_OPEN}${marks.length - 1}${MARK_CLOSE}`;
    });
  }
  let markdown = '';
  try {
    const template = hb.compile(ch.ast, { strict: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])), noEscape: true });
    markdown = template(data.context);
  } catch (e) {
    const msg = (e as Error).message;
    const line = Number(/line (\d+)/.exec(msg)?.[1] ?? 0);
    diagnostics.push(diag('HBS_UNKNOWN_PATH', { path: /"([^"]+)" not defined/.exec(msg)?.[1] ?? msg.split('\n')[0] }, { file: ch.file, line: line ? line + ch.lineOffset : undefined }));
  }
  const hast = markdownToHast(markdown, `${ch.id}-`, locale.footnotes);
  normalizeRanges(hast, locale.range.year_separator); // before the headings are read for the contents
  const sections = numberHeadings(hast, ch.appendix ? appendixLetter(locale, ch.appendix) : String(ch.number));
  replaceMarks(hast, marks, numbering, locale, ch.number);
  normalizeFigureRanges(hast, locale.range.separator);
  keepTogether(hast, unbreakable(data.vocabulary.units.names, [locale.range.separator, locale.range.year_separator]));
  markShortBlocks(hast);
  markLeadIns(hast);
  if (ch.part) return { id: ch.id, file: ch.file, number: 0, numeral: '', label: '', title: ch.title, anchor: ch.id, part: ch.part, sections, hast };
  const numeral = ch.appendix ? `${locale.appendix.prefix}${appendixLetter(locale, ch.appendix)}` : (locale.chapter_numerals[ch.number - 1] ?? String(ch.number));
  const label = numeral + (ch.appendix ? locale.appendix.suffix : locale.chapter_suffix);
  // no opener when the locale sets none: the title's own number (一、, 附录A) is then the only one on the opening
  const opener = !locale.chapter_opener ? undefined : ch.appendix ? appendixLetter(locale, ch.appendix) : locale.chapter_opener.replace('{nn}', String(ch.number).padStart(2, '0')).replace('{n}', String(ch.number));
  return { id: ch.id, file: ch.file, number: ch.number, numeral, label, title: ch.title, anchor: `ch-${ch.number}`, opener, sections, hast };
}

/** An appendix's letter (A for the first): past the locale's letters, its number. */
const appendixLetter = (locale: Locale, n: number) => locale.appendix.letters[n - 1] ?? String(n);

function numberHeadings(hast: Hast, chapter: string): Section[] {
  const sections: Section[] = [];
  let s2 = 0;
  let s3 = 0;
  visit(hast, 'element', (el: Element) => {
    if (el.tagName !== 'h2' && el.tagName !== 'h3') return;
    if (el.tagName === 'h2') ((s2 += 1), (s3 = 0));
    else s3 += 1;
    const number = el.tagName === 'h2' ? `${chapter}.${s2}` : `${chapter}.${s2}.${s3}`;
    const id = `sec-${number.replaceAll('.', '-')}`;
    const title = toString(el);
    el.properties = { ...el.properties, id };
    // a real space after the number: bookmarks and text extraction read "6.4 标题", not "6.4标题"
    el.children = [{ type: 'element', tagName: 'span', properties: { className: ['num'] }, children: [{ type: 'text', value: number }] }, { type: 'text', value: ' ' }, ...el.children];
    sections.push({ id, number, title, depth: el.tagName === 'h2' ? 2 : 3 });
    return SKIP;
  });
  return sections;
}

/** Replaces marks with spans, links and figure/table slots; a paragraph holding only a figure mark becomes the slot. */
function replaceMarks(hast: Hast, marks: Mark[], numbering: Map<string, Numbering>, locale: Locale, chapter: number): void {
  visit(hast, 'element', (el: Element, index, parent) => {
    if (el.tagName === 'p' && parent && index !== undefined) {
      const only = el.children.length === 1 && el.children[0].type === 'text' ? /^\s*\uE000(\d+)\uE001\s*$/.exec(el.children[0].value) : null;
      const mark = only ? marks[Number(only[1])] : undefined;
      if (mark && (mark.kind === 'figure' || mark.kind === 'table')) {
        parent.children[index] = { type: 'element', tagName: 'figure-slot', properties: { dataKind: mark.kind, dataId: mark.id }, children: [] };
        return SKIP;
      }
    }
  });
  visit(hast, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || !markPattern.test(node.value)) return;
    markPattern.lastIndex = 0;
    const parts: ElementContent[] = [];
    let last = 0;
    for (const m of node.value.matchAll(markPattern)) {
      if (m.index! > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
      parts.push(markToHast(marks[Number(m[1])], numbering, locale, chapter));
      last = m.index! + m[0].length;
    }
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    parent.children.splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
}

function markToHast(mark: Mark, numbering: Map<string, Numbering>, locale: Locale, chapter: number): ElementContent {
  switch (mark.kind) {
    case 'value':
      return { type: 'element', tagName: 'span', properties: { className: mark.range ? ['d', 'range'] : ['d'], dataPath: mark.paths.join(' ') }, children: [{ type: 'text', value: mark.text }] };
    case 'text':
      return { type: 'element', tagName: 'span', properties: { className: ['t'], dataPath: mark.paths.join(' ') }, children: [{ type: 'text', value: mark.text }] };
    case 'ref': {
      const n = numbering.get(mark.id)!;
      // a figure of another chapter is pages away: its page follows, as {{at}} gives a section's (见图4-1，第17页: review 58)
      const page = n.chapter === chapter ? [] : [pageSlot(locale.at.page, n.anchor)];
      return { type: 'element', tagName: 'a', properties: { className: ['xref'], href: `#${n.anchor}` }, children: [{ type: 'text', value: n.label }, ...page] };
    }
    case 'see':
      return pointer(mark.target, { ...locale.see, className: 'see' });
    case 'at':
      return pointer(mark.target, { before: '', ...locale.at, className: 'at' });
    default:
      // a figure or table mark inside running text: place it as a block anyway, after its paragraph
      return { type: 'element', tagName: 'figure-slot', properties: { dataKind: mark.kind, dataId: mark.id }, children: [] };
  }
}

/**
 * {{see "2.1"}}: a link to the chapter or section, its number in the locale's words, then its page
 * (→ 2.1节 · 第6页), or {{at "3.2.1"}} inside a sentence (3.2.1节，第13页). The page is an empty slot with the anchor it is of: assembly and every print
 * pass fill it from the page map, like the contents' numbers; the web edition drops it.
 */
function pointer(target: string, words: Locale['see'] & { className: string }): ElementContent {
  const section = target.includes('.');
  const anchor = section ? `sec-${target.replaceAll('.', '-')}` : `ch-${target}`;
  const place = (section ? words.section : words.chapter).replace('{n}', target);
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: [words.className], href: `#${anchor}` },
    children: [{ type: 'element', tagName: 'span', properties: { className: ['see-target'] }, children: [{ type: 'text', value: words.before + place }] }, pageSlot(words.page, anchor)],
  };
}

/** The page a pointer goes to, in the locale's words around it (，第{page}页): an empty slot of the anchor, filled from the page map. */
function pageSlot(words: string, anchor: string): ElementContent {
  const [beforePage, afterPage = ''] = words.split('{page}');
  const text = (value: string): Text => ({ type: 'text', value });
  return { type: 'element', tagName: 'span', properties: { className: ['see-page'] }, children: [text(beforePage), { type: 'element', tagName: 'span', properties: { className: ['page-of'], dataFor: anchor }, children: [] }, text(afterPage)] };
}
