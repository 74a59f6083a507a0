/** The words the report prints around its content (图, 表, 目录 …, and the qualifiers of figures), read from templates/locale.yaml. */
import { parse } from 'yaml';
import { z } from 'zod';
import { meanings, placements } from './qualifiers.ts';

export const LocaleSchema = z.object({
  chapter_numerals: z.array(z.string()).min(7),
  chapter_suffix: z.string(),
  /** an appendix's heading: the prefix, its letter (the first appendix's is the first), what follows (附录A 数据说明) */
  appendix: z.strictObject({ prefix: z.string(), letters: z.array(z.string().min(1)).min(1), suffix: z.string() }),
  figure_prefix: z.string(),
  table_prefix: z.string(),
  /** the chapter's number set large on its opening page, above the title: {nn} two digits (01), {n} the number; empty, none (the title's 一、 is the one number) */
  chapter_opener: z.string(),
  source_prefix: z.string(),
  /** the source line under a chart or table (model/source-line.ts), and the word a table's note starts with (issue 13) */
  source_line: z.strictObject({
    prefix: z.string(),
    between: z.string(),
    before_work: z.string(),
    compiler: z.string(),
    compiled: z.string(),
    end: z.string(),
    own_work: z.record(z.string().min(1), z.strictObject({ cites: z.string().min(1).optional(), work: z.string().min(1) })),
    /** sources cited as written that are no publication (a survey, companies' plans): no reference lists them (check/reference-checks.ts) */
    unpublished: z.array(z.string().min(1)).optional(),
  }),
  note_prefix: z.string(),
  /** a total row's cell that has no figure (合计 of a growth rate) */
  table_blank: z.string().min(1),
  toc_title: z.string(),
  /** titles of the contents and the list of figures and tables, and of the pages they run on to (issue 14) */
  toc_continued: z.string(),
  lof_title: z.string(),
  lof_continued: z.string(),
  colophon_title: z.string(),
  /** the copyright page: titles and paragraphs of the copyright statement and the disclaimer */
  rights: z.strictObject({
    copyright_title: z.string(),
    /** the copyright line (© {year} {publisher} 版权所有) on the copyright page and the back cover */
    copyright_line: z.string().includes('{publisher}'),
    copyright: z.array(z.string()),
    disclaimer_title: z.string(),
    disclaimer: z.array(z.string()),
    /** the back cover's pointer to the statements ({page}: the copyright page's folio) */
    see_statements: z.string(),
  }),
  edition_label: z.string(),
  status_labels: z.record(z.string(), z.string()),
  /** a verso's running header while the edition is not final: {title}（{status}） (render/edition-labels.ts runningTitle) */
  running_title: z.string().includes('{title}'),
  /** the version as printed: {edition}（{status}） (render/edition-labels.ts) */
  version_label: z.string().includes('{edition}'),
  /** the colophon's suggested citation (GB/T 7714): {authors} {title} {status} {version} {place} {publisher} {year} */
  citation: z.string().includes('{title}'),
  /** the status after the title in the citation (：{status}), for an edition that is not final */
  citation_status: z.string().includes('{status}'),
  /** the version in the citation ({edition}. ), for an edition after the first */
  citation_version: z.string().includes('{edition}'),
  citation_author_separator: z.string(),
  /**
   * the citation when data/edition.yaml names no place of publication (GB/T 7714 would print [出版地不详] for
   * the report's own publisher: review 37 #1.1): a form that needs none, {authors} {title} {version} {date} (the
   * version as printed everywhere: version_label); absent, the GB/T form is used anyway
   */
  citation_unplaced: z.string().includes('{title}').optional(),
  /** the back cover's PDF page label */
  back_cover_label: z.string().min(1),
  link_contents: z.string().includes('{page}'),
  /** the cover's PDF page label (it prints no folio) */
  cover_label: z.string().min(1),
  colophon: z.record(z.string(), z.string()),
  /**
   * where a consultation draft's comments go, on its own line after the deadline in the colophon's row
   * colophon.comments (data/edition.yaml `comments`, printed only while the edition is a draft): {to}, and {how},
   * the edition's `how` in comments_how's words, or nothing when it gives none
   */
  comments_channel: z.string().includes('{to}'),
  comments_how: z.string().includes('{how}'),
  page_label: z.string(),
  /**
   * where a chapter opens (render/front-matter.ts): `any`, on the page after the last one (a PDF read
   * on screen, no blank pages); `recto`, on a right-hand page, with a blank verso before it when needed,
   * and the back cover on a verso (a report printed on both sides)
   */
  chapters_open: z.enum(['any', 'recto']),
  /** the 图表目录's two groups' headings */
  lof_groups: z.strictObject({ figure: z.string(), table: z.string(), callout: z.string() }),
  /** how dates print ({y} {m} {d}): the cover's month (2025年1月), a full date in the colophon and the appendix */
  dates: z.strictObject({ month: z.string().includes('{y}'), day: z.string().includes('{d}') }),
  list_separator: z.string(),
  /** short names a line never breaks inside (keep-together.ts keepNames) */
  keep_whole: z.array(z.string().regex(/^[^|]{2,4}(?:\|[^|]{2,4})?$/, 'a name of two to four characters, or two such parts joined by | where a line may break (阿里|巴巴)')).default([]),
  alt_prefix: z.string(),
  /** before a value of a series in a chart's alt text: {series} */
  alt_series: z.string(),
  footnotes: z.string(),
  /** {{see}}'s pointer to where the report develops a point (核心发现): before it, a chapter's and a section's name ({n}), and its page ({page}), which the web edition leaves out */
  see: z.strictObject({ before: z.string(), chapter: z.string().includes('{n}'), section: z.string().includes('{n}'), page: z.string().includes('{page}') }),
  at: z.strictObject({ chapter: z.string().includes('{n}'), section: z.string().includes('{n}'), page: z.string().includes('{page}') }),
  /** the back matter's list of sources (templates/back.hbs), generated from data/ */
  sources: z.strictObject({ title: z.string(), intro: z.string(), caption: z.string(), label: z.string(), source: z.string(), kind: z.string(), cited: z.string(), own: z.string(), figures: z.string(), citations: z.string(), where: z.string(), through: z.string().includes('{from}').includes('{to}') }),
  /** the list of references (back.hbs, render/reference-list.ts) */
  references: z.strictObject({
    title: z.string(),
    intro: z.string(),
    cited_in: z.string(),
    /** GB/T 7714-2015 8.4: the elements a report's entry must have, when its source does not name them */
    unknown_place: z.string(),
    unknown_publisher: z.string(),
  }),
  /** the changelog appendix (templates/changelog.hbs) */
  changelog: z.object(Object.fromEntries(['title', 'editions', 'edition', 'edition_prefix', 'edition_suffix', 'date', 'note', 'changes', 'item', 'year', 'from', 'to', 'added', 'removed'].map((k) => [k, z.string()]))),
  /** the words a datum's `qualifier:` may be: what each means and where it stands */
  qualifiers: z.record(z.string().min(1), z.strictObject({ means: z.enum(meanings), stands: z.enum(placements) })),
  /** the qualifier a computed figure gets when its operands are qualified, per meaning (words of `qualifiers`) */
  computed_qualifiers: z.strictObject({ about: z.string().min(1), over: z.string().min(1), under: z.string().min(1) }),
  /** how a range prints, one style for the whole report: numbers 8%～10%, 80～100元/人; years 2025—2030年 (GB/T 15834) */
  range: z.strictObject({ separator: z.string().min(1), year_separator: z.string().min(1), unit_on_both_ends: z.array(z.string().min(1)) }),
});
export type Locale = z.infer<typeof LocaleSchema>;

export function parseLocale(text: string): Locale {
  return LocaleSchema.parse(parse(text));
}

/**
 * Another edition made from the same source (templates/locale.<tag>.yaml, issue 16): how its text
 * is converted (an OpenCC pair), its punctuation, how it names units, its language tags and fonts.
 */
export const LocaleVariantSchema = z.strictObject({
  /** the edition's tag in file names and options: zh-Hant → report.zh-Hant.pdf */
  tag: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/),
  /** `lang` of the HTML document (zh-Hant-TW) and /Lang of the PDF (zh-TW) */
  lang: z.string().min(2),
  pdf_lang: z.string().min(2),
  /** OpenCC locales: cn → twp is Taiwan standard with Taiwan phrases */
  opencc: z.strictObject({ from: z.string().min(1), to: z.string().min(1) }),
  /** punctuation the edition writes otherwise (“” → 「」) */
  punctuation: z.record(z.string().length(1), z.string().length(1)),
  /** the edition's names of units (万亿元 → 兆元): the formatter prints these, per locale */
  unit_names: z.record(z.string().min(1), z.string().min(1)),
  /** how a range prints in this edition (zh-Hant: 80～100元/人), when not the source's separator */
  range_separator: z.string().min(1).optional(),
  /** a unit where it stands alone, in a table's header or a chart's unit line (zh-Hant names the currency: 人民幣兆元) */
  unit_labels: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** which npm font families the edition prints and measures its charts with (core/fonts.ts) */
  fonts: z.enum(['sc', 'tc']),
  /**
   * the colophon's suggested citation in the edition's own convention, written in its script (zh-Hant:
   * Taiwan's APA-like form, not GB/T 7714): the patterns of Locale's citation, citation_status …
   */
  citation: z.strictObject({ pattern: z.string().includes('{title}'), status: z.string().includes('{status}'), version: z.string().includes('{edition}'), author_separator: z.string() }).optional(),
});
export type LocaleVariant = z.infer<typeof LocaleVariantSchema>;

/** Terms the converter gets wrong, with the form the edition prints (templates/<tag>-overrides.yaml). */
export const OverridesSchema = z.array(z.strictObject({ from: z.string().min(1), to: z.string().min(1), why: z.string().optional() }));
export type Override = z.infer<typeof OverridesSchema>[number];
