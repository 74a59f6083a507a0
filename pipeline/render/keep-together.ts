/**
 * Line breaks a proofreader accepts (clreq, GB/T 15834, issue 14), decided on the chapter's tree
 * where the text is known, not in the browser: a figure stays on one line with the first character
 * of its unit ("8.92亿|人", "3.2个|百分点"), a range never breaks at its dash, and a dash never
 * starts a line (it is kept with the character before it). Only that core is unbreakable: a whole
 * phrase held as one block ("突破1200亿元") pushed to the next line leaves the line before it
 * letter-spaced across the measure, so a qualifier before it and the rest of its unit may break
 * away. Bound figures are spans of their own (class "d"), typed figures such as years are found by
 * pattern; both get a nowrap core (class "nb", print.css). The prose's year ranges print in the
 * report's one style for them (locale.yaml `range.year_separator`).
 */
import type { Element, ElementContent, Root as Hast } from 'hast';

/** Words that belong to the number before them, besides the data's units: dates, ages, multiples. */
const numberWords = ['年', '月', '日', '岁', '倍', '%', '万', '亿', '余', '多'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Elements whose text is left alone: figures (already kept together), code, and links' labels. */
const skipped = (el: Element) => el.tagName === 'code' || el.tagName === 'pre' || (Array.isArray(el.properties.className) && el.properties.className.includes('d'));

/** The pattern of what must stay on one line, for these units and these range separators (numbers', years'). */
export function unbreakable(units: string[], separators: string[]): RegExp {
  const words = [...new Set([...units, ...numberWords])].sort((a, b) => b.length - a.length).map(escape);
  const unit = `(?:${words.join('|')})+`;
  const num = '\\d+(?:\\.\\d+)?';
  const sep = `(?:${[...new Set(separators)].map(escape).join('|')})`;
  return new RegExp(`${num}(?:${unit})?${sep}${num}(?:${unit})?|${num}${unit}`, 'gu');
}

/**
 * A dash never starts a line: it is held with the character before it (诉<nb>求——</nb>). Run after
 * another edition's conversion, like bindFigureCores: a span splits the text, and an override
 * across it (季度复<nb>盘—</nb> → 季度檢討) would never be seen whole.
 */
export function keepDashes(tree: Hast): void {
  const held = (el: Element) => Array.isArray(el.properties.className) && (el.properties.className.includes('nb') || el.properties.className.includes('f'));
  const visit = (parent: Hast | Element) => {
    parent.children = parent.children.flatMap((child): ElementContent[] => {
      if (child.type === 'element') {
        // figures and runs already held (a range's dash is inside its figure's core)
        if (!skipped(child) && !held(child)) visit(child);
        return [child];
      }
      return child.type === 'text' ? split(child.value, /[^\s—](?:——|—)/gu) : [child as ElementContent];
    }) as typeof parent.children;
  };
  visit(tree);
}

/** Year ranges typed with a hyphen, a dash or a tilde ("2024-2025年") in the edition's style for them (zh-Hans 2024—2025年, zh-Hant 2024～2025年). */
export function normalizeRanges(tree: Hast, separator: string): void {
  eachText(tree, (text) => text.replace(/(?<![\d\uE000])((?:19|20)\d{2})\s*[-–—~～]\s*((?:19|20)\d{2})(?!\d)/g, `$1${separator}$2`));
}

/**
 * A dash typed between two bound figures ({{n low}}—{{v high}}) is a range: in the report's range
 * style too (zh-Hant 80～100元/人), and held whole on one line like a range that is one datum.
 */
export function normalizeFigureRanges(tree: Hast, separator: string): void {
  const isFigure = (n: ElementContent | undefined) => n?.type === 'element' && Array.isArray(n.properties.className) && n.properties.className.includes('d');
  const isRange = (all: ElementContent[], i: number) => {
    const child = all[i];
    return child.type === 'text' && /^[-–—~～]$/.test(child.value) && isFigure(all[i - 1]) && isFigure(all[i + 1]);
  };
  const visit = (parent: Hast | Element) => {
    const all = parent.children as ElementContent[];
    const out: ElementContent[] = [];
    for (let i = 0; i < all.length; i++) {
      const child = all[i];
      if (child.type === 'element' && !skipped(child)) visit(child);
      if (isRange(all, i)) {
        // the lower end is already out: take it back into the range's run, with the separator and the upper end
        const low = out.pop()!;
        out.push({ type: 'element', tagName: 'span', properties: { className: ['nb'] }, children: [low, { type: 'text', value: separator }, all[i + 1]] });
        i++;
      } else out.push(child);
    }
    parent.children = out as typeof parent.children;
  };
  visit(tree);
}

/**
 * A figure's text split around its unbreakable core: a sign, the number and its unit when that is
 * short, else the unit's first character (突破|1200亿元, 3.2个|百分点). A range is one core, both ends, the dash or tilde and the upper end's first
 * unit character (18～35岁, 2024—2025年): it breaks nowhere (review 33 #2.2: "18～|35岁" read as two
 * figures). Undefined for text without a number (a datum printed as words has no core: held
 * together, a long one would widen the page).
 */
function coreNodes(text: string, separators: string[]): ElementContent[] | undefined {
  const num = '[-−+]?\\d+(?:\\.\\d+)?';
  const sep = `(?:${[...new Set(separators)].map(escape).join('|')})`;
  const m = new RegExp(`${num}(?:[^\\d\\s]*?${sep}${num})?`, 'u').exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length);
  // a unit of up to three characters is held whole (50万户, 15.3万亿元, 80～100元/人: review 40 T1 read
  // "50万|户" as a figure split from its unit); a longer one breaks after its first only (3.2个|百分点: its
  // rest is held too, as 1.5个百|分点 split a word, review 60)
  const chars = [...rest];
  const unit = !/\s/u.test(rest) && chars.length <= 3 ? rest : chars[0] && !/\s/u.test(chars[0]) ? chars[0] : '';
  const [before, core, after] = [text.slice(0, m.index), m[0] + unit, rest.slice(unit.length)];
  const held = (value: string): ElementContent => ({ type: 'element', tagName: 'span', properties: { className: ['nb'] }, children: [{ type: 'text', value }] });
  return [
    ...(before ? [{ type: 'text' as const, value: before }] : []),
    held(core),
    ...(after ? [/^\S{2,3}$/u.test(after) ? held(after) : { type: 'text' as const, value: after }] : []),
  ];
}

/**
 * Gives every figure its nowrap core: a bound figure (span.d) and a typed one (span.f, from
 * keepTogether) hold their number and a unit of up to three characters together, of a longer
 * unit only the first (突破<nb>1200亿元</nb>, <nb>3.2个</nb>百分点). Run after another edition's conversion: OpenCC converts a unit only
 * whole (分钟 → 分鐘; 钟 alone would be 鍾), so the text is split where it is already converted.
 */
export function bindFigureCores(tree: Hast, separators: string[]): void {
  const visit = (parent: Hast | Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const cls = Array.isArray(child.properties.className) ? child.properties.className : [];
      const only = child.children.length === 1 && child.children[0].type === 'text' ? child.children[0].value : undefined;
      const core = (cls.includes('d') || cls.includes('f')) && only !== undefined ? coreNodes(only, separators) : undefined;
      if (core) {
        child.children = core;
        if (cls.includes('f')) child.properties = { ...child.properties, className: ['f'] }; // nowrap only on its core now
      } else visit(child);
    }
  };
  visit(tree);
}

/**
 * A cross-reference keeps the character before it on its line (见|图2-1 broke across lines: reviews 47, 48):
 * that character (a word's: 见) and the link are held in one <span class="nb">; after a stop or a comma the
 * line may break as it would anyway. An opening bracket needs none, since no line ends with one, and inside
 * one a bracket starting a line kept its full width (text-spacing-trim passed over the nowrap run: 表5-3's
 * reference half an em in). Run after another edition's conversion, like keepDashes: the span splits the text an override may need to see whole.
 */
export function keepReferenceLeads(tree: Hast): void {
  const isRef = (el: ElementContent): el is Element => el.type === 'element' && el.tagName === 'a' && Array.isArray(el.properties.className) && el.properties.className.includes('xref');
  const visit = (parent: Hast | Element) => {
    const out: ElementContent[] = [];
    for (const child of parent.children as ElementContent[]) {
      const before = out.at(-1);
      if (isRef(child) && before?.type === 'text' && /\p{L}$/u.test(before.value)) {
        const lead = [...before.value].at(-1)!;
        before.value = before.value.slice(0, -lead.length);
        if (!before.value) out.pop();
        out.push({ type: 'element', tagName: 'span', properties: { className: ['nb'] }, children: [{ type: 'text', value: lead }, child] });
        continue;
      }
      if (child.type === 'element' && !skipped(child)) visit(child);
      out.push(child);
    }
    parent.children = out as typeof parent.children;
  };
  visit(tree);
}

/**
 * A short proper name or term (locale `keep_whole`: 拼多多, 十四五) is held on one line (review 62, 2.2–2.3:
 * 《“十四|五”数字经济发展规划》). Legal breaks, but a proofreader of a research house's report moves them.
 * A longer name says where it may break (阿里|巴巴: 阿|里巴巴 and 阿里巴|巴 not): held whole, a four-character
 * name carried to the next line spread the line before it and cost pages. A list, not a rule: holding every
 * quoted term (“走进”) set loose lines and cost chapter 3 a page. Run after another edition's conversion,
 * with its names converted: a span splits the text an override may need to see whole.
 */
export function keepNames(tree: Hast, names: string[]): void {
  if (names.length === 0) return;
  const pieces = names.flatMap((name) => {
    const parts = name.split('|');
    // each part held where the rest of its name stands beside it
    return parts.map((part, i) => {
      const [before, after] = [parts.slice(0, i).join(''), parts.slice(i + 1).join('')];
      return { length: part.length, source: `${before && `(?<=${escape(before)})`}${escape(part)}${after && `(?=${escape(after)})`}` };
    });
  });
  keepTogether(tree, new RegExp(pieces.sort((a, b) => b.length - a.length).map((p) => p.source).join('|'), 'gu'));
}

/**
 * Wraps every run of `pattern` whole in <span class="nb f"> (print.css: nowrap): a typed figure
 * (class f) keeps its whole unit until bindFigureCores, after the conversion, narrows it to its core.
 */
export function keepTogether(tree: Hast, pattern: RegExp): void {
  const visit = (parent: Hast | Element) => {
    parent.children = parent.children.flatMap((child): ElementContent[] => {
      if (child.type === 'element') {
        if (!skipped(child)) visit(child);
        return [child];
      }
      if (child.type !== 'text') return [child as ElementContent];
      return split(child.value, pattern);
    }) as typeof parent.children;
  };
  visit(tree);
}

function split(text: string, pattern: RegExp): ElementContent[] {
  const out: ElementContent[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) out.push({ type: 'text', value: text.slice(at, m.index) });
    out.push({ type: 'element', tagName: 'span', properties: { className: /\d/.test(m[0]) ? ['nb', 'f'] : ['nb'] }, children: [{ type: 'text', value: m[0] }] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ type: 'text', value: text.slice(at) });
  return out.length ? out : [{ type: 'text', value: text }];
}

function eachText(tree: Hast | Element, edit: (text: string) => string): void {
  for (const child of tree.children) {
    if (child.type === 'text') child.value = edit(child.value);
    else if (child.type === 'element' && !skipped(child)) eachText(child, edit);
  }
}

/** The first or last character of a node's text ('' for none). */
const edgeChar = (node: ElementContent | undefined, end: 'first' | 'last'): string => {
  if (!node) return '';
  if (node.type === 'text') return end === 'first' ? node.value.slice(0, 1) : node.value.slice(-1);
  if (node.type !== 'element') return '';
  const kids = end === 'first' ? node.children : [...node.children].reverse();
  for (const k of kids) {
    const c = edgeChar(k as ElementContent, end);
    if (c) return c;
  }
  return '';
};

/**
 * A break opportunity (<wbr>) where Chinese allows a line break and the browser's line breaker does
 * not: after a closing quote before a digit or a Latin letter (“…开放平台”|2024年), before an
 * opening quote that follows a Chinese character and precedes one (京东的|“5G…”), and before a
 * full-width opening bracket after a figure (16.5%|（2023年…）). Unicode's rules keep a curly quote
 * with a neighbour that is not East Asian (UAX #14 LB19a) and a % with an opening bracket before a
 * digit (LB25), so the word or figure before and the figure after were one block: pushed to the next
 * line whole, it spread the line before it 0.12 em between characters (review 33 #2.1; the zh-Hant
 * edition's 1.1.1, 0.124 em). No character is added to the text.
 */
export function allowChineseBreaks(tree: Hast): void {
  const latin = /[0-9A-Za-z]/;
  const han = /[\u3400-\u9fff]/u;
  const openingBracket = /[（《【〔「『]/u;
  const figureEnd = /[0-9A-Za-z%‰]/u;
  const visit = (parent: Hast | Element) => {
    const all = parent.children as ElementContent[];
    const out: ElementContent[] = [];
    all.forEach((child, i) => {
      if (child.type === 'element') {
        if (!skipped(child)) visit(child);
        out.push(child);
        return;
      }
      if (child.type !== 'text') return void out.push(child);
      const before = edgeChar(all[i - 1], 'last');
      const after = edgeChar(all[i + 1], 'first');
      const chars = [...child.value];
      let run = '';
      chars.forEach((c, k) => {
        const prev = k > 0 ? chars[k - 1] : before;
        const next = k + 1 < chars.length ? chars[k + 1] : after;
        const breakHere = () => {
          if (run) out.push({ type: 'text', value: run });
          out.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
          run = '';
        };
        if ((c === '“' || c === '‘') && han.test(prev) && latin.test(next)) breakHere();
        // a full-width opening bracket after a figure (16.5%|（2023年…): LB25 keeps % with an opening bracket before a digit
        else if (openingBracket.test(c) && figureEnd.test(prev)) breakHere();
        run += c;
        // not an apostrophe inside a Latin word (China’s): the quote closes Chinese text
        if ((c === '”' || c === '’') && !latin.test(prev) && latin.test(next)) breakHere();
      });
      if (run) out.push({ type: 'text', value: run });
    });
    parent.children = out as typeof parent.children;
  };
  visit(tree);
}
