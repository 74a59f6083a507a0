/**
 * Charts and tables placed like LaTeX floats (float-decisions.ts says where): the page is probed
 * with its flow marked (flow-layout.ts), the first hole a figure leaves at a page's foot is filled
 * by moving that figure in the page, the page is probed again, and the move stays only if the
 * probe shows it helped; then the next hole. Every print decides from the document as written, so
 * the placement does not depend on what an earlier build printed.
 */
import type { Page } from 'puppeteer';
import { textBlock } from '../render/page-map.ts';
import { chooseMove, holes, improves } from './float-decisions.ts';
import { floatBlocks, probeFlow, withoutMarkers, type PlacedBlock } from './flow-layout.ts';
import type { PdfFacts } from './pdf-facts.ts';

export interface PlacedFloats {
  /** figure id → blocks moved (forward +, back −) */
  moves: Record<string, number>;
  /** the probe of the layout with those moves, its markers left out */
  facts: PdfFacts;
  /** the chapters' blocks in that layout */
  placed: PlacedBlock[];
}

/** Decides and makes the moves in `page`; `probe` lays the page out and reads back its destinations. */
export async function placeFloats(page: Page, probe: () => Promise<PdfFacts>): Promise<PlacedFloats> {
  const moves: Record<string, number> = {};
  await applyMoves(page, moves); // from the document as written, whatever an earlier placement moved
  let { placed, facts } = await probeFlow(page, probe);
  const tried = new Set<string>();
  for (let from = 0; ; ) {
    const hole = holes(placed, textBlock).find((h) => h.page >= from);
    if (!hole) break;
    from = hole.page + 1;
    const move = chooseMove(placed, hole, textBlock);
    if (!move || tried.has(move.float)) continue;
    tried.add(move.float);
    await applyMoves(page, { ...moves, [move.float]: move.by });
    const after = await probeFlow(page, probe);
    if (improves(placed, after.placed, hole, move, textBlock)) {
      moves[move.float] = move.by;
      ({ placed, facts } = after);
    } else await applyMoves(page, moves);
  }
  return { moves, facts: withoutMarkers(facts), placed };
}

/**
 * Runs in the page: puts every figure back where the chapter has it, then makes `moves`. A moved
 * figure leaves a comment where it stood (comments take no part in layout or in CSS sibling rules);
 * other figures are not counted as it passes them, so figures keep their order among themselves.
 */
export async function applyMoves(page: Page, moves: Record<string, number>): Promise<void> {
  await page.evaluate((moves: Record<string, number>, floats: string) => {
    // no named function inside: tsx (keepNames) would wrap it in __name, which the page lacks
    const holders = new Map<string, Comment>();
    for (const chapter of document.querySelectorAll('section.chapter')) {
      const walk = document.createTreeWalker(chapter, NodeFilter.SHOW_COMMENT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.nodeValue?.startsWith('float:')) holders.set(n.nodeValue.slice('float:'.length), n as Comment);
    }
    for (const [id, holder] of holders) {
      const el = document.getElementById(id);
      if (el) holder.after(el);
    }
    for (const [id, by] of Object.entries(moves)) {
      const el = document.getElementById(id);
      if (!el) continue;
      if (!holders.has(id)) el.before(document.createComment(`float:${id}`));
      let at: Element | null = el;
      for (let n = Math.abs(by); n > 0 && at; ) {
        at = by > 0 ? at.nextElementSibling : at.previousElementSibling;
        if (at && !at.matches(floats)) n--;
      }
      if (at && by > 0) at.after(el);
      else if (at) at.before(el);
    }
  }, moves, floatBlocks);
}
