// Preloaded (node --require) into a tfjs-lint process under test: any attempt to open a
// network connection, resolve a host name, start a process or compile code at run time is
// refused and written to the file named by TFJS_LINT_SIDE_EFFECT_LOG. The linter must never
// need any of these; a hostile workspace must not be able to trigger them.
// `import x = require()` gives the modules themselves (writable), not getter-only copies.
import fs = require('node:fs');
import net = require('node:net');
import dns = require('node:dns');
import childProcess = require('node:child_process');

const log = process.env.TFJS_LINT_SIDE_EFFECT_LOG;

function refuse(what: string): never {
  if (log) fs.appendFileSync(log, `${what}\n`);
  throw new Error(`side effect refused in tfjs-lint under test: ${what}`);
}

net.Socket.prototype.connect = function connect(): never {
  return refuse('net.Socket.connect');
} as typeof net.Socket.prototype.connect;
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6'] as const) {
  (dns as unknown as Record<string, unknown>)[name] = () => refuse(`dns.${name}`);
}
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => refuse(`child_process.${name}`);
}
// eval and new Function of workspace text would show up here.
const realEval = globalThis.eval;
globalThis.eval = ((code: string) => (typeof code === 'string' ? refuse('eval') : realEval(code))) as typeof eval;
