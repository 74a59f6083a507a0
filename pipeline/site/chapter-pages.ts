/**
 * A chapter's page body from its hast: figure and table slots filled with the site's figures,
 * and every #link to an anchor of another chapter pointed at that chapter's page. Works on the
 * tree (the chapter's own tree is cached and left as it is), never on HTML text.
 */
import type { ElementContent, Root as Hast, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { Numbering, RenderedChapter } from '../render/render-chapters.ts';

/** The page a chapter is published as. */
export const pageOf = (ch: Pick<RenderedChapter, 'anchor'>) => `${ch.anchor}.html`;

/** Every anchor of the report → the page it is on: chapters, their headings and elements, figures and tables. */
export function anchorPages(chapters: RenderedChapter[], numbering: Map<string, Numbering>): Map<string, string> {
  const pages = new Map<string, string>();
  const byNumber = new Map(chapters.map((ch) => [ch.number, pageOf(ch)]));
  for (const ch of chapters) {
    pages.set(ch.anchor, pageOf(ch));
    visit(ch.hast, 'element', (el) => {
      if (typeof el.properties.id === 'string') pages.set(el.properties.id, pageOf(ch));
    });
  }
  for (const n of numbering.values()) if (byNumber.has(n.chapter)) pages.set(n.anchor, byNumber.get(n.chapter)!);
  return pages;
}

/**
 * Marks that only the print edition has: a {{see}} pointer's printed page (the web has no pages, the
 * link takes the reader there) and a citation's [n] (it points into the PDF's list of references).
 */
const printOnly = ['see-page', 'cite'];

/** `slot(kind, id)`: the HTML of a placed figure or table. */
export function chapterBody(ch: RenderedChapter, pages: Map<string, string>, slot: (kind: string, id: string) => string): string {
  const here = pageOf(ch);
  const fill = <T extends RootContent | ElementContent>(node: T): T => {
    if (node.type !== 'element') return node;
    if (node.tagName === 'figure-slot') return { type: 'raw', value: slot(String(node.properties.dataKind), String(node.properties.dataId)) } as T;
    if (printOnly.some((c) => (node.properties.className as string[] | undefined)?.includes(c))) return { type: 'text', value: '' } as T;
    const href = node.properties.href;
    const properties = typeof href === 'string' && href.startsWith('#') && pages.has(href.slice(1)) && pages.get(href.slice(1)) !== here ? { ...node.properties, href: `${pages.get(href.slice(1))}${href}` } : node.properties;
    return { ...node, properties, children: node.children.map(fill) };
  };
  const tree: Hast = { ...ch.hast, children: ch.hast.children.map(fill) };
  return toHtml(tree, { allowDangerousHtml: true });
}
