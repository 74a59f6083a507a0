/**
 * HTML character references as Markdown decodes them (`&#53;` → 5, `&amp;` → &), with the
 * offset each decoded character came from: a figure typed as references is a typed figure, and
 * a hidden character typed as one is a hidden character (issue 21).
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

export interface DecodedText {
  text: string;
  /** offset in the input of each character of `text` */
  origin: number[];
  /** where each reference was, and what it decoded to */
  references: { offset: number; length: number; decoded: string }[];
}

const reference = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

export function decodeEntities(input: string): DecodedText {
  let text = '';
  const origin: number[] = [];
  const references: DecodedText['references'] = [];
  let last = 0;
  for (const m of input.matchAll(reference)) {
    const decoded = decodeOne(m);
    if (decoded === undefined) continue; // an unknown name stays as typed, as in Markdown
    for (let i = last; i < m.index!; i++) origin.push(i);
    text += input.slice(last, m.index);
    for (let i = 0; i < decoded.length; i++) origin.push(m.index!);
    text += decoded;
    references.push({ offset: m.index!, length: m[0].length, decoded });
    last = m.index! + m[0].length;
  }
  for (let i = last; i < input.length; i++) origin.push(i);
  text += input.slice(last);
  return { text, origin, references };
}

function decodeOne(m: RegExpMatchArray): string | undefined {
  if (m[3] !== undefined) {
    const named = decodeNamedCharacterReference(m[3]);
    return named === false ? undefined : named;
  }
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2], 16);
  // CommonMark: NUL, surrogates and code points beyond Unicode decode to U+FFFD
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}
