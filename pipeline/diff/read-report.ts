/**
 * What an edition prints, read back from its out/report.html: the text blocks in reading order
 * (cover, colophon, chapters, appendix) as words, the charts and the tables. Two editions read
 * this way are what the edition diff compares.
 *
 * A block is a paragraph, heading, list item, definition or table row outside the figures. Its
 * words come from Intl.Segmenter (Chinese word boundaries), except that a bound figure
 * (`<span class="d" data-path>`, e.g. 15.3万亿元) and a cross-reference (图2-1) stay one word each,
 * so a changed figure reads as one replaced word. Every word remembers the text node it came
 * from, so the redline can mark it in place.
 *
 * The HTML is parsed by hast-util-from-html (parse5, the HTML standard's parser) with every
 * element's position in the source, opening and closing tag included: the redline copies the
 * chart figures from the source byte for byte and writes back only what lies between the tags.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

export interface Word {
  text: string;
  /** the data path(s) of a bound figure */
  figure?: string;
  /** where the word is in the document (absent for separators the reader adds) */
  at?: { node: Text; start: number; end: number; span?: Element };
}

export type Part = 'cover' | 'colophon' | 'chapter' | 'appendix' | 'other';

export interface Place {
  part: Part;
  /** "二、电商行业竞争格局现状分析" */
  chapter?: string;
  /** "2.1.1 整体规模步入平稳期" */
  section?: string;
  /** the nearest anchor: sec-2-1-1, ch-2, changelog … */
  anchor?: string;
}

export interface Block extends Place {
  index: number;
  tag: string;
  text: string;
  words: Word[];
  el: Element;
}

export interface ChartFacts {
  id: string;
  label: string;
  caption: string;
  sourceNote: string;
  hash: string;
  svg: string;
  el: Element;
}

export interface TableCell {
  text: string;
  path?: string;
  el: Element;
}

export interface TableFacts {
  id: string;
  label: string;
  caption: string;
  sourceNote: string;
  header: string[];
  rows: { footer: boolean; cells: TableCell[] }[];
  el: Element;
}

/** An HTML document as read: its source, and its tree with the source positions of every node. */
export interface ParsedHtml {
  source: string;
  root: Root;
}

export interface Report {
  html: ParsedHtml;
  blocks: Block[];
  charts: ChartFacts[];
  tables: TableFacts[];
}

const blockTags = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'tr', 'blockquote', 'figcaption']);
/** containers whose children are blocks (or more containers) */
const containerTags = new Set(['html', 'body', 'section', 'div', 'nav', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'blockquote', 'main', 'article', 'aside', 'header', 'footer']);
const skipTags = new Set(['head', 'style', 'script', 'svg', 'template']);
const cellSeparator = ' | ';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function readReport(source: string): Report {
  const html = parseHtml(source);
  const report: Report = { html, blocks: [], charts: [], tables: [] };
  walk(html.root, { part: 'other' }, report);
  return report;
}

/** The hrefs of a document's stylesheet links, in order. */
export function stylesheetHrefs(root: ParsedHtml['root']): string[] {
  const hrefs: string[] = [];
  visit(root, 'element', (e: Element) => {
    const rel = [e.properties.rel ?? []].flat().map(String);
    if (e.tagName === 'link' && rel.includes('stylesheet') && typeof e.properties.href === 'string') hrefs.push(e.properties.href);
  });
  return hrefs;
}

export function parseHtml(source: string): ParsedHtml {
  const root = fromHtml(source, { verbose: true });
  const body = findFirst(root, (e) => e.tagName === 'body');
  if (body) keepInside(body, source);
  return { source, root };
}

/**
 * parse5 appends the white space after </body> and </html> to the body's last text (the HTML
 * standard's rule for text after the body); cut that text back to what stands before </body>,
 * so the body's children are exactly what lies between its tags.
 */
function keepInside(body: Element, source: string): void {
  const close = body.data?.position?.closing?.start.offset;
  const last = body.children[body.children.length - 1];
  const start = last?.position?.start.offset;
  const end = last?.position?.end.offset;
  if (close === undefined || last?.type !== 'text' || start === undefined || end === undefined || end <= close || !/^\s*$/.test(last.value)) return;
  if (start >= close) body.children.pop();
  else last.value = source.slice(start, close);
}

/** Where an element stands in the source: from `<tag` to after `</tag>`. */
export function sourceSpan(el: Element): { start: number; end: number } | undefined {
  const start = el.position?.start.offset;
  const end = el.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

export function hasClass(node: Element, name: string): boolean {
  const c = node.properties?.className;
  return Array.isArray(c) && c.includes(name);
}

function walk(node: Element | Root, place: Place, report: Report): Place {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const tag = child.tagName.toLowerCase();
    if (skipTags.has(tag)) continue;
    if (tag === 'nav' && hasClass(child, 'toc')) continue; // the contents repeat the headings, with page numbers
    if (tag === 'figure') {
      readFigure(child, report);
      continue;
    }
    if (tag === 'section') {
      const part: Part = hasClass(child, 'cover') ? 'cover' : hasClass(child, 'colophon') ? 'colophon' : hasClass(child, 'chapter') ? 'chapter' : hasClass(child, 'changelog') ? 'appendix' : place.part;
      const anchor = typeof child.properties?.id === 'string' ? child.properties.id : place.anchor;
      walk(child, { part, anchor, chapter: part === 'chapter' ? place.chapter : undefined }, report);
      continue;
    }
    if (/^h[1-6]$/.test(tag)) place = headingPlace(child, tag, place);
    if (blockTags.has(tag) && !(tag === 'dd' && hasClass(child, 'hash'))) {
      addBlock(child, tag, place, report);
      if (hasNestedBlocks(child)) place = walk(child, place, report);
      continue;
    }
    if (containerTags.has(tag)) place = walk(child, place, report);
  }
  return place;
}

function headingPlace(h: Element, tag: string, place: Place): Place {
  const num = h.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'num'));
  const number = num ? toString(num).trim() : '';
  const title = squashSpace(toString(h).slice(number ? toString(h).indexOf(number) + number.length : 0));
  const anchor = typeof h.properties?.id === 'string' ? h.properties.id : place.anchor;
  if (tag === 'h1') return { ...place, chapter: squashSpace(toString(h)), section: undefined, anchor };
  return { ...place, section: number ? `${number} ${title}` : title, anchor };
}

function hasNestedBlocks(el: Element): boolean {
  return el.children.some((c) => c.type === 'element' && (blockTags.has(c.tagName) || containerTags.has(c.tagName)) && c.tagName !== 'td' && c.tagName !== 'th');
}

function addBlock(el: Element, tag: string, place: Place, report: Report): void {
  const words = tag === 'tr' ? rowWords(el) : trim(wordsOf(el.children, true));
  if (!words.length) return;
  report.blocks.push({ index: report.blocks.length, tag, ...place, text: words.map((w) => w.text).join(''), words, el });
}

function rowWords(tr: Element): Word[] {
  const out: Word[] = [];
  for (const cell of tr.children) {
    if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
    if (out.length) out.push({ text: cellSeparator });
    out.push(...trim(wordsOf(cell.children, false)));
  }
  return out;
}

/** The words of inline content; nested blocks (a list inside a list item) are read as blocks of their own. */
function wordsOf(children: ElementContent[], skipNestedBlocks: boolean): Word[] {
  const out: Word[] = [];
  for (const c of children) {
    if (c.type === 'text') out.push(...segment(c));
    else if (c.type === 'element') {
      const tag = c.tagName.toLowerCase();
      if (skipTags.has(tag) || tag === 'figure') continue;
      if (skipNestedBlocks && (blockTags.has(tag) || containerTags.has(tag))) continue;
      const atomic = (tag === 'span' && hasClass(c, 'd')) || (tag === 'a' && hasClass(c, 'xref'));
      // a figure is one word even when its nowrap core is a span of its own (<span class="nb">15.3万</span>亿元)
      const only = c.children.length === 1 && c.children[0].type === 'text' ? c.children[0] : tag === 'span' ? firstText(c) : undefined;
      if (atomic && only) {
        const figure = tag === 'span' && typeof c.properties?.dataPath === 'string' ? c.properties.dataPath : undefined;
        out.push({ text: squashSpace(toString(c)), ...(figure ? { figure } : {}), at: { node: only, start: 0, end: only.value.length, span: c } });
      } else out.push(...wordsOf(c.children, skipNestedBlocks));
    }
  }
  return collapseSpaces(out);
}

/** The first text inside an element (a figure's core). */
function firstText(el: Element): Text | undefined {
  for (const c of el.children) {
    if (c.type === 'text') return c;
    if (c.type === 'element') {
      const t = firstText(c);
      if (t) return t;
    }
  }
  return undefined;
}

/** Words of a text node; a run of Latin letters, digits and joiners (2025-03-01, 88VIP, 5G) is one word. */
function segment(node: Text): Word[] {
  const out: Word[] = [];
  for (const s of segmenter.segment(node.value)) {
    const last = out[out.length - 1];
    if (last?.at && latin.test(s.segment) && latin.test(last.text) && last.at.end === s.index) {
      last.text += s.segment;
      last.at.end += s.segment.length;
      continue;
    }
    out.push({ text: /^\s+$/.test(s.segment) ? ' ' : s.segment, at: { node, start: s.index, end: s.index + s.segment.length } });
  }
  return out;
}

const latin = /^[0-9A-Za-z.\-/:_+]+$/;

/** One space for any run of white space; none between two wide characters (a wrapped line). */
function collapseSpaces(words: Word[]): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    if (w.text === ' ' && out.length && out[out.length - 1].text === ' ') continue;
    out.push(w);
  }
  return out.filter((w, i) => w.text !== ' ' || !(isWide(out[i - 1]?.text.slice(-1)) && isWide(out[i + 1]?.text[0])));
}

const wide = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026]/;
const isWide = (ch: string | undefined) => !!ch && wide.test(ch);

function trim(words: Word[]): Word[] {
  let a = 0;
  let b = words.length;
  while (a < b && words[a].text === ' ') a++;
  while (b > a && words[b - 1].text === ' ') b--;
  return words.slice(a, b);
}

const squashSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

function readFigure(fig: Element, report: Report): void {
  const parsed = report.html;
  const caption = findFirst(fig, (e) => e.tagName === 'figcaption');
  const labelEl = caption && findFirst(caption, (e) => hasClass(e, 'label'));
  const label = labelEl ? squashSpace(toString(labelEl)) : '';
  const captionText = caption ? squashSpace(toString(caption)).slice(label.length).trim() : '';
  const note = findFirst(fig, (e) => hasClass(e, 'source-note'));
  const sourceNote = note ? squashSpace(toString(note)) : '';
  const chartId = fig.properties?.dataChart;
  const tableId = fig.properties?.dataTable;
  if (typeof chartId === 'string') {
    const svg = findFirst(fig, (e) => e.tagName === 'svg');
    const at = svg && sourceSpan(svg);
    report.charts.push({ id: chartId, label, caption: captionText, sourceNote, hash: String(fig.properties?.dataHash ?? ''), svg: at ? parsed.source.slice(at.start, at.end) : '', el: fig });
  } else if (typeof tableId === 'string') {
    const rows: TableFacts['rows'] = [];
    let header: string[] = [];
    visitElements(fig, (el, inFooter) => {
      if (el.tagName !== 'tr') return;
      const cells = el.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
      if (cells.every((c) => c.tagName === 'th')) header = cells.map((c) => squashSpace(toString(c)));
      else rows.push({ footer: inFooter, cells: cells.map((c) => ({ text: squashSpace(toString(c)), ...(typeof c.properties?.dataPath === 'string' ? { path: c.properties.dataPath } : {}), el: c })) });
    });
    report.tables.push({ id: tableId, label, caption: captionText, sourceNote, header, rows, el: fig });
  }
}

function findFirst(node: Element | Root, test: (e: Element) => boolean): Element | undefined {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (test(c)) return c;
    const deeper = findFirst(c, test);
    if (deeper) return deeper;
  }
  return undefined;
}

function visitElements(node: Element, fn: (e: Element, inFooter: boolean) => void, inFooter = false): void {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    fn(c, inFooter);
    visitElements(c, fn, inFooter || c.tagName === 'tfoot');
  }
}
