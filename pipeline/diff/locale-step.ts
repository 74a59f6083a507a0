/**
 * Whether the other locales' editions changed in step with the source edition (issue 16): read
 * from the two manifests' `locales` records. The zh-Hant PDF is made from the same source, so it
 * changes exactly when the zh-Hans one does; one that changed alone (or stayed the same alone)
 * means an override, a locale file or the converter changed, or an edition was built from other inputs.
 */
import type { StoredManifest } from '../edition/manifest.ts';
import { sourceTag } from '../model/script-conversion.ts';

export interface LocaleStep {
  tag: string;
  before?: { pages: number; sha256: string };
  after?: { pages: number; sha256: string };
  changed: boolean;
  /** changed exactly when the source edition's PDF did */
  inStep: boolean;
}

export function localeSteps(base: StoredManifest, head: StoredManifest, samePdf: boolean): LocaleStep[] {
  const tags = [...new Set([...Object.keys(base.locales ?? {}), ...Object.keys(head.locales ?? {})])].filter((t) => t !== sourceTag).sort();
  return tags.map((tag) => {
    const [b, a] = [base.locales?.[tag], head.locales?.[tag]];
    const changed = b?.sha256 !== a?.sha256;
    return { tag, ...(b ? { before: { pages: b.pages, sha256: b.sha256 } } : {}), ...(a ? { after: { pages: a.pages, sha256: a.sha256 } } : {}), changed, inStep: changed === !samePdf };
  });
}

/** One line of the summary per locale. */
export function localeStepLine(s: LocaleStep): string {
  const pdf = (x?: { pages: number; sha256: string }) => (x ? `${x.pages} pages · \`${x.sha256.slice(0, 12)}\`` : 'not built');
  const verdict = s.inStep ? (s.changed ? 'changed in step with zh-Hans' : 'unchanged, in step with zh-Hans') : s.changed ? '**changed while zh-Hans did not** (an override, a locale file or the converter changed)' : '**did not change although zh-Hans did**: rebuild both editions';
  return `| ${s.tag} PDF | ${pdf(s.before)} | ${pdf(s.after)} — ${verdict} |`;
}
