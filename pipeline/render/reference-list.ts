/**
 * The back matter's list of references (参考资料): the publications the report names, from
 * data/edition.yaml `references`, each in GB/T 7714-2015 form with links to the sections that cite it:
 * a section cites it when its text contains one of the entry's `cited_as` phrases. A report [R] carries
 * its place and publisher (the standard's [出版地不详] where the source names none: an element left out
 * made the entry incomplete, review 31 #12), any other type its author, title and year as known.
 */
import type { Edition } from '../check/data-schemas.ts';
import type { Locale } from '../model/locale.ts';
import type { SectionText } from './section-texts.ts';

/** The anchor of a reference list entry (back.hbs), which a citation's [n] in the text links to. */
export const referenceAnchor = (n: number) => `ref-${n}`;

export interface ReferenceEntry {
  /** [1], [2] … */
  number: number;
  anchor: string;
  text: string;
  /** the citing sections, in the report's order: their anchors and printed numbers (2.1) */
  citedIn: { id: string; number: string }[];
  /** the phrases by which the text names it (its `cited_as`): where citation-marks.ts sets its [n] */
  phrases: string[];
}

type Reference = NonNullable<Edition['references']>[number];
type Words = Pick<Locale['references'], 'unknown_place' | 'unknown_publisher'>;

/** author. title[type]. place: publisher, year. (a report) or author. title[type]. year. */
export function entryText(r: Reference, words: Words): string {
  const head = `${r.author ? `${r.author}. ` : ''}${r.title}[${r.type}]`;
  if (r.type === 'R') return `${head}. ${r.place ?? words.unknown_place}: ${r.publisher ?? words.unknown_publisher}${r.year ? `, ${r.year}` : ''}.`;
  return `${head}${r.year ? `. ${r.year}` : ''}.`;
}

/**
 * Numbered in the order the report first cites them (GB/T 7714's 顺序编码制; review 40 F5: the data's order
 * read as no order at all); one never cited keeps its place after the cited ones.
 */
export function referenceList(references: Reference[], sections: SectionText[], words: Words): ReferenceEntry[] {
  const cites = (r: Reference, s: SectionText) => r.cited_as.some((phrase) => s.text.includes(phrase));
  // the first citing section's place in the report; never cited, after every section (sort is stable: data order among equals)
  const first = (r: Reference) => {
    const i = sections.findIndex((s) => cites(r, s));
    return i < 0 ? sections.length : i;
  };
  return references
    .map((r) => ({ r, at: first(r) }))
    .sort((a, b) => a.at - b.at)
    .map(({ r }, i) => ({ number: i + 1, anchor: referenceAnchor(i + 1), text: entryText(r, words), citedIn: sections.filter((s) => cites(r, s)).map(({ id, number }) => ({ id, number })), phrases: r.cited_as }));
}
