/**
 * Text widths from the real font, for Vega. Vega's built-in estimate assumes Latin glyphs and
 * clips Chinese legends and titles; here every advance comes from Noto Sans SC itself.
 * Full-width characters skip the font: every CJK ideograph, CJK symbol and full-width form in
 * Noto Sans SC advances exactly one em (tests/text-metrics.test.ts proves this over every
 * @fontsource slice), so only Latin, digits and symbols are read from it.
 * They are read from the whole TrueType file the print's subsets are cut from (core/fonts.ts),
 * not from the @fontsource WOFF2 slices: a slice's tables are Brotli-compressed and fontkit
 * undoes that in JavaScript, ~0.2 s of CPU per slice opened (issue 19). The advances are the same
 * in both, for every character the slices hold (tested). Which characters the font has is still
 * the slices' unicode-range: a character no slice covers counts one em, as before.
 * Those advances go into a table the caller passes in, which builds carry over in out/.cache
 * (build-cache.ts): a chart whose characters were all measured before opens no font file and
 * loads no fontkit. The font files themselves are read once per process (they never change).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Fontkit from 'fontkit';
import { fontPackageDir, fullFontFile, packagesOf, type FontSet } from '../core/fonts.ts';

// loaded on the first advance the table does not hold (its start-up is a tenth of a second)
let fontkit: typeof Fontkit | undefined;
const loadFontkit = () => (fontkit ??= createRequire(import.meta.url)('fontkit') as typeof Fontkit);

/** The characters of one weight: the unicode-ranges of its @fontsource slices. */
type Ranges = [number, number][];

const rangesByWeight = new Map<string, Ranges>();
const fontsByWeight = new Map<string, Fontkit.Font>();

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

const weightOf = (weight: number) => (weight >= 600 ? 700 : 400);

function rangesFor(weight: number, set: FontSet): Ranges {
  const key = `${set}:${weightOf(weight)}`;
  let ranges = rangesByWeight.get(key);
  if (!ranges) {
    const css = readFileSync(join(fontPackageDir(packagesOf(set).sans), `${weightOf(weight)}.css`), 'utf8');
    ranges = [...css.matchAll(/unicode-range:\s*([^;]+);/g)].flatMap((m) =>
      m[1].split(',').map((r) => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a, 16), parseInt(b ?? a, 16)] as [number, number];
      }),
    );
    rangesByWeight.set(key, ranges);
  }
  return ranges;
}

function fontFor(weight: number, set: FontSet): Fontkit.Font {
  const key = `${set}:${weightOf(weight)}`;
  let font = fontsByWeight.get(key);
  if (!font) fontsByWeight.set(key, (font = loadFontkit().openSync(fullFontFile('sans', weightOf(weight), set)) as Fontkit.Font));
  return font;
}

/** Advance of one code point, in em: from `advances` when it holds it, else read from the font and added to it. */
export function advanceEm(advances: AdvanceTable, cp: number, weight = 400, set: FontSet = 'sc'): number {
  if (isFullWidth(cp)) return 1;
  const key = `${set === 'sc' ? '' : `${set}:`}${weightOf(weight)}:${cp}`;
  const cached = advances.get(key);
  if (cached !== undefined) return cached;
  let em = 1;
  if (rangesFor(weight, set).some(([a, b]) => cp >= a && cp <= b)) {
    const font = fontFor(weight, set);
    em = horizontalAdvance(font, font.glyphForCodePoint(cp).id) / font.unitsPerEm;
  }
  advances.set(key, em);
  return em;
}

interface MetricsTable {
  metrics: { length: number; get(i: number): { advance: number } | undefined };
}

/**
 * A glyph's advance from the font's hmtx table. fontkit's glyph.advanceWidth would also decode
 * the glyph's outline (for its vertical metrics), which is not needed here. Glyphs past the table's last entry share its
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
