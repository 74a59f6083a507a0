/**
 * Line breaks a proofreader accepts (clreq, GB/T 15834, issue 14), decided on the chapter's tree
 * where the text is known, not in the browser: a figure written in the prose stays on one line
 * with its unit ("8.92亿人", "2024年"), a range never breaks at its dash, and a dash never starts
 * a line (it is kept with the character before it). Bound figures are already spans of their own
 * (class "d", nowrap in print.css); this covers the figures the author typed, such as years. The
 * prose's year ranges print in the report's one range style (locale.yaml `range.separator`).
 */
import type { Element, ElementContent, Root as Hast } from 'hast';

/** Words that belong to the number before them, besides the data's units: dates, ages, multiples. */
const numberWords = ['年', '月', '日', '岁', '倍', '%', '万', '亿', '余', '多'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Elements whose text is left alone: figures (already kept together), code, and links' labels. */
const skipped = (el: Element) => el.tagName === 'code' || el.tagName === 'pre' || (Array.isArray(el.properties.className) && el.properties.className.includes('d'));

/** The pattern of what must stay on one line, for these units and this range separator. */
export function unbreakable(units: string[], separator: string): RegExp {
  const words = [...new Set([...units, ...numberWords])].sort((a, b) => b.length - a.length).map(escape);
  const unit = `(?:${words.join('|')})+`;
  const num = '\\d+(?:\\.\\d+)?';
  const sep = escape(separator);
  return new RegExp(`${num}(?:${unit})?${sep}${num}(?:${unit})?|${num}${unit}|[^\\s—](?:——|—)`, 'gu');
}

/** Year ranges typed with a hyphen or a tilde ("2024-2025年") in the report's range style. */
export function normalizeRanges(tree: Hast, separator: string): void {
  eachText(tree, (text) => text.replace(/(?<![\d\uE000])((?:19|20)\d{2})\s*[-–~～]\s*((?:19|20)\d{2})(?!\d)/g, `$1${separator}$2`));
}

/** A dash typed between two bound figures ({{n low}}—{{v high}}) is a range: in the report's range style too (zh-Hant 80～100元/人). */
export function normalizeFigureRanges(tree: Hast, separator: string): void {
  const isFigure = (n: ElementContent | undefined) => n?.type === 'element' && Array.isArray(n.properties.className) && n.properties.className.includes('d');
  const visit = (parent: Hast | Element) => {
    parent.children.forEach((child, i, all) => {
      if (child.type === 'element' && !skipped(child)) visit(child);
      else if (child.type === 'text' && /^[-–—~～]$/.test(child.value) && isFigure(all[i - 1] as ElementContent) && isFigure(all[i + 1] as ElementContent)) child.value = separator;
    });
  };
  visit(tree);
}

/** Wraps every run of `pattern` in <span class="nb"> (print.css: nowrap). */
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
    out.push({ type: 'element', tagName: 'span', properties: { className: ['nb'] }, children: [{ type: 'text', value: m[0] }] });
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
