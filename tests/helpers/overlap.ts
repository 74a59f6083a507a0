/**
 * How close the chapters' prose stays to the source text: the share of each chapter's Chinese
 * characters covered by a run of RUN characters that also occurs in the source. Only Han
 * characters count (punctuation, spacing and hard wraps differ freely between the two); headings,
 * front matter and bindings (`{{…}}`) are left out, and a binding breaks a run, since the figure
 * it prints is data, not wording.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const RUN = 13;

const han = /\p{Script=Han}/u;

/** The Han-only stretches of a text, split wherever `breaks` matches. */
function stretches(text: string, breaks: RegExp): string[] {
  return text.split(breaks).map((part) => [...part].filter((c) => han.test(c)).join('')).filter((s) => s.length > 0);
}

/** A chapter's prose: no front matter, no headings, bindings as breaks. */
export function proseOf(markdown: string): string[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = body.split('\n').filter((line) => !/^\s*#/.test(line));
  return stretches(lines.join('\n'), /\{\{[\s\S]*?\}\}/);
}

/** Every run of RUN Han characters in the source. */
export function sourceRuns(source: string): Set<string> {
  const runs = new Set<string>();
  for (const s of stretches(source, /\n/)) for (let i = 0; i + RUN <= s.length; i++) runs.add(s.slice(i, i + RUN));
  return runs;
}

export interface Overlap {
  chapter: string;
  chars: number;
  covered: number;
  share: number;
}

/** The characters of `prose` covered by a run found in `runs`. */
export function overlapOf(chapter: string, prose: string[], runs: Set<string>): Overlap {
  let chars = 0;
  let covered = 0;
  for (const s of prose) {
    const hit = new Uint8Array(s.length);
    for (let i = 0; i + RUN <= s.length; i++) if (runs.has(s.slice(i, i + RUN))) hit.fill(1, i, i + RUN);
    chars += s.length;
    covered += hit.reduce((a, b) => a + b, 0);
  }
  return { chapter, chars, covered, share: chars === 0 ? 0 : covered / chars };
}

/** The overlap of every chapter of `chaptersDir` with `sourceFile`, and of all of them together. */
export function measureOverlap(chaptersDir: string, sourceFile: string): { chapters: Overlap[]; total: Overlap } {
  const runs = sourceRuns(readFileSync(sourceFile, 'utf8'));
  const files = readdirSync(chaptersDir).filter((f) => f.endsWith('.md')).sort();
  const chapters = files.map((f) => overlapOf(basename(f, '.md'), proseOf(readFileSync(join(chaptersDir, f), 'utf8')), runs));
  const chars = chapters.reduce((a, c) => a + c.chars, 0);
  const covered = chapters.reduce((a, c) => a + c.covered, 0);
  return { chapters, total: { chapter: 'all', chars, covered, share: chars === 0 ? 0 : covered / chars } };
}
