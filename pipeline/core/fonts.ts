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
