#!/usr/bin/env node
// Installs the real editors the editor tests drive, outside the project's own dependencies:
// Debian packages (neovim, chromium, and what code-server's install needs) with apt, and
// code-server into a cache folder. Idempotent: a second run only checks and returns.
//
// Usage: node scripts/editors/install.mjs [--check]
//   --check  report what is missing and exit 1 if anything is, install nothing.
// Prints one JSON line on stdout: { nvim, chromium, codeServer } (paths, or null).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, codeServerBin, codeServerDir, editorsCache, findExecutable } from './paths.mjs';

const checkOnly = process.argv.includes('--check');
const log = (msg) => process.stderr.write(`[editors:install] ${msg}\n`);

function aptPackagesNeeded() {
  const needed = [];
  if (!findExecutable('nvim')) needed.push('neovim');
  if (!fs.existsSync('/usr/bin/chromium')) needed.push('chromium');
  if (!fs.existsSync(codeServerBin())) {
    // Only code-server's own install needs these (kerberos build, ripgrep binary).
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) needed.push('libkrb5-dev');
    if (!fs.existsSync('/usr/bin/rg')) needed.push('ripgrep');
  }
  return needed;
}

function aptInstall(packages) {
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : findExecutable('sudo') ? ['sudo', '-n'] : null;
  if (!sudo) throw new Error(`need root or sudo to apt-get install ${packages.join(' ')}`);
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 15 * 60_000,
    });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  };
  log(`apt-get install ${packages.join(' ')}`);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=600', ...packages]);
}

// @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this tarball in
// os.tmpdir(); we build it from Debian's /usr/bin/rg.
function prepareRipgrepCache(tmp) {
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!fs.existsSync(tarball)) execFileSync('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
}

function installCodeServer() {
  const dir = codeServerDir();
  const tmp = path.join(editorsCache(), 'tmp');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  prepareRipgrepCache(tmp);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, name: 'tfjs-lint-editors' }) + '\n');
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${dir} (about 2 minutes the first time)`);
  const started = Date.now();
  const r = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 20 * 60_000,
      env: {
        ...process.env,
        TMPDIR: tmp,
        npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
        npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
        npm_config_cache: path.join(editorsCache(), 'npm-cache'),
      },
    },
  );
  if (r.status !== 0 || !fs.existsSync(codeServerBin())) {
    throw new Error(`code-server install failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  }
  fs.writeFileSync(path.join(dir, '.installed'), `${CODE_SERVER_VERSION}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function codeServerInstalled() {
  const marker = path.join(codeServerDir(), '.installed');
  return fs.existsSync(codeServerBin()) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
}

function main() {
  const started = Date.now();
  const aptNeeded = aptPackagesNeeded();
  const csNeeded = !codeServerInstalled();
  if (checkOnly) {
    const missing = [...aptNeeded, ...(csNeeded ? [`code-server@${CODE_SERVER_VERSION}`] : [])];
    if (missing.length) log(`missing: ${missing.join(', ')}`);
    report();
    process.exit(missing.length ? 1 : 0);
  }
  if (aptNeeded.length) aptInstall(aptNeeded);
  if (csNeeded) installCodeServer();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (cache ${editorsCache()})`);
  report();
}

function report() {
  process.stdout.write(
    JSON.stringify({
      nvim: findExecutable('nvim'),
      chromium: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null,
      codeServer: codeServerInstalled() ? codeServerBin() : null,
    }) + '\n',
  );
}

try {
  main();
} catch (err) {
  log(`FAILED: ${err.message}`);
  process.exit(1);
}
