/**
 * Text widths from the real font, for Vega. Vega's built-in estimate assumes Latin glyphs and
 * clips Chinese legends and titles; here every advance comes from Noto Sans SC itself. The
 * font ships as ~100 unicode-range slices: a slice is decoded only when one of its characters
 * is measured. Full-width characters skip the decode: every CJK ideograph, CJK symbol and
 * full-width form in Noto Sans SC advances exactly one em (tests/text-metrics.test.ts proves this
 * over every slice of the font), so only Latin, digits and symbols are read from the files.
 * Those advances go into a table the caller passes in, which builds carry over in out/.cache
 * (build-cache.ts): a chart whose characters were all measured before opens no font file and
 * loads no fontkit. The font files themselves are read once per process (they never change).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Fontkit from 'fontkit';
import { fontPackageDir, packagesOf, type FontSet } from '../core/fonts.ts';

// loaded on the first advance the table does not hold (its start-up is a tenth of a second)
let fontkit: typeof Fontkit | undefined;
const loadFontkit = () => (fontkit ??= createRequire(import.meta.url)('fontkit') as typeof Fontkit);

interface Slice {
  ranges: [number, number][];
  file: string;
  font?: Fontkit.Font;
}

const slicesByWeight = new Map<string, Slice[]>();

/** Advances in em by `${weight}:${codePoint}` (Noto Sans SC) or `tc:${weight}:${codePoint}` (Noto Sans TC): what was measured so far, here and in earlier builds. */
export type AdvanceTable = Map<string, number>;

export function isFullWidth(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // extension A
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6)
  );
}

function slicesFor(weight: number, set: FontSet): Slice[] {
  const w = weight >= 600 ? 700 : 400;
  let slices = slicesByWeight.get(`${set}:${w}`);
  if (!slices) {
    const dir = fontPackageDir(packagesOf(set).sans);
    const css = readFileSync(join(dir, `${w}.css`), 'utf8');
    slices = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g)].map((m) => ({
      file: join(dir, 'files', m[1]),
      ranges: m[2].split(',').map((r) => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a, 16), parseInt(b ?? a, 16)] as [number, number];
      }),
    }));
    slicesByWeight.set(`${set}:${w}`, slices);
  }
  return slices;
}

/** Advance of one code point, in em: from `advances` when it holds it, else read from the font and added to it. */
export function advanceEm(advances: AdvanceTable, cp: number, weight = 400, set: FontSet = 'sc'): number {
  if (isFullWidth(cp)) return 1;
  const key = `${set === 'sc' ? '' : `${set}:`}${weight >= 600 ? 700 : 400}:${cp}`;
  const cached = advances.get(key);
  if (cached !== undefined) return cached;
  const slice = slicesFor(weight, set).find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
  let em = 1;
  if (slice) {
    slice.font ??= loadFontkit().openSync(slice.file) as Fontkit.Font;
    em = horizontalAdvance(slice.font, slice.font.glyphForCodePoint(cp).id) / slice.font.unitsPerEm;
  }
  advances.set(key, em);
  return em;
}

interface MetricsTable {
  metrics: { length: number; get(i: number): { advance: number } | undefined };
}

/**
 * A glyph's advance from the font's hmtx table. fontkit's glyph.advanceWidth would also decode
 * the glyph's outline (for its vertical metrics), which in a WOFF2 file means undoing the glyf
 * transform: most of the time a first chart took. Glyphs past the table's last entry share its
 * advance (the OpenType rule fontkit applies too).
 */
function horizontalAdvance(font: Fontkit.Font, glyphId: number): number {
  const { metrics } = (font as unknown as { hmtx: MetricsTable }).hmtx;
  return (metrics.get(Math.min(glyphId, metrics.length - 1)) ?? { advance: 0 }).advance;
}

/** Width of `text` in px, measured with (and into) `advances`. */
export function textWidth(advances: AdvanceTable, text: string, fontSize: number, weight: number | string = 400, set: FontSet = 'sc'): number {
  const w = typeof weight === 'string' ? (weight === 'bold' ? 700 : Number(weight) || 400) : weight;
  let em = 0;
  for (const ch of text) em += advanceEm(advances, ch.codePointAt(0)!, w, set);
  return em * fontSize;
}
