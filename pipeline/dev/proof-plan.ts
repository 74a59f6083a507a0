/**
 * Watch mode's proofs. The body of the document falls into blocks that each start on a new
 * page: the front matter (cover, colophon, contents), one block per chapter, and what follows
 * the chapters. When an edit changes blocks but no heading and nothing outside the body (a
 * sentence, a figure, a chart, and so the colophon's input hash), only the changed blocks are
 * printed, each alone with its first page numbered on from the report, and their pages take
 * the old ones' place in the last PDF (splice-pdf.ts). That holds while each block keeps its
 * page count and puts every anchor (heading, figure, table, footnote) on the page the last
 * print put it on; otherwise the contents and outline would be wrong, and the build prints in
 * full.
 *
 * A proof has every page as a full print lays it out and the last print's outline. What it
 * lacks, until the full print the watcher makes as soon as editing pauses (and before it
 * stops): tags on the reprinted pages, their links to other chapters, and the new input hash
 * in the colophon. `npm run diff` never takes a proof for an edition (printPasses 0).
 */
import type { PDFDocument } from 'pdf-lib';
import type { AssembledDocument } from '../render/assemble.ts';
import { escapeHtml } from '../core/escape.ts';
import type { PdfFacts } from '../print/pdf-facts.ts';
import { documentBody, type PageMap } from '../print/print-session.ts';

/** What the last print leaves for proofs of the next edits. */
export interface ProofBase {
  /** the last PDF, open: proofs splice into it (and it is dropped when one fails half-way) */
  doc: PDFDocument;
  inputsHash: string;
  pageCount: number;
  pageMap: PageMap;
  layout: Blocks;
  /** anchor → PDF page index, as the last full print placed them */
  destinations: Map<string, number>;
  /** per block: the PDF index of its first page, its page count, the printed number of its first page (0: unnumbered) */
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

interface Blocks {
  /** the document outside the body's blocks */
  frame: string;
  /** front matter, each chapter, back matter */
  blocks: string[];
  headings: string;
}

/** A base for proofs from a full print, or undefined when the chapters cannot be found in it. */
export function proofBaseOf(doc: AssembledDocument, pdf: PDFDocument, inputsHash: string, facts: PdfFacts, pageMap: PageMap, chapterAnchors: string[]): ProofBase | undefined {
  const layout = blocksOf(doc);
  const starts = chapterAnchors.map((a) => facts.destinations.get(a));
  if (!layout || !starts.length || starts.some((s) => s === undefined) || starts.length !== doc.sections.length) return undefined;
  const last = doc.sections.length - 1;
  // the chapters end where the first anchor after them lands (the back matter's, which the
  // contents link to); with back matter and no such anchor, neither it nor the last chapter
  // can be placed (count -1: never reprinted alone)
  const after = [...facts.destinations].filter(([id, at]) => at > starts[last]! && !doc.sections[last].includes(`id="${id}"`)).map(([, at]) => at);
  const backMatter = layout.blocks.at(-1)!.trim() !== '';
  const end = after.length ? Math.min(...after) : backMatter ? undefined : facts.pageCount;
  const bounds = [0, ...(starts as number[]), end, facts.pageCount];
  const first = bounds[1]!;
  const ranges = layout.blocks.map((_, i) => {
    const [from, to] = [bounds[i], bounds[i + 1]];
    return from === undefined || to === undefined ? { start: -1, count: -1, firstPage: 0 } : { start: from, count: to - from, firstPage: i === 0 ? 0 : from - first + 1 };
  });
  return { doc: pdf, inputsHash, pageCount: facts.pageCount, pageMap, layout, destinations: facts.destinations, ranges };
}

/**
 * The blocks to reprint for `doc`, or undefined when a proof cannot show it. The colophon's
 * input hash changes with every edit: a front matter that differs by nothing else is not
 * reprinted (the proof shows the last full print's hash until the next one).
 */
export function proofPlan(base: ProofBase, doc: AssembledDocument, inputsHash: string, maxBlocks = 3): ProofPart[] | undefined {
  const layout = blocksOf(doc);
  if (!layout || layout.frame !== base.layout.frame || layout.headings !== base.layout.headings || layout.blocks.length !== base.layout.blocks.length) return undefined;
  const same = (html: string, i: number) => html === base.layout.blocks[i] || (i === 0 && html.replaceAll(inputsHash, '') === base.layout.blocks[0].replaceAll(base.inputsHash, ''));
  const parts = layout.blocks.flatMap((html, i) => {
    if (same(html, i)) return [];
    const { start, count } = base.ranges[i];
    return [{ html, ...base.ranges[i], anchors: [...base.destinations].filter(([, at]) => at >= start && at < start + count).map(([id, at]) => ({ id, at })) }];
  });
  // a link to an anchor the last print did not place (a new footnote) would lead nowhere in a proof
  const unplaced = parts.some((p) => [...p.html.matchAll(/href="#([^"]+)"/g)].some((m) => !base.destinations.has(m[1])));
  return parts.length <= maxBlocks && parts.every((p) => p.count > 0) && !unplaced ? parts : undefined;
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
/** The base after a proof (`pdf`: the base's document with the proof's pages): the same pages and numbers, the new blocks. */
export function afterProof(base: ProofBase, doc: AssembledDocument, inputsHash: string): ProofBase {
  return { ...base, inputsHash, layout: blocksOf(doc)! };
}

function blocksOf(doc: AssembledDocument): Blocks | undefined {
  const found = documentBody(doc.html);
  if (!found) return undefined;
  const body = found.text;
  const starts: number[] = [];
  let from = 0;
  for (const section of doc.sections) {
    const at = body.indexOf(section, from);
    if (at < 0) return undefined;
    starts.push(at);
    from = at + section.length;
  }
  const cuts = [0, ...starts, from, body.length];
  return {
    frame: doc.html.slice(0, found.start) + doc.html.slice(found.end),
    blocks: cuts.slice(0, -1).map((at, i) => body.slice(at, cuts[i + 1])),
    headings: [...body.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => m[0]).join('\n'),
  };
}
