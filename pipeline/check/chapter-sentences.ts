/**
 * A chapter's source as sentences with the figures they bind, before anything renders: Markdown
 * blocks (paragraphs, list items, headings) split into sentences the way the lineage splits the
 * printed text (model/sentences.ts), each binding with the text a reader has around it — its
 * sentence, its section up to that sentence, and the section's headings.
 */
import { splitSentences } from '../model/sentences.ts';

export interface Binding {
  /** offset in the chapter's prose (its content with every {{…}} left out) */
  at: number;
  /** the data paths whose figures it prints */
  paths: string[];
  line: number;
  column: number;
}

export interface BoundSentence {
  /** chapter-unique id of the sentence */
  id: string;
  sentence: string;
  /** the section's text before the sentence (from its last heading), and the section's headings (### then ##) */
  context: string[];
  bindings: Binding[];
}

const blockStart = /^[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d+[.)][ \t]|>)/;
const heading = /^[ \t]*(#{2,3})[ \t]+(.*)$/;

/** `prose`: the chapter's content statements joined (bindings left out, their offsets in `bindings`). */
export function boundSentences(prose: string, bindings: Binding[]): BoundSentence[] {
  const out: BoundSentence[] = [];
  const headings: { h2: string; h3: string } = { h2: '', h3: '' };
  let blockFrom = 0;
  let sectionFrom = 0;
  let n = 0;
  const flush = (end: number) => {
    const text = prose.slice(blockFrom, end);
    const marks = bindings.filter((b) => b.at >= blockFrom && b.at < end).map((b) => ({ ...b, at: b.at - blockFrom }));
    for (const s of splitSentences(text, marks)) {
      if (s.marks.length) out.push({ id: `${n}`, sentence: s.sentence, context: [prose.slice(sectionFrom, blockFrom + s.start), headings.h3, headings.h2], bindings: s.marks.map((m) => ({ ...m, at: m.at + blockFrom })) });
      n++;
    }
    blockFrom = end;
  };
  let offset = 0;
  for (const line of prose.split('\n')) {
    const end = offset + line.length + 1;
    const h = heading.exec(line);
    if (h || line.trim() === '' || blockStart.test(line)) flush(offset);
    if (h) {
      if (h[1] === '##') [headings.h2, headings.h3] = [h[2], ''];
      else headings.h3 = h[2];
      blockFrom = sectionFrom = Math.min(end, prose.length);
    }
    offset = end;
  }
  flush(prose.length);
  return out;
}
