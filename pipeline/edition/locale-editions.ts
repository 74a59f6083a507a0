/**
 * The editions of one build, per locale (issue 16): their file names in out/, their records in
 * edition.json, and the check a converted edition's PDF must pass — no Simplified text left
 * (converting the PDF's text again changes nothing).
 */
import { createHash } from 'node:crypto';
import { diag, type Diagnostic } from '../core/errors.ts';
import { simplifiedLeft, type Conversion } from '../model/script-conversion.ts';
import { pageTexts } from '../print/pdf-text.ts';
import type { PrintedEdition } from '../print/full-printer.ts';

/** report.pdf for the source edition, report.zh-Hant.pdf for another. */
export const editionFile = (tag: string, sourceTag: string, ext: 'pdf' | 'html') => (tag === sourceTag ? `report.${ext}` : `report.${tag}.${ext}`);

/** What edition.json records of each locale's PDF. */
export function localeRecord(tag: string, sourceTag: string, lang: string, printed: PrintedEdition) {
  return { file: editionFile(tag, sourceTag, 'pdf'), lang, sha256: createHash('sha256').update(printed.pdf).digest('hex'), bytes: printed.pdf.byteLength, pages: printed.pageCount, pageMap: printed.pageMap };
}

/** Every Simplified leftover of a converted edition's PDF, page by page (at most `limit`: one wrong override shows on every page). */
export async function simplifiedInPdf(pdf: Uint8Array, file: string, conversion: Conversion, limit = 20): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const [i, text] of (await pageTexts(pdf)).entries()) {
    // without the spaces the PDF's text runs carry (justified lines): an override's form (平台) is found whole
    for (const p of simplifiedLeft(text.replace(/\s+/g, ''), conversion)) if (out.length < limit) out.push(diag('LOCALE_SIMPLIFIED_LEFT', { tag: conversion.tag, page: i + 1, found: p.found, expected: p.expected, context: p.context }, { file }));
  }
  return out;
}
