/**
 * Assemble: the layout templates merge cover, colophon, contents, chapters (with their figures
 * and tables) and the appendix into one HTML document that links the npm fonts and print.css.
 *
 * The result is a value, not just text: its head (title, language, stylesheets, page
 * furniture), the frame around its body, and its body's blocks, each of which starts on a new
 * page (front matter, one per chapter, back matter). Printing swaps a body in place when the
 * frame is unchanged, and watch mode reprints single blocks; neither reads the HTML back.
 */
import Handlebars from 'handlebars';
import type { Element, ElementContent, Root as Hast, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { Edition } from '../check/data-schemas.ts';
import { cssString, escapeHtml } from '../core/escape.ts';
import { formatDate } from '../model/format.ts';
import type { Locale } from '../model/locale.ts';
import { continuations, figureGroups, folio, frontEntries, frontFolios, frontLabels, listOfFigures, rectoOpenings, sourcesTableEntry, splitCloser, versoPads } from './front-matter.ts';
import type { PageMap } from './page-map.ts';
import type { Numbering, RenderedChapter } from './render-chapters.ts';
import type { RenderedChart } from './render-charts.ts';
import type { RenderedTable } from './render-tables.ts';
import type { SourceEntry } from './source-list.ts';
import { citation, commentsChannel, copyrightLine, runningTitle, statusLabel, versionLabel } from './edition-labels.ts';
import { headingHtml } from './range-dash.ts';
import { columnHeaderHtml } from './header-bracket.ts';
import type { ReferenceEntry } from './reference-list.ts';

export interface LayoutTemplates {
  layout: string;
  /** cover, colophon, toc, front, back, chapter, figure, table, furniture, changelog */
  partials: Record<string, string>;
}

export interface AssembleInput {
  edition: Edition;
  locale: Locale;
  /** the numbered chapters */
  chapters: RenderedChapter[];
  /** texts printed in the front matter after the contents (the summary, issue 14) */
  front: RenderedChapter[];
  charts: RenderedChart[];
  tables: RenderedTable[];
  numbering: Map<string, Numbering>;
  inputsHash: string;
  /** the back matter's list of sources (source-list.ts), in the edition's words */
  sources: SourceEntry[];
  /** the back matter's list of references (reference-list.ts), with the sections citing each */
  references: ReferenceEntry[];
  /** hrefs as the HTML will see them (relative to where it is written) */
  fontCss: string[];
  printCss: string;
  /** another edition's stylesheet after print.css (its fonts), and its document language (zh-Hant-TW) */
  localeCss?: string;
  lang?: string;
}

export interface DocumentHead {
  title: string;
  lang: string;
  /** stylesheet hrefs, in order */
  stylesheets: string[];
  /** the page furniture (running headers, folios) for the document's page numbers */
  furnitureCss: string;
}

/** What a block holds that its pages' places depend on, read from its own HTML when asked (watch mode's proofs). */
export interface BlockFacts {
  /** ids of its elements (the anchors links and the outline point at) */
  anchors: string[];
  /** the #ids it links to */
  links: string[];
  /** its headings as printed: a changed heading changes the contents and the outline */
  headings: string[];
}

export interface DocumentBlock {
  /** 'front', a chapter's anchor (ch-2) or 'back' */
  id: string;
  html: string;
  facts(): BlockFacts;
}

export interface AssembledDocument {
  head: DocumentHead;
  /** the document without its body's blocks: two documents with the same frame differ only in their blocks */
  frame: string;
  blocks: DocumentBlock[];
  pageMap: PageMap;
  /** the whole document, as written to report.html */
  html: string;
}

export interface Layout {
  /** the document with these page numbers in its contents and furniture */
  assemble(input: AssembleInput, pageMap: PageMap): AssembledDocument;
  /** just the page furniture for a page map, to update between print passes; `proofStartPage`: the number of the first page of a block printed alone */
  furniture(input: AssembleInput, pageMap: PageMap, proofStartPage?: number): string;
}

/**
 * `markTemplates`: each template's HTML output between `<!--tpl:name-->` and `<!--/tpl:name-->`, so
 * the check of the rendered layout (render/check-layout.ts) can say which template printed what.
 * Never in the printed document. The furniture (CSS inside <style>) is not marked.
 */
export function compileLayout(t: LayoutTemplates, opts: { markTemplates?: boolean } = {}): Layout {
  // compiled once per templates and marking: each edition of a build assembles with the same templates (Handlebars compiles on first use, ~0.1 s)
  const compiled = layouts.get(t) ?? layouts.set(t, new Map()).get(t)!;
  const marking = !!opts.markTemplates;
  return compiled.get(marking) ?? compiled.set(marking, compileLayoutOnce(t, marking)).get(marking)!;
}

const layouts = new WeakMap<LayoutTemplates, Map<boolean, Layout>>();

function compileLayoutOnce(t: LayoutTemplates, markTemplates: boolean): Layout {
  const opts = { markTemplates };
  const hb = Handlebars.create();
  const marked = (name: string, src: string) => (opts.markTemplates && name !== 'furniture' ? `<!--tpl:${name}-->${src}<!--/tpl:${name}-->` : src);
  hb.registerHelper('join', (list: string[]) => list.join(', '));
  hb.registerHelper('cssString', (s: unknown) => cssString(String(s ?? '')));
  hb.registerHelper('isSection', (depth: number) => depth === 2);
  // {{heading title}}: a heading's words with its year ranges' dashes marked (render/range-dash.ts), and a closing
  // bracket it ends in set apart, so the contents close up its blank half before the leader as the list does (review 58: 6.4's （2025—2030年）)
  hb.registerHelper('heading', (s: unknown) => {
    const [words, closer] = splitCloser(String(s ?? ''));
    return new hb.SafeString(headingHtml(words) + (closer ? `<span class="closer">${escapeHtml(closer)}</span>` : ''));
  });
  // {{columnHeader header}}: a table's column header with its closing bracket marked (render/header-bracket.ts)
  hb.registerHelper('columnHeader', (s: unknown) => new hb.SafeString(columnHeaderHtml(String(s ?? ''))));
  // {{printDate edition.date "month"}}: a date in the locale's pattern (2025年1月), never ISO on the page
  hb.registerHelper('printDate', (iso: unknown, style: unknown, options: Handlebars.HelperOptions) => {
    const dates = (options.data.root as { locale: Locale }).locale.dates;
    return formatDate(String(iso), style === 'month' ? dates.month : dates.day);
  });
  for (const [name, src] of Object.entries(t.partials)) hb.registerPartial(name, marked(name, src));
  const layout = hb.compile(t.layout, { strict: false });
  const [front, back, chapter, figure, table, furniture] = ['front', 'back', 'chapter', 'figure', 'table', 'furniture'].map((n) => hb.compile(marked(n, t.partials[n])));

  const chapterContext = (input: AssembleInput, ch: RenderedChapter, pageMap: PageMap) => {
    const charts = new Map(input.charts.map((c) => [c.id, c]));
    const tables = new Map(input.tables.map((c) => [c.id, c]));
    const slot = (kind: string, id: string): string => {
      const n = input.numbering.get(id)!;
      return kind === 'figure' ? figure({ ...charts.get(id)!, label: n.label, anchor: n.anchor }) : table({ ...tables.get(id)!, label: n.label, anchor: n.anchor });
    };
    return { ...ch, pageName: pageName(ch), html: toHtml(fillSlots(ch.hast, slot, pageMap), { allowDangerousHtml: true }) };
  };

  const assemble = (input: AssembleInput, pageMap: PageMap): AssembledDocument => {
    const root = { ...furnitureContext(input, pageMap), front: input.front.map((ch) => ({ ...ch, html: toHtml(fillSlots(ch.hast, () => '', pageMap)) })) };
    const data = { data: { root } };
    const blocks = [
      documentBlock('front', front(root, data)),
      ...input.chapters.map((ch) => documentBlock(ch.anchor, chapter(chapterContext(input, ch, pageMap), data))),
      documentBlock('back', back(root, data)),
    ];
    const head: DocumentHead = { title: input.edition.title, lang: input.lang ?? input.edition.language, stylesheets: [...input.fontCss, input.printCss, ...(input.localeCss ? [input.localeCss] : [])], furnitureCss: furniture(root) };
    const frameOf = (body: string) => layout({ ...root, head, body });
    return { head, frame: frameOf(''), blocks, pageMap, html: frameOf(blocks.map((b) => b.html).join('')) };
  };
  return { assemble, furniture: (input, pageMap, proofStartPage) => furniture({ ...furnitureContext(input, pageMap), proofStartPage }) };
}

const pageName = (ch: RenderedChapter) => `ch-${ch.number}`;

/** The folio of the page an anchor opens, or undefined before a print has placed it (a counter style needs an integer). */
const openingPage = (map: PageMap, anchor: string): number | undefined => (/^\d+$/.test(map.tocPages[anchor] ?? '') ? Number(map.tocPages[anchor]) : undefined);

function furnitureContext(input: AssembleInput, pageMap: PageMap) {
  const pageLabel = input.locale.page_label.split('{n}');
  const figures = [...listOfFigures(input.numbering, input.charts, input.tables), sourcesTableEntry(input.locale)];
  return {
    figureGroups: figureGroups(figures).map((g) => ({ ...g, title: input.locale.lof_groups[g.kind] })),
    frontFolios: frontFolios(pageMap.frontPages),
    // running heads mirrored only in a report printed on both sides (furniture.hbs)
    mirrored: input.locale.chapters_open === 'recto',
    continued: continuations(frontEntries(input.front, input.chapters, figures, input.references.length > 0), pageMap, input.locale),
    frontLabels: frontLabels(['lof', 'colophon', ...input.front.map((ch) => ch.anchor)], pageMap),
    ...input,
    versionLabel: versionLabel(input.locale, input.edition),
    statusLabel: statusLabel(input.locale, input.edition),
    isDraft: input.edition.status !== 'final',
    runningTitle: runningTitle(input.locale, input.edition),
    // the citation by its elements, each set as one piece (colophon.hbs): GB/T 7714's (author. | title：status[R]. |
    // place: publisher, year.), spaced; a form without a place, after its 《title》 (征求|意见稿 broke across lines)
    citation: citation(input.locale, input.edition)
      .split(/(?<=\. )|(?<=》)(?=[^，。])/)
      .map((text, i, all) => ({ text: text.trimEnd(), spaced: i > 0 && all[i - 1].endsWith(' ') })),
    // a consultation draft's deadline and who takes the comments (colophon.hbs), said there once; none once it is no draft
    commentsChannel: commentsChannel(input.locale, input.edition),
    // the authors named once when they are the publisher (a 课题组 that issues its own report: review 31 #10)
    authorsArePublisher: input.edition.authors.length === 1 && input.edition.authors[0] === input.edition.publisher,
    copyrightLine: copyrightLine(input.locale, input.edition),
    // the back cover's pointer to the copyright page, around that page's folio (back.hbs)
    seeStatements: input.locale.rights.see_statements.split('{page}'),
    pageLabelBefore: pageLabel[0],
    pageLabelAfter: pageLabel[1] ?? '',
    tocPages: pageMap.tocPages,
    totalPages: pageMap.totalPages,
    // the page a chapter opens on carries no running header (furniture.hbs): its folio, once a print has found it
    chapters: input.chapters.map((ch) => ({ ...ch, pageName: pageName(ch), openingPage: openingPage(pageMap, ch.anchor) })),
    sourcesOpeningPage: openingPage(pageMap, 'sources'),
    // chapters whose short closing section would open their last page alone: the space around their headings tightened (closing-sections.ts)
    pulled: input.chapters.filter((ch) => pageMap.pulled?.includes(ch.anchor)).map((ch) => ch.number),
    // the back matter (its list of sources) opens on a recto like a chapter
    versoPads: versoPads(rectoOpenings(input.chapters, input.locale.chapters_open), pageMap),
  };
}

/**
 * The chapter's tree with each figure and table slot replaced by its figure's HTML, and each
 * {{see}} pointer's page slot given its folio from the page map (printing refills it between
 * passes, page-numbers.ts). The chapter's own tree is left as it is: it is cached.
 */
function fillSlots(tree: Hast, slot: (kind: string, id: string) => string, pageMap: PageMap): Hast {
  const fill = <T extends RootContent | ElementContent>(node: T): T => {
    if (node.type !== 'element') return node;
    if (node.tagName === 'figure-slot') return { type: 'raw', value: slot(String(node.properties.dataKind), String(node.properties.dataId)) } as T;
    const pageOf = node.properties.dataFor;
    if (typeof pageOf === 'string' && (node.properties.className as string[] | undefined)?.includes('page-of')) return { ...node, children: [{ type: 'text', value: folio(pageMap.tocPages[pageOf], pageMap) }] };
    return { ...node, children: node.children.map(fill) };
  };
  return { ...tree, children: tree.children.map(fill) };
}

/** A block of the body; its facts are read from its HTML the first time they are asked for. */
export function documentBlock(id: string, html: string): DocumentBlock {
  let facts: BlockFacts | undefined;
  return { id, html, facts: () => (facts ??= factsOf(html)) };
}

function factsOf(html: string): BlockFacts {
  const anchors: string[] = [];
  const links: string[] = [];
  const headings: string[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (el: Element) => {
    if (typeof el.properties.id === 'string') anchors.push(el.properties.id);
    if (el.tagName === 'a' && typeof el.properties.href === 'string' && el.properties.href.startsWith('#')) links.push(el.properties.href.slice(1));
    if (/^h[1-6]$/.test(el.tagName)) headings.push(toHtml(el));
  });
  return { anchors, links, headings };
}
