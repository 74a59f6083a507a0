/** Decodes a source file to text, refusing what would silently change meaning: bad UTF-8, BOM, CRLF. */

/** A file as read from disk: project-relative path and its bytes. */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}
import { diag, type Diagnostic } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(file: SourceFile): { text?: string; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = utf8.decode(file.bytes);
  } catch {
    const at = firstInvalidUtf8(file.bytes);
    const byte = `0x${file.bytes[at.offset]?.toString(16).padStart(2, '0')}`;
    return { diagnostics: [diag('FILE_ENCODING', { detail: `not valid UTF-8 (byte ${byte})${looksLikeGb18030(file.bytes) ? '; it looks like GBK/GB18030: save it as UTF-8' : ''}` }, { file: file.path, line: at.line, column: at.column })] };
  }
  const diagnostics: Diagnostic[] = [];
  if (text.startsWith('\uFEFF')) {
    diagnostics.push(diag('FILE_ENCODING', { detail: 'the file starts with a byte-order mark (BOM)' }, { file: file.path, line: 1, column: 1 }));
  }
  const cr = text.indexOf('\r');
  if (cr >= 0) {
    const line = text.slice(0, cr).split('\n').length;
    diagnostics.push(diag('FILE_ENCODING', { detail: 'Windows line endings (CRLF); the project uses LF' }, { file: file.path, line, column: cr - text.lastIndexOf('\n', cr - 1) }));
  }
  return diagnostics.length ? { diagnostics } : { text, diagnostics };
}

function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; column: number } {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // binary search the longest valid prefix
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      strict.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // step back to the start of the sequence that breaks (a lead byte whose continuation is wrong)
  for (let back = 0; back < 4 && lo > 0; back++) {
    try {
      strict.decode(bytes.subarray(0, lo));
      break;
    } catch {
      lo -= 1;
    }
  }
  const prefix = new TextDecoder().decode(bytes.subarray(0, lo));
  const lines = prefix.split('\n');
  return { offset: lo, line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** 1-based line and column of an offset in a text (for many offsets of one text: positionsIn). */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  return positionsIn(text)(offset);
}

/**
 * positionAt for many offsets of one text: the line starts are found once and each offset is a
 * binary search (issue 21: positionAt per diagnostic made 100 000 typed figures in one chapter
 * quadratic, minutes of checking).
 */
export function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(offset, text.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** Chinese text saved by an editor in the legacy encoding decodes cleanly as GB18030. */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return /[\u4e00-\u9fff]/.test(text);
  } catch {
    return false;
  }
}
