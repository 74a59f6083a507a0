/**
 * How the edition names itself, one form everywhere it is printed or stored: the version (第1版（征求意见稿）)
 * on the cover, colophon, back cover, running header and web edition; the title as the cover sets it
 * (its lines with a space between, never run together) in the PDF's metadata and the back cover; and the
 * suggested citation (GB/T 7714, report [R]) in the colophon; the copyright line. The words and patterns are the locale's.
 */
import type { Edition } from '../check/data-schemas.ts';
import type { Locale } from '../model/locale.ts';
import { formatDate } from '../model/format.ts';

type Named = Pick<Edition, 'edition' | 'status'>;

const fill = (pattern: string, values: Record<string, string>) => pattern.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export const editionLabel = (locale: Locale, e: Named) => fill(locale.edition_label, { n: String(e.edition) });
export const statusLabel = (locale: Locale, e: Named) => locale.status_labels[e.status] ?? e.status;

/** A verso's running header: the short title, with the status (征求意见稿) while the edition is not final. */
export const runningTitle = (locale: Locale, e: Named & Pick<Edition, 'short_title'>) => (e.status === 'final' ? e.short_title : fill(locale.running_title, { title: e.short_title, status: statusLabel(locale, e) }));

/** 第1版（征求意见稿）; a final edition is its edition alone (第2版). */
export function versionLabel(locale: Locale, e: Named): string {
  if (e.status === 'final') return editionLabel(locale, e);
  return fill(locale.version_label, { edition: editionLabel(locale, e), status: statusLabel(locale, e) });
}

/**
 * The suggested citation, GB/T 7714: authors. title：status[R]. version. place: publisher, year. The status
 * only while the edition is not final, the version only after the first (GB/T 7714 records no 第1版); a
 * place the edition does not name is never a guess: the locale's citation_unplaced form, the same record
 * without place and publisher (the author is the publisher; review 37 #1.1: [出版地不详] for itself looked
 * amateur; review 49, 1.3: a form unlike the 参考资料's GB/T entries looked inconsistent), or, a locale
 * without one, the standard's [出版地不详] (8.4.1.3).
 */
export function citation(locale: Locale, e: Edition): string {
  const fields = {
    authors: e.authors.join(locale.citation_author_separator),
    title: e.title,
    status: e.status === 'final' ? '' : fill(locale.citation_status, { status: statusLabel(locale, e) }),
    version: e.edition > 1 ? fill(locale.citation_version, { edition: editionLabel(locale, e) }) : '',
    place: e.place ?? locale.references.unknown_place,
    publisher: e.publisher,
    year: e.date.slice(0, 4),
  };
  return fill(!e.place && locale.citation_unplaced ? locale.citation_unplaced : locale.citation, fields);
}

/**
 * Where a consultation draft's comments go (意见请提交…（书面意见请注明所涉章节与页码）), printed after its deadline in
 * the colophon and on the web edition's landing page; none for an edition that is not a draft, nor without
 * `comments` (the check requires them of a draft: check/edition-checks.ts).
 */
export function commentsChannel(locale: Locale, e: Pick<Edition, 'status' | 'comments'>): string | undefined {
  if (e.status !== 'draft' || !e.comments) return undefined;
  const { to, how } = e.comments;
  return fill(locale.comments_channel, { to, how: how ? fill(locale.comments_how, { how }) : '' });
}

/** © 2025 publisher 版权所有: the copyright page and the back cover say it in the same words. */
export const copyrightLine = (locale: Locale, e: Pick<Edition, 'publisher' | 'date'>) => fill(locale.rights.copyright_line, { year: e.date.slice(0, 4), publisher: e.publisher });
