/**
 * The references list (data/edition.yaml `references`) and the sources credited under charts and
 * tables agree (review 1.11): every source a datum cites that is neither the compiler's own work
 * (locale.yaml `source_line.own_work`) nor a source that is no publication (`source_line.unpublished`:
 * a survey or plan with no title to list) is the author of a reference, so a reader who meets
 * "资料来源：QuestMobile" under a figure finds QuestMobile in 参考资料. A report without a references list is
 * not checked (it prints no 参考资料).
 */
import { diag, type Diagnostic } from '../core/errors.ts';
import { isDatum, type DataNode } from '../model/data-model.ts';
import type { Locale } from '../model/locale.ts';
import type { Edition } from './data-schemas.ts';

export function unreferencedSources(nodes: Map<string, DataNode>, edition: Pick<Edition, 'references'>, sourceLine: Pick<Locale['source_line'], 'own_work' | 'unpublished'>): Diagnostic[] {
  // a report that keeps no 参考资料 (a fixture, a quick draft) prints none: nothing to disagree with
  if (!edition.references) return [];
  const authors = new Set(edition.references.map((r) => r.author).filter((a): a is string => !!a));
  const exempt = new Set([...Object.keys(sourceLine.own_work), ...(sourceLine.unpublished ?? [])]);
  const first = new Map<string, { path: string; pos: DataNode['pos']; count: number }>();
  for (const d of nodes.values()) {
    if (!isDatum(d) || !d.source || exempt.has(d.source) || authors.has(d.source)) continue;
    const seen = first.get(d.source);
    if (seen) seen.count++;
    else first.set(d.source, { path: d.path, pos: d.pos, count: 1 });
  }
  return [...first].map(([source, at]) => diag('REFERENCE_MISSING', { source, count: at.count }, { ...at.pos, dataPath: at.path }));
}
