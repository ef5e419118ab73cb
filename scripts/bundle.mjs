// Bundles the VS Code extension (client) and the language server into dist/ for the .vsix:
//   dist/extension.js   the client (vscode stays external: the editor provides it)
//   dist/server.js      the server, with the engine and the rules
//   dist/typescript.js  ts-morph's TypeScript API, a file of its own so the server's V8 code
//                       cache (server/src/code-cache.ts) can compile it from cached data
// Usage: node scripts/bundle.mjs [--dev]  (--dev: no minification, inline source maps)
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

// The engine requires ts-morph's TypeScript API file directly (server/src/engine/ts.ts), so
// the bundle carries that API and none of ts-morph's project code; importing ts-morph itself
// at run time would pull the wrapper back in, and fails the build.
const noTsMorphWrapper = {
  name: 'no-ts-morph-wrapper',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, (args) => ({
      errors: [{ text: `ts-morph imported at run time from ${path.relative(root, args.importer)}; use server/src/engine/ts.ts (the bundle keeps only ts-morph's TypeScript API)` }],
    }));
  },
};

// The TypeScript module stays out of the server bundle, copied beside it.
const TYPESCRIPT_MODULE = '@ts-morph/common/dist/typescript.js';
const typescriptBeside = {
  name: 'typescript-beside',
  setup(build) {
    build.onResolve({ filter: /^@ts-morph\/common\/dist\/typescript\.js$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', plugins: [noTsMorphWrapper, typescriptBeside] }),
  esbuild.build({ ...common, entryPoints: [createRequire(import.meta.url).resolve(TYPESCRIPT_MODULE)], outfile: 'dist/typescript.js' }),
]);
console.log('bundled dist/extension.js and dist/server.js (dist/typescript.js beside it)');
