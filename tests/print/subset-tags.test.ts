/** Font subset tags from the subset's bytes (print/subset-tags.ts), not Skia's AAAAAA+, BAAAAA+ …. */
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { hashSubsetTags, subsetTag } from '../../pipeline/print/subset-tags.ts';

async function docWithFonts(programs: string[]) {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const fonts = programs.map((program, i) => {
    const tag = `${String.fromCharCode(65 + i)}AAAAA`;
    const file = ctx.register(ctx.stream(program));
    const descriptor = ctx.register(ctx.obj({ Type: 'FontDescriptor', FontName: `${tag}+NotoSerifSC-Regular`, FontFile2: file }));
    const cid = ctx.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: `${tag}+NotoSerifSC-Regular`, FontDescriptor: descriptor });
    return ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: `${tag}+NotoSerifSC-Regular`, DescendantFonts: [ctx.register(cid)] });
  });
  fonts.forEach((f) => ctx.register(f));
  return { doc, fonts };
}

describe('subset tags', () => {
  it('are six capital letters from the font program: the same bytes give the same tag, other bytes another', () => {
    const a = subsetTag(new TextEncoder().encode('glyphs 电商'));
    expect(a).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag(new TextEncoder().encode('glyphs 电商'))).toBe(a);
    expect(subsetTag(new TextEncoder().encode('glyphs 跨界'))).not.toBe(a);
  });

  it('renames the sequential tags in the font, its CID font and its descriptor alike', async () => {
    const { doc, fonts } = await docWithFonts(['program one', 'program two']);
    hashSubsetTags(doc);
    const names = fonts.map((f) => String(f.get(PDFName.of('BaseFont'))));
    expect(names).toEqual([`/${subsetTag(new TextEncoder().encode('program one'))}+NotoSerifSC-Regular`, `/${subsetTag(new TextEncoder().encode('program two'))}+NotoSerifSC-Regular`]);
    for (const name of names) expect(name).not.toMatch(/^\/[A-Z]AAAAA\+/);
    // the CID font and the descriptor carry the new name too: no sequential tag is left anywhere
    const objects = doc.context.enumerateIndirectObjects().map(([, o]) => String(o)).join('\n');
    expect(objects.split(names[0]).length).toBe(4); // Type0, CID font and descriptor
    expect(objects).not.toContain('AAAAA+');
  });
});
