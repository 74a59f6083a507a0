/**
 * The exact files a document's print page may load (issue 21): the document itself, its
 * stylesheets and what those stylesheets' url()s name (the fonts), by their real paths. No
 * folder is allowed as a whole, so nothing else of the project (`.git/config`, out/.cache,
 * data/) can reach the PDF, whatever the document asks for.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as csstree from 'css-tree';
import { realPathOf } from '../core/confine.ts';

/** The file a URL relative to `base` names, or undefined when it is not a file (data:, https:). */
function fileOf(href: string, base: string): string | undefined {
  const url = new URL(href, pathToFileURL(base));
  return url.protocol === 'file:' ? realPathOf(fileURLToPath(url)) : undefined;
}

/** Every url() of a stylesheet, found by a CSS parser (not a regex: escapes and comments cannot hide one). */
export function cssUrls(css: string): string[] {
  const urls: string[] = [];
  csstree.walk(csstree.parse(css), (node) => {
    if (node.type === 'Url') urls.push(node.value);
    // @import "x.css" names a file without url()
    if (node.type === 'Atrule' && node.name.toLowerCase() === 'import' && node.prelude?.type === 'AtrulePrelude') {
      csstree.walk(node.prelude, (n) => void (n.type === 'String' && urls.push(n.value)));
    }
  });
  return urls;
}

export function pageFiles(htmlFile: string, stylesheets: readonly string[]): Set<string> {
  const files = new Set([realPathOf(htmlFile)]);
  for (const href of stylesheets) {
    const css = fileOf(href, htmlFile);
    if (css === undefined || files.has(css)) continue;
    files.add(css);
    let text: string;
    try {
      text = readFileSync(css, 'utf8');
    } catch {
      continue; // the page's own request for it fails and says so
    }
    for (const u of cssUrls(text)) {
      const f = fileOf(u, css);
      if (f !== undefined) files.add(f);
    }
  }
  return files;
}
