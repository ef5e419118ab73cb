// The TypeScript JS API that ts-morph bundles, required as its own file: loading `ts-morph`
// itself also loads its project wrapper (~1 MB of code the engine never calls). The file has
// no types beside it, so they are declared here from the declarations ts-morph ships.
declare module '@ts-morph/common/dist/typescript.js' {
  import { ts } from '@ts-morph/common/lib/typescript';
  export = ts;
}
