/**
 * Watch mode's proofs. The assembled document's body is a list of blocks that each start on a
 * new page: the front matter, one block per chapter, the back matter. When an edit changes
 * blocks but not the frame around them and no heading (a sentence, a figure, a chart, and so
 * the colophon's input hash), only the changed blocks are printed, each alone with its first
 * page numbered on from the report, and their pages take the old ones' place in the last PDF
 * (splice-pages.ts). That holds while each block keeps its page count and puts every anchor
 * (heading, figure, table, footnote) on the page the last print put it on; otherwise the
 * contents and outline would be wrong, and the edition is printed in full.
 *
 * A proof has every page as a full print lays it out and the last print's outline. What it
 * lacks, until the full print the watcher makes as soon as editing pauses (and before it
 * stops): tags on the reprinted pages, their links to other chapters, and the new input hash
 * in the colophon. Its manifest says `proof: true`; `npm run diff` never takes it for an edition.
 */
import type { PDFDocument } from 'pdf-lib';
import { escapeHtml } from '../core/escape.ts';
import type { PdfFacts } from '../print/pdf-facts.ts';
import type { AssembledDocument } from '../render/assemble.ts';
import { fontsDir } from '../render/font-subsets.ts';
import type { PageMap } from '../render/page-map.ts';

/** What the last print leaves for proofs of the next edits. */
export interface ProofBase {
  /** the last PDF, open: proofs splice into it (and it is dropped when one fails half-way) */
  pdf: PDFDocument;
  /** the document it was printed from */
  doc: AssembledDocument;
  inputsHash: string;
  pageCount: number;
  pageMap: PageMap;
  /** anchor → PDF page index, as the last full print placed them */
  destinations: Map<string, number>;
  /** per block: the PDF index of its first page, its page count (-1: not placed), the printed number of its first page (0: unnumbered) */
  ranges: { start: number; count: number; firstPage: number }[];
}

/** One block to reprint, and where its pages go. */
export interface ProofPart {
  html: string;
  start: number;
  count: number;
  firstPage: number;
  /** the anchors the last print placed on these pages, and the PDF page index of each: a proof must keep them there */
  anchors: { id: string; at: number }[];
}

/**
 * A base for proofs from a full print, or undefined when a chapter cannot be found in it. A
 * block starts at the first of its anchors the print placed: a chapter's, or the blank verso's
 * before it; the back matter without one cannot be reprinted alone, nor the last chapter.
 */
export function proofBaseOf(doc: AssembledDocument, pdf: PDFDocument, inputsHash: string, facts: PdfFacts): ProofBase | undefined {
  const at = (id: string) => facts.destinations.get(id);
  const starts = doc.blocks.map((b, i) => {
    if (i === 0) return 0;
    if (i < doc.blocks.length - 1 && at(b.id) === undefined) return undefined;
    // the first page any of its anchors is on: a chapter's blank verso (chapter.hbs) comes before its own anchor
    const placed = b.facts().anchors.flatMap((id) => at(id) ?? []);
    return placed.length ? Math.min(...placed) : undefined;
  });
  if (doc.blocks.length < 3 || starts.slice(1, -1).some((s) => s === undefined)) return undefined;
  const bounds = [...starts, facts.pageCount];
  const firstChapter = starts[1]!;
  const ranges = doc.blocks.map((_, i) => {
    const [from, to] = [bounds[i], bounds[i + 1]];
    return from === undefined || to === undefined ? { start: -1, count: -1, firstPage: 0 } : { start: from, count: to - from, firstPage: i === 0 ? 0 : from - firstChapter + 1 };
  });
  return { pdf, doc, inputsHash, pageCount: facts.pageCount, pageMap: doc.pageMap, destinations: facts.destinations, ranges };
}

/**
 * The blocks to reprint for `doc`, or undefined when a proof cannot show it. The colophon's
 * input hash changes with every edit: a front matter that differs by nothing else is not
 * reprinted (the proof shows the last full print's hash until the next one).
 */
export function proofPlan(base: ProofBase, doc: AssembledDocument, inputsHash: string, maxBlocks = 3): ProofPart[] | undefined {
  const last = base.doc.blocks;
  if (frameWithoutFonts(doc) !== frameWithoutFonts(base.doc) || doc.blocks.length !== last.length || doc.blocks.some((b, i) => b.id !== last[i].id)) return undefined;
  const same = (html: string, i: number) => html === last[i].html || (i === 0 && html.replaceAll(inputsHash, '') === last[0].html.replaceAll(base.inputsHash, ''));
  const changed = doc.blocks.flatMap((b, i) => (same(b.html, i) ? [] : [i]));
  if (changed.length > maxBlocks) return undefined;
  for (const i of changed) {
    const facts = doc.blocks[i].facts();
    if (facts.headings.join('\n') !== last[i].facts().headings.join('\n')) return undefined;
    // a new link to an anchor the last print did not place (a new footnote) would lead nowhere in a proof; one the block
    // had before is as it was (a blank verso's link to itself, not printed while the chapter opens on a recto)
    const before = new Set(last[i].facts().links);
    if (facts.links.some((id) => !base.destinations.has(id) && !before.has(id))) return undefined;
    if (base.ranges[i].count <= 0) return undefined;
  }
  return changed.map((i) => {
    const { start, count } = base.ranges[i];
    return { html: doc.blocks[i].html, ...base.ranges[i], anchors: [...base.destinations].filter(([, at]) => at >= start && at < start + count).map(([id, at]) => ({ id, at })) };
  });
}

const isFontSubsets = (href: string) => href.startsWith(`${fontsDir}/`);

/**
 * The frame with the links of its font subsets left out: a character the document gains or
 * loses changes only those links (render/font-subsets.ts), and the proof page loads the new
 * subsets in place (PrintSession.printBody), so such an edit is still a proof.
 */
function frameWithoutFonts(doc: AssembledDocument): string {
  return doc.head.stylesheets.filter(isFontSubsets).reduce((frame, href) => frame.replaceAll(href, ''), doc.frame);
}

/**
 * The document to print for a part: its block, and a hidden link to each of its anchors, so
 * that Chromium writes their destinations into the proof (display: none changes no layout).
 */
export function proofDocument(part: ProofPart): string {
  return `${part.html}<nav hidden>${part.anchors.map(({ id }) => `<a href="#${escapeHtml(id)}"></a>`).join('')}</nav>`;
}

/** Whether a printed part (`printed`: its anchors' page indexes) put every anchor on the page the last print put it on. */
export function samePlaces(part: ProofPart, printed: Map<string, number>): boolean {
  return part.anchors.every(({ id, at }) => printed.get(id) !== undefined && part.start + printed.get(id)! === at);
}

/** The base after a proof (its PDF now holds the proof's pages): the same pages and numbers, the new blocks. */
export function afterProof(base: ProofBase, doc: AssembledDocument, inputsHash: string): ProofBase {
  return { ...base, inputsHash, doc };
}
