/**
 * The body's sections as text, for what the back matter says about citations: which sections name a
 * publication (参考资料) or a source (资料来源一览). A section runs from its heading to the next heading
 * of any depth; a chapter's lead, before its first section, counts as the chapter's (its anchor).
 */
import { toString } from 'hast-util-to-string';
import type { RenderedChapter } from './render-chapters.ts';

export interface SectionText {
  /** the heading's anchor (a chapter's lead: the chapter's) */
  id: string;
  /** as printed: 2.1.1, or the chapter's label (二) for its lead */
  number: string;
  /** the chapter's file, to say which chapter a citation is in */
  file: string;
  text: string;
}

export function sectionTexts(chapters: RenderedChapter[]): SectionText[] {
  const sections: SectionText[] = [];
  for (const ch of chapters) {
    if (ch.part === 'front') continue;
    let current: SectionText = { id: ch.anchor, number: ch.label.replace(/[、\s]+$/u, ''), file: ch.file, text: '' };
    sections.push(current);
    for (const node of ch.hast.children) {
      const id = node.type === 'element' && /^h[23]$/.test(node.tagName) ? String(node.properties.id ?? '') : '';
      const section = id ? ch.sections.find((s) => s.id === id) : undefined;
      if (section) sections.push((current = { id: section.id, number: section.number, file: ch.file, text: '' }));
      current.text += toString(node as never);
    }
  }
  return sections;
}
