/** Reading PDFs the way a reader's tools do: text per page, outline, metadata (pdfjs-dist). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDict as PdfDict } from 'pdf-lib';

export interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

export async function readPdf(bytes: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    }
    const outline = ((await doc.getOutline()) ?? []) as OutlineNode[];
    const meta = await doc.getMetadata();
    const destinations = new Map<string, number>();
    for (const [id, dest] of Object.entries((await doc.getDestinations()) as Record<string, unknown[]>)) {
      destinations.set(id, await doc.getPageIndex(dest[0] as { num: number; gen: number }));
    }
    return { numPages: doc.numPages, pages, text: pages.join('\n'), outline, info: meta.info as Record<string, unknown>, xmp: Object.fromEntries(meta.metadata ?? []) as Record<string, unknown>, destinations };
  } finally {
    await doc.destroy();
  }
}

/** Text with all whitespace removed: PDF text runs split Chinese and digits arbitrarily. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/** Catalog facts and fonts, read with pdf-lib (object streams hide them from a text search). */
export async function pdfStructure(bytes: Uint8Array) {
  const { PDFDocument, PDFName, PDFDict, PDFString, PDFHexString } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = doc.catalog.get(PDFName.of('Lang'));
  const fonts: { subtype: string; name: string; embedded: boolean }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type'))?.toString() !== '/Font') continue;
    const subtype = obj.get(PDFName.of('Subtype'))?.toString() ?? '';
    if (subtype === '/Type0') continue; // the CID font below it carries the descriptor
    const descriptor = obj.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = !!descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
    fonts.push({ subtype, name: obj.get(PDFName.of('BaseFont'))?.toString() ?? '', embedded });
  }
  const langText = lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
  return { lang: langText, tagged: doc.catalog.has(PDFName.of('StructTreeRoot')), fonts };
}

/** Internal links on one page: the named destinations its link annotations point at. */
export async function linkTargets(bytes: Uint8Array, pageIndex: number): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(pageIndex + 1);
    const annotations = (await page.getAnnotations()) as { subtype: string; dest?: unknown }[];
    return annotations.filter((a) => a.subtype === 'Link' && typeof a.dest === 'string').map((a) => a.dest as string);
  } finally {
    await doc.destroy();
  }
}

/** Every Figure of the tag tree with its Alt text (undefined when it has none), read with pdf-lib. */
export async function figureTags(bytes: Uint8Array): Promise<{ alt: string | undefined }[]> {
  const { PDFDocument, PDFName, PDFDict, PDFString, PDFHexString } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { alt: string | undefined }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('S'))?.toString() !== '/Figure') continue;
    const alt = obj.get(PDFName.of('Alt'));
    out.push({ alt: alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : undefined });
  }
  return out;
}

/**
 * What a tagged-PDF checker counts: structure elements by type, /Artifact marked-content sequences,
 * and painting operators (text objects, filled or stroked paths, XObjects) outside any marked
 * content (untagged content), read from the decoded page streams.
 */
export async function tagCensus(bytes: Uint8Array): Promise<{ elements: Record<string, number>; artifacts: number; untagged: number }> {
  const { PDFDocument, PDFDict, PDFName, PDFArray, PDFRef, decodePDFRawStream } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const elements: Record<string, number> = {};
  const seen = new Set<string>();
  const walk = (o: unknown): void => {
    if (o instanceof PDFRef) {
      if (seen.has(o.toString())) return;
      seen.add(o.toString());
      o = ctx.lookup(o);
    }
    if (o instanceof PDFArray) o.asArray().forEach(walk);
    else if (o instanceof PDFDict) {
      const s = o.get(PDFName.of('S'));
      if (s) elements[s.toString().slice(1)] = (elements[s.toString().slice(1)] ?? 0) + 1;
      walk(o.get(PDFName.of('K')));
    }
  };
  walk(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K')));
  let artifacts = 0;
  let untagged = 0;
  for (const page of doc.getPages()) {
    const c = page.node.Contents();
    const streams = c instanceof PDFArray ? c.asArray().map((r) => ctx.lookup(r)) : [c];
    let depth = 0;
    for (const s of streams) {
      for (const line of Buffer.from(decodePDFRawStream(s as import('pdf-lib').PDFRawStream).decode()).toString('latin1').split('\n')) {
        if (line.endsWith('BDC') || line.endsWith('BMC')) {
          if (line.startsWith('/Artifact')) artifacts++;
          depth++;
        } else if (line === 'EMC') depth--;
        else if (depth === 0 && /(?:^BT$|(?:^|\s)(?:f\*?|S|B\*?|b\*?|Do|sh)$)/.test(line)) untagged++;
      }
    }
  }
  return { elements, artifacts, untagged };
}

/** The tag tree's tables of contents (/TOC not inside another), each as the destinations of its /TOCI items' links, in order. */
export async function tocTags(bytes: Uint8Array): Promise<{ targets: string[]; nested: number }[]> {
  const { PDFDocument, PDFDict, PDFName, PDFArray, PDFRef } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const deref = (o: unknown) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const kids = (d: PdfDict) => {
    const k = deref(d.get(PDFName.of('K')));
    return (k instanceof PDFArray ? k.asArray() : k ? [k] : []).map(deref);
  };
  const role = (d: unknown) => (d instanceof PDFDict ? d.get(PDFName.of('S'))?.toString().slice(1) : undefined);
  const found: { targets: string[]; nested: number }[] = [];
  const read = (toc: PdfDict, into: { targets: string[]; nested: number }) => {
    for (const item of kids(toc)) {
      if (role(item) !== 'TOCI') throw new Error(`a /TOC holds a /${role(item)}`);
      for (const k of kids(item as PdfDict)) {
        if (role(k) === 'TOC') (into.nested++, read(k as PdfDict, into));
        else if (role(k) === 'Link') {
          const objr = kids(k as PdfDict).find((x) => x instanceof PDFDict && x.get(PDFName.of('Type')) === PDFName.of('OBJR')) as PdfDict; // after the link's text
          into.targets.push(objr.lookup(PDFName.of('Obj'), PDFDict).get(PDFName.of('Dest'))!.toString().replace(/^\//, ''));
        }
      }
    }
  };
  const walk = (d: unknown) => {
    if (!(d instanceof PDFDict)) return;
    if (role(d) === 'TOC') {
      const toc = { targets: [] as string[], nested: 0 };
      read(d, toc);
      return found.push(toc);
    }
    kids(d).forEach(walk);
  };
  walk(deref(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K'))));
  return found;
}
