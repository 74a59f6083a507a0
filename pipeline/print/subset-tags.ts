/**
 * Font subset tags (ISO 32000 9.6.4: six upper-case letters and "+" before a subset's name) derived
 * from the subset's bytes, not numbered in order of use: Skia writes AAAAAA+, BAAAAA+ …, which
 * preflight tools flag and which let two different subsets of one font share a name across files.
 * A hash of the embedded font program keeps the tag deterministic (same subset, same tag, same bytes).
 */
import { createHash } from 'node:crypto';
import { PDFDict, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';

const tagged = /^([A-Z]{6})\+(.*)$/;

/** Six letters A–Z from a SHA-256 of the font program. */
export function subsetTag(fontProgram: Uint8Array): string {
  const digest = createHash('sha256').update(fontProgram).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

export function hashSubsetTags(doc: PDFDocument): void {
  const dicts = doc.context.enumerateIndirectObjects().map(([, obj]) => obj).filter((o): o is PDFDict => o instanceof PDFDict);
  const renamed = new Map<string, string>(); // old tag → new tag
  for (const d of dicts) {
    if (d.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = d.get(PDFName.of('FontName'));
    const match = name instanceof PDFName ? tagged.exec(name.decodeText()) : null;
    const file = ['FontFile2', 'FontFile3', 'FontFile'].map((k) => d.lookup(PDFName.of(k))).find((f) => f instanceof PDFRawStream);
    if (!match || !(file instanceof PDFRawStream)) continue;
    renamed.set(match[1], subsetTag(file.contents));
  }
  if (!renamed.size) return;
  for (const d of dicts) {
    for (const key of ['FontName', 'BaseFont']) {
      const name = d.get(PDFName.of(key));
      const match = name instanceof PDFName ? tagged.exec(name.decodeText()) : null;
      const tag = match && renamed.get(match[1]);
      if (tag) d.set(PDFName.of(key), PDFName.of(`${tag}+${match[2]}`));
    }
  }
}
