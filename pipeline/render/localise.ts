/**
 * Another edition of rendered content (issue 16): the chapters' trees and the tables with their
 * text converted — text nodes and the attributes a reader sees, never tags, ids, links or data
 * paths. The source edition's values are left as they are (they are cached).
 */
import type { Element, ElementContent, Root as Hast, RootContent } from 'hast';
import type { RenderedChapter } from './render-chapters.ts';
import { phraseParts, type RenderedTable } from './render-tables.ts';

type Convert = (text: string) => string;

/** attributes whose words are read (tooltips, image text, labels) */
const readAttributes = ['title', 'alt', 'ariaLabel'];

export function localiseTree(tree: Hast, convert: Convert): Hast {
  const visit = <T extends RootContent | ElementContent>(node: T): T => {
    if (node.type === 'text') return { ...node, value: convert(node.value) };
    if (node.type !== 'element') return node;
    const el = node as Element;
    const properties = { ...el.properties };
    for (const a of readAttributes) if (typeof properties[a] === 'string') properties[a] = convert(properties[a] as string);
    return { ...el, properties, children: el.children.map(visit) } as T;
  };
  return { ...tree, children: tree.children.map(visit) };
}

export function localiseChapter(ch: RenderedChapter, convert: Convert): RenderedChapter {
  return { ...ch, title: convert(ch.title), numeral: convert(ch.numeral), label: convert(ch.label), sections: ch.sections.map((s) => ({ ...s, title: convert(s.title) })), hast: localiseTree(ch.hast, convert) };
}

/** A table's words: caption, subtitle, headers, cells, footer, source and note (paths and alignment carry no Chinese). */
export function localiseTable(t: RenderedTable, convert: Convert): RenderedTable {
  return {
    ...t,
    caption: convert(t.caption),
    ...(t.subtitle === undefined ? {} : { subtitle: convert(t.subtitle) }),
    columns: t.columns.map((c) => ({ ...c, header: convert(c.header) })),
    ...(t.head ? { head: t.head.map((row) => row.map((c) => ({ ...c, header: convert(c.header) }))) } : {}),
    // a long cell's phrases are split again after converting it whole (its words convert as phrases: 用户 → 使用者, not 用 + 户)
    rows: t.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, text: convert(c.text), ...(c.phrases ? { parts: phraseParts(convert(c.text), c.phrases) } : c.parts ? { parts: c.parts.map(convert) } : {}) })) })),
    footer: t.footer?.map((c) => ({ ...c, text: convert(c.text) })),
    sourceNote: convert(t.sourceNote),
    note: t.note === undefined ? undefined : convert(t.note),
  };
}

