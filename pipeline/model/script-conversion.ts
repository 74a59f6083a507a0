/**
 * Simplified → Traditional text for another edition (issue 16): OpenCC (opencc-js) with the
 * edition's overrides and punctuation. Only text goes through here — text nodes of the chapters'
 * trees, strings given to charts and tables, the layout's words — never markup or numbers, which
 * carry no Chinese. An override's source is cut out before OpenCC sees the text and its form is
 * put in verbatim, so a name keeps its own form; each override records that it was used.
 */
import * as OpenCC from 'opencc-js';
import type { LocaleVariant, Override } from './locale.ts';

export interface Conversion {
  tag: string;
  convert(text: string): string;
  /** the `from` of every override that matched some text so far */
  used: Set<string>;
  overrides: Override[];
  /** the converter alone, overrides aside: what converting the edition's text again would change */
  again(text: string): string;
  /** texts whose conversion repeats a word the source does not (使用户 → 使使用者): each with its source */
  stutters: Stutter[];
}

export interface Stutter {
  source: string;
  /** the repeated word in its converted context */
  context: string;
}

// a word of one to three Han characters said twice in a row: 研究研究, 使使
const doubled = /(\p{Script=Han}{1,3})\1/gu;

/**
 * Where the converted text says a word twice and its source does not: a phrase the converter put
 * next to a character it begins with (使 + 用户 → 使 + 使用者), or an override's form next to a word
 * it repeats (研究 + 课题组 → 研究研究團隊). An override's form is written by a person, so a word
 * doubled inside it (中國國家統計局) is meant; counting the source's own doubled words keeps 人人, 常常.
 * `kept`: the [start, end) of each override's form in `converted`, and of its source in `source`.
 */
export function stutterIn(source: string, converted: string, kept: { source: [number, number][]; converted: [number, number][] } = { source: [], converted: [] }): Stutter | undefined {
  const outside = (m: RegExpMatchArray, spans: [number, number][]) => !spans.some(([a, b]) => m.index! >= a && m.index! + m[0].length <= b);
  const found = [...converted.matchAll(doubled)].filter((m) => outside(m, kept.converted));
  if (found.length <= [...source.matchAll(doubled)].filter((m) => outside(m, kept.source)).length) return undefined;
  const m = found[0];
  const at = [...converted.slice(0, m.index)].length;
  return { source, context: [...converted].slice(Math.max(0, at - 4), at + [...m[0]].length + 4).join('') };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source edition's tag: what every other edition is made from. */
export const sourceTag = 'zh-Hans';

/** The same text, unchanged: the source edition's "conversion". */
export const identity: Conversion = { tag: sourceTag, convert: (t) => t, used: new Set(), overrides: [], again: (t) => t, stutters: [] };

// building OpenCC's dictionaries takes a while: once per process and pair
const converters = new Map<string, (text: string) => string>();

export function conversionFor(variant: LocaleVariant, overrides: Override[]): Conversion {
  const pair = `${variant.opencc.from}>${variant.opencc.to}`;
  const opencc = converters.get(pair) ?? converters.set(pair, OpenCC.Converter(variant.opencc)).get(pair)!;
  const punctuation = new Map(Object.entries(variant.punctuation));
  const byFrom = new Map(overrides.map((o) => [o.from, o.to]));
  // longest first: 视频号 wins over 视频
  const pattern = overrides.length ? new RegExp(`(${[...byFrom.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`, 'u') : undefined;
  const used = new Set<string>();
  const stutters: Stutter[] = [];
  const memo = new Map<string, string>();
  const plain = (s: string) => [...opencc(s)].map((ch) => punctuation.get(ch) ?? ch).join('');
  const convert = (text: string): string => {
    if (!/[^\x00-\x7f]/.test(text)) return text; // nothing but ASCII: numbers, markup-free Latin
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
    // split() with a capturing group: odd indices are the overrides' sources
    const parts = pattern ? text.split(pattern) : [text];
    const converted = parts.map((part, i) => (i % 2 === 1 ? (used.add(part), byFrom.get(part)!) : plain(part)));
    const out = converted.join('');
    memo.set(text, out);
    const kept = { source: [] as [number, number][], converted: [] as [number, number][] };
    for (let i = 0, a = 0, b = 0; i < parts.length; a += parts[i].length, b += converted[i].length, i++) {
      if (i % 2 === 1) kept.source.push([a, a + parts[i].length]), kept.converted.push([b, b + converted[i].length]);
    }
    const stutter = stutterIn(text, out, kept);
    if (stutter) stutters.push(stutter);
    return out;
  };
  return { tag: variant.tag, convert, used, overrides, again: plain, stutters };
}

/** Every string in a JSON-like value converted (keys and non-strings kept): chart specs, rows, the layout's words. */
export function convertStrings<T>(value: T, convert: (s: string) => string): T {
  if (typeof value === 'string') return convert(value) as T;
  if (Array.isArray(value)) return value.map((v) => convertStrings(v, convert)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertStrings(v, convert)])) as T;
  return value;
}

/**
 * Where text is still Simplified: converting it again changes it. The overrides' forms are
 * masked first (a name kept in its own form is not a leftover). Each place with its context.
 */
export function simplifiedLeft(text: string, conversion: Conversion): { at: number; found: string; expected: string; context: string }[] {
  const forms = [...new Set(conversion.overrides.map((o) => o.to))].sort((a, b) => b.length - a.length);
  let masked = text;
  // a private-use character per masked character keeps offsets; OpenCC leaves it alone
  for (const f of forms) masked = masked.split(f).join('\uE100'.repeat([...f].length));
  const before = [...masked];
  const after = [...conversion.again(masked)];
  const context = (i: number) => [...text].slice(Math.max(0, i - 4), i + 5).join('');
  const places: { at: number; found: string; expected: string; context: string }[] = [];
  if (before.length !== after.length) {
    // a phrase of another length (U盘 → 隨身碟): report where the texts part
    const i = before.findIndex((ch, k) => ch !== after[k]);
    return [{ at: i, found: before[i], expected: after[i], context: context(i) }];
  }
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) places.push({ at: i, found: before[i], expected: after[i], context: context(i) });
  return places;
}
