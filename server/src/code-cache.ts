// A V8 code cache for the TypeScript module (9 MB of JavaScript). Compiling it is most of
// what loading it costs, on every run of the CLI and every start of the language server
// (both use this cache); with V8's cached data from an earlier run the functions arrive
// compiled. Node 20 has no module.enableCompileCache (22.1+), so the module is compiled here
// with vm.Script's cachedData when Node's loader reaches it. The cache is written after a
// run (the CLI) or after the first lint (the server), so it holds the functions that run
// compiled (the parser, the scanner), not just the top level.
//
// A cache never fails a run: an unreadable, unwritable, corrupt or foreign file is ignored
// (and replaced after the run). The file carries a checksum of V8's data, because V8 trusts
// what it deserialises; its name carries the module's checksum and size, Node's version, the
// platform and the V8 flags, because V8 rejects data made under other ones. The checksums
// are CRC-32 (zlib's, Node 20.15 and later; SHA-256 before): they guard against damage and
// change, not against someone who can write the user's cache folder, and a hash of the 9 MB
// module on every run cost more than the rest of the cache's own work.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';

const MAGIC = Buffer.from('tfjs-lint v8 code cache 2\n');
/**
 * The first part of a cache file's name. Format 1 files were `typescript_...`; a build of that
 * format deletes every `typescript_` file of another hash, so this format's own name keeps
 * builds of both formats on one machine from deleting each other's caches on every run.
 */
const FILE_KIND = 'typescript.v2';
const FORMAT_1_KIND = 'typescript';
/** zlib's CRC-32, loaded when TypeScript is (zlib takes ~3 ms to load: a run --cache answers never needs it). */
let crc32: ((data: Uint8Array) => number) | null | undefined;

/** The checksum a cache file carries of its V8 data (and the module's name part): CRC-32, or SHA-256 where Node has no zlib.crc32. */
export function checksum(data: Uint8Array): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crc32 ??= (require('node:zlib') as { crc32?: (data: Uint8Array) => number }).crc32 ?? null;
  if (!crc32) return crypto.createHash('sha256').update(data).digest();
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out;
}
/** Node's CommonJS wrapper (Module.wrap), around the bytes of the module. */
const WRAPPER_HEAD = Buffer.from('(function (exports, require, module, __filename, __dirname) { ');
const WRAPPER_TAIL = Buffer.from('\n});');

export type CodeCacheState =
  | 'off' // no cache folder
  | 'waiting' // TypeScript not loaded (yet)
  | 'hit' // compiled from the cache
  | 'miss' // no usable cache file: compiled from source, written by save()
  | 'rejected'; // V8 refused the data (another V8 or flags): compiled from source, rewritten

export interface CodeCache {
  readonly state: CodeCacheState;
  /** The cache file for this module, Node and flags (once TypeScript is loaded). */
  readonly file: string | undefined;
  /** Writes the cache when the run had none usable. Call after the work is done; never throws. */
  save(): void;
}

/**
 * The folder for compiled-code caches: TFJS_LINT_CODE_CACHE (a folder, or "off"), else the
 * user's cache folder. A per-user folder, never a shared temp folder: the data is code.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.TFJS_LINT_CODE_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  if (setting) return path.resolve(setting);
  if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'tfjs-lint', 'Cache') : undefined;
  const base = env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'tfjs-lint') : undefined;
}

/**
 * Compiles the TypeScript module from the cache in `dir` when Node first loads it (the
 * engine loads it lazily, so a run that parses nothing pays nothing). `flags` names V8 flags
 * set at run time, which V8 checks but process.execArgv does not show.
 */
export function cacheTypeScriptCode(dir: string | undefined, flags = ''): CodeCache {
  const cache = new ModuleCodeCache(dir, flags);
  if (dir) cache.install();
  return cache;
}

type Loader = (module: Module, filename: string) => void;
const loaders = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/**
 * Puts `compile` before Node's loader for .js files (require.extensions, the one documented
 * place to compile a module another way): it compiles the modules it returns true for, Node
 * the others. Each cache (the TypeScript module, tfjs-lint's own) adds one.
 */
export function compileModulesWith(compile: (module: Module, filename: string) => boolean): void {
  const before = loaders['.js'];
  loaders['.js'] = function (this: unknown, module: Module, filename: string) {
    if (!compile(module, filename)) before.call(this, module, filename);
  };
}

/** Runs a module's code compiled as Node wraps it (Module.wrap), as Node would run it. */
export function runWrapped(script: vm.Script, module: Module, filename: string): void {
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
}

class ModuleCodeCache implements CodeCache {
  state: CodeCacheState;
  file: string | undefined;
  private script: vm.Script | undefined;

  constructor(
    private readonly dir: string | undefined,
    private readonly flags: string,
  ) {
    this.state = dir ? 'waiting' : 'off';
  }

  install(): void {
    const target = typeScriptModuleFile();
    if (!target) {
      this.state = 'off';
      return;
    }
    let compiled = false;
    compileModulesWith((module, filename) => {
      if (compiled || filename !== target) return false;
      compiled = true;
      this.compile(module, filename);
      return true;
    });
  }

  private compile(module: Module, filename: string): void {
    this.script = this.scriptOf(filename);
    runWrapped(this.script, module, filename);
  }

  /**
   * The module compiled, from the cache when it has usable data. The file's bytes live in
   * wrappedModule alone and the cache's data in this function alone, so they are garbage
   * before the module runs and a young-generation collection frees them (otherwise they were
   * promoted, and kept until a full collection, which a short run may never make).
   */
  private scriptOf(filename: string): vm.Script {
    const { text, key } = wrappedModule(filename, this.flags);
    this.file = path.join(this.dir!, `${FILE_KIND}_${key}.v8cache`);
    const cachedData = readChecked(this.file);
    const script = new vm.Script(text, { filename, cachedData });
    this.state = cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
    return script;
  }

  save(): void {
    if (!this.script || !this.file || this.state === 'hit') return;
    if (!writeChecked(this.file, MAGIC, this.script.createCachedData())) return;
    this.state = 'hit';
    removeStale(this.file);
  }
}

/** Writes `magic`, the checksum of `data` (`sum`) and `data` to `file` whole (a temporary file renamed); false when it cannot. */
export function writeChecked(file: string, magic: Buffer, data: Buffer, sum = checksum): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat([magic, sum(data), data]));
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

/**
 * The file of the module engine/ts.ts requires: in node_modules, or beside the bundled
 * server of the VS Code extension (scripts/bundle.mjs keeps it a file of its own there).
 */
function typeScriptModuleFile(): string | undefined {
  const bundled = path.join(__dirname, BUNDLED_TYPESCRIPT);
  if (fs.existsSync(bundled)) return bundled;
  try {
    return require.resolve('@ts-morph/common/dist/typescript.js');
  } catch {
    return undefined;
  }
}

/** The TypeScript module's name beside the bundled server (dist/). */
export const BUNDLED_TYPESCRIPT = 'typescript.js';

/**
 * The module's text wrapped as Node wraps a module, and its cache key. The file is read once,
 * straight between the wrapper's bytes, and decoded once, so the run touches 18 MB of fresh
 * memory for it, not 27 (each first touch of a page is a page fault, and those cost more than
 * the copying). Decoded as UTF-8, never as Latin-1 even though TypeScript's build is ASCII:
 * Node makes a Latin-1 text this large an external string, outside V8's heap, and that moved
 * V8's full collections so that the server's lint of 1,000 generated files peaked at 247 MB
 * instead of 194 (the CLI's time was the same either way: 15 paired rounds, 1.00x). The bytes
 * are this function's alone: garbage before V8 compiles, which allocates enough to promote them.
 */
export function wrappedModule(filename: string, flags: string): { text: string; key: string } {
  const bytes = readBetween(filename, WRAPPER_HEAD, WRAPPER_TAIL);
  const file = bytes.subarray(WRAPPER_HEAD.length, bytes.length - WRAPPER_TAIL.length);
  const key = keyOf(file, flags);
  let wrapped = bytes;
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) {
    // A byte order mark is not part of the text: the head moves up over it.
    WRAPPER_HEAD.copy(bytes, 3);
    wrapped = bytes.subarray(3);
  }
  return { text: wrapped.toString('utf8'), key };
}

/** The file's bytes with `head` before and `tail` after, in one buffer. */
function readBetween(filename: string, head: Buffer, tail: Buffer): Buffer {
  const fd = fs.openSync(filename, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(head.length + size + tail.length + 1);
    head.copy(bytes, 0);
    // Read to the end, asking for one byte past the size: a file that grew since fstat shows it.
    let read = 0;
    for (let n = 1; n > 0 && read <= size; read += n) n = fs.readSync(fd, bytes, head.length + read, size + 1 - read, null);
    // It changed size since fstat: read it whole the plain way.
    if (read !== size) return Buffer.concat([head, fs.readFileSync(filename), tail]);
    tail.copy(bytes, head.length + size);
    return bytes.subarray(0, head.length + size + tail.length);
  } finally {
    fs.closeSync(fd);
  }
}

/** Module content (checksum and size), Node, platform and flags: what V8's data depends on. */
function keyOf(bytes: Buffer, flags: string): string {
  const moduleHash = (checksum(bytes).toString('hex') + bytes.length.toString(16).padStart(8, '0')).slice(0, 16);
  return `${moduleHash}_${runtimeKey(flags)}`;
}

/** Node, platform and V8 flags (those given to node and those set at run time): V8 refuses data made under others. */
export function runtimeKey(flags: string): string {
  const flagHash = crypto.createHash('sha256').update(`${process.execArgv.join(' ')}|${flags}`).digest('hex').slice(0, 8);
  return `node${process.version}_${process.platform}_${process.arch}_${flagHash}`;
}

/** The data of a cache file writeChecked wrote with `magic` and `sum`, or undefined when it is missing, foreign or damaged. */
export function readChecked(file: string, magic = MAGIC, sum = checksum): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const head = magic.length + sum(Buffer.alloc(0)).length;
  if (bytes.length <= head || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
  const data = bytes.subarray(head);
  return sum(data).equals(bytes.subarray(magic.length, head)) ? data : undefined;
}

/** Caches of other TypeScript builds or other Node versions, and of the older format, are never read again. */
function removeStale(current: string): void {
  const [moduleHash, node] = path.basename(current).split('_').slice(1, 3);
  removeCaches(path.dirname(current), ([kind, hash, version]) => kind === FORMAT_1_KIND || (kind === FILE_KIND && (hash !== moduleHash || version !== node)));
}

/** Deletes the `.v8cache` files of `dir` whose name, split at `_`, is `stale`; a file it cannot delete stays. */
export function removeCaches(dir: string, stale: (nameParts: string[]) => boolean): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.v8cache') || !stale(name.split('_'))) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
    } catch {
      // another process's file, or already gone
    }
  }
}
