/** The XMP packet a finished PDF carries (issue 14), read back by pdf.js as a viewer or preflight tool would. */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { setXmpMetadata } from '../../pipeline/print/xmp-metadata.ts';
import { readPdf } from '../helpers/pdf.ts';

const fields = { title: '标题 <b>&"引号"', authors: ['课题组甲', '课题组乙'], subject: '摘要', keywords: ['电商', '跨界'], language: 'zh-TW', date: '2025-01-15', creatorTool: 'pipeline 1.0 (Chromium, pdf-lib)', producer: '课题组甲' };

async function written(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage();
  doc.setTitle(fields.title);
  doc.setProducer(fields.producer);
  doc.setCreator(fields.creatorTool);
  setXmpMetadata(doc, fields);
  return doc.save({ useObjectStreams: true });
}

describe('the XMP packet', () => {
  it('carries the title, language, authors, the edition\'s date and the producer, each as the Info dictionary says it, markup escaped', async () => {
    const pdf = await readPdf(await written());
    expect(pdf.xmp['dc:title']).toBe(fields.title);
    expect(pdf.xmp['dc:title']).toBe(pdf.info.Title);
    expect(pdf.xmp['dc:language']).toBe('zh-TW');
    expect(pdf.xmp['dc:creator']).toEqual(['课题组甲', '课题组乙']);
    expect(pdf.xmp['xmp:createdate']).toBe('2025-01-15T00:00:00Z');
    expect(pdf.xmp['pdf:producer']).toBe(pdf.info.Producer);
    // the publisher produces the file; the tool that made it is its creator (review 5.7)
    expect(pdf.xmp['xmp:creatortool']).toBe(pdf.info.Creator);
  });

  it("carries the edition's input hash as its instance id, for tools (review 35 #5.7: not a custom key of the Info dictionary)", async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage();
    setXmpMetadata(doc, { ...fields, inputsHash: 'a'.repeat(64) });
    const pdf = await readPdf(await doc.save());
    expect(pdf.xmp['xmpmm:instanceid']).toBe(`sha256:${'a'.repeat(64)}`);
    expect(pdf.info.Custom).toBeUndefined();
  });

  it('is the same bytes on every write (dated from the edition, not the clock)', async () => {
    const a = await written();
    await new Promise((r) => setTimeout(r, 1100));
    expect(Buffer.from(await written()).equals(Buffer.from(a))).toBe(true);
  });
});
