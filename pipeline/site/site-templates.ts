/**
 * The web edition's templates (templates/site): its words (site.yaml), its pages (*.hbs), its
 * stylesheet and its script. Read apart from the PDF's layout: a site change does not touch
 * the PDF's inputs, and the PDF's templates stay the print layout.
 */
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { hashOf } from '../core/cache.ts';
import type { Effects } from '../core/effects.ts';
import { BuildError, diag } from '../core/errors.ts';
import type { Project } from '../core/project.ts';
import type { SourceFile } from '../core/source-text.ts';
import { locate, readYamlSource } from '../core/yaml-source.ts';

const words = z.strictObject({
  home: z.string(),
  contents: z.string(),
  figures_list: z.string(),
  key_figures: z.string(),
  summary: z.string(),
  download: z.string(),
  download_pdf: z.string(),
  /** the other editions' PDFs by locale (issue 16: zh-Hant), listed with the downloads */
  download_pdf_locales: z.record(z.string(), z.string()).default({}),
  download_all_csv: z.string(),
  download_all_json: z.string(),
  data_csv: z.string(),
  data_json: z.string(),
  search: z.string(),
  search_label: z.string(),
  search_placeholder: z.string(),
  search_button: z.string(),
  search_none: z.string(),
  search_found: z.string().includes('{count}'),
  search_needs_js: z.string(),
  print_note: z.string(),
  previous: z.string(),
  next: z.string(),
  skip: z.string(),
  table_scroll: z.string(),
  columns: z.strictObject({ figure: z.string(), label: z.string(), series: z.string(), field: z.string(), value: z.string(), to: z.string(), qualifier: z.string(), display: z.string(), unit: z.string(), year: z.string(), source: z.string(), path: z.string() }),
});

export type SiteWords = z.infer<typeof words>;

export const pageNames = ['page', 'index', 'chapter', 'figure', 'table', 'search'] as const;
type PageName = (typeof pageNames)[number];

export interface SiteTemplates {
  words: SiteWords;
  pages: Record<PageName, Handlebars.TemplateDelegate>;
  css: string;
  /** the client script's path and text (bundled with vega-embed by site-assets.ts) */
  scriptPath: string;
  script: string;
  /** the hash of every file of templates/site: with the inputs' hash, what the site is made from (site-reuse.ts) */
  hash: string;
}

export async function readSiteTemplates(project: Project, fx: Effects): Promise<SiteTemplates> {
  const dir = join(project.templatesDir, 'site');
  const files = await fx.readFiles(dir, ['.hbs', '.css', '.yaml', '.js'], project.root);
  const byName = new Map(files.map((f) => [f.path.split('/').pop()!, new TextDecoder().decode(f.bytes)]));
  const shown = (name: string) => relative(project.root, join(dir, name)).split('\\').join('/');
  const missing = ['site.yaml', 'site.css', 'site.js', ...pageNames.map((n) => `${n}.hbs`)].filter((n) => !byName.has(n));
  if (missing.length) throw new BuildError(missing.map((n) => diag('SITE_TEMPLATE', { detail: `${shown(n)} is missing` }, { file: shown(n) })));

  const parsed = readWords(files.find((f) => f.path.endsWith('/site.yaml'))!);
  const hb = Handlebars.create();
  const pages = Object.fromEntries(pageNames.map((n) => [n, hb.compile(byName.get(`${n}.hbs`)!, { strict: false })])) as SiteTemplates['pages'];
  return { words: parsed, pages, css: byName.get('site.css')!, scriptPath: join(dir, 'site.js'), script: byName.get('site.js')!, hash: hashOf([...byName]) };
}

/** site.yaml's words, or every word missing, unknown or not text, each at its line. */
function readWords(file: SourceFile): SiteWords {
  const { parsed: y, diagnostics } = readYamlSource(file);
  if (!y) throw new BuildError(diagnostics);
  const value = y.doc.toJS() as unknown;
  const result = words.safeParse(value);
  if (result.success) return result.data;
  const named = (path: PropertyKey[]) => path.map(String).join('.');
  throw new BuildError(
    result.error.issues.flatMap((i) => {
      const rel = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const { node, key } = locate(y.doc.contents, rel);
      if (i.code === 'unrecognized_keys') {
        return i.keys.map((k) => diag('SITE_TEMPLATE', { detail: `site.yaml: unknown word "${named([...rel, k])}" (misspelt? the words are those of templates/site/site.yaml in git)` }, y.at(locate(node, [k]).key)));
      }
      const missing = i.code === 'invalid_type' && rel.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value) === undefined;
      const detail = missing ? `site.yaml: the word "${named(rel)}" is missing` : `site.yaml: "${named(rel)}" must be text (${i.message})`;
      return [diag('SITE_TEMPLATE', { detail }, missing ? y.at(locate(y.doc.contents, rel.slice(0, -1)).key ?? y.doc.contents) : y.at(node ?? key))];
    }),
  );
}
