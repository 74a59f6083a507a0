/**
 * The pipeline, top to bottom: data/*.yaml → out/report.pdf (and report.zh-Hant.pdf, out/site).
 *
 *   read inputs → check → render charts, tables, chapters → assemble (render/render-document.ts)
 *   → print until the contents' numbers hold, finalize (a Printer, print/full-printer.ts)
 *   → manifest and lineage (edition/) → write out/ all at once, under the lock; the web edition
 *   (site/, out/site) is made while the PDFs print.
 *
 * What a build can reuse is read from out/ first: the editions that stand (standing-editions.ts:
 * printed here from these inputs, code and browser, their bytes unchanged) are not printed again,
 * the last edition's page map is the contents' first guess, and the cache holds what earlier
 * builds loaded, drew and rendered. The check runs every time: a build that reuses still refuses
 * bad input before out/ is touched. The printer is passed in (watch mode's prints proofs,
 * dev/proof-printer.ts); by default the build launches a browser of its own as soon as it knows
 * it must print, so its start-up overlaps the HTML stages.
 */
import { join } from 'node:path';
import { withLock } from '../core/build-lock.ts';
import { hashOf } from '../core/cache.ts';
import { checkOutDir } from '../core/confine.ts';
import type { Effects } from '../core/effects.ts';
import { BuildError, type Diagnostic } from '../core/errors.ts';
import type { Project } from '../core/project.ts';
import { readInputs, type Inputs } from '../core/read-inputs.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { buildLineage } from '../edition/lineage.ts';
import { editionFile, localeRecord, simplifiedInPdf } from '../edition/locale-editions.ts';
import { buildManifest, readLastManifest, type Manifest } from '../edition/manifest.ts';
import { defaultTimeoutMs } from '../print/browser.ts';
import { launchingPrinter, type PrintedEdition, type Printer } from '../print/full-printer.ts';
import { renderEditions, sourceTag, stylesheetsFor, type EditionRendering, type PrintableDocument } from '../render/render-document.ts';
import type { PageMap } from '../render/page-map.ts';
import { buildSite, sitePdf } from '../site/build-site.ts';
import type { SiteFile } from '../site/site-assets.ts';
import { changedOnly, siteChanges, siteKey } from '../site/site-reuse.ts';
import { readSiteTemplates } from '../site/site-templates.ts';
import { buildCacheFiles, readBuildCache, type BuildCache } from './build-cache.ts';
import { recordPrinted, standingEditions, type Standing } from './standing-editions.ts';

export interface BuildOptions {
  /** how long the browser may take to start and a print to finish, ms */
  timeoutMs?: number;
  /** warnings fail the build too, before anything is printed or written */
  strict?: boolean;
  signal?: AbortSignal;
  /** prints the edition; default: a full printer with a browser of its own */
  printer?: Printer;
  /** what earlier builds loaded, drew and rendered; default: read from out/.cache */
  cache?: BuildCache;
  /** make the web edition after the print, and not for a proof (watch mode: proofs stay fast); default: while printing */
  siteAfterPrint?: boolean;
  /** build only these locales' editions (zh-Hans, zh-Hant); default: every locale */
  locales?: string[];
  /** make the web edition (out/site); default true. False for a diff's base, whose site nobody reads */
  site?: boolean;
}

export interface BuildResult {
  manifest: Manifest;
  warnings: Diagnostic[];
  timings: Record<string, number>;
  /** the locales whose edition in out/ stood and was kept as it is, not printed again */
  reused: string[];
}

/** One edition of this build: rendered (once, when first asked for) and, once printed, its PDF. */
type Rendering = { tag: string; render: () => Promise<EditionRendering> };
type PrintedRendering = { e: EditionRendering; printed: PrintedEdition };

export async function build(project: Project, fx: Effects, opts: BuildOptions = {}): Promise<BuildResult> {
  const timer = new StageTimer(fx, opts.signal);
  let printer = opts.printer;
  const launch = () => launchingPrinter(project, fx, opts.timeoutMs ?? defaultTimeoutMs);
  try {
    await checkOutDir(project.root, project.outDir);
    const [inputs, cache] = await Promise.all([timer.run('read inputs', () => readInputs(project, fx)), opts.cache ?? readBuildCache(project, fx)]);
    const standing = await standingEditions(project, fx, cache.editions, inputs.inputsHash);
    if (!standing.editions.size) printer ??= launch(); // nothing to reuse: the browser starts now, during the check
    const last = await readLastManifest(project, fx);
    const renderings = (await renderEditions(inputs, timer, { strict: opts.strict, stylesheets: (tag) => stylesheetsFor(project, inputs, tag), cache, pageMaps: (tag) => firstGuess(tag, last, cache) })).map(once);
    const wanted = renderings.filter((r) => !opts.locales || opts.locales.includes(r.tag));
    const toPrint = wanted.filter((r) => !standing.editions.has(r.tag));
    if (toPrint.length) printer ??= launch();
    // the source edition is in this build: the web edition, charts/ and edition.json are its
    const source = wanted.find((r) => r.tag === sourceTag);
    // what out/ holds afterwards: the editions printed now and those that stand; another locale's that no longer stands goes (source builds only)
    const linked = renderings.filter((r) => toPrint.includes(r) || standing.editions.has(r.tag));
    const gone = source ? renderings.filter((r) => !linked.includes(r)).map((r) => r.tag) : [];

    return await withLock(join(project.outDir, '.build.lock'), fx, async () => {
      const site = opts.site === false ? undefined : siteStage(project, fx, timer, { source, inputs, cache, others: linked.filter((r) => r !== source) });
      // the web edition is made while the PDFs print, from when the browser prints the first (that edition renders alone, first)
      let printing = () => undefined as void;
      const siteWhilePrinting = opts.siteAfterPrint || !site ? undefined : new Promise<void>((started) => (printing = started)).then(site);
      siteWhilePrinting?.catch(() => undefined); // (its failure is reported below, after the print)
      const printed = await printStage(toPrint, printer!, { project, timer, signal: opts.signal, inputsHash: inputs.inputsHash, printing: () => printing() });
      const siteFiles = siteWhilePrinting ? await siteWhilePrinting : printed[0]?.printed.proof ? undefined : await site?.();
      const manifest = manifestStage({ inputs, standing, printed, linked, timings: timer.timings });
      opts.signal?.throwIfAborted();
      await writeStage(project, fx, timer, { inputs, cache, standing, printed, linked, gone, manifest, siteFiles });
      return { manifest: manifest.manifest, warnings: [...renderings[0].checkWarnings(), ...printed.flatMap((p) => p.e.localeWarnings)], timings: timer.timings, reused: wanted.filter((r) => standing.editions.has(r.tag)).map((r) => r.tag) };
    });
  } finally {
    if (!opts.printer) await printer?.close();
  }
}

/**
 * The page numbers an edition's print starts from: its own in edition.json, else the page map its
 * last full print left in the cache (a `--locale zh-Hans` build drops zh-Hant's record, and the two
 * editions' layouts may differ by a page), else the source's: a wrong guess costs a print.
 */
function firstGuess(tag: string, last: Awaited<ReturnType<typeof readLastManifest>>, cache: BuildCache): PageMap | undefined {
  return last.ownPageMap(tag) ?? cache.layouts.get(tag) ?? last.pageMap(tag);
}

/** An edition rendered at most once, whoever asks first (the print or the web edition); the check's warnings without a render. */
function once(r: { tag: string; render: () => Promise<EditionRendering>; warnings: Diagnostic[] }): Rendering & { checkWarnings: () => Diagnostic[] } {
  let rendered: Promise<EditionRendering> | undefined;
  return { tag: r.tag, render: () => (rendered ??= r.render()), checkWarnings: () => r.warnings };
}

/**
 * Prints the editions that do not stand, one after the other in one browser (print/full-printer.ts
 * says why not at once). A converted edition prints first, so the check of its PDF's text (read
 * in a worker thread) runs while the source edition prints, not after it; one with Simplified
 * text left fails the build before anything is written. Node's work goes where the browser's
 * leaves it idle: the next edition renders, and `printing` is called (the web edition starts),
 * once the browser has a document loaded and prints it. An edition with no page numbers to
 * start from probes for them: it no longer borrows the numbers of the edition printed before it,
 * as the converted edition's layout can differ from the source's by a page (then the borrowed
 * guess cost a second full print, ~5× a probe). The editions come back in the order they were
 * asked for.
 */
async function printStage(toPrint: Rendering[], printer: Printer, ctx: { project: Project; timer: StageTimer; signal?: AbortSignal; inputsHash: string; printing: () => void }): Promise<PrintedRendering[]> {
  const order = [...toPrint].sort((a, b) => Number(a.tag === sourceTag) - Number(b.tag === sourceTag));
  const printing = new Map<Rendering, Promise<PrintedRendering>>();
  const checks: Promise<Diagnostic[]>[] = [];
  let last: Promise<PrintedRendering | undefined> = Promise.resolve(undefined);
  for (const r of order) {
    const e = await r.render();
    await last; // one print at a time
    let busy = () => undefined as void;
    const browserBusy = new Promise<void>((resolve) => (busy = resolve));
    const documentId = e.tag === sourceTag ? ctx.inputsHash : hashOf([ctx.inputsHash, e.tag]);
    const p = printer.print(e.printable, { project: ctx.project, metadata: { ...e.data.edition, language: e.pdfLang, backCoverLabel: e.locale.back_cover_label, coverLabel: e.locale.cover_label, linkContents: e.locale.link_contents }, documentId, timer: ctx.timer, signal: ctx.signal, variant: e.tag === sourceTag ? undefined : e.tag, printing: busy }).then((printed) => ({ e, printed }));
    printing.set(r, p);
    checks.push(p.then((done) => (done.e.edition ? ctx.timer.run('check editions', () => simplifiedInPrint(done)) : [])));
    for (const q of [p, checks.at(-1)!]) q.catch(() => undefined); // (awaited below)
    last = p;
    await Promise.race([browserBusy, p.then(() => undefined, () => undefined)]); // (a printer that never says: when it is done)
    ctx.printing();
  }
  ctx.printing(); // (nothing to print)
  const printed = await Promise.all(toPrint.map((r) => printing.get(r)!));
  const found = (await Promise.all(checks)).flat();
  if (found.length) throw new BuildError(found);
  return printed;
}

/**
 * The web edition: undefined unless the source edition is in this build; else, when called, the
 * site's files to write (none while out/site stands: site/site-reuse.ts). Its key counts the
 * editions it links, so a one-locale build that keeps the other locale's PDF keeps the site too.
 */
function siteStage(project: Project, fx: Effects, timer: StageTimer, a: { source?: Rendering; inputs: Inputs; cache: BuildCache; others: Rendering[] }): (() => Promise<SiteFile[]>) | undefined {
  const source = a.source;
  if (!source) return undefined;
  const otherPdfs = a.others.map((r) => ({ tag: r.tag, file: editionFile(r.tag, sourceTag, 'pdf') }));
  return () =>
    timer.run('site', async () => {
      const templates = await readSiteTemplates(project, fx);
      const reuse = { dir: join(project.outDir, 'site'), key: siteKey(hashOf([a.inputs.inputsHash, ...otherPdfs.map((p) => p.tag)]), templates.hash), cache: a.cache.site, readFile: fx.readFile };
      return siteChanges(reuse, async () => {
        const { data, locale, chapters, charts, chartSpecs, tables, numbering } = await source.render();
        return buildSite({ edition: data.edition, locale, nodes: data.nodes, units: data.vocabulary.units, chapters, charts, chartSpecs, tables, numbering, otherPdfs }, templates, a.cache.script);
      });
    });
}

/**
 * edition.json: made anew when the source edition was printed; when it stands, the one in out/
 * with the records of the locales printed now; with neither (another locale built alone after
 * an edit), out/'s is left as it is and the build reports the edition it printed.
 */
function manifestStage(a: { inputs: Inputs; standing: Standing; printed: PrintedRendering[]; linked: Rendering[]; timings: Record<string, number> }): { manifest: Manifest; write: boolean } {
  const kept = Object.fromEntries(Object.entries(a.standing.manifest?.locales ?? {}).filter(([tag]) => a.standing.editions.has(tag) && a.linked.some((r) => r.tag === tag)));
  const locales = { ...kept, ...Object.fromEntries(a.printed.map((p) => [p.e.tag, localeRecord(p.e.tag, sourceTag, p.e.pdfLang, p.printed)])) };
  const first = a.printed.find((p) => p.e.tag === sourceTag) ?? (a.standing.manifest ? undefined : a.printed[0]);
  if (!first) return { manifest: { ...a.standing.manifest!, locales }, write: a.printed.length > 0 };
  const { data, chapters, charts, tables, numbering } = first.e;
  const lineage = buildLineage(chapters, charts, tables, numbering);
  const manifest = { ...buildManifest({ edition: data.edition, inputs: a.inputs, printed: first.printed, lineage, charts, nodes: data.nodes, range: data.vocabulary.range, timings: a.timings }), locales };
  return { manifest, write: first.e.tag === sourceTag };
}

/**
 * Writes out/ all at once (nothing when everything stood): the printed editions, edition.json, the
 * site's changed files and its PDF copies whose bytes changed, and the cache with the record of
 * each print; then removes another locale's edition that no longer stands.
 */
async function writeStage(project: Project, fx: Effects, timer: StageTimer, a: { inputs: Inputs; cache: BuildCache; standing: Standing; printed: PrintedRendering[]; linked: Rendering[]; gone: string[]; manifest: { manifest: Manifest; write: boolean }; siteFiles?: SiteFile[] }): Promise<void> {
  for (const p of a.printed) await recordPrinted(a.cache.editions, a.inputs.inputsHash, p.e.tag, { pdf: p.printed.pdf, html: p.printed.doc.html, fonts: p.e.printable.fonts.paths, proof: p.printed.proof });
  for (const p of a.printed) if (!p.printed.proof) a.cache.layouts.set(p.e.tag, p.printed.pageMap);
  for (const tag of a.gone) a.cache.editions.delete(tag);
  const pdfOf = (tag: string) => a.printed.find((p) => p.e.tag === tag)?.printed.pdf ?? a.standing.editions.get(tag)!.pdf;
  const sitePdfs = a.siteFiles && (await changedOnly(join(project.outDir, 'site'), a.linked.map((r) => ({ path: r.tag === sourceTag ? sitePdf : editionFile(r.tag, sourceTag, 'pdf'), bytes: pdfOf(r.tag) })), fx.readFile));
  const files = writeList(project, { printed: a.printed, manifest: a.manifest.write ? a.manifest.manifest : undefined, site: a.siteFiles && [...a.siteFiles, ...sitePdfs!] });
  if (files.length) await timer.run('write', () => fx.writeFiles([...files, ...buildCacheFiles(project, a.cache, a.inputs)]));
  await removeGone(project, fx, a.gone, !!a.siteFiles);
  const source = a.printed.find((p) => p.e.tag === sourceTag);
  if (source) await removeOldCharts(project, fx, source.e.charts);
}

/** out/charts holds this edition's charts: an earlier edition's that this one no longer draws (removed, or now a key-figure callout) go. */
async function removeOldCharts(project: Project, fx: Effects, charts: { id: string; svg?: string }[]): Promise<void> {
  const drawn = new Set(charts.filter((c) => c.svg).map((c) => `${c.id}.svg`));
  const dir = join(project.outDir, 'charts');
  for (const name of await fx.listDir(dir)) if (name.endsWith('.svg') && !drawn.has(name)) await fx.remove(join(dir, name));
}

/** What a build writes to out/, all at once: the printed editions (and the source's charts), edition.json, the site's changed files. */
function writeList(project: Project, a: { printed: PrintedRendering[]; manifest?: Manifest; site?: SiteFile[] }): { path: string; bytes: Uint8Array | string }[] {
  const out = (path: string) => join(project.outDir, path);
  return [
    ...a.printed.flatMap(({ e, printed }) => [
      ...(e.tag === sourceTag ? e.charts.filter((c) => c.svg).map((c) => ({ path: out(join('charts', `${c.id}.svg`)), bytes: c.svg })) : []), // a callout has no SVG
      { path: out(editionFile(e.tag, sourceTag, 'html')), bytes: printed.doc.html },
      { path: out(editionFile(e.tag, sourceTag, 'pdf')), bytes: printed.pdf },
    ]),
    ...(a.manifest ? [{ path: out('edition.json'), bytes: JSON.stringify(a.manifest, null, 2) + '\n' }] : []),
    ...(a.site ?? []).map((f) => ({ path: out(join('site', f.path)), bytes: f.bytes })),
  ];
}

/** Another locale's edition that no longer stands (a source build of that locale alone, after an edit): out/ holds no edition of older inputs. */
async function removeGone(project: Project, fx: Effects, gone: string[], site: boolean): Promise<void> {
  for (const tag of gone) {
    for (const ext of ['pdf', 'html'] as const) await fx.remove(join(project.outDir, editionFile(tag, sourceTag, ext)));
    if (site) await fx.remove(join(project.outDir, 'site', editionFile(tag, sourceTag, 'pdf')));
  }
}

/** The Simplified text left in a converted edition's PDF. */
function simplifiedInPrint({ e, printed }: PrintedRendering): Promise<Diagnostic[]> {
  return simplifiedInPdf(printed.pdf, `out/${editionFile(e.tag, sourceTag, 'pdf')}`, e.conversion);
}
