/** The tag tree's repairs on Chromium's content streams (issue 14): untagged painting as /Artifact. */
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { markArtifacts, tagContents } from '../../pipeline/print/pdf-tags.ts';

describe('marking the page furniture as artifacts', () => {
  it('wraps painting outside marked content, from its first painting operator to its last, and leaves tagged content alone', () => {
    const stream = ['q', '.4 .4 .4 rg', 'BT', '/F9 10 Tf', '<0403> Tj', 'ET', 'Q', 'q', '/P <</MCID 0 >>BDC', 'BT', '<0012> Tj', 'ET', 'EMC', '0 0 1 1 re', 'f', '2 0 1 1 re', 'f', 'Q', '/Span <</MCID 1 >>BDC', '/Artifact BMC', '0 0 5 5 re', 'f', 'EMC', 'EMC'].join('\n');
    const { content, wrapped } = markArtifacts(stream);
    expect(wrapped).toBe(2);
    expect(content.split('\n')).toEqual(['q', '.4 .4 .4 rg', '/Artifact BMC', 'BT', '/F9 10 Tf', '<0403> Tj', 'ET', 'EMC', 'Q', 'q', '/P <</MCID 0 >>BDC', 'BT', '<0012> Tj', 'ET', 'EMC', '/Artifact BMC', '0 0 1 1 re', 'f', '2 0 1 1 re', 'f', 'EMC', 'Q', '/Span <</MCID 1 >>BDC', '/Artifact BMC', '0 0 5 5 re', 'f', 'EMC', 'EMC']);
  });

  it('leaves a run that paints nothing (a clip, a state change) unmarked', () => {
    const stream = ['q', '0 0 100 100 re', 'W* n', '1 0 0 1 5 5 cm', '/P <</MCID 0 >>BDC', 'BT', 'ET', 'EMC', 'Q'].join('\n');
    expect(markArtifacts(stream)).toEqual({ content: stream, wrapped: 0 });
  });
});

describe('tagging the contents as a table of contents', () => {
  /** A tag tree: a list of in-document links with a nested group (contents), a list of items with text and a link (findings), a list of outside links. */
  async function tree() {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const ctx = doc.context;
    const el = (s: string, k: unknown[]): PDFRef => ctx.register(ctx.obj({ Type: 'StructElem', S: s, K: k as never }));
    const mcr = () => ctx.obj({ Type: 'MCR', Pg: page.ref, MCID: 0 });
    const link = (dest?: string) => {
      const annot = ctx.register(ctx.obj(dest ? { Type: 'Annot', Subtype: 'Link', Dest: PDFName.of(dest) } : { Type: 'Annot', Subtype: 'Link', A: { S: 'URI', URI: PDFString.of('https://example.org') } }));
      return el('Link', [mcr(), ctx.obj({ Type: 'OBJR', Obj: annot, Pg: page.ref })]); // its text, then its annotation, as Chromium writes it
    };
    const contents = el('L', [el('LI', [link('lof')]), el('LI', [el('L', [el('LI', [link('ch-1')]), el('LI', [link('sec-1-1')])])])]);
    const findings = el('L', [el('LI', [mcr(), el('Strong', [mcr()]), link('sec-2-1')])]);
    const outside = el('L', [el('LI', [link()])]);
    doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.obj({ Type: 'StructTreeRoot', K: [el('Document', [el('H1', [mcr()]), contents, findings, outside])] }));
    return { doc, contents, findings, outside };
  }

  it('retags a list whose every item is one link to a place in the file (or a group of such) as /TOC with /TOCI, nested groups too', async () => {
    const { doc, contents, findings, outside } = await tree();
    expect(tagContents(doc)).toBe(2); // the contents and its nested group
    const role = (d: PDFDict) => d.get(PDFName.of('S'))!.toString();
    const kids = (d: PDFDict) => (d.get(PDFName.of('K')) as PDFArray).asArray().map((k): PDFDict => doc.context.lookup(k) as PDFDict);
    const toc = doc.context.lookup(contents, PDFDict);
    expect(role(toc)).toBe('/TOC');
    expect(kids(toc).map(role)).toEqual(['/TOCI', '/TOCI']);
    const group = kids(kids(toc)[1])[0];
    expect(role(group)).toBe('/TOC');
    expect(kids(group).map(role)).toEqual(['/TOCI', '/TOCI']);
    expect(kids(kids(group)[0]).map(role)).toEqual(['/Link']); // the link inside an item stays a link
    // a list with text of its own, and a list of links leaving the file, stay lists
    expect(role(doc.context.lookup(findings, PDFDict))).toBe('/L');
    expect(role(doc.context.lookup(outside, PDFDict))).toBe('/L');
  });
});
