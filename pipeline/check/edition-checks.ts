/**
 * What edition.yaml's fields say together, beyond their shapes (data-schemas.ts): a consultation
 * draft (status: draft, printed 征求意见稿) says until when comments are taken and who takes them
 * (`comments`), and that day falls after the edition's date; an edition that is no draft prints no
 * call for comments, so a `comments` block there is a leftover (a warning). Each problem is placed
 * at the line that decides it: the status that asks for comments, the deadline that is too early.
 */
import { diag, type Diagnostic } from '../core/errors.ts';
import { locate, type ParsedYaml } from '../core/yaml-source.ts';
import type { Edition } from './data-schemas.ts';

export function checkEdition(edition: Edition, parsed: ParsedYaml): Diagnostic[] {
  const at = (path: string[]) => ({ ...parsed.at(locate(parsed.doc.contents, path).node), dataPath: ['edition', ...path].join('.') });
  const { comments } = edition;
  if (edition.status !== 'draft') {
    return comments ? [diag('EDITION_COMMENTS_UNUSED', { status: edition.status, until: comments.until }, at(['comments']))] : [];
  }
  if (!comments) return [diag('EDITION_COMMENTS_MISSING', { date: edition.date, publisher: edition.publisher }, at(['status']))];
  if (comments.until <= edition.date) return [diag('EDITION_COMMENTS_DEADLINE', { until: comments.until, date: edition.date }, at(['comments', 'until']))];
  return [];
}
