// Parsing a file, the same way everywhere in the engine (analysis, the fix guard).
import { ts } from './ts';

/**
 * The engine's one way to parse a file. No parent pointers: indexTree sets them in the walk it
 * makes anyway. No JSDoc: nothing in the engine reads it (it has no type checker, so `@type`
 * and `@import` comments mean nothing to it), and skipping it saves part of every parse.
 */
export function parseSourceFile(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKind(fileName));
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
