/** An edition as its outputs: the manifest, the HTML and the PDF of one build, read from a folder. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError, diag } from '../core/errors.ts';
import { readManifest, type StoredManifest } from './manifest.ts';

export interface EditionOutputs {
  /** where it came from, for the reader: "git e1 (1a2b3c4)", "folder /tmp/e1", "out/" */
  source: string;
  manifest: StoredManifest;
  html: string;
  pdf: Uint8Array;
  /** the other locales' HTML and PDF (report.zh-Hant.*), as edition.json names them, when the folder holds them */
  locales: Record<string, { html: string; pdf: Uint8Array }>;
}

export const outputFiles = ['edition.json', 'report.html', 'report.pdf'] as const;

export function holdsEdition(dir: string): boolean {
  return outputFiles.every((f) => existsSync(join(dir, f)));
}

export async function readEditionOutputs(dir: string, source: string, readFile: (path: string) => Promise<Uint8Array>): Promise<EditionOutputs> {
  const missing = outputFiles.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new BuildError([diag('DIFF_NO_BASE', { ref: source, detail: `${dir} has no ${missing.join(', ')}` }, { file: dir })]);
  const read = await readManifest(join(dir, 'edition.json'), readFile);
  if (!read.ok) throw new BuildError([diag('DIFF_BAD_EDITION', { ref: source, detail: read.problem }, { file: join(dir, 'edition.json') })]);
  const text = async (f: string) => new TextDecoder().decode(await readFile(join(dir, f)));
  const locales: EditionOutputs['locales'] = {};
  for (const [tag, r] of Object.entries(read.manifest.locales ?? {})) {
    const html = r.file.replace(/\.pdf$/, '.html');
    if (r.file !== 'report.pdf' && existsSync(join(dir, r.file)) && existsSync(join(dir, html))) locales[tag] = { html: await text(html), pdf: new Uint8Array(await readFile(join(dir, r.file))) };
  }
  return { source, manifest: read.manifest, html: await text('report.html'), pdf: new Uint8Array(await readFile(join(dir, 'report.pdf'))), locales };
}
