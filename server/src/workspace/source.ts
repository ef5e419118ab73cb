// Reading a source file safely, the same for the CLI and the language server: the size is
// checked before the file is read whole, binary and unreadable files become notices, and a
// file over the size limit gets its notice only when it looks like tfjs code (a 3 MB bundle
// with no tfjs in it is not worth a word).
import * as fs from 'node:fs';
import { mayUseTfjs } from '../engine/prefilter';

export interface SourceNotice {
  kind: 'skipped' | 'unreadable';
  /** The CLI's wording; the editor words a size notice its own way from `tooLarge`. */
  message: string;
  tooLarge?: { size: number; maxBytes: number };
}

/**
 * `utf8` is false when the bytes are not valid UTF-8: the text then has U+FFFD where they
 * were, and must not be written back. `quiet` marks a file passed over without a notice
 * (over the limit, but no sign of tfjs in it): nothing to lint, nothing to say.
 */
export type ReadResult = { text: string; bom: boolean; utf8: boolean } | { notice: SourceNotice } | { quiet: true };

/** How much of an over-limit file is read to decide whether it looks like tfjs code. */
export const PREFILTER_SCAN_BYTES = 8 * 1024 * 1024;

/** Reads a file as UTF-8 text, or says why it will not be linted. */
export function readSource(file: string, maxBytes: number): ReadResult {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { notice: { kind: 'unreadable', message: 'not linted: not a regular file' } };
    size = stat.size;
  } catch (error) {
    return { notice: { kind: 'unreadable', message: `not linted: cannot read the file (${errorCode(error)})` } };
  }
  if (size > maxBytes) {
    const head = readHead(file, Math.min(size, PREFILTER_SCAN_BYTES));
    if (head !== undefined && (head.includes(0) || !mayUseTfjs(head.toString('latin1')))) return { quiet: true };
    return { notice: tooLarge(size, maxBytes) };
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { notice: { kind: 'unreadable', message: `not linted: cannot read the file (${errorCode(error)})` } };
  }
  return decode(buffer, maxBytes);
}

/** Text from bytes, with the same binary and size checks as a file (for --stdin). */
export function decode(buffer: Buffer, maxBytes: number): ReadResult {
  if (buffer.length > maxBytes) {
    if (buffer.includes(0) || !mayUseTfjs(buffer.toString('latin1'))) return { quiet: true };
    return { notice: tooLarge(buffer.length, maxBytes) };
  }
  if (buffer.includes(0)) return { notice: { kind: 'skipped', message: 'not linted: it looks binary (contains NUL bytes)' } };
  const text = buffer.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  const utf8 = !text.includes('\ufffd') || Buffer.from(text, 'utf8').equals(buffer);
  return { text: bom ? text.slice(1) : text, bom, utf8 };
}

function tooLarge(size: number, maxBytes: number): SourceNotice {
  return {
    kind: 'skipped',
    message: `not linted: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit (--max-file-size, or "maxFileSize" in .tfjslintrc.json)`,
    tooLarge: { size, maxBytes },
  };
}

function readHead(file: string, bytes: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } catch {
    return undefined; // unreadable: the notice says the file is too large, which is still true
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function errorCode(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message ?? String(error);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
