// The one place the engine gets the TypeScript API from. npm `typescript` is version 7 (the
// native compiler, no JS API); ts-morph carries its own TypeScript JS API. Front ends load
// the engine lazily, only for files that pass the prefilter, because loading TypeScript
// costs more than linting a small file.
//
// `export import` (not `export { ts } from`) makes a plain data property: the re-export
// getter TypeScript emits otherwise showed up in profiles of hot walks.
import * as tsMorph from 'ts-morph';
export import ts = tsMorph.ts;

/** SyntaxKind read once: `ts.SyntaxKind` is itself a getter on the bundled namespace. */
export const SK = tsMorph.ts.SyntaxKind;
