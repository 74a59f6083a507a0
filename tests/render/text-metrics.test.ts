import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontPackageDir, packagesOf, type FontSet } from '../../pipeline/core/fonts.ts';
import { advanceEm, isFullWidth, textWidth, type AdvanceTable } from '../../pipeline/render/text-metrics.ts';

/** Every code point of every @fontsource slice of Noto Sans SC (or TC), regular and bold, with its font and file. */
function* sliceCodePoints(set: FontSet) {
  const dir = join(fontPackageDir(packagesOf(set).sans), 'files');
  for (const weight of [400, 700]) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(`-${weight}-normal.woff2`))) {
      const font = fontkit.openSync(join(dir, file)) as fontkit.Font;
      for (const cp of font.characterSet) yield { font, file, weight, cp };
    }
  }
}

describe('text metrics from the real font', () => {
  const measured: AdvanceTable = new Map();
  it('the shortcut holds: every full-width character of Noto Sans SC advances one em, in every slice', () => {
    let checked = 0;
    for (const { font, file, cp } of sliceCodePoints('sc')) {
      if (!isFullWidth(cp)) continue;
      expect(font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm, `U+${cp.toString(16)} in ${file}`).toBe(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(20000);
  }, 120_000);

  // the whole font (what is measured) and the web slices (what the site and earlier builds measured) agree
  it.each(['sc', 'tc'] as const)('reads from the whole Noto Sans %s file, by its hmtx table, the advance fontkit gives each glyph of the @fontsource slices, for every code point that is not full-width', (set) => {
    let checked = 0;
    for (const { font, file, weight, cp } of sliceCodePoints(set)) {
      if (isFullWidth(cp)) continue;
      expect(advanceEm(new Map(), cp, weight, set), `U+${cp.toString(16)} in ${file}`).toBe(font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  }, 120_000);

  it('reads Latin and digit advances from the font files, which differ from one em', () => {
    expect(advanceEm(measured, '0'.codePointAt(0)!)).toBeCloseTo(0.555, 3);
    expect(advanceEm(measured, '%'.codePointAt(0)!)).toBeCloseTo(0.921, 3);
    expect(advanceEm(measured, 'i'.codePointAt(0)!)).toBeLessThan(0.3);
  });

  it('measures a Chinese label wider than vega\'s Latin estimate would', () => {
    const label = '阿里巴巴（含淘宝、天猫）';
    expect(textWidth(measured, label, 10)).toBe(120);
    // vega's estimate is ~0.6 em per character for any script
    expect(textWidth(measured, label, 10)).toBeGreaterThan(label.length * 10 * 0.6);
    expect(textWidth(measured, '35.2%', 10)).toBeCloseTo((3 * 0.555 + 0.278 + 0.921) * 10, 1);
  });

  it('measures into the table it is given, and takes what the table holds without reading the font', () => {
    const table: AdvanceTable = new Map();
    textWidth(table, 'A1', 10);
    expect([...table.keys()].sort()).toEqual(['400:49', '400:65']);
    expect(table.get('400:49')).toBeCloseTo(0.555, 3);
    // a table carried over from an earlier build (out/.cache) is what counts …
    const carried: AdvanceTable = new Map([['400:49', 0.5]]);
    expect(textWidth(carried, '11', 10)).toBe(10);
    // … and only for whoever passes it: no table leaks into another measurement
    expect(textWidth(new Map(), '11', 10)).toBeCloseTo(11.1, 1);
    expect(table.get('400:49')).toBeCloseTo(0.555, 3);
    expect(carried.size).toBe(1);
  });
});
