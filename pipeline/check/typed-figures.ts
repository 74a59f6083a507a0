/**
 * Finds figures typed into prose instead of bound to data. Years and dates, list markers and a few fixed
 * expressions (5G, C2M, 1+1>2 …) are allowed; every other number must come from data/.
 */
export const fixedExpressions = ['1+1>2', '88VIP', '5G', 'C2M', 'O2O', 'CR5', 'B2B', 'B2C', 'C2B', 'M2C', '3D', '618', '1:1', '3C', 'H5', 'Web3', 'Z世代'];

const allowedPatterns: RegExp[] = [
  /(?:19|20)\d{2}\s*[-—–～~至]\s*(?:19|20)\d{2}(?=\s*年)/g, // a span of years: 2024-2025年
  /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?/g, // a date: 2024年3月, 2024年3月5日
  /(?:19|20)\d{2}(?=\s*年)/g, // a year: 2024年
  /^[ \t]*\d+[.)](?=[ \t])/gm, // an ordered-list marker
];

export interface TypedFigure {
  offset: number;
  text: string;
}

/**
 * Not prose: link targets (`](…)`, `<https://…>`, `[x]: …` definitions) and HTML tags (an error of
 * their own, MD_RAW_HTML) may hold digits that are no figures. Blanked out, offsets kept.
 */
const notProse = [/\]\([^)\n]*\)/g, /<[a-z][a-z0-9+.-]*:[^>\s]*>/gi, /^[ \t]*\[[^\]\n]+\]:[^\n]*/gm, /<\/?[a-z][^>\n]*>/gi];

export function findTypedFigures(source: string): TypedFigure[] {
  let prose = source;
  for (const re of notProse) prose = prose.replace(re, (m) => ' '.repeat(m.length));
  const covered: [number, number][] = [];
  for (const expr of fixedExpressions) {
    for (let i = prose.indexOf(expr); i >= 0; i = prose.indexOf(expr, i + 1)) covered.push([i, i + expr.length]);
  }
  for (const re of allowedPatterns) for (const m of prose.matchAll(re)) covered.push([m.index!, m.index! + m[0].length]);
  const found: TypedFigure[] = [];
  for (const m of prose.matchAll(/\d+(?:[.,:]\d+)*(?:\s*[%％])?/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (covered.some(([a, b]) => a <= start && end <= b)) continue;
    found.push({ offset: start, text: context(prose, start, end) });
  }
  return found;
}

/** The number with the characters that make it a figure ("80-100元"), for a readable message. */
function context(s: string, start: number, end: number): string {
  const tail = /^[^\s，。；、）)“”]{0,4}/.exec(s.slice(end))?.[0] ?? '';
  return s.slice(start, end) + tail;
}
