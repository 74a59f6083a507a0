/** subset-font ships no types: the one call the pipeline makes (font-subsets.ts). */
declare module 'subset-font' {
  export default function subsetFont(font: Uint8Array, text: string, options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; preserveNameIds?: number[] }): Promise<Uint8Array>;
}
