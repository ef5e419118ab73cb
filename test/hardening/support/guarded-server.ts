// Test-only server entry: the shipped bin (bin/tfjs-lint-server.js) with no-side-effects.js
// loaded before it, as `node --require` would (LspTestClient spawns `node <entry> --stdio`,
// so the preload comes in through this entry), plus guards against running workspace code:
// loading a module from outside the tool, `Function(...)`, vm compilation of anything but the
// collector lookup, and prototype pollution (checked at exit). Every refusal goes to the file
// named by `--side-effect-log=<path>`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module = require('node:module');
import vm = require('node:vm');

const logArg = process.argv.find((a) => a.startsWith('--side-effect-log='));
if (logArg) process.env.TFJS_LINT_SIDE_EFFECT_LOG = logArg.slice('--side-effect-log='.length);
const log = process.env.TFJS_LINT_SIDE_EFFECT_LOG;

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./no-side-effects');

const TOOL_ROOT = path.resolve(__dirname, '../../../..');
const SERVER_BIN = path.join(TOOL_ROOT, 'bin', 'tfjs-lint-server.js');

function refuse(what: string): never {
  if (log) fs.appendFileSync(log, `${what}\n`);
  throw new Error(`refused in tfjs-lint under test: ${what}`);
}

// Modules: node's own, or files of the tool (its out/ and node_modules); never the workspace's.
type Loader = { _load(request: string, parent: unknown, isMain: boolean): unknown; _resolveFilename(request: string, parent: unknown, isMain: boolean): string };
const loader = Module as unknown as Loader;
const realLoad = loader._load;
loader._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
  if (!Module.isBuiltin(request)) {
    const file = loader._resolveFilename(request, parent, isMain);
    if (path.isAbsolute(file) && !file.startsWith(TOOL_ROOT + path.sep)) refuse(`require ${file}`);
  }
  return realLoad.call(this, request, parent, isMain);
};

// Code from strings. The server looks up V8's collector with the literal 'gc' (server/src/lsp/heap.ts).
globalThis.Function = new Proxy(Function, {
  apply: () => refuse('Function()'),
  construct: () => refuse('new Function'),
});
for (const name of ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction'] as const) {
  const real = vm[name] as (...args: unknown[]) => unknown;
  (vm as unknown as Record<string, unknown>)[name] = (code: unknown, ...rest: unknown[]) => (code === 'gc' ? real(code, ...rest) : refuse(`vm.${name}`));
}

// Prototype pollution: whatever a config's __proto__ or constructor key added shows at exit.
const protos = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const before = Object.fromEntries(Object.entries(protos).map(([k, p]) => [k, Reflect.ownKeys(p).map(String).sort().join(',')]));
process.on('exit', () => {
  for (const [k, p] of Object.entries(protos)) {
    const now = Reflect.ownKeys(p).map(String).sort().join(',');
    if (now !== before[k] && log) fs.appendFileSync(log, `${k}.prototype changed: ${now}\n`);
  }
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
require(SERVER_BIN);
