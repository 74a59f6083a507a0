/** What PDF/UA asks beyond Chromium's tags (review 49, 5.2, 5.3): standard roles and described links. */
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describeLinks, mapRoles } from '../../pipeline/print/pdf-accessibility.ts';

async function file() {
  const doc = await PDFDocument.create();
  const pages = [0, 1, 2, 3].map(() => doc.addPage());
  const ctx = doc.context;
  const el = (s: string) => ctx.register(ctx.obj({ Type: 'StructElem', S: s, P: ctx.obj({}), K: [] }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.obj({ Type: 'StructTreeRoot', K: [el('P'), el('Strong'), el('Strong')] }));
  // one destination in the catalog's /Dests, one in the /Names tree, as PDF writers do either
  doc.catalog.set(PDFName.of('Dests'), ctx.obj({ 'fig-1': [pages[3].ref, PDFName.of('XYZ'), 0, 800, 0] }));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ Dests: { Names: [PDFString.of('toc'), ctx.obj([pages[1].ref, PDFName.of('Fit')])] } }));
  const annot = (o: Record<string, unknown>) => ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], ...o } as never));
  const links = [annot({ Dest: PDFName.of('fig-1') }), annot({ A: { S: 'GoTo', D: PDFString.of('toc') } }), annot({ A: { S: 'URI', URI: PDFString.of('https://example.org') } })];
  pages[0].node.set(PDFName.of('Annots'), ctx.obj(links));
  return { doc, links };
}

describe('the PDF/UA layer', () => {
  it("maps PDF 2.0's /Strong to /Span in the tree's /RoleMap, once, and leaves standard types alone", async () => {
    const { doc } = await file();
    expect(mapRoles(doc)).toEqual(['Strong']);
    const map = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('RoleMap'), PDFDict);
    expect(map.get(PDFName.of('Strong'))).toBe(PDFName.of('Span'));
    expect(map.has(PDFName.of('P'))).toBe(false);
  });

  it("says where each internal link goes by the target's printed folio (roman in the front matter); an outside link is left alone", async () => {
    const { doc, links } = await file();
    expect(describeLinks(doc, '转到第{page}页', 2)).toBe(2);
    const contents = links.map((l) => doc.context.lookup(l, PDFDict).lookupMaybe(PDFName.of('Contents'), PDFHexString)?.decodeText());
    expect(contents).toEqual(['转到第2页', '转到第ii页', undefined]);
  });
});
