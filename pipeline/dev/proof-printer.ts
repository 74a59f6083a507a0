/**
 * Watch mode's printer: one open page that prints edition after edition. An edit confined to
 * some blocks is printed as a proof (proof-plan.ts): only those blocks, spliced into the last
 * PDF. Anything else, or a proof whose blocks moved, is printed in full on the same page, and
 * that print becomes the base for the next proofs. `full: true` always prints in full (the
 * print that replaces proofs once editing pauses).
 */
import { join } from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import type { Effects } from '../core/effects.ts';
import { fontFilesToWrite, printInFull, type PrintContext, type PrintedEdition, type Printer } from '../print/full-printer.ts';
import { factsOf, openPrinted } from '../print/pdf-facts.ts';
import { openPdf, savePdf } from '../print/pdf-file.ts';
import type { PrintSession } from '../print/print-session.ts';
import type { PrintableDocument } from '../render/render-document.ts';
import { afterProof, proofBaseOf, proofDocument, proofPlan, samePlaces, type ProofBase, type ProofPart } from './proof-plan.ts';
import { splicePages } from './splice-pages.ts';

export interface ProofPrinter extends Printer {
  /** the next print is in full (and proofs start again from it) */
  printInFullNext(): void;
  /** whether the last print can be a base for proofs (the chapters were found in it) */
  readonly proofsPossible: boolean;
  /** proofs start from an edition printed earlier (current-edition.ts): `printable.doc` is written at htmlFile, `pdf` is its PDF */
  resume(printable: PrintableDocument, pdf: Uint8Array, htmlFile: string, inputsHash: string): Promise<void>;
}

export function proofPrinter(session: PrintSession, fx: Pick<Effects, 'writeFiles' | 'remove' | 'readFile'>): ProofPrinter {
  let base: ProofBase | undefined;
  let full = false;
  return {
    get proofsPossible() {
      return base !== undefined;
    },
    printInFullNext() {
      full = true;
    },
    async resume(printable, pdf, htmlFile, inputsHash) {
      await session.open(printable.doc, htmlFile);
      const printed = await openPrinted(pdf);
      base = proofBaseOf(printable.doc, printed.doc, inputsHash, printed.facts);
    },
    async print(printable, ctx) {
      const plan = !full && base && proofPlan(base, printable.doc, ctx.documentId);
      full = false;
      if (base && plan) {
        try {
          const proof = await ctx.timer.run('print proof', () => printProof(session, base!, plan, printable, ctx, fx));
          if (proof) {
            base = afterProof(base, printable.doc, ctx.documentId);
            return proof;
          }
        } catch (e) {
          base = undefined; // a failed proof may have spliced pages into the base's PDF already
          throw e;
        }
      }
      try {
        const { edition, printed } = await printInFull(session, printable, ctx, fx);
        base = proofBaseOf(edition.doc, printed.doc, ctx.documentId, printed.facts);
        return edition;
      } catch (e) {
        base = undefined;
        throw e;
      }
    },
    close: () => session.close(),
  };
}

/**
 * Each changed block printed alone and spliced into the base's PDF; undefined (print in full
 * instead) when a block's page count changed or an anchor moved to another page.
 */
async function printProof(session: PrintSession, base: ProofBase, parts: ProofPart[], printable: PrintableDocument, ctx: PrintContext, fx: Pick<Effects, 'writeFiles' | 'readFile'>): Promise<PrintedEdition | undefined> {
  const htmlFile = join(ctx.project.outDir, 'report.html');
  // a new character: the new subsets must be on disk before the page swaps its font link to them
  await fx.writeFiles(await fontFilesToWrite(printable, ctx, fx));
  const printed: PDFDocument[] = [];
  for (const part of parts) {
    const pdf = await session.printBody(printable.doc, htmlFile, proofDocument(part), printable.furnitureCss(base.pageMap, part.firstPage), ctx.signal, base.pageMap.floats);
    if (!pdf) return undefined;
    printed.push(await openPdf(pdf));
  }
  // all or nothing: the base is only changed when every block kept its pages and its anchors' places
  if (printed.some((p, i) => p.getPageCount() !== parts[i].count || !samePlaces(parts[i], factsOf(p).destinations))) return undefined;
  for (const [i, p] of printed.entries()) await splicePages(base.pdf, p, parts[i].start);
  return { pdf: await savePdf(base.pdf, false), pageCount: base.pageCount, pageMap: base.pageMap, doc: printable.doc, passes: 0, probes: 0, proof: true };
}

