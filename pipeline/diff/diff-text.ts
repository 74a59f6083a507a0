/**
 * Text: the paragraphs of two editions aligned, and each changed paragraph diffed word by word.
 *
 * Blocks (read-report.ts) are aligned with diffArrays on their text; inside each run of blocks
 * that differ, blocks are paired one for one when the run has as many of each (same kinds), else
 * a removed block is paired with the most similar added block that follows the last pair (words
 * in common, Dice coefficient ≥ 0.5), so an edited paragraph is one "changed" paragraph and not
 * a deletion plus an insertion. A changed pair is diffed word by word
 * (Intl.Segmenter words, bound figures one word each) with diffArrays, and the changes are
 * reported per sentence: "…达到[15.3万亿元 → 15.9万亿元]，…", not a rewritten paragraph.
 */
import { diffArrays } from 'diff';
import type { Block, Place, Word } from './read-report.ts';

export type Op = 'equal' | 'insert' | 'delete';

export interface Piece {
  op: Op;
  text: string;
}

/** A piece with the words it covers: before [a0, a1), after [b0, b1). */
export interface WordSpan extends Piece {
  a: [number, number];
  b: [number, number];
}

export interface SentenceChange {
  before: string;
  after: string;
  pieces: Piece[];
}

export interface FigureChange {
  path: string;
  before?: string;
  after?: string;
}

export interface BlockRef extends Place {
  index: number;
  tag: string;
  text: string;
  /** 1-based page of the PDF it is printed on (filled in by the page comparison) */
  page?: number;
}

export interface TextChange {
  kind: 'changed' | 'added' | 'removed';
  before?: BlockRef;
  after?: BlockRef;
  /** the whole paragraph, word-diffed (changed) or as one piece (added, removed) */
  pieces: Piece[];
  /** the sentences that changed, each with its pieces */
  sentences: SentenceChange[];
  /** bound figures that changed in this paragraph */
  figures: FigureChange[];
  /** removed: the index of the new edition's block it stood before (the count of blocks at the end) */
  nextIndex?: number;
}

export const similarityThreshold = 0.5;
const sentenceEnd = /[。！？；!?;]$/;

export function diffText(before: Block[], after: Block[]): TextChange[] {
  const out: TextChange[] = [];
  let i = 0;
  let j = 0;
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    out.push(...pairHunk(removed, added, j));
    removed = [];
    added = [];
  };
  for (const c of diffArrays(before.map((b) => b.text), after.map((b) => b.text))) {
    const n = c.value.length;
    if (c.removed) removed.push(...before.slice(i, (i += n)));
    else if (c.added) added.push(...after.slice(j, (j += n)));
    else {
      flush();
      i += n;
      j += n;
    }
  }
  flush();
  return out;
}

/** Pairs the removed and added blocks of one run of differences, in order. */
function pairHunk(removed: Block[], added: Block[], end: number): TextChange[] {
  // as many blocks out as in, of the same kinds: each took the place of the other (a date, a note)
  if (removed.length === added.length && removed.every((r, k) => r.tag === added[k].tag)) return removed.map((r, k) => changed(r, added[k]));
  const out: TextChange[] = [];
  let next = 0;
  for (const r of removed) {
    let best = -1;
    let bestScore = similarityThreshold;
    for (let k = next; k < added.length; k++) {
      if (added[k].tag !== r.tag) continue;
      const s = similarity(r.words, added[k].words);
      if (s >= bestScore && (best < 0 || s > bestScore)) ((best = k), (bestScore = s));
    }
    if (best < 0) {
      out.push({ ...whole('removed', r), nextIndex: added[next]?.index ?? end });
      continue;
    }
    for (let k = next; k < best; k++) out.push(whole('added', added[k]));
    out.push(changed(r, added[best]));
    next = best + 1;
  }
  for (let k = next; k < added.length; k++) out.push(whole('added', added[k]));
  return out;
}

export function blockRef(b: Block): BlockRef {
  return { index: b.index, tag: b.tag, part: b.part, ...(b.chapter ? { chapter: b.chapter } : {}), ...(b.section ? { section: b.section } : {}), ...(b.anchor ? { anchor: b.anchor } : {}), text: b.text };
}

function whole(kind: 'added' | 'removed', b: Block): TextChange {
  const figures = b.words.filter((w) => w.figure).map((w) => (kind === 'added' ? { path: w.figure!, after: w.text } : { path: w.figure!, before: w.text }));
  return { kind, [kind === 'added' ? 'after' : 'before']: blockRef(b), pieces: [{ op: kind === 'added' ? 'insert' : 'delete', text: b.text }], sentences: [], figures };
}

function changed(a: Block, b: Block): TextChange {
  const spans = diffWords(a.words, b.words);
  return { kind: 'changed', before: blockRef(a), after: blockRef(b), pieces: spans.map(({ op, text }) => ({ op, text })), sentences: sentencesOf(spans, b.words), figures: figureChanges(spans, a.words, b.words) };
}

/**
 * Dice coefficient of the two blocks' words (white space and punctuation left out). A bound
 * figure counts by its data path: 15.3万亿元 and 15.9万亿元 of the same datum are the same word here.
 */
export function similarity(a: Word[], b: Word[]): number {
  const key = (w: Word) => (w.figure ? `\u0000${w.figure}` : w.text);
  const bag = new Map<string, number>();
  let na = 0;
  let nb = 0;
  for (const w of a) if (isWord(w.text)) ((na += 1), bag.set(key(w), (bag.get(key(w)) ?? 0) + 1));
  let common = 0;
  for (const w of b) {
    if (!isWord(w.text)) continue;
    nb += 1;
    const left = bag.get(key(w)) ?? 0;
    if (left > 0) ((common += 1), bag.set(key(w), left - 1));
  }
  return na + nb === 0 ? 1 : (2 * common) / (na + nb);
}

const isWord = (s: string) => /[\p{L}\p{N}]/u.test(s);

/**
 * Word-level diff: runs of equal words, and between them one deletion followed by one insertion
 * (a replaced figure reads "15.3万亿元" deleted, "15.9万亿元" inserted).
 */
export function diffWords(a: Word[], b: Word[]): WordSpan[] {
  const raw: WordSpan[] = [];
  let i = 0;
  let j = 0;
  for (const c of diffArrays(a.map((w) => w.text), b.map((w) => w.text))) {
    const n = c.value.length;
    if (c.added) raw.push({ op: 'insert', text: c.value.join(''), a: [i, i], b: [j, (j += n)] });
    else if (c.removed) raw.push({ op: 'delete', text: c.value.join(''), a: [i, (i += n)], b: [j, j] });
    else raw.push({ op: 'equal', text: c.value.join(''), a: [i, (i += n)], b: [j, (j += n)] });
  }
  const merged = splitFigures(mergeRuns(wholeWords(mergeRuns(raw), a, b)), a, b);
  return merged.map((s) => ({ ...s, text: (s.op === 'delete' ? a.slice(s.a[0], s.a[1]) : b.slice(s.b[0], s.b[1])).map((w) => w.text).join('') }));
}

/** One deletion then one insertion per run of changes. */
function mergeRuns(raw: WordSpan[]): WordSpan[] {
  const out: WordSpan[] = [];
  for (let k = 0; k < raw.length; ) {
    if (raw[k].op === 'equal') {
      const last = out[out.length - 1];
      if (last?.op === 'equal') ((last.a = [last.a[0], raw[k].a[1]]), (last.b = [last.b[0], raw[k].b[1]]));
      else out.push({ ...raw[k] });
      k++;
      continue;
    }
    const start = k;
    while (k < raw.length && raw[k].op !== 'equal') k++;
    const run = raw.slice(start, k);
    const a0 = Math.min(...run.map((r) => r.a[0]));
    const a1 = Math.max(...run.map((r) => r.a[1]));
    const b0 = Math.min(...run.map((r) => r.b[0]));
    const b1 = Math.max(...run.map((r) => r.b[1]));
    if (a1 > a0) out.push({ op: 'delete', text: '', a: [a0, a1], b: [b0, b0] });
    if (b1 > b0) out.push({ op: 'insert', text: '', a: [a1, a1], b: [b0, b1] });
  }
  return out;
}

/**
 * A run that replaces a figure and more ("15.3万亿元，增速低于上年" → "15.9万亿元") is split so the
 * figure reads as its own replacement (15.3万亿元 → 15.9万亿元), when the same datum's figure
 * begins (or ends) both sides of the run.
 */
function splitFigures(spans: WordSpan[], a: Word[], b: Word[]): WordSpan[] {
  const out: WordSpan[] = [];
  for (let k = 0; k < spans.length; k++) {
    const del = spans[k];
    const ins = spans[k + 1];
    if (del.op !== 'delete' || ins?.op !== 'insert' || del.a[1] - del.a[0] + ins.b[1] - ins.b[0] <= 2) {
      out.push(del);
      continue;
    }
    const same = (i: number, j: number) => !!a[i]?.figure && a[i].figure === b[j]?.figure;
    const [a0, a1] = del.a;
    const [b0, b1] = ins.b;
    const piece = (op: 'delete' | 'insert', x: number, y: number, u: number, v: number): WordSpan[] => (op === 'delete' ? (y > x ? [{ op, text: '', a: [x, y], b: [u, u] }] : []) : v > u ? [{ op, text: '', a: [y, y], b: [u, v] }] : []);
    if (same(a0, b0)) out.push(...piece('delete', a0, a0 + 1, b0, b0), ...piece('insert', a0 + 1, a0 + 1, b0, b0 + 1), ...piece('delete', a0 + 1, a1, b0 + 1, b0 + 1), ...piece('insert', a1, a1, b0 + 1, b1));
    else if (same(a1 - 1, b1 - 1)) out.push(...piece('delete', a0, a1 - 1, b0, b0), ...piece('insert', a1 - 1, a1 - 1, b0, b1 - 1), ...piece('delete', a1 - 1, a1, b1 - 1, b1 - 1), ...piece('insert', a1, a1, b1 - 1, b1));
    else out.push(del, ins);
    k++;
  }
  return out;
}

const han = /^\p{Script=Han}$/u;
const endsHan = (w: Word | undefined) => !!w && !w.figure && /\p{Script=Han}$/u.test(w.text);
const startsHan = (w: Word | undefined) => !!w && !w.figure && /^\p{Script=Han}/u.test(w.text);

/**
 * The segmenter cuts some two-character words in one (趋缓 → 趋|缓): when both sides of a
 * replacement end (or start) with a character glued to a lone unchanged character, that
 * character joins the replacement, so "进一步趋缓 → 明显放缓" reads as words, not "趋 → 放".
 */
function wholeWords(spans: WordSpan[], a: Word[], b: Word[]): WordSpan[] {
  const out = spans.map((s) => ({ ...s, a: [...s.a] as [number, number], b: [...s.b] as [number, number] }));
  for (let k = 0; k + 1 < out.length; k++) {
    const del = out[k];
    const ins = out[k + 1];
    if (del.op !== 'delete' || ins.op !== 'insert') continue;
    const after = out[k + 2];
    if (after?.op === 'equal' && after.b[1] > after.b[0] && han.test(b[after.b[0]].text) && !b[after.b[0]].figure && endsHan(a[del.a[1] - 1]) && endsHan(b[ins.b[1] - 1])) {
      del.a[1] += 1;
      ins.a = [del.a[1], del.a[1]];
      ins.b[1] += 1;
      after.a[0] += 1;
      after.b[0] += 1;
    }
    const before = out[k - 1];
    if (before?.op === 'equal' && before.b[1] > before.b[0] && han.test(b[before.b[1] - 1].text) && !b[before.b[1] - 1].figure && startsHan(a[del.a[0]]) && startsHan(b[ins.b[0]])) {
      del.a[0] -= 1;
      del.b = [del.b[0] - 1, del.b[0] - 1];
      ins.b[0] -= 1;
      before.a[1] -= 1;
      before.b[1] -= 1;
    }
  }
  return out.filter((s) => s.a[1] > s.a[0] || s.b[1] > s.b[0]);
}

/** The sentences that hold a change. A sentence ends after an unchanged 。！？； */
export function sentencesOf(spans: WordSpan[], b: Word[]): SentenceChange[] {
  const out: SentenceChange[] = [];
  let cur: SentenceChange = { before: '', after: '', pieces: [] };
  let dirty = false;
  const push = (op: Op, text: string) => {
    const last = cur.pieces[cur.pieces.length - 1];
    if (last && last.op === op) last.text += text;
    else cur.pieces.push({ op, text });
  };
  const end = () => {
    if (dirty) out.push({ before: cur.before.trim(), after: cur.after.trim(), pieces: trimPieces(cur.pieces) });
    cur = { before: '', after: '', pieces: [] };
    dirty = false;
  };
  for (const s of spans) {
    if (s.op === 'equal') {
      for (const w of b.slice(s.b[0], s.b[1])) {
        if (!cur.pieces.length && !w.text.trim()) continue;
        cur.before += w.text;
        cur.after += w.text;
        push('equal', w.text);
        if (sentenceEnd.test(w.text)) end();
      }
    } else {
      if (s.op === 'delete') cur.before += s.text;
      else cur.after += s.text;
      push(s.op, s.text);
      dirty = true;
    }
  }
  end();
  return out;
}

function trimPieces(pieces: Piece[]): Piece[] {
  const out = pieces.map((p) => ({ ...p }));
  if (out[0]?.op === 'equal') out[0].text = out[0].text.trimStart();
  const last = out[out.length - 1];
  if (last?.op === 'equal') last.text = last.text.trimEnd();
  return out.filter((p) => p.text);
}

/** Figures deleted or inserted; a figure of the same path on both sides of one change is a replaced figure. */
function figureChanges(spans: WordSpan[], a: Word[], b: Word[]): FigureChange[] {
  const out: FigureChange[] = [];
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    if (s.op === 'equal') continue;
    const gone = s.op === 'delete' ? a.slice(s.a[0], s.a[1]).filter((w) => w.figure) : [];
    const next = s.op === 'delete' && spans[k + 1]?.op === 'insert' ? spans[++k] : s.op === 'insert' ? s : undefined;
    const come = next ? b.slice(next.b[0], next.b[1]).filter((w) => w.figure) : [];
    const left = [...come];
    for (const g of gone) {
      const m = left.findIndex((w) => w.figure === g.figure);
      if (m >= 0) out.push({ path: g.figure!, before: g.text, after: left.splice(m, 1)[0].text });
      else out.push({ path: g.figure!, before: g.text });
    }
    for (const c of left) out.push({ path: c.figure!, after: c.text });
  }
  return out;
}
