/**
 * The back matter's list of references (参考资料): the publications the report names, from
 * data/edition.yaml `references`, each in GB/T 7714 form (author. title[type]. year.) with links to the
 * sections that cite it: a section cites it when its text contains one of the entry's `cited_as` phrases.
 */
import { toString } from 'hast-util-to-string';
import type { Edition } from '../check/data-schemas.ts';
import type { RenderedChapter } from './render-chapters.ts';

export interface ReferenceEntry {
  /** [1], [2] … */
  number: number;
  text: string;
  /** the citing sections, in the report's order: their anchors and printed numbers (2.1) */
  citedIn: { id: string; number: string }[];
}

type Reference = NonNullable<Edition['references']>[number];

const entryText = (r: Reference) => `${r.author ? `${r.author}. ` : ''}${r.title}[${r.type}]${r.year ? `. ${r.year}` : ''}.`;

export function referenceList(references: Reference[], chapters: RenderedChapter[]): ReferenceEntry[] {
  // each section's text: from its heading to the next heading of any depth (a chapter's lead: the chapter's anchor)
  const sections: { id: string; number: string; text: string }[] = [];
  for (const ch of chapters) {
    if (ch.part === 'front') continue;
    let current = { id: ch.anchor, number: ch.label.replace(/[、\s]+$/u, ''), text: '' };
    sections.push(current);
    for (const node of ch.hast.children) {
      const id = node.type === 'element' && /^h[23]$/.test(node.tagName) ? String(node.properties.id ?? '') : '';
      const section = id ? ch.sections.find((s) => s.id === id) : undefined;
      if (section) sections.push((current = { id: section.id, number: section.number, text: '' }));
      current.text += toString(node as never);
    }
  }
  return references.map((r, i) => ({
    number: i + 1,
    text: entryText(r),
    citedIn: sections.filter((s) => r.cited_as.some((phrase) => s.text.includes(phrase))).map(({ id, number }) => ({ id, number })),
  }));
}
