/**
 * Editorial checks of chapters and data (README "Editorial checks"): a figure bound in a
 * sentence that does not name its subject, a figure restated in more sentences than
 * templates/editorial.yaml allows, and every variant of a term the terms list prefers another form of.
 */
import { diag, type Diagnostic } from '../core/errors.ts';
import { isDatum, type DataNode } from '../model/data-model.ts';
import type { BoundSentence } from './chapter-sentences.ts';
import type { PrintedText } from './load-data.ts';
import type { Editorial } from './load-vocabulary.ts';

export interface ChapterSentences {
  file: string;
  sentences: BoundSentence[];
}

/**
 * A datum with a `subject` is a figure of that subject: the sentence binding it, its section
 * before it or the section's headings must name the subject (or one of the names it lists), so
 * one key is not printed as two companies' result.
 */
export function subjectProblems(chapters: ChapterSentences[], nodes: Map<string, DataNode>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ch of chapters) {
    for (const s of ch.sentences) {
      const reported = new Set<string>();
      const around = [s.sentence, ...s.context].join('\n');
      for (const b of s.bindings) {
        for (const path of b.paths) {
          const d = nodes.get(path);
          if (!isDatum(d) || !d.subject || reported.has(path)) continue;
          if (d.subject.some((name) => around.includes(name))) continue;
          reported.add(path);
          out.push(diag('SUBJECT_MISMATCH', { path, subject: d.subject[0] }, { file: ch.file, line: b.line, column: b.column, dataPath: path }));
        }
      }
    }
  }
  return out;
}

/** A figure stated in more sentences than `max` (across chapters): one warning at the datum, listing where. */
export function restatements(chapters: ChapterSentences[], nodes: Map<string, DataNode>, max: number): Diagnostic[] {
  const places = new Map<string, string[]>();
  for (const ch of chapters) {
    for (const s of ch.sentences) {
      const here = new Map<string, string>();
      for (const b of s.bindings) for (const p of b.paths) if (!here.has(p)) here.set(p, `${ch.file}:${b.line}`);
      for (const [p, at] of here) places.set(p, [...(places.get(p) ?? []), at]);
    }
  }
  const out: Diagnostic[] = [];
  for (const [path, at] of places) {
    const d = nodes.get(path);
    if (!isDatum(d) || at.length <= max) continue;
    out.push(diag('RESTATED', { path, count: at.length, max, where: at.join(', ') }, { ...d.pos, dataPath: path }));
  }
  return out;
}

/** Every variant of a term, at its line and column: in a chapter's prose (bindings left out) and in the data's printed strings. */
export function termVariants(terms: Editorial['terms'], chapters: { file: string; body: string; lineOffset: number }[], texts: PrintedText[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const variants = terms.flatMap((t) => t.variants.map((variant) => ({ variant, preferred: t.preferred })));
  for (const ch of chapters) {
    // a binding's name is no prose: mask it, keeping every position
    const masked = ch.body.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
    for (const [i, line] of masked.split('\n').entries()) {
      for (const { variant, preferred } of variants) {
        for (let at = line.indexOf(variant); at >= 0; at = line.indexOf(variant, at + variant.length)) {
          out.push(diag('TERM_VARIANT', { variant, preferred }, { file: ch.file, line: ch.lineOffset + i + 1, column: at + 1 }));
        }
      }
    }
  }
  for (const t of texts) {
    for (const { variant, preferred } of variants) {
      for (let at = t.text.indexOf(variant); at >= 0; at = t.text.indexOf(variant, at + variant.length)) {
        const pos = t.exact ? { ...t.pos, column: (t.pos.column ?? 1) + at } : t.pos;
        out.push(diag('TERM_VARIANT', { variant, preferred }, { ...pos, dataPath: t.path }));
      }
    }
  }
  return out;
}
