/**
 * Figures and tables are numbered in the order they are placed; a reader meets them in the order the
 * text first cites them. The two orders agree (review 31 #16: 图2-5 was cited before 图2-4): within a
 * chapter, a cited exhibit's first mention (its first {{ref}} there, or its placement when it comes
 * first) never precedes the first mention of a cited one placed, and so numbered, before it. Reported
 * at that early citation, with the line of the exhibit it overtakes. An exhibit the chapter never
 * cites is left out: it has no first citation to order by.
 */
import { diag, type Diagnostic } from '../core/errors.ts';

export interface Mention {
  id: string;
  chapter: { file: string };
  line: number;
  column: number;
}

interface Placement extends Mention {
  kind: 'figure' | 'table';
}

const before = (a: Mention, b: Mention) => a.line < b.line || (a.line === b.line && a.column < b.column);

export function citationOrder(placements: Placement[], refs: Mention[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, Placement[]>();
  for (const p of placements) {
    const key = `${p.chapter.file}\0${p.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const all of groups.values()) {
    const citing = (p: Placement) => refs.filter((r) => r.id === p.id && r.chapter.file === p.chapter.file);
    // an exhibit the chapter never cites has no citation order to keep
    const placed = all.filter((p) => citing(p).length > 0);
    const firstMention = (p: Placement): Mention => citing(p).reduce<Mention>((m, r) => (before(r, m) ? r : m), p);
    const mentions = placed.map(firstMention);
    placed.forEach((p, i) => {
      const overtaken = placed.findIndex((q, k) => k < i && before(mentions[i], mentions[k]));
      if (overtaken < 0) return;
      const q = placed[overtaken];
      out.push(diag('CITATION_ORDER', { kind: p.kind, id: p.id, earlier: q.id, line: q.line }, { file: p.chapter.file, line: mentions[i].line, column: mentions[i].column }));
    });
  }
  return out;
}
