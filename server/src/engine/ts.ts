// The one place the engine gets the TypeScript API from. npm `typescript` is version 7 (the
// native compiler, no JS API); ts-morph carries its own TypeScript JS API in a file of its
// own, required directly (see typescript-module.d.ts). Front ends load the engine lazily,
// only for files that pass the prefilter, because loading TypeScript costs more than linting
// a small file.
//
// `export import` (not `export { ts } from`) makes a plain data property: the re-export
// getter TypeScript emits otherwise showed up in profiles of hot walks.
import typescript = require('@ts-morph/common/dist/typescript.js');
export import ts = typescript;

/** SyntaxKind read once: `ts.SyntaxKind` is itself a getter on the bundled namespace. */
export const SK = typescript.SyntaxKind;
