/**
 * Stage 4, assemble: the layout template merges cover, colophon, table of contents, chapters,
 * figures and tables into one HTML document that links the print CSS and the npm fonts.
 */
import Handlebars from 'handlebars';
import { toHtml } from 'hast-util-to-html';
import type { Edition } from '../check/data-schemas.ts';
import { cssString } from '../core/escape.ts';
import type { Locale } from '../model/locale.ts';
import type { Numbering, RenderedChapter } from './render-chapters.ts';
import type { RenderedChart } from './render-charts.ts';
import type { RenderedTable } from './render-tables.ts';

export interface LayoutTemplates {
  layout: string;
  partials: Record<string, string>; // cover, colophon, toc, chapter, figure, table
}

export interface AssembleInput {
  edition: Edition;
  locale: Locale;
  chapters: RenderedChapter[];
  charts: RenderedChart[];
  tables: RenderedTable[];
  numbering: Map<string, Numbering>;
  inputsHash: string;
  /** hrefs as the HTML will see them (relative to where it is written) */
  fontCss: string[];
  printCss: string;
  /** anchor → printed page number, once known (second pass) */
  tocPages?: Record<string, string>;
  totalPages?: number;
  /** watch mode's single-chapter reprint: the printed number of its first page */
  proofStartPage?: number;
}

/** The document, and each chapter's section as it appears in it (watch mode reprints single chapters). */
export interface AssembledDocument {
  html: string;
  sections: string[];
}

export interface Layout {
  /** the whole HTML document, and its chapters' sections */
  assemble(input: AssembleInput): AssembledDocument;
  /** just the page-furniture CSS (running headers, footer), to update between print passes */
  furniture(input: AssembleInput): string;
}

export function compileLayout(t: LayoutTemplates): Layout {
  const hb = Handlebars.create();
  hb.registerHelper('join', (list: string[]) => list.join(', '));
  hb.registerHelper('cssString', (s: unknown) => cssString(String(s ?? '')));
  hb.registerHelper('isSection', (depth: number) => depth === 2);
  for (const [name, src] of Object.entries(t.partials)) hb.registerPartial(name, src);
  const layout = hb.compile(t.layout, { strict: false });
  const figure = hb.compile(t.partials.figure);
  const table = hb.compile(t.partials.table);
  const furniture = hb.compile(t.partials.furniture);

  const chapterSection = hb.compile(t.partials.chapter);

  const chapterContexts = (input: AssembleInput) => {
    const charts = new Map(input.charts.map((c) => [c.id, c]));
    const tables = new Map(input.tables.map((c) => [c.id, c]));
    const slot = (kind: string, id: string): string => {
      const n = input.numbering.get(id)!;
      return kind === 'figure' ? figure({ ...charts.get(id)!, label: n.label, anchor: n.anchor }) : table({ ...tables.get(id)!, label: n.label, anchor: n.anchor });
    };
    return input.chapters.map((ch) => ({
      ...ch,
      pageName: pageName(ch),
      html: toHtml(ch.hast).replace(/<figure-slot data-kind="(figure|table)" data-id="([^"]+)"><\/figure-slot>/g, (_m, kind: string, id: string) => slot(kind, id)),
    }));
  };
  const assembled = (input: AssembleInput): AssembledDocument => {
    const root = { ...furnitureContext(input), chapters: chapterContexts(input) };
    return { html: layout(root), sections: root.chapters.map((ch) => chapterSection(ch, { data: { root } })) };
  };
  return { assemble: assembled, furniture: (input) => furniture(furnitureContext(input)) };
}

const pageName = (ch: RenderedChapter) => `ch-${ch.number}`;

function furnitureContext(input: AssembleInput) {
  const pageLabel = input.locale.page_label.split('{n}');
  return {
    ...input,
    editionLabel: input.locale.edition_label.replace('{n}', String(input.edition.edition)),
    statusLabel: input.locale.status_labels[input.edition.status] ?? input.edition.status,
    pageLabelBefore: pageLabel[0],
    pageLabelAfter: pageLabel[1] ?? '',
    tocPages: input.tocPages ?? {},
    chapters: input.chapters.map((ch) => ({ ...ch, pageName: pageName(ch) })),
  };
}
