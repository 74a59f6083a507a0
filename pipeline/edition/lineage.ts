/**
 * Lineage: for every datum, every place it is printed — the sentence in its chapter and section,
 * the chart, the table. Reviewers use it to see what a changed figure reaches.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Numbering, RenderedChapter } from '../render/render-chapters.ts';
import type { RenderedChart } from '../render/render-charts.ts';
import type { RenderedTable } from '../render/render-tables.ts';
import { splitSentences } from '../model/sentences.ts';

export type Use =
  | { kind: 'text'; chapter: string; section: string; sentence: string }
  | { kind: 'chart' | 'table'; id: string; label: string };

export type Lineage = Record<string, Use[]>;

export function buildLineage(chapters: RenderedChapter[], charts: RenderedChart[], tables: RenderedTable[], numbering: Map<string, Numbering>): Lineage {
  const out: Lineage = {};
  const add = (path: string, use: Use) => (out[path] ??= []).push(use);
  for (const ch of chapters) {
    let section = ch.part ? ch.title : `${ch.number}`; // a front text (核心发现) has no number
    for (const block of ch.hast.children) {
      if (block.type !== 'element') continue;
      if (/^h[23]$/.test(block.tagName)) section = String(block.properties?.id ?? section).replace(/^sec-/, '').replaceAll('-', '.');
      for (const { paths, sentence } of sentencesWithData(block)) for (const p of paths) add(p, { kind: 'text', chapter: ch.id, section, sentence });
    }
  }
  for (const c of charts) for (const p of c.paths) add(p, { kind: 'chart', id: c.id, label: numbering.get(c.id)?.label ?? c.id });
  for (const t of tables) for (const p of t.paths) add(p, { kind: 'table', id: t.id, label: numbering.get(t.id)?.label ?? t.id });
  return out;
}

/** Splits a block's text into sentences and says which data paths each sentence prints. */
export function sentencesWithData(block: Element | Root): { sentence: string; paths: string[] }[] {
  let text = '';
  const marks: { at: number; paths: string[] }[] = [];
  visit(block, (node) => {
    if (node.type === 'element' && node.properties?.dataPath) marks.push({ at: text.length, paths: String(node.properties.dataPath).split(' ') });
    if (node.type === 'text') text += node.value;
  });
  return splitSentences(text, marks).map((s) => ({ sentence: s.sentence, paths: s.marks.flatMap((m) => m.paths) }));
}
