/**
 * What the site's pages load, all served from out/site: the client script bundled with
 * vega-embed, vega, vega-lite and vega's expression interpreter (esbuild, one file: no CDN, and
 * no eval under the CSP), and the sans font's CSS with its woff2 slices (the browser fetches
 * only the slices a page's characters need).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { hashOf, type CachePart } from '../core/cache.ts';
import { BuildError, diag } from '../core/errors.ts';
import { fontPackageDir, fontPackages } from '../core/fonts.ts';
import { repoRoot } from '../core/project.ts';

export interface SiteFile {
  /** relative to out/site */
  path: string;
  bytes: Uint8Array | string;
}

/** The font weights the site uses (site.css sets 400 and 700). */
const siteWeights = [400, 700];
const fontDir = 'assets/fonts';

export const fontCssLinks = siteWeights.map((w) => `${fontDir}/${w}.css`);

/**
 * The bundled script by the hash of the script's path and text, kept in out/.cache (issue 19): a
 * rebuild after an edit of the report does not bundle vega again. The libraries bundled in are
 * pinned by the lockfile, and a cache written under another lockfile is ignored (core/cache.ts).
 */
export type ScriptCache = CachePart<string>;

export const scriptKey = (scriptPath: string, text: string) => hashOf([scriptPath, text]);

/** Bundles by the script's text: watch mode bundles once (the libraries are pinned). */
const bundles = new Map<string, Promise<SiteFile>>();

export function bundleScript(scriptPath: string, text: string, cache: ScriptCache = new Map()): Promise<SiteFile> {
  const key = scriptKey(scriptPath, text);
  const kept = cache.get(key);
  if (kept !== undefined) return Promise.resolve({ path: scriptFile, bytes: kept });
  if (!bundles.has(key)) {
    bundles.clear();
    bundles.set(key, bundle(scriptPath));
    bundles.get(key)!.catch(() => bundles.delete(key));
  }
  return bundles.get(key)!.then((made) => {
    cache.clear(); // the current script's bundle only
    cache.set(key, made.bytes as string);
    return made;
  });
}

const scriptFile = 'assets/site.js';

async function bundle(scriptPath: string): Promise<SiteFile> {
  try {
    const out = await build({ entryPoints: [scriptPath], bundle: true, write: false, format: 'iife', minify: true, target: 'chrome120', nodePaths: [join(repoRoot, 'node_modules')], logLevel: 'silent' });
    return { path: scriptFile, bytes: out.outputFiles[0].text };
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { line: number } }[] }).errors?.[0];
    throw new BuildError([diag('SITE_TEMPLATE', { detail: `site.js: ${first?.text ?? (e as Error).message}` }, { file: 'templates/site/site.js', line: first?.location?.line })]);
  }
}

export async function fontFiles(): Promise<SiteFile[]> {
  const dir = fontPackageDir(fontPackages.sans);
  const css = await Promise.all(siteWeights.map(async (w) => ({ path: `${fontDir}/${w}.css`, bytes: await readFile(join(dir, `${w}.css`)) })));
  const names = (await readdir(join(dir, 'files'))).filter((n) => n.endsWith('.woff2') && siteWeights.some((w) => n.includes(`-${w}-normal`)));
  const slices = await Promise.all(names.map(async (n) => ({ path: `${fontDir}/files/${n}`, bytes: await readFile(join(dir, 'files', n)) })));
  return [...css, ...slices];
}
