/**
 * What PDF/UA asks of a tagged PDF beyond Chromium's tags (review 49, 5.2 and 5.3): a structure type
 * that PDF 1.7 does not define (Chromium writes PDF 2.0's /Strong) is mapped to a standard one in the
 * tree's /RoleMap, so a checker and a screen reader know what it is; and every link annotation says
 * where it goes in its /Contents (转到第12页), which PDF/UA requires of an annotation.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { folio } from '../render/front-matter.ts';

/** PDF 2.0 types Chromium writes, as the PDF 1.7 type a reader of this file knows (ISO 32000-1 14.8.4). */
const pdf17Roles: Record<string, string> = { Strong: 'Span', Em: 'Span', Sub: 'Span', Title: 'H', FENote: 'Note', Aside: 'Div', DocumentFragment: 'Div' };

/** Adds a /RoleMap entry for each non-1.7 type the tree uses. Returns the types mapped. */
export function mapRoles(doc: PDFDocument): string[] {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return [];
  const [S, P] = [PDFName.of('S'), PDFName.of('P')];
  const used = new Set<string>();
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    const s = o instanceof PDFDict && o.has(P) ? o.get(S) : undefined;
    if (s instanceof PDFName && pdf17Roles[s.decodeText()]) used.add(s.decodeText());
  }
  if (!used.size) return [];
  const map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const s of [...used].sort()) map.set(PDFName.of(s), PDFName.of(pdf17Roles[s]));
  root.set(PDFName.of('RoleMap'), map);
  return [...used].sort();
}

/**
 * Gives every internal link annotation /Contents: `words` with {page} the printed folio of the page it
 * goes to (roman in the front matter, whose `frontPages` pages come first). Returns how many it described.
 */
export function describeLinks(doc: PDFDocument, words: string, frontPages: number): number {
  const ctx = doc.context;
  const pages = doc.getPages().map((p) => p.ref);
  // the folio as the contents print it: page 1 is the first chapter page, the front matter's pages before it roman
  const printed = (index: number) => folio(String(index - frontPages + 1), { frontPages });
  const destinations = namedDestinations(doc);
  const pageOf = (dest: PDFObject | undefined): number => {
    const d = dest instanceof PDFRef ? ctx.lookup(dest) : dest;
    const explicit = d instanceof PDFString || d instanceof PDFHexString || d instanceof PDFName ? destinations.get(d instanceof PDFName ? d.decodeText() : d.decodeText()) : d;
    const target = explicit instanceof PDFDict ? explicit.get(PDFName.of('D')) : explicit;
    const first = target instanceof PDFArray ? target.get(0) : undefined;
    return first instanceof PDFRef ? pages.findIndex((r) => r === first || (r.objectNumber === first.objectNumber && r.generationNumber === first.generationNumber)) : -1;
  };
  let described = 0;
  for (const page of doc.getPages()) {
    for (const a of page.node.Annots()?.asArray() ?? []) {
      const annot = ctx.lookup(a);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link') || annot.has(PDFName.of('Contents'))) continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const index = pageOf(annot.get(PDFName.of('Dest')) ?? (action?.get(PDFName.of('S')) === PDFName.of('GoTo') ? action.get(PDFName.of('D')) : undefined));
      if (index < 0) continue;
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(words.replace('{page}', printed(index))));
      described++;
    }
  }
  return described;
}

/** The file's named destinations: the catalog's /Dests dictionary and the /Names tree's /Dests. */
function namedDestinations(doc: PDFDocument): Map<string, PDFObject> {
  const ctx = doc.context;
  const out = new Map<string, PDFObject>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [k, v] of dests?.entries() ?? []) out.set(k.decodeText(), v instanceof PDFRef ? ctx.lookup(v) ?? v : v);
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) out.set(key.decodeText(), names.lookup(i + 1) ?? names.get(i + 1));
    }
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) walk(ctx.lookup(kid) as PDFDict);
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
}
