/**
 * Messages in the author's language (issue 20). The catalog (errors.ts) is English; a translation
 * lives in the report's templates (templates/messages.zh-Hans.yaml), so the Chinese wording is
 * content an editor may change, not code. A translated entry is written with ‹param› for each
 * parameter, and ‹param?text› for text shown only when the parameter is given (＠ in it: the value). A code without a
 * translation, or a diagnostic without its parameters, stays in English.
 */
import { parse } from 'yaml';
import type { Diagnostic } from './errors.ts';

export type Language = 'en' | 'zh';
export type Translations = Map<string, { message: string; hint: string }>;

/** --lang, else REPORT_LANG, else the system locale (LC_ALL, LC_MESSAGES, LANG): zh_CN.UTF-8 → zh. */
export function languageOf(option: string | undefined, env: Record<string, string | undefined>): Language {
  const chosen = option ?? env.REPORT_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(chosen) ? 'zh' : 'en';
}

/** The file's entries ({ CODE: { message, hint } }); none when it is missing or not that shape. */
export function parseTranslations(text: string | undefined): Translations {
  const out: Translations = new Map();
  if (text === undefined) return out;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return out;
  }
  if (doc === null || typeof doc !== 'object') return out;
  for (const [code, e] of Object.entries(doc as Record<string, unknown>)) {
    const entry = e as { message?: unknown; hint?: unknown };
    if (typeof entry?.message === 'string' && typeof entry.hint === 'string') out.set(code, { message: entry.message, hint: entry.hint });
  }
  return out;
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/‹(\w+)(\?([^›]*))?›/g, (_m, name: string, cond: string | undefined, text: string | undefined) => {
    const v = params[name];
    if (cond !== undefined) return v === undefined ? '' : (text ?? '').replaceAll('＠', String(v));
    return v === undefined ? '' : String(v);
  });

/** The diagnostic in the translation's words, where there is one. */
export function translate(d: Diagnostic, table: Translations): Diagnostic {
  const t = table.get(d.code);
  if (!t || !d.params) return d;
  return { ...d, message: fill(t.message, d.params), hint: fill(t.hint, d.params) };
}
