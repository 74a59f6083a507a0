/**
 * The tag tree as a reader of tagged PDF expects it (issue 14). Chromium 156 tags what the DOM
 * says, but (a) leaves the page furniture (running headers, folios) and decoration (rules, the
 * cover's drawing) outside any marked content: neither tagged nor marked as artifacts, which a
 * checker reports as untagged content; and (b) wraps every text run in a structure element of its
 * own, /NonStruct, about 2 300 in the report, that says nothing about the text. Both are fixed on
 * the printed file: untagged painting becomes /Artifact marked content, and a NonStruct's content
 * is handed to its parent (its marked-content references and elements, and the parent tree's
 * entries), leaving the headings, paragraphs, lists, tables and figures as they were.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

/** Operators that start painting something: a text object, a path, an XObject or a shading. */
const startsPaint = /(?:^BT$|\s(?:m|re)$|\s(?:Do|sh)$)/;
/** Operators that end painting something (a path's "n" paints nothing: a clip). */
const endsPaint = /(?:^ET$|(?:^|\s)(?:f\*?|F|S|s|B\*?|b\*?|Do|sh)$)/;

/**
 * Wraps each run of a content stream that paints outside any marked content in `/Artifact BMC …
 * EMC`. Chromium writes one operator per line (a text run's glyphs on lines of their own) and
 * marks content outside text objects, so lines are the unit.
 */
export function markArtifacts(content: string): { content: string; wrapped: number } {
  const lines = content.split('\n');
  const opens = (l: string) => l.endsWith('BDC') || l.endsWith('BMC');
  // the runs of lines outside marked content: [first, last + 1)
  const runs: [number, number][] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (opens(line)) {
      if (depth++ === 0 && i > from) runs.push([from, i]);
    } else if (depth > 0 && line === 'EMC' && --depth === 0) from = i + 1;
  }
  if (depth === 0 && from < lines.length) runs.push([from, lines.length]);
  // insert the markers back to front, so earlier indices stay valid
  let wrapped = 0;
  for (const [a, b] of runs.reverse()) {
    const span = wrapSpan(lines.slice(a, b).map((l) => l.trim()));
    if (!span) continue;
    lines.splice(a + span[1] + 1, 0, 'EMC');
    lines.splice(a + span[0], 0, '/Artifact BMC');
    wrapped++;
  }
  return { content: lines.join('\n'), wrapped };
}

/**
 * The lines of a run to wrap, [start, end]: from its first painting operator to its last, or
 * undefined when it paints nothing. Chromium's own marked content does not nest with q/Q (a
 * sequence may open after a q and close before its Q), so neither does an artifact.
 */
function wrapSpan(ops: string[]): [number, number] | undefined {
  const start = ops.findIndex((op) => startsPaint.test(op));
  let end = -1;
  for (let i = ops.length - 1; i >= 0 && end < 0; i--) if (endsPaint.test(ops[i])) end = i;
  return start < 0 || end < start ? undefined : [start, end];
}

/** Every page's untagged painting marked as an artifact; returns how many runs were wrapped. */
export function markPageArtifacts(doc: PDFDocument): number {
  const ctx = doc.context;
  let wrapped = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    if (!contents) continue;
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => ctx.lookup(r)) : [contents];
    if (!streams.every((s) => s instanceof PDFRawStream)) continue;
    const text = streams.map((s) => Buffer.from(inflate(s as PDFRawStream)).toString('latin1')).join('\n');
    const marked = markArtifacts(text);
    if (!marked.wrapped) continue;
    wrapped += marked.wrapped;
    // node's zlib, not pdf-lib's JavaScript deflate: the report's pages hold ~9 MB of operators
    const bytes = deflateSync(Buffer.from(marked.content, 'latin1'));
    // the old streams go, or the file would carry both
    const old = page.node.get(PDFName.of('Contents'));
    for (const ref of old instanceof PDFArray ? old.asArray() : [old]) if (ref instanceof PDFRef) ctx.delete(ref);
    if (old instanceof PDFRef && contents instanceof PDFArray) for (const r of contents.asArray()) if (r instanceof PDFRef) ctx.delete(r);
    page.node.set(PDFName.of('Contents'), ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', Length: bytes.length }), bytes)));
  }
  return wrapped;
}

/** A stream's bytes: node's zlib for Chromium's FlateDecode (pdf-lib's JavaScript inflate took most of the time), pdf-lib for anything else. */
function inflate(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  return filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms')) ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
}

/**
 * Hands every /NonStruct element's content to its parent: its marked content (as marked-content
 * references to its page), its child elements, and the parent tree's entries that named it. One
 * with an /ID (a target of another element's reference) is kept. Returns how many were removed.
 */
export function dissolveNonStruct(doc: PDFDocument): number {
  const ctx = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  const S = PDFName.of('S');
  const P = PDFName.of('P');
  const K = PDFName.of('K');
  const Pg = PDFName.of('Pg');
  const replaced = new Map<string, PDFRef>(); // NonStruct ref → the parent that takes its content
  // deepest first, so a NonStruct inside a NonStruct hands its content up twice
  const nonStruct = ctx
    .enumerateIndirectObjects()
    .filter(([, o]) => o instanceof PDFDict && o.get(S) === PDFName.of('NonStruct') && !o.has(PDFName.of('ID')) && o.get(P) instanceof PDFRef)
    .map(([ref, o]) => [ref, o as PDFDict] as const);
  const depthOf = (d: PDFDict) => {
    let n = 0;
    for (let p = d.lookupMaybe(P, PDFDict); p; p = p.lookupMaybe(P, PDFDict)) n++;
    return n;
  };
  nonStruct.sort((a, b) => depthOf(b[1]) - depthOf(a[1]));
  for (const [ref, el] of nonStruct) {
    const parentRef = el.get(P) as PDFRef;
    const parent = ctx.lookup(parentRef);
    if (!(parent instanceof PDFDict)) continue;
    const page = el.get(Pg);
    const kids = kidsOf(ctx, el.get(K)).map((kid): PDFObject => {
      if (kid instanceof PDFNumber) return page ? ctx.obj({ Type: 'MCR', Pg: page, MCID: kid }) : kid;
      if (kid instanceof PDFRef) {
        const child = ctx.lookup(kid);
        if (child instanceof PDFDict && child.has(S)) child.set(P, parentRef);
      }
      if (kid instanceof PDFDict && !kid.has(Pg) && page) kid.set(Pg, page);
      return kid;
    });
    const siblings = kidsOf(ctx, parent.get(K));
    const at = siblings.findIndex((s) => s instanceof PDFRef && s.toString() === ref.toString());
    if (at < 0) continue;
    // an MCID given as a bare number belongs to the parent's page: make it explicit before mixing pages
    const parentPage = parent.get(Pg);
    const explicit = siblings.map((s) => (s instanceof PDFNumber && parentPage ? ctx.obj({ Type: 'MCR', Pg: parentPage, MCID: s }) : s));
    parent.set(K, ctx.obj([...explicit.slice(0, at), ...kids, ...explicit.slice(at + 1)]));
    replaced.set(ref.toString(), parentRef);
    ctx.delete(ref);
  }
  if (!replaced.size) return 0;
  // the parent tree: page arrays (MCID → element) and annotations' entries point at the new owner
  const final = (r: PDFRef): PDFRef => {
    let at = r;
    for (let next = replaced.get(at.toString()); next; next = replaced.get(at.toString())) at = next;
    return at;
  };
  const visitTree = (node: PDFDict) => {
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (nums) {
      for (let i = 1; i < nums.size(); i += 2) {
        const value = nums.get(i);
        const arr = value instanceof PDFArray ? value : value instanceof PDFRef ? ctx.lookup(value) : undefined;
        if (arr instanceof PDFArray) {
          for (let j = 0; j < arr.size(); j++) {
            const e = arr.get(j);
            if (e instanceof PDFRef && replaced.has(e.toString())) arr.set(j, final(e));
          }
        } else if (value instanceof PDFRef && replaced.has(value.toString())) nums.set(i, final(value));
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (const k of kids?.asArray() ?? []) {
      const child = ctx.lookup(k);
      if (child instanceof PDFDict) visitTree(child);
    }
  };
  const tree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  if (tree) visitTree(tree);
  return replaced.size;
}

/** An element's /K as a list: one kid, an array, or an array held indirectly. */
function kidsOf(ctx: PDFDocument['context'], k: PDFObject | undefined): PDFObject[] {
  if (k === undefined) return [];
  const target = k instanceof PDFRef ? ctx.lookup(k) : k;
  return target instanceof PDFArray ? target.asArray() : [k];
}

/**
 * The contents and the list of figures and tables tagged as a table of contents (review 5.2):
 * Chromium tags an <ol> as /L with /LI items, and a reader's tools look for /TOC with /TOCI. A
 * list is taken for contents by what it is, not where it stands: every item is one link to a
 * place in this document and nothing else, or a list of such items (a chapter's group). The
 * report's other lists carry text of their own (the findings, the references). Returns how many
 * lists were retagged (nested ones included).
 */
export function tagContents(doc: PDFDocument): number {
  const ctx = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  const [S, K] = [PDFName.of('S'), PDFName.of('K')];
  const element = (o: PDFObject): PDFDict | undefined => {
    const d = o instanceof PDFRef ? ctx.lookup(o) : o;
    return d instanceof PDFDict && d.has(S) ? d : undefined;
  };
  const is = (d: PDFDict | undefined, s: string) => d?.get(S) === PDFName.of(s);
  /** a /Link (its text, and its annotation) that goes to a named place in this file */
  const internalLink = (d: PDFDict | undefined): boolean => {
    if (!is(d, 'Link')) return false;
    const objr = kidsOf(ctx, d!.get(K)).map((k) => (k instanceof PDFRef ? ctx.lookup(k) : k)).filter((k) => k instanceof PDFDict && k.get(PDFName.of('Type')) === PDFName.of('OBJR')) as PDFDict[];
    if (objr.length !== 1) return false;
    const annot = objr[0].lookupMaybe(PDFName.of('Obj'), PDFDict);
    const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
    return !!annot && (annot.has(PDFName.of('Dest')) || action?.get(PDFName.of('S')) === PDFName.of('GoTo'));
  };
  const contents = (list: PDFDict): boolean => {
    const items = kidsOf(ctx, list.get(K)).map(element);
    return items.length > 0 && items.every((li) => {
      if (!is(li, 'LI')) return false;
      const kids = kidsOf(ctx, li!.get(K));
      if (kids.length !== 1) return false;
      const only = element(kids[0]);
      return internalLink(only) || (is(only, 'L') && contents(only!));
    });
  };
  let retagged = 0;
  const retag = (list: PDFDict) => {
    list.set(S, PDFName.of('TOC'));
    retagged++;
    for (const li of kidsOf(ctx, list.get(K)).map(element)) {
      li!.set(S, PDFName.of('TOCI'));
      const nested = element(kidsOf(ctx, li!.get(K))[0]);
      if (is(nested, 'L')) retag(nested!);
    }
  };
  const visit = (o: PDFObject) => {
    const d = element(o);
    if (!d) return;
    if (is(d, 'L') && contents(d)) return retag(d);
    for (const k of kidsOf(ctx, d.get(K))) visit(k);
  };
  for (const k of kidsOf(ctx, root.get(K))) visit(k);
  return retagged;
}
