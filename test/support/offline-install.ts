// Installing packages into a fresh temporary project with no network: the project's lock file
// copies, from this repository's package-lock.json, the entries of the packages asked for and
// of everything they need (dependencies and peers, resolved the way Node resolves them from
// where the repository's lock placed them), so `npm ci --offline` takes their tarballs from the
// npm cache that the repository's `npm ci` filled.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

let lock: Record<string, LockEntry> | undefined;
function lockPackages(): Record<string, LockEntry> {
  return (lock ??= (JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages);
}

/** Where Node finds `name` from the package at `from` (a lock path, '' for the root). */
function resolveInLock(name: string, from: string): string | undefined {
  const packages = lockPackages();
  for (let dir = from; ; ) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}

/**
 * The lock entries of `names` (as found from `from`) and of everything they need, at the same
 * places relative to `from`. Throws when two versions would need one place.
 */
export function lockEntriesFor(names: readonly string[], from = '', skip: readonly string[] = []): Record<string, LockEntry> {
  const packages = lockPackages();
  const out: Record<string, LockEntry> = {};
  const queue = names.map((name) => ({ name, from, peer: false }));
  while (queue.length) {
    const { name, from: at, peer } = queue.shift()!;
    if (skip.includes(name)) continue;
    // A peer is whatever the project already provides (the packages asked for come first).
    if (peer && out[`node_modules/${name}`]) continue;
    const where = resolveInLock(name, at);
    if (!where) throw new Error(`${name} (needed from ${at || 'the root'}) is not in package-lock.json`);
    const entry = packages[where];
    // The same place in the fresh project: below `from`, or where the lock hoisted it.
    const key = from && where.startsWith(`${from}/`) ? where.slice(from.length + 1) : where;
    if (out[key]) {
      if (out[key].version !== entry.version) throw new Error(`two versions of ${name} would be needed: ${out[key].version} and ${entry.version}`);
      continue;
    }
    const { dev, devOptional, peer: isPeer, ...kept } = entry; // the fresh project decides those
    void dev, void devOptional, void isPeer;
    // The lock has no tarball URLs (npm derives them from the registry's metadata, which the cache
    // may not hold); with the URL and the integrity hash npm finds the tarball in the cache.
    out[key] = { resolved: tarballUrl(name, String(entry.version)), ...kept };
    const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n);
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push({ name: dep, from: where, peer: false });
    for (const dep of Object.keys(entry.peerDependencies ?? {})) if (!optionalPeers.includes(dep)) queue.push({ name: dep, from: where, peer: true });
  }
  return out;
}

function tarballUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.slice(name.indexOf('/') + 1)}-${version}.tgz`;
}

/**
 * Writes package.json and package-lock.json of a project with the given dependencies (spec per
 * name) whose lock entries are `entries`, then runs `npm ci --offline` in it. `peersProvided`:
 * peers left out of `entries` on purpose (the caller provides them), which npm must not install.
 */
export function installOffline(dir: string, dependencies: Record<string, string>, entries: Record<string, LockEntry>, peersProvided = false): void {
  const manifest = { name: 'fresh-project', version: '1.0.0', private: true, dependencies };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const packages = { '': { name: manifest.name, version: manifest.version, dependencies }, ...entries };
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages }, null, 2));
  const flags = ['--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...(peersProvided ? ['--legacy-peer-deps'] : [])];
  const r = spawnSync(NPM, ['ci', ...flags], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) {
    throw new Error(`npm ci --offline failed in ${dir} (${r.status}); the npm cache must hold this repository's dependencies (run npm ci in the repository first).\n${r.stdout}\n${r.stderr}`);
  }
}
