// A V8 code cache for tfjs-lint's own modules (about 1 MB of compiled JavaScript in ~100
// files), beside the one for the TypeScript module (code-cache.ts). Without it every run
// compiles each module, and then each function the run calls, from source. With it the
// functions that ran last time arrive compiled: on the official examples a run took 0.95x
// and 0.99x the wall time in two paired runs (9 and 11 rounds), 0.97x in the bench.
//
// One file holds every module's data, each entry with the checksum of the module's bytes:
// V8 checks only a source's length, so a rebuilt module of the same length would otherwise
// run the old code. A module whose checksum differs, or that has no entry, is compiled from
// source and its entry rewritten after the run. The file's name carries the folder's path (two
// installs do not share entries), Node, the platform and the V8 flags.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';
import { compileModulesWith, readChecked, removeCaches, runWrapped, runtimeKey, writeChecked } from './code-cache';

const MAGIC = Buffer.from('tfjs-lint own code cache 1\n');
const FILE_KIND = 'tfjs-lint.v1';

/**
 * The checksum of a module and of the cache's data: SHA-1 from crypto, which every run loads
 * anyway (zlib's CRC-32, the TypeScript cache's, would load zlib into runs --cache answers).
 * It guards against change and damage, not against someone who can write the cache folder.
 */
function checksum(data: Uint8Array): Buffer {
  return crypto.createHash('sha1').update(data).digest();
}

/** What happened to the modules loaded so far: compiled from the cache, or from source (none, or stale), or refused by V8. */
export interface OwnCodeCacheCounts {
  hit: number;
  miss: number;
  rejected: number;
}

export interface OwnCodeCache {
  readonly file: string;
  readonly counts: OwnCodeCacheCounts;
  /** Writes the cache (once) when a module was compiled from source. Call after the work is done; never throws. */
  save(): void;
}

interface Entry {
  /** Checksum of the module's bytes the data was made from. */
  sum: Buffer;
  data: Buffer;
}

/**
 * Compiles the modules under `root` (tfjs-lint's compiled code) loaded from now on from the
 * cache in `dir`. Modules loaded before this call are Node's; so are all when `dir` is
 * undefined (undefined is returned). `flags`: the V8 flags set at run time, as for code-cache.ts;
 * set them before this call, so that every module here is compiled under the same ones.
 */
export function cacheOwnCode(dir: string | undefined, flags: string, root: string): OwnCodeCache | undefined {
  if (!dir) return undefined;
  const cache = new ModulesCache(path.join(dir, `${FILE_KIND}_${folderHash(root)}_${runtimeKey(flags)}.v8cache`), root);
  compileModulesWith((module, filename) => cache.compile(module, filename));
  return cache;
}

class ModulesCache implements OwnCodeCache {
  readonly counts: OwnCodeCacheCounts = { hit: 0, miss: 0, rejected: 0 };
  private entries: Map<string, Entry> | undefined;
  private saved = false;
  /** The modules compiled here this run, by name relative to the root. */
  private readonly compiled = new Map<string, { sum: Buffer; script: vm.Script }>();

  constructor(
    readonly file: string,
    private readonly root: string,
  ) {}

  compile(module: Module, filename: string): boolean {
    const name = path.relative(this.root, filename);
    if (name.startsWith('..') || path.isAbsolute(name)) return false;
    const bytes = fs.readFileSync(filename);
    const sum = checksum(bytes);
    const entry = this.read().get(name);
    const cachedData = entry?.sum.equals(sum) ? entry.data : undefined;
    const text = bytes.toString('utf8');
    const script = new vm.Script(Module.wrap(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), { filename, cachedData });
    this.counts[cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit'] += 1;
    this.compiled.set(name, { sum, script });
    runWrapped(script, module, filename);
    return true;
  }

  save(): void {
    if (this.saved || this.counts.miss + this.counts.rejected === 0) return;
    this.saved = true;
    try {
      // Entries of modules this run did not load are kept: another kind of run loads them.
      const entries = new Map(this.read());
      for (const [name, { sum, script }] of this.compiled) entries.set(name, { sum, data: script.createCachedData() });
      if (writeChecked(this.file, MAGIC, encode(entries), checksum)) removeOtherNodes(this.file);
    } catch {
      // a cache never fails a run
    }
  }

  /** The cache file's entries (none when it is missing, foreign or damaged), read once. */
  private read(): Map<string, Entry> {
    if (this.entries) return this.entries;
    const data = readChecked(this.file, MAGIC, checksum);
    this.entries = (data && decode(data)) ?? new Map();
    return this.entries;
  }
}

function folderHash(root: string): string {
  return crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 12);
}

/** Entries as bytes: per module its name's length and name, the checksum's, the data's length and data. */
function encode(entries: Map<string, Entry>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, { sum, data }] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(12);
    head.writeUInt32LE(nameBytes.length, 0);
    head.writeUInt32LE(sum.length, 4);
    head.writeUInt32LE(data.length, 8);
    parts.push(head, nameBytes, sum, data);
  }
  return Buffer.concat(parts);
}

/** The entries encode wrote, or undefined when the bytes are not such a list. */
function decode(bytes: Buffer): Map<string, Entry> | undefined {
  const entries = new Map<string, Entry>();
  for (let at = 0; at < bytes.length; ) {
    if (at + 12 > bytes.length) return undefined;
    const [nameLength, sumLength, dataLength] = [bytes.readUInt32LE(at), bytes.readUInt32LE(at + 4), bytes.readUInt32LE(at + 8)];
    const end = at + 12 + nameLength + sumLength + dataLength;
    if (end > bytes.length) return undefined;
    const name = bytes.toString('utf8', at + 12, at + 12 + nameLength);
    const sumAt = at + 12 + nameLength;
    entries.set(name, { sum: bytes.subarray(sumAt, sumAt + sumLength), data: bytes.subarray(sumAt + sumLength, end) });
    at = end;
  }
  return entries;
}

/** This folder's caches made by other versions of Node, which are never read again. */
function removeOtherNodes(current: string): void {
  const [kind, folder, node] = path.basename(current).split('_');
  removeCaches(path.dirname(current), (parts) => parts[0] === kind && parts[1] === folder && parts[2] !== node);
}
