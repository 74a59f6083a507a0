/**
 * Where a sentence ends, one definition for the whole pipeline: the lineage (which sentences
 * print a datum) and the chapter checks (a figure restated too often, a figure bound in a
 * sentence about another subject) split text the same way.
 */
const sentenceEnd = /[。！？；]/;

export interface Sentence<M> {
  sentence: string;
  /** offsets in the text split */
  start: number;
  end: number;
  /** the marks (bound figures) that fall within it */
  marks: M[];
}

/** Splits one block of text into sentences, each with the marks placed within it (`at`: an offset in `text`). */
export function splitSentences<M extends { at: number }>(text: string, marks: M[]): Sentence<M>[] {
  const sentences: Sentence<M>[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || sentenceEnd.test(text[i])) {
      const end = Math.min(text.length, i + 1);
      const sentence = text.slice(start, end).trim();
      if (sentence) sentences.push({ sentence, start, end, marks: marks.filter((m) => m.at >= start && m.at < end) });
      start = end;
    }
  }
  return sentences;
}
