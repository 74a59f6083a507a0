/**
 * The fonts the document prints with, cut to the characters it uses (issue 14). Chromium embeds
 * one PDF font per @font-face it draws from; the npm @fontsource CSS splits every weight into
 * ~100 unicode-range slices, so the report carried ~80 font objects with internal names such as
 * "NotoSansSCThin-Regular". One subset per family and weight (subset-font: HarfBuzz's hb-subset
 * in wasm) gives one embedded font each, named as the font names itself (NotoSansSC-Medium).
 *
 * The subsets live next to the edition (out/.fonts/), named by the hash of the characters, so a
 * rebuild with the same text reuses them and a page that links them sees new text as a new link.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { familiesOf, fontWeights, fullFontFile, type FontSet } from '../core/fonts.ts';

/** Where the subsets are written, relative to out/. */
export const fontsDir = '.fonts';

export interface FontSubsets {
  /** the stylesheet that declares them, relative to out/ */
  css: string;
  /** the paths of those files, relative to out/ */
  paths: string[];
  /** the files to write under out/ (the stylesheet and one font per family and weight); made once, on demand */
  files(): Promise<{ path: string; bytes: Uint8Array }[]>;
}

/** Printable ASCII is always in: folios, counters and roman numerals change between print passes. */
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** The subsets for a document whose text (HTML, page furniture, stylesheets, layout words) is `text`; `set`: the edition's fonts (TC for zh-Hant, issue 16). */
export function fontSubsets(text: string, set: FontSet = 'sc'): FontSubsets {
  const chars = [...new Set(ascii + text)].filter((c) => c.codePointAt(0)! >= 32).sort().join('');
  const key = createHash('sha256').update((set === 'sc' ? '' : set) + chars).digest('hex').slice(0, 16);
  const faces = (Object.keys(fontWeights) as (keyof typeof fontWeights)[]).flatMap((kind) => fontWeights[kind].map((weight) => ({ kind, weight, file: `${key}-${kind}-${weight}.ttf` })));
  const css = faces.map((f) => `@font-face { font-family: '${familiesOf(set)[f.kind]}'; font-style: normal; font-weight: ${f.weight}; font-display: block; src: url('${f.file}') format('truetype'); }`).join('\n') + '\n';
  const files = async () => [
    { path: `${fontsDir}/fonts-${key}.css`, bytes: new TextEncoder().encode(css) },
    ...(await Promise.all(faces.map(async (f) => ({ path: `${fontsDir}/${f.file}`, bytes: new Uint8Array(await subsetFont(await readFile(fullFontFile(f.kind, f.weight, set)), chars, { targetFormat: 'truetype' })) })))),
  ];
  return {
    css: `${fontsDir}/fonts-${key}.css`,
    paths: [`${fontsDir}/fonts-${key}.css`, ...faces.map((f) => `${fontsDir}/${f.file}`)],
    files: () => {
      // the same text in the same process (watch mode, bench) cuts the same subsets: once
      if (!made.has(key)) made.set(key, files().catch((e) => (made.delete(key), Promise.reject(e))));
      return made.get(key)!;
    },
  };
}

const made = new Map<string, Promise<{ path: string; bytes: Uint8Array }[]>>();
