/**
 * `npm run diff`'s work: the new edition (out/, or the working tree built afresh) compared with a
 * base edition — a git ref built in a temporary worktree (default: the merge-base with the main
 * branch) or a folder holding an earlier edition's outputs — and out/diff/ written: summary.md
 * (the pull-request comment), diff.json, redline.pdf and before/after images of the changed
 * charts. `changelog` rewrites `changes` (and `history`) in data/edition.yaml from the comparison.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { maxTimerMs } from '../core/timer-limit.ts';
import { writeChangelog } from './changelog.ts';
import { drawChartImages } from './chart-images.ts';
import { diffSummary } from './diff-summary.ts';
import { defaultBaseRef, obtainBase, realExec, type Exec } from './edition-base.ts';
import { compareEditions, type Compared, type EditionDiff } from './edition-diff.ts';
import { obtainHead, type Head } from './edition-head.ts';
import type { EditionOutputs } from '../edition/edition-outputs.ts';
import { realEffects } from '../build/real-effects.ts';
import type { Effects } from '../core/effects.ts';
import { formatDiagnostic, type Diagnostic } from '../core/errors.ts';
import { fontCssFiles, fontPackageDir, packagesOf, type FontSet } from '../core/fonts.ts';
import { BuildError, diag } from '../core/errors.ts';
import { loadLocaleEditions, type LocaleEdition } from '../check/load-locale-editions.ts';
import { conversionFor, sourceTag } from '../model/script-conversion.ts';
import { parseLocale } from '../model/locale.ts';
import { printRedline } from './print-redline.ts';
import { repoRoot, type Project } from '../core/project.ts';
import { readReport, stylesheetHrefs } from './read-report.ts';
import { redlineHtml } from './redline.ts';
import { fontSubsets, fontsDir } from '../render/font-subsets.ts';

export interface DiffOptions {
  project: Project;
  /** a git ref or a folder holding an edition; default: the merge-base with the main branch */
  base?: string;
  /** a folder holding the new edition; default: out/ if current, else the working tree built afresh */
  head?: string;
  /** rewrite `changes` and `history` in data/edition.yaml from the comparison */
  changelog?: boolean;
  /** where the results go (default out/diff) */
  outDir?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  log?(line: string): void;
  exec?: Exec;
  /** node_modules for the base's worktree (default: this checkout's) */
  nodeModules?: string;
  /** the text, pages and redline of this locale's edition (zh-Hant: report.zh-Hant.*); default the source edition's */
  locale?: string;
}

export interface DiffResult {
  diff: EditionDiff;
  summary: string;
  /** every file written, absolute */
  files: string[];
  /** data/edition.yaml was rewritten (--changelog) */
  changelogWritten: boolean;
}

export async function diffEditions(opts: DiffOptions, fx: Effects): Promise<DiffResult> {
  const { project } = opts;
  const log = opts.log ?? (() => undefined);
  const exec = opts.exec ?? realExec;
  const outDir = opts.outDir ?? join(project.outDir, 'diff');
  const locale = parseLocale(new TextDecoder().decode(await fx.readFile(join(project.templatesDir, 'locale.yaml'))));
  const edition = await localeEditionOf(project, fx, opts.locale);
  // another locale's edition prints the converted page label (第 {n} 頁)
  const pageLabel = edition ? conversionFor(edition.variant, edition.overrides).convert(locale.page_label) : locale.page_label;
  const inLocale = (o: EditionOutputs): EditionOutputs => {
    if (!edition) return o;
    const l = o.locales[edition.variant.tag];
    if (!l) throw new BuildError([diag('DIFF_NO_BASE', { ref: o.source, detail: `it has no ${edition.variant.tag} edition (report.${edition.variant.tag}.pdf): it was built before the Traditional edition, or with --locale` }, {})]);
    return { ...o, html: l.html, pdf: l.pdf };
  };

  let head = await obtainHead(project, fx, { head: opts.head, signal: opts.signal, log });
  try {
    const ref = opts.base ?? (await defaultBaseRef({ root: project.root, exec }));
    // The base starts from the head's page map: usually right or nearly so, it saves a print
    // pass (the bytes do not depend on it: finalize renumbers Chromium's tag ids).
    const seedFrom = existsSync(join(head.dir, 'edition.json')) ? head.dir : undefined;
    const base = await obtainBase(ref, { root: project.root, nodeModules: opts.nodeModules ?? join(repoRoot, 'node_modules'), exec, readFile: fx.readFile, seedFrom, timeoutMs: opts.timeoutMs ? Math.min(opts.timeoutMs * 10, maxTimerMs) : undefined, log });
    let compared = await compareEditions(inLocale(base), inLocale(head.outputs), { pageLabel });

    let changelogWritten = false;
    if (opts.changelog) {
      const expected = compared.diff.changelog.expected;
      if (!expected) log(`changelog: ${base.manifest.id} is not the previous edition of ${head.outputs.manifest.id} nor the same one: it cannot say what changed since the previous edition; data/edition.yaml is left as it is`);
      else {
        const file = join(project.dataDir, 'edition.yaml');
        const text = new TextDecoder().decode(await fx.readFile(file));
        const updated = writeChangelog(text, expected);
        if (updated !== text) {
          await fx.writeFiles([{ path: file, bytes: updated }]);
          changelogWritten = true;
          log(`changelog: data/edition.yaml now lists ${expected.length} change${expected.length === 1 ? '' : 's'} against the previous edition; rebuilding the new edition`);
          await head.cleanup();
          head = await obtainHead(project, fx, { head: opts.head, signal: opts.signal, log });
          compared = await compareEditions(inLocale(base), inLocale(head.outputs), { pageLabel });
        } else log('changelog: data/edition.yaml is up to date');
      }
    }

    const files = await writeResults(compared, base, { ...head, outputs: inLocale(head.outputs) }, { ...opts, outDir, fonts: edition?.variant.fonts ?? 'sc' }, fx);
    const summary = diffSummary(compared.diff, { artifact: 'edition-diff' });
    await fx.writeFiles([{ path: join(outDir, 'summary.md'), bytes: summary }]);
    return { diff: compared.diff, summary, files: [join(outDir, 'summary.md'), ...files], changelogWritten };
  } finally {
    await head.cleanup();
  }
}

/** diff.json, the chart images and the redline, in a fresh out/diff/. */
async function writeResults(compared: Compared, base: EditionOutputs, head: Head, opts: DiffOptions & { outDir: string; fonts: FontSet }, fx: Effects): Promise<string[]> {
  const { diff } = compared;
  const { project, outDir } = opts;
  await rm(outDir, { recursive: true, force: true });
  const browser = await fx.launchBrowser();
  const written: { path: string; bytes: Uint8Array | string }[] = [];
  try {
    // before/after images of charts whose drawing changed, or that came or went
    const drawn = diff.charts.filter((c) => c.change !== 'changed' || c.aspects.includes('drawing'));
    const svgOf = (r: typeof compared.before, id: string) => r.charts.find((c) => c.id === id)?.svg;
    const jobs = drawn.flatMap((c) => [
      ...(c.change !== 'added' ? [{ name: `${c.id}.before`, svg: svgOf(compared.before, c.id) ?? '' }] : []),
      ...(c.change !== 'removed' ? [{ name: `${c.id}.after`, svg: svgOf(compared.after, c.id) ?? '' }] : []),
    ]).filter((j) => j.svg);
    const images = await drawChartImages(browser, jobs, { fontCss: fontCssFiles(opts.fonts), fontRoots: Object.values(packagesOf(opts.fonts)).map(fontPackageDir), timeoutMs: opts.timeoutMs ?? 60_000 });
    for (const c of drawn) {
      const before = images.get(`${c.id}.before`);
      const after = images.get(`${c.id}.after`);
      c.images = { ...(before ? { before: `charts/${c.id}.before.png` } : {}), ...(after ? { after: `charts/${c.id}.after.png` } : {}) };
    }
    for (const [name, png] of images) written.push({ path: join(outDir, 'charts', `${name}.png`), bytes: png });

    // the redline: the new edition with its changes marked, printed like the report
    const htmlFile = join(outDir, `.redline-${process.pid}.html`);
    const fromOut = (p: string) => relative(outDir, p).split('\\').join('/');
    const after = readReport(head.outputs.html); // a fresh tree: the comparison's stays as read
    const rebaseHref = (href: string) => (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') ? href : fromOut(resolve(head.dir, href)));
    const stylesheet = fromOut(join(project.templatesDir, 'redline.css'));
    // the deleted words' characters may be in no subset of the new edition: the redline's own
    // subsets, cut to its text, load and embed like the report's (the npm fonts' ~100 slices per
    // weight cost a print about a second more). Their stylesheet has a name of its own, known
    // before the text it is cut to (redlineHtml marks the tree it is given: it runs once)
    const fontCss = `${fontsDir}/redline-fonts.css`;
    const html = redlineHtml({ before: compared.before, after, text: diff.text, charts: diff.charts, tables: diff.tables, stylesheet, fontStylesheets: [fontCss], rebaseHref });
    const fonts = fontSubsets(html, opts.fonts);
    const fontFiles = (await fonts.files()).map((f) => ({ path: join(outDir, f.path === fonts.css ? fontCss : f.path), bytes: f.bytes }));
    // the redline's page loads exactly these and what they name (issue 21), like the report's
    const stylesheets = [...stylesheetHrefs(after.html.root).map(rebaseHref), fontCss, stylesheet];
    await fx.writeFiles([{ path: htmlFile, bytes: html }, ...fontFiles]);
    try {
      const pdf = await printRedline(browser, {
        htmlFile,
        stylesheets,
        allowedRoots: [project.root, head.dir, outDir, dirname(project.templatesDir)],
        timeoutMs: opts.timeoutMs ?? 60_000,
        title: `${head.outputs.manifest.edition.title} (${base.manifest.id} → ${head.outputs.manifest.id})`,
      }, opts.signal);
      written.push({ path: join(outDir, opts.locale && opts.locale !== sourceTag ? `redline.${opts.locale}.pdf` : 'redline.pdf'), bytes: pdf });
    } finally {
      await fx.remove(htmlFile);
      await rm(join(outDir, fontsDir), { recursive: true, force: true }); // the redline's subsets: it embeds them
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
  written.push({ path: join(outDir, 'diff.json'), bytes: JSON.stringify(diff, null, 2) + '\n' });
  await fx.writeFiles(written);
  return written.map((w) => w.path);
}


/** The locale edition a diff is asked for (templates/locale.<tag>.yaml with its overrides), or none for the source edition. */
async function localeEditionOf(project: Project, fx: Effects, tag: string | undefined): Promise<LocaleEdition | undefined> {
  if (!tag || tag === sourceTag) return undefined;
  const names = [`locale.${tag}.yaml`, `${tag}-overrides.yaml`].filter((n) => existsSync(join(project.templatesDir, n)));
  const files = await Promise.all(names.map(async (n) => ({ path: relative(project.root, join(project.templatesDir, n)).split('\\').join('/'), bytes: await fx.readFile(join(project.templatesDir, n)) })));
  const { editions, diagnostics } = loadLocaleEditions(files);
  if (diagnostics.length) throw new BuildError(diagnostics);
  return editions[0];
}
