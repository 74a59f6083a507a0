/**
 * Closing punctuation set half-width where its blank right half would show (print.css `.close-bracket`).
 * A right-aligned column header ends where its figures end. The unit's closing "）" is a full-width
 * glyph with its ink in the left half: at the line's end it leaves half an em blank over the figures
 * (review 37 #4.4 read 发生概率（%） as left-aligned). Chromium trims punctuation at a line's start,
 * not at its end, and `halt` on the whole header set the opening bracket half-width too, so （%） read
 * as (%) (review 45 C-9). The closing bracket alone is marked; print.css sets it half-width.
 */
import { escapeHtml } from '../core/escape.ts';

/** Full-width closing brackets and quotes: each glyph's ink stands in its left half, its right half blank. */
export const closingPunctuation = '）》」』”’】〕';

/** The class that sets a closing mark half-width (halt), where its blank half would leave a hole. */
export const closeBracketClass = 'close-bracket';

/** A column header as HTML for the templates: escaped, a closing full-width bracket at its end marked. */
export const columnHeaderHtml = (text: string) => escapeHtml(text).replace(/）$/u, `<span class="${closeBracketClass}">）</span>`);
