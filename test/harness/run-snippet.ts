// Runs a linted snippet for real, for runtime witnesses: TypeScript/JS source is transpiled to
// CommonJS and evaluated with a `require` that serves the real @tensorflow/tfjs (CPU backend).
// The snippet reports results through its exports, e.g. `export async function main() {...}`.
import * as vm from 'node:vm';
import { ts } from '../../server/src/engine/ts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tfjs = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
let backendReady: Promise<void> | undefined;

/** The real tfjs on the pure-JS CPU backend, seeded-friendly and quiet. */
export async function realTf(): Promise<typeof import('@tensorflow/tfjs')> {
  backendReady ??= (async () => {
    await tfjs.setBackend('cpu');
    await tfjs.ready();
  })();
  await backendReady;
  return tfjs;
}

export interface SnippetExports {
  [name: string]: unknown;
}

/** Transpiles and runs `code`; returns its exports. A browser-style global `tf` is provided too. */
export async function runSnippet(code: string, globals: Record<string, unknown> = {}): Promise<SnippetExports> {
  const tf = await realTf();
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  const module = { exports: {} as SnippetExports };
  const requireShim = (name: string): unknown => {
    if (/^@tensorflow\/tfjs(-node|-node-gpu|-core|-layers)?$/.test(name)) return tf;
    throw new Error(`snippet may only require @tensorflow/tfjs, not ${name}`);
  };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: requireShim,
    tf,
    console,
    Math,
    Float32Array,
    Int32Array,
    Uint8Array,
    Promise,
    setTimeout,
    ...globals,
  });
  vm.runInContext(js, context, { filename: 'snippet.js' });
  return module.exports;
}

/** Runs `export async function main()` of a snippet and returns what it resolves to. */
export async function runMain<T = unknown>(code: string, globals?: Record<string, unknown>): Promise<T> {
  const exports = await runSnippet(code, globals);
  const main = exports.main;
  if (typeof main !== 'function') throw new Error('snippet has no exported main()');
  return (await (main as () => Promise<T>)()) as T;
}
