// The one place the engine gets the TypeScript API from. npm `typescript` is version 7 (the
// native compiler, no JS API); ts-morph carries its own TypeScript JS API. Front ends load
// this module lazily, only for files that pass the prefilter, because loading it costs
// more than linting a small file.
export { ts } from 'ts-morph';
