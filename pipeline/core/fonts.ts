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

/** The weights the layout uses; each is one per-weight CSS file with unicode-range slices. */
export const fontWeights = { serif: [400, 700], sans: [400, 500, 700] } as const;

export function fontPackageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function fontCssFiles(): string[] {
  return (Object.keys(fontWeights) as (keyof typeof fontWeights)[]).flatMap((k) => fontWeights[k].map((w) => join(fontPackageDir(fontPackages[k]), `${w}.css`)));
}

/**
 * The same families as whole fonts, one TrueType file per weight (@expo-google-fonts ships Google
 * Fonts' files): what the print's subsets are cut from (issue 14). The @fontsource packages slice
 * each weight by unicode-range, and Chromium embeds one PDF font per slice it uses.
 */
export const fullFontPackages = { serif: '@expo-google-fonts/noto-serif-sc', sans: '@expo-google-fonts/noto-sans-sc' } as const;

const weightNames: Record<number, string> = { 400: 'Regular', 500: 'Medium', 700: 'Bold' };

export function fullFontFile(kind: keyof typeof fontWeights, weight: number): string {
  const name = `${weight}${weightNames[weight]}`;
  return join(fontPackageDir(fullFontPackages[kind]), name, `${fontFamilies[kind].replaceAll(' ', '')}_${name}.ttf`);
}
