/** The furniture words of the layout (图, 表, 目录 …), read from templates/locale.yaml. */
import { parse } from 'yaml';
import { z } from 'zod';

export const LocaleSchema = z.object({
  chapter_numerals: z.array(z.string()).min(7),
  chapter_suffix: z.string(),
  figure_prefix: z.string(),
  table_prefix: z.string(),
  source_prefix: z.string(),
  toc_title: z.string(),
  colophon_title: z.string(),
  edition_label: z.string(),
  status_labels: z.record(z.string(), z.string()),
  colophon: z.record(z.string(), z.string()),
  page_label: z.string(),
  list_separator: z.string(),
  alt_prefix: z.string(),
  footnotes: z.string(),
  /** the changelog appendix (templates/changelog.hbs) */
  changelog: z.object(Object.fromEntries(['title', 'editions', 'edition', 'edition_prefix', 'edition_suffix', 'date', 'note', 'changes', 'item', 'year', 'from', 'to', 'added', 'removed', 'first'].map((k) => [k, z.string()]))),
});
export type Locale = z.infer<typeof LocaleSchema>;

export function parseLocale(text: string): Locale {
  return LocaleSchema.parse(parse(text));
}
