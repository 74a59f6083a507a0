/**
 * The back matter's list of sources (资料来源一览), generated from data/: every `source:` a figure
 * names, once, with how many figures come from it and the chapters that print them. Sources the
 * compiler's own work (locale.yaml `source_line.own_work`: 公开资料整理, 本报告预测) are listed after
 * the ones cited as written (国家统计局, QuestMobile), so a reader sees first who else is relied on.
 */
import type { DataSet } from '../check/load-data.ts';
import { isDatum } from '../model/data-model.ts';
import type { Locale } from '../model/locale.ts';

export interface SourceEntry {
  source: string;
  /** the compiler's own work (整理, 预测), not a cited publisher */
  own: boolean;
  figures: number;
  /** the chapters printing its figures, as their headings number them (一、二、附录A), in order */
  where: string;
}

/** `chapters`: each chapter's file and its number as printed (一, 附录A; a front text by its title). */
export function sourceList(data: DataSet, usedBy: Map<string, Set<string>>, chapters: { file: string; numeral: string }[], locale: Locale): SourceEntry[] {
  const bySource = new Map<string, { figures: number; chapters: Set<number> }>();
  for (const node of data.nodes.values()) {
    if (!isDatum(node)) continue;
    const entry = bySource.get(node.source) ?? { figures: 0, chapters: new Set<number>() };
    entry.figures += 1;
    chapters.forEach((ch, i) => {
      if (usedBy.get(ch.file)?.has(node.path)) entry.chapters.add(i);
    });
    bySource.set(node.source, entry);
  }
  const own = (s: string) => s in locale.source_line.own_work;
  return [...bySource]
    .map(([source, e]) => ({ source, own: own(source), figures: e.figures, where: [...e.chapters].sort((a, b) => a - b).map((i) => chapters[i].numeral).join(locale.list_separator) }))
    .sort((a, b) => Number(a.own) - Number(b.own) || b.figures - a.figures || a.source.localeCompare(b.source, 'zh'));
}
