/** Where the npm fonts live: the print CSS links them, chart text is measured with them. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const fontPackages = {
  serif: '@fontsource/noto-serif-sc',
  sans: '@fontsource/noto-sans-sc',
} as const;

/** The family names the packages' CSS declares (and print.css names). */
export const fontFamilies = { serif: 'Noto Serif SC', sans: 'Noto Sans SC' } as const;

/** The Traditional edition's fonts (issue 16): same design, Traditional glyph forms. */
export const tcFontPackages = { serif: '@fontsource/noto-serif-tc', sans: '@fontsource/noto-sans-tc' } as const;
export const tcFontFamilies = { serif: 'Noto Serif TC', sans: 'Noto Sans TC' } as const;

/** Which fonts an edition prints with: sc (zh-Hans) or tc (zh-Hant). */
export type FontSet = 'sc' | 'tc';
export const packagesOf = (set: FontSet) => (set === 'tc' ? tcFontPackages : fontPackages);
export const familiesOf = (set: FontSet) => (set === 'tc' ? tcFontFamilies : fontFamilies);

/** The weights the layout uses; each is one per-weight CSS file with unicode-range slices. */
export const fontWeights = { serif: [400, 700], sans: [400, 500, 700] } as const;

export function fontPackageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function fontCssFiles(set: FontSet = 'sc'): string[] {
  return (Object.keys(fontWeights) as (keyof typeof fontWeights)[]).flatMap((k) => fontWeights[k].map((w) => join(fontPackageDir(packagesOf(set)[k]), `${w}.css`)));
}

/**
 * The same families as whole fonts, one TrueType file per weight (@expo-google-fonts ships Google
 * Fonts' files): what the print's subsets are cut from (issue 14). The @fontsource packages slice
 * each weight by unicode-range, and Chromium embeds one PDF font per slice it uses.
 */
export const fullFontPackages = { serif: '@expo-google-fonts/noto-serif-sc', sans: '@expo-google-fonts/noto-sans-sc' } as const;
export const tcFullFontPackages = { serif: '@expo-google-fonts/noto-serif-tc', sans: '@expo-google-fonts/noto-sans-tc' } as const;

const weightNames: Record<number, string> = { 400: 'Regular', 500: 'Medium', 700: 'Bold' };

export function fullFontFile(kind: keyof typeof fontWeights, weight: number, set: FontSet = 'sc'): string {
  const name = `${weight}${weightNames[weight]}`;
  const pkg = (set === 'tc' ? tcFullFontPackages : fullFontPackages)[kind];
  return join(fontPackageDir(pkg), name, `${familiesOf(set)[kind].replaceAll(' ', '')}_${name}.ttf`);
}
