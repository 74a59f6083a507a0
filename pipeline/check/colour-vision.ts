/**
 * Whether chart colours survive print and colour-blind readers: CIELAB lightness and ΔE*ab
 * (CIE76), with protanopia and deuteranopia simulated by Machado, Oliveira & Fernandes (2009) at
 * full severity, applied in linear sRGB.
 */
type Rgb = [number, number, number];
type Lab = [number, number, number];

const machado: Record<'protanopia' | 'deuteranopia', number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};
export type Vision = 'normal' | keyof typeof machado;

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255)) as Rgb;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

function simulate(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  return machado[vision].map((r) => clamp(r[0] * rgb[0] + r[1] * rgb[1] + r[2] * rgb[2])) as Rgb;
}

/** CIELAB (D65) of a linear sRGB colour. */
function lab([r, g, b]: Rgb): Lab {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

export const lightness = (hex: string) => lab(rgbOf(hex))[0];

export function deltaE(a: string, b: string, vision: Vision = 'normal'): number {
  const [p, q] = [lab(simulate(rgbOf(a), vision)), lab(simulate(rgbOf(b), vision))];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

export const minAdjacentLightness = 15;
export const minDeltaE = 20;

/**
 * What fails for the colours drawn in one chart: any two too close in lightness (a segment touches
 * every other in a stacked bar, so "adjacent" is every pair, greys included), any two too close for
 * a protanope or deuteranope.
 */
export function paletteProblems(colours: string[]): string[] {
  const out: string[] = [];
  colours.forEach((a, i) => {
    for (const b of colours.slice(i + 1)) if (Math.abs(lightness(a) - lightness(b)) < minAdjacentLightness) out.push(`${a} and ${b} are ${Math.abs(lightness(a) - lightness(b)).toFixed(1)} apart in lightness (at least ${minAdjacentLightness}: they merge in greyscale)`);
    for (const c of colours.slice(i + 1))
      for (const v of ['protanopia', 'deuteranopia'] as const) {
        const e = deltaE(a, c, v);
        if (e < minDeltaE) out.push(`${a} and ${c} are ΔE ${e.toFixed(1)} apart under ${v} (at least ${minDeltaE})`);
      }
  });
  return out;
}
