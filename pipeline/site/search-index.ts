/**
 * The site's search index, made by pagefind (its Node API: the pages are given from memory and
 * the index comes back as files, so the site is written with the rest of out/ at once). Pagefind
 * segments Chinese itself; `zh-cn` is forced so every page goes into the one index.
 */
import * as pagefind from 'pagefind';
import { BuildError, diag } from '../core/errors.ts';
import type { SiteFile } from './site-assets.ts';

export const searchDir = 'pagefind';

export async function searchIndex(pages: SiteFile[], language: string): Promise<SiteFile[]> {
  const fail = (detail: string) => new BuildError([diag('SITE_SEARCH', { detail })]);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language.toLowerCase(), rootSelector: 'main' });
    if (!index) throw fail(errors.join('; '));
    for (const p of pages) {
      const added = await index.addHTMLFile({ url: p.path, content: String(p.bytes) });
      if (added.errors.length) throw fail(`${p.path}: ${added.errors.join('; ')}`);
    }
    const { files, errors: writeErrors } = await index.getFiles();
    if (writeErrors.length) throw fail(writeErrors.join('; '));
    await index.deleteIndex();
    return files.map((f) => ({ path: `${searchDir}/${f.path}`, bytes: f.content }));
  } catch (e) {
    throw e instanceof BuildError ? e : fail((e as Error).message);
  } finally {
    await pagefind.close();
  }
}
