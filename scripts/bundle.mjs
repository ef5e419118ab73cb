// Bundles the VS Code extension (client) and the language server into dist/ for the .vsix:
//   dist/extension.js  the client (vscode stays external: the editor provides it)
//   dist/server.js     the server, with the engine, the rules and the TypeScript parser
// The engine's only runtime use of ts-morph is its bundled TypeScript API (server/src/engine/ts.ts),
// so ts-morph is replaced by that API alone: the .vsix does not carry ts-morph's project code.
// Usage: node scripts/bundle.mjs [--dev]  (--dev: no minification, inline source maps)
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dev = process.argv.includes('--dev');

const typescriptOnly = {
  name: 'ts-morph-typescript-only',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, (args) => {
      const allowed = path.join(root, 'server', 'src', 'engine', 'ts.ts');
      if (path.resolve(args.importer) !== allowed) {
        return { errors: [{ text: `ts-morph imported at run time from ${path.relative(root, args.importer)}; only server/src/engine/ts.ts may (the bundle keeps only ts-morph's TypeScript API)` }] };
      }
      return { path: 'ts-morph', namespace: 'ts-morph-shim' };
    });
    build.onLoad({ filter: /.*/, namespace: 'ts-morph-shim' }, () => ({
      contents: `module.exports = { ts: require(${JSON.stringify(require.resolve('@ts-morph/common/dist/typescript.js'))}) };`,
      loader: 'js',
      resolveDir: root,
    }));
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
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', plugins: [typescriptOnly] }),
]);
console.log('bundled dist/extension.js and dist/server.js');
