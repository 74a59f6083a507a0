/**
 * The back matter's list of sources (资料来源一览), generated from data/ and the text: every `source:` a
 * figure names, once, with how many figures come from it, how many sections of the text name it (a
 * judgement the prose attributes to 艾瑞咨询 is a citation too: review 31 #13), and the chapters that
 * print its figures or name it. Sources that are the compiler's own work (locale.yaml
 * `source_line.own_work`: 公开资料整理, 本报告预测) are listed after the ones cited as written (国家统计局,
 * QuestMobile), so a reader sees first who else is relied on; they are no one the text cites.
 */
import type { DataSet } from '../check/load-data.ts';
import { isDatum, isSetAside } from '../model/data-model.ts';
import type { Locale } from '../model/locale.ts';
import type { SectionText } from './section-texts.ts';

export interface SourceEntry {
  source: string;
  /** the compiler's own work (整理, 预测), not a cited publisher */
  own: boolean;
  figures: number;
  /** the sections whose text names the source; none counted for the compiler's own work or a kind of source (行业调研) */
  citations?: number;
  /** the chapters printing its figures or naming it, as their headings number them (一、二、附录A), in order */
  where: string;
  /** the first of a run of one kind (cited, or the compiler's own): how many rows its kind's one cell spans (review 33, 4.4: 引用资料 ×6) */
  kindRows?: number;
}

/**
 * `chapters`: each chapter's file and its number as printed (一, 附录A; a front text by its title), and
 * whether it is one of the numbered run of chapters (not a front text or an appendix).
 * `sections`: the body's text by section, in the edition's script; `name` puts a source's name in it.
 */
export function sourceList(
  data: DataSet,
  usedBy: Map<string, Set<string>>,
  chapters: { file: string; numeral: string; numbered?: boolean }[],
  sections: SectionText[],
  locale: Locale,
  name: (source: string) => string = (s) => s,
): SourceEntry[] {
  const bySource = new Map<string, { figures: number; chapters: Set<number> }>();
  for (const node of data.nodes.values()) {
    if (!isDatum(node) || isSetAside(node)) continue;
    const entry = bySource.get(node.source) ?? { figures: 0, chapters: new Set<number>() };
    entry.figures += 1;
    chapters.forEach((ch, i) => {
      if (usedBy.get(ch.file)?.has(node.path)) entry.chapters.add(i);
    });
    bySource.set(node.source, entry);
  }
  const own = (s: string) => s in locale.source_line.own_work;
  // a kind of source (行业调研, 企业规划) is no one the text can name: the words occur in the text as words
  // (the locale of a converted edition lists them converted: 產業調查)
  const named = (s: string) => !own(s) && ![s, name(s)].some((n) => (locale.source_line.unpublished ?? []).includes(n));
  const chapterOf = new Map(chapters.map((ch, i) => [ch.file, i]));
  return [...bySource]
    .map(([source, e]) => {
      const citing = named(source) ? sections.filter((s) => s.text.includes(name(source))) : [];
      for (const s of citing) if (chapterOf.has(s.file)) e.chapters.add(chapterOf.get(s.file)!);
      return { source, own: own(source), figures: e.figures, citations: named(source) ? citing.length : undefined, where: whereWords([...e.chapters].sort((a, b) => a - b), chapters, locale) };
    })
    .sort((a, b) => Number(a.own) - Number(b.own) || b.figures + (b.citations ?? 0) - (a.figures + (a.citations ?? 0)) || a.source.localeCompare(b.source, 'zh'))
    // the kind is said once per run, in a cell over its rows (the rows are sorted by kind)
    .map((e, i, all) => {
      if (i > 0 && all[i - 1].own === e.own) return e;
      let rows = 1;
      while (i + rows < all.length && all[i + rows].own === e.own) rows++;
      return { ...e, kindRows: rows };
    });
}

/**
 * The chapters, in order, as their headings number them; three or more numbered chapters in a row
 * as a range (一至七: review 57, the list of 核心发现、一、二、三、四、五、六、七、附录A wrapped in its cell).
 */
export function whereWords(indices: number[], chapters: { numeral: string; numbered?: boolean }[], locale: Locale): string {
  const runs: number[][] = [];
  for (const i of indices) {
    const run = runs.at(-1);
    if (run && chapters[i].numbered && chapters[run.at(-1)!].numbered && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [locale.sources.through.replace('{from}', chapters[run[0]].numeral).replace('{to}', chapters[run.at(-1)!].numeral)] : run.map((i) => chapters[i].numeral)))
    .join(locale.list_separator);
}
