/**
 * The XMP packet (ISO 16684-1) a PDF's catalog points to: Chromium writes none, and archive and
 * preflight tools read the title, language, authors and dates from it, not from the Info
 * dictionary. Written from the same fields as the Info dictionary, so the two never disagree, and
 * dated from the edition, not the clock, so a rebuild gives the same bytes.
 */
import { PDFName, type PDFDocument } from 'pdf-lib';
import { escapeHtml } from '../core/escape.ts';

export interface XmpFields {
  title: string;
  authors: string[];
  subject: string;
  keywords: string[];
  /** BCP 47, as the catalog's /Lang: zh-CN, zh-TW */
  language: string;
  /** YYYY-MM-DD: the edition's date */
  date: string;
  /** the tool that made the file (Info /Creator) */
  creatorTool: string;
  /** Info /Producer: the libraries that wrote the file */
  producer: string;
  /** the edition's input hash (edition.json `inputsHash`), for tools: xmpMM:InstanceID, not a custom key of the Info dictionary (review 35 #5.7) */
  inputsHash?: string;
}

/** The packet's XML: the dc, xmp and pdf schemas. */
export function xmpPacket(f: XmpFields): string {
  const x = escapeHtml;
  const stamp = `${f.date}T00:00:00Z`;
  // one x-default entry: the edition has one language (dc:language), and readers such as pdf.js join the alternatives
  const alt = (s: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${x(s)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(f.title)}</dc:title>`,
    `<dc:description>${alt(f.subject)}</dc:description>`,
    `<dc:creator><rdf:Seq>${f.authors.map((a) => `<rdf:li>${x(a)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`,
    `<dc:language><rdf:Bag><rdf:li>${x(f.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${stamp}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${stamp}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${stamp}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${x(f.creatorTool)}</xmp:CreatorTool>`,
    `<pdf:Producer>${x(f.producer)}</pdf:Producer>`,
    `<pdf:Keywords>${x(f.keywords.join(' '))}</pdf:Keywords>`,
    ...(f.inputsHash ? [`<xmpMM:InstanceID>sha256:${x(f.inputsHash)}</xmpMM:InstanceID>`] : []),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** Sets the catalog's /Metadata to the packet, uncompressed (ISO 32000 14.3.2: readable without a PDF parser). */
export function setXmpMetadata(doc: PDFDocument, fields: XmpFields): void {
  const stream = doc.context.stream(new TextEncoder().encode(xmpPacket(fields)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
