// Parsing a file, the same way everywhere in the engine (analysis, the fix guard).
import { ts } from './ts';

/**
 * The engine's one way to parse a file. No parent pointers: indexTree sets them in the walk it
 * makes anyway. No JSDoc: nothing in the engine reads it (it has no type checker, so `@type`
 * and `@import` comments mean nothing to it), and skipping it saves part of every parse.
 *
 * With `previous`, the same file's last tree, TypeScript reparses only around the text that
 * changed (its incremental parser, as in every editor) and moves the rest of `previous` into the
 * new tree: a keystroke's lint of a 2,000-line file took 0.7x the time. `previous` is consumed:
 * its nodes now belong to the new tree, so nothing may read it afterwards.
 *
 * Only between texts without syntax errors: where there are errors, TypeScript's incremental
 * parse now and then recovers from them otherwise than a fresh parse (a different tree, an
 * error lost: 77 of 51,540 random edits of the corpus, every one in text with errors), and the
 * editor must see what the command line sees. So a tree with errors is never a base, and an
 * incremental tree with errors is parsed again afresh.
 */
export function parseSourceFile(fileName: string, text: string, previous?: ts.SourceFile): ts.SourceFile {
  if (previous && previous.fileName === fileName && previous.text !== text && parseErrorCount(previous) === 0) {
    try {
      const tree = ts.updateSourceFile(previous, text, changeBetween(previous.text, text));
      if (parseErrorCount(tree) === 0) return tree;
    } catch (error) {
      if (error instanceof RangeError) throw error; // nested too deeply: a fresh parse fails the same way
      // Any other failure of the incremental parser: parse afresh, as without `previous`.
    }
  }
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKind(fileName));
}

/** The syntax errors the parser found in a tree. */
export function parseErrorCount(sourceFile: ts.SourceFile): number {
  return (sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

/** The one span of `before` replaced to make `after`: everything between their common prefix and suffix. */
export function changeBetween(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - tail - start), after.length - tail - start);
}

/** Parse options the engine uses; JSDocParsingMode.ParseNone skips JSDoc comments. */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

export function scriptKind(fileName: string): ts.ScriptKind {
  const ext = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  switch (ext) {
    case '.ts': case '.mts': case '.cts': return ts.ScriptKind.TS;
    case '.tsx': return ts.ScriptKind.TSX;
    case '.jsx': return ts.ScriptKind.JSX;
    default: return ts.ScriptKind.JS;
  }
}
