/**
 * The one request lock-down for every page the pipeline opens (the print page, chart images):
 * JavaScript off, and no request but `data:` and files inside the allowed folders (compared by
 * their real paths, so a symlink inside a folder that points outside it is outside it). When an
 * exact list of files is given (the print page: print/page-files.ts), only those; never a file
 * under a `.git` folder, where a checkout keeps its credentials.
 * Refused requests are collected; the caller fails on them with the file it was printing.
 */
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { isInside } from '../core/project.ts';

/** A refused request, and the file that asked for it (a stylesheet, the document), when the browser says. */
export interface Blocked {
  url: string;
  from?: string;
}

/** Locks the page down; returns the list that refused requests are added to. */
export async function lockDown(page: Page, allowedRoots: string[], files?: ReadonlySet<string>): Promise<Blocked[]> {
  const blocked: Blocked[] = [];
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (isAllowed(url, allowedRoots, files)) return void req.continue();
    const from = req.initiator()?.url;
    blocked.push({ url, ...(from?.startsWith('file://') ? { from: fileURLToPath(from) } : {}) });
    void req.abort('blockedbyclient');
  });
  return blocked;
}

export function isAllowed(url: string, roots: string[], files?: ReadonlySet<string>): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file://')) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const target = realPath(path);
  if (target.split(sep).includes('.git')) return false;
  if (files && !files.has(target)) return false;
  return roots.some((root) => isInside(realPath(root), target));
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
