/**
 * The web edition, out/site: a landing page, one page per chapter (the PDF's headings, numbers,
 * figures, tables and cross-references, from the same hast), a search page, every figure's data
 * as CSV and JSON and the whole data set as one download, the search index and the assets.
 * A value in, files out: build() writes them with the rest of out/ (and adds the PDF).
 */
import type { Edition } from '../check/data-schemas.ts';
import type { ChartSpec } from '../check/load-specs.ts';
import type { DataNode } from '../model/data-model.ts';
import type { Locale } from '../model/locale.ts';
import type { UnitTable } from '../model/units.ts';
import type { Numbering, RenderedChapter } from '../render/render-chapters.ts';
import type { RenderedChart } from '../render/render-charts.ts';
import type { RenderedTable } from '../render/render-tables.ts';
import { anchorPages, chapterBody, pageOf } from './chapter-pages.ts';
import { gridCsv, toCsv, toJson, type FigureJson } from './data-files.ts';
import { chartData, everyDatum, tableCells, tableData, type DataLine } from './figure-data.ts';
import { liveSpec } from './live-spec.ts';
import { contentSecurityPolicy } from './csp.ts';
import { searchIndex } from './search-index.ts';
import { bundleScript, fontCssLinks, fontFiles, type ScriptCache, type SiteFile } from './site-assets.ts';
import type { SiteTemplates } from './site-templates.ts';
import { commentsChannel, versionLabel } from '../render/edition-labels.ts';
import { formatDate } from '../model/format.ts';

export interface SiteInput {
  edition: Edition;
  locale: Locale;
  nodes: Map<string, DataNode>;
  /** the report's units: a count in a data file is shown as the prose prints it */
  units?: UnitTable;
  chapters: RenderedChapter[];
  charts: RenderedChart[];
  chartSpecs: ChartSpec[];
  tables: RenderedTable[];
  numbering: Map<string, Numbering>;
  /** the other editions' PDFs published next to report.pdf (issue 16): their locale and file */
  otherPdfs?: { tag: string; file: string }[];
}

/** Where the PDF is published in the site (build() adds its bytes). */
export const sitePdf = 'report.pdf';

/** `t`: templates/site, read before printing (readSiteTemplates), so a mistake in them stops the build early; `scripts`: the bundled script kept by an earlier build. */
export async function buildSite(input: SiteInput, t: SiteTemplates, scripts?: ScriptCache): Promise<SiteFile[]> {
  const figures = figureFiles(input, t);
  const pages = sitePages(input, t, figures);
  const [script, fonts, search] = await Promise.all([bundleScript(t.scriptPath, t.script, scripts), fontFiles(), searchIndex(pages.filter((p) => p.path !== 'search.html'), input.edition.language)]);
  return [...pages, ...figures.files, { path: 'assets/site.css', bytes: t.css }, script, ...fonts, ...search];
}

interface Figures {
  /** by figure or table id: its site HTML */
  html: Map<string, string>;
  files: SiteFile[];
  all: FigureJson[];
  /** every datum of data/ (all.csv's lines) */
  every: DataLine[];
}

function figureFiles(input: SiteInput, t: SiteTemplates): Figures {
  const specs = new Map(input.chartSpecs.map((s) => [s.id, s]));
  const charts = new Map(input.charts.map((c) => [c.id, c]));
  const tables = new Map(input.tables.map((c) => [c.id, c]));
  const printing = { locale: input.locale, units: input.units };
  const html = new Map<string, string>();
  const files: SiteFile[] = [];
  const all: FigureJson[] = [];
  // a table with no figure in it (a table of words) is downloaded as its cells
  const publish = (n: Numbering, caption: string, lines: DataLine[], cells?: string[][]) => {
    const json: FigureJson = { id: n.id, label: n.label, caption, sources: [...new Set(lines.map((l) => l.source))], data: lines, ...(cells ? { cells } : {}) };
    const csv = !lines.length && cells ? gridCsv(cells) : toCsv(lines, t.words);
    files.push({ path: `data/${n.id}.csv`, bytes: csv }, { path: `data/${n.id}.json`, bytes: toJson(json) });
    all.push(json);
    return { csv: `data/${n.id}.csv`, json: `data/${n.id}.json` };
  };
  for (const n of [...input.numbering.values()]) {
    if (n.kind === 'figure') {
      const chart = charts.get(n.id)!;
      // a key-figure callout has no number: its figures are shown by its caption, in its lines and its files
      const shown = { ...n, label: n.label || chart.caption };
      const data = chartData(specs.get(n.id)!, shown.label, input.nodes, printing);
      const links = publish(shown, chart.caption, data.lines);
      const live = liveSpec(chart, chart.alt);
      const spec = live ? JSON.stringify(live).replace(/</g, '\\u003c') : undefined;
      html.set(n.id, t.pages.figure({ ...chart, label: n.label, anchor: n.anchor, spec, links, words: t.words }));
    } else {
      const table = tables.get(n.id)!;
      const links = publish(n, table.caption, tableData(table.paths, n.label, input.nodes, printing), tableCells(table));
      html.set(n.id, t.pages.table({ ...table, label: n.label, anchor: n.anchor, links, words: t.words }));
    }
  }
  // the whole data set: every datum of data/, each with the figures and tables that show it
  const every = everyDatum(input.nodes, printing, all);
  files.push({ path: 'data/all.csv', bytes: toCsv(every, t.words) }, { path: 'data/all.json', bytes: toJson({ data: every, figures: all }) });
  return { html, files, all, every };
}

function sitePages(input: SiteInput, t: SiteTemplates, figures: Figures): SiteFile[] {
  const { edition, locale } = input;
  const chapters = input.chapters.filter((ch) => !ch.part); // the summary is the printed edition's front matter
  const front = input.chapters.filter((ch) => ch.part === 'front'); // …and the landing page's summary
  const editionLabel = versionLabel(locale, edition);
  const toc = chapters.map((ch) => ({ ...ch, page: pageOf(ch), sections: ch.sections.filter((s) => s.depth === 2) }));
  const frame = (title: string, body: string, extra: Record<string, unknown> = {}) =>
    t.pages.page({ lang: edition.language, title, siteTitle: edition.title, csp: contentSecurityPolicy, fontCss: fontCssLinks, words: t.words, pdf: sitePdf, editionLabel, date: edition.date, toc, body, ...extra });

  const pages = new Map(anchorPages(chapters, input.numbering));
  const slot = (_kind: string, id: string) => figures.html.get(id) ?? '';
  const chapterPages = chapters.map((ch, i) => ({
    path: pageOf(ch),
    bytes: frame(`${ch.label}${ch.title} · ${edition.short_title ?? edition.title}`, t.pages.chapter({ ...ch, html: chapterBody(ch, pages, slot), previous: toc[i - 1], next: toc[i + 1], words: t.words }), { current: ch.anchor }),
  }));

  const keyFigures = keyFiguresOf(edition, figures);
  // every numbered exhibit (charts, callouts, tables) is in the list of figures and tables
  const list = [...input.numbering.values()].filter((n) => n.label).map((n) => ({ ...n, page: pages.get(n.anchor), caption: figures.all.find((f) => f.id === n.id)?.caption }));
  // a locale the words do not name is listed by its file name: never a link without text
  const otherPdfs = (input.otherPdfs ?? []).map((p) => ({ href: p.file, lang: p.tag, label: t.words.download_pdf_locales[p.tag] ?? p.file }));
  const findings = front.map((ch) => ({ anchor: ch.anchor, title: ch.title, html: chapterBody(ch, pages, slot) }));
  // a consultation draft's deadline and where comments go, as the colophon prints them (none once it is no draft)
  const channel = commentsChannel(locale, edition);
  const comments = channel && edition.comments ? { label: locale.colophon.comments, until: formatDate(edition.comments.until, locale.dates.day), channel } : undefined;
  const index = t.pages.index({ edition, editionLabel, dataCutoff: locale.colophon.data_cutoff, comments, findings, words: t.words, pdf: sitePdf, otherPdfs, keyFigures, keySources: [...new Set(keyFigures.map((l) => l.source))], sourcePrefix: locale.source_prefix, separator: locale.list_separator, toc, list });
  return [
    { path: 'index.html', bytes: frame(edition.title, index, { home: true }) },
    ...chapterPages,
    { path: 'search.html', bytes: frame(`${t.words.search} · ${edition.short_title ?? edition.title}`, t.pages.search({ words: t.words })) },
  ];
}

/**
 * The landing page's key figures: the data paths edition.yaml's `key_figures` names (the check
 * holds them to figures of data/), each as the prose prints it; a report that names none shows
 * its first figure's data.
 */
function keyFiguresOf(edition: Edition, figures: Figures): DataLine[] {
  const byPath = new Map(figures.every.map((l) => [l.path, l]));
  return edition.key_figures?.flatMap((p) => byPath.get(p) ?? []) ?? figures.all[0]?.data ?? [];
}
