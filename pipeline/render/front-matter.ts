/**
 * What the front matter's templates need beyond the chapters (issue 14): the list of figures and
 * tables in reading order, which contents entry starts a continued page ("目录（续）"), and the
 * roman folios of the front pages. All of it comes from the page map a print (or the layout
 * probe) gives, so the furniture can be swapped in between passes without re-reading the HTML.
 */
import type { Locale } from '../model/locale.ts';
import { closingPunctuation } from './header-bracket.ts';
import type { PageMap } from './page-map.ts';
import type { Numbering, RenderedChapter } from './render-chapters.ts';
import type { RenderedChart } from './render-charts.ts';
import type { RenderedTable } from './render-tables.ts';

export interface ListedFigure {
  /** a key-figure callout is listed in a group of its own, unnumbered (review 56, 1.2; review 57: not to be found from the list) */
  kind: 'figure' | 'table' | 'callout';
  label: string;
  caption: string;
  /** the caption's closing punctuation (）) set apart: toc.hbs closes up its blank half before the leader */
  closer: string;
  anchor: string;
}

/** A full-width closing bracket or quote ends the caption: its glyph's right half is blank. */
const captionCloser = new RegExp(`[${closingPunctuation}]+$`, 'u');

/** A list entry's words and the closing punctuation they end in (toc.hbs closes up its blank half before the leader). */
export function splitCloser(text: string): [string, string] {
  const closer = captionCloser.exec(text)?.[0] ?? '';
  return [text.slice(0, text.length - closer.length), closer];
}

/** Every chart, table and key-figure callout placed in the chapters, in reading order: the 图表目录 (grouped by figureGroups). */
export function listOfFigures(numbering: Map<string, Numbering>, charts: RenderedChart[], tables: RenderedTable[]): ListedFigure[] {
  const captions = new Map([...charts, ...tables].map((x) => [x.id, x.caption]));
  return [...numbering.values()].map((n) => {
    const [caption, closer] = splitCloser(captions.get(n.id) ?? '');
    // a callout has no number: it is no figure that draws (reviews 49–54), but a reader finds it from the list
    return { kind: n.label ? n.kind : 'callout', label: n.label, caption, closer, anchor: n.anchor };
  });
}

/** The back matter's list of sources (back.hbs #sources-table): a table of its own series (附表1), listed after the chapters' tables. */
export function sourcesTableEntry(locale: Locale): ListedFigure {
  const [caption, closer] = splitCloser(locale.sources.caption);
  return { kind: 'table', label: locale.sources.label, caption, closer, anchor: 'sources-table' };
}

/** The list's groups (toc.hbs), each under its heading (locale `lof_groups`): figures, tables, then the key figures (review 48, 1.5: one list in page order made a table slow to find); a group without entries is left out. */
export function figureGroups(figures: ListedFigure[]): { kind: ListedFigure['kind']; entries: ListedFigure[] }[] {
  return (['figure', 'table', 'callout'] as const).map((kind) => ({ kind, entries: figures.filter((f) => f.kind === kind) })).filter((g) => g.entries.length > 0);
}

/** The ids (in toc.hbs) of the entries of the contents and of the list, in order, each list led by its title. */
export function frontEntries(front: RenderedChapter[], chapters: RenderedChapter[], figures: ListedFigure[], references = false): { toc: string[]; lof: string[] } {
  const sections = chapters.flatMap((ch) => [ch.anchor, ...ch.sections.filter((s) => s.depth === 2).map((s) => s.id)]);
  const back = ['sources', ...(references ? ['references'] : [])]; // 参考资料 under 资料来源一览, when there are any (toc.hbs)
  return { toc: ['toc-title', ...['lof', ...front.map((ch) => ch.anchor), ...sections, ...back].map((id) => `toc-${id}`)], lof: ['lof-title', ...figureGroups(figures).flatMap((g) => [`lof-${g.kind}`, ...g.entries.map((f) => `toc-${f.anchor}`)])] };
}

/** A page number as printed: from 1 on the chapters' arabic number, before them the front matter's roman folio. */
export function folio(page: string | undefined, map: Pick<PageMap, 'frontPages'>): string {
  if (page === undefined || page === '') return '';
  const n = Number(page);
  return n >= 1 ? page : roman(n + map.frontPages);
}

/** The contents' page numbers of front-matter pages (the list of figures and tables, the summary), as their pages are labelled: anchor → roman folio. */
export function frontLabels(anchors: string[], map: PageMap): Record<string, string> {
  return Object.fromEntries(anchors.map((a) => [a, folio(map.tocPages[a], map)]));
}

/** A list's entries that open a page it runs on to: each gets the continued title above it. */
export function continuedAt(entries: string[], pages: Record<string, string>): string[] {
  const out: string[] = [];
  for (let i = 1; i < entries.length; i++) {
    const [before, here] = [pages[entries[i - 1]], pages[entries[i]]];
    if (before !== undefined && here !== undefined && Number(here) > Number(before)) out.push(entries[i]);
  }
  return out;
}

/** The continued-page rules for the furniture: entry id → the title printed above it. */
export function continuations(entries: { toc: string[]; lof: string[] }, map: PageMap, locale: Locale): { id: string; title: string }[] {
  return [...continuedAt(entries.toc, map.tocPages).map((id) => ({ id, title: locale.toc_continued })), ...continuedAt(entries.lof, map.tocPages).map((id) => ({ id, title: locale.lof_continued }))];
}

/** Lower-case roman numerals, 1 → i: the folios of the front matter. */
export function roman(n: number): string {
  const digits: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of digits) for (; n >= v; n -= v) out += s;
  return out;
}

/**
 * The front matter's folios. One page counter runs through the document and the first chapter
 * page must be 1, so the front pages count up to 0 (the cover starts at 1 − frontPages); a fixed
 * counter style maps those values to i, ii, iii … (Chromium has no counter-reset on a page).
 */
export function frontFolios(frontPages: number): { coverIncrement: number; firstValue: number; symbols: string[] } {
  const n = Math.max(frontPages, 1);
  return { coverIncrement: 1 - n, firstValue: 1 - n, symbols: Array.from({ length: n }, (_, i) => roman(i + 1)) };
}

/** What opens on a recto when chapters open on rectos (locale `chapters_open`): each chapter, then the back matter (its list of sources); nothing when they open on any page. */
export const rectoOpenings = (chapters: { anchor: string }[], open: Locale['chapters_open']): string[] => (open === 'recto' ? [...chapters.map((ch) => ch.anchor), 'sources'] : []);

/** The anchor of the back cover: the last page, which a report printed on both sides wants on a verso. */
const backCover = 'back-cover';

/**
 * The openings that get a blank verso before them (review 1.9, review 31 #5): each chapter, and the
 * back matter after them, opens on a recto (an odd page of the PDF) when chapters open on rectos, and
 * the back cover always falls on a verso, so the page count is even. Chromium ignores break-before: right and left, so the page map
 * decides: an opening's page less the pads printed up to it is where it falls without pads, and
 * going through the openings in order, each pad shifts those after it by one page. The answer is
 * the same for the print made with those pads (a fixed point), so printing converges.
 */
export function versoPads(anchors: string[], map: PageMap): string[] {
  // no recto openings (chapters open on any page): no blank page in the text, but the back cover
  // still falls on a verso, so a copy printed on both sides ends on its back (review 40, T5)
  const pads: string[] = [];
  let printed = 0;
  for (const anchor of anchors) {
    const opening = Number(map.tocPages[anchor]);
    if (!Number.isInteger(opening) || opening < 1) return []; // not placed yet (a first build's probe)
    if (map.tocPages[`pad-${anchor}`] !== undefined) printed++;
    // the page of the PDF (1 = the cover) it opens on, with the pads asked for so far instead of those printed
    if ((opening + map.frontPages - printed + pads.length) % 2 === 0) pads.push(anchor);
  }
  if (map.tocPages[`pad-${backCover}`] !== undefined) printed++;
  // the back cover is the last page: an odd count puts it on a recto
  if ((map.totalPages + map.frontPages - printed + pads.length) % 2 === 1) pads.push(backCover);
  return pads;
}

/**
 * The page map of a print as it will be once it shows the pads it calls for (versoPads): a pad is
 * a blank page before its opening, so each pad printed and not called for moves what follows it
 * one page back, and each called for and not printed (a first build's probe shows none) one page
 * on. Without this, the full print after a probe found every number after a pad off by one and
 * printed again. Only a guess for the next print, which checks it; a print that showed the pads
 * it calls for is taken as it is.
 */
export function withPredictedPads(anchors: string[], map: PageMap): PageMap {
  const printed = Object.keys(map.tocPages).filter((id) => id.startsWith('pad-'));
  const padPages = printed.map((id) => Number(map.tocPages[id]));
  const bareOf = (page: number) => page - padPages.filter((q) => q < page).length;
  const bareToc = Object.fromEntries(Object.entries(map.tocPages).filter(([id]) => !id.startsWith('pad-')).map(([id, page]) => [id, String(bareOf(Number(page)))]));
  const bare: PageMap = { ...map, tocPages: bareToc, totalPages: map.totalPages - printed.length };
  const pads = versoPads(anchors, bare);
  if (pads.length === printed.length && pads.every((a) => printed.includes(`pad-${a}`))) return map;
  // a pad before the first chapter is a front page (the folios count from that chapter): no guess
  if (printed.includes(`pad-${anchors[0]}`) || pads.includes(anchors[0])) return map;
  const openings = pads.map((a) => (a === backCover ? bare.totalPages : Number(bareToc[a])));
  const shift = (page: number) => openings.filter((o) => o <= page).length;
  const tocPages = Object.fromEntries(Object.entries(bareToc).map(([id, page]) => [id, String(Number(page) + shift(Number(page)))]));
  for (const [i, a] of pads.entries()) tocPages[`pad-${a}`] = String(openings[i] + shift(openings[i]) - 1);
  return { ...map, tocPages, totalPages: bare.totalPages + pads.length };
}
