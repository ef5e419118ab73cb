// Exports the real-code corpus: public tfjs projects written by others, read from git snapshots
// and written as plain files into the git-ignored corpus/ folder, where `npm run corpus` lints them.
// Their code is never committed here; scripts/corpus/repos.json pins the repositories and commits.
//
//   node scripts/corpus/export.mjs                 export every repository in repos.json
//   node scripts/corpus/export.mjs --repo tfjs-ex  only repositories whose owner/name contains this
//   node scripts/corpus/export.mjs --pin           record each snapshot's HEAD for entries with no commit
//
// Snapshots are git directories at $CORPUS_MIRROR/<owner>+<name>/repo (or repo/.git; default /work/.mirror),
// as the `fetch` tool of the development environment leaves them (`fetch github:<owner>/<name>`).
// Output: corpus/<owner>+<name>/<path> for JS/TS, .html, .vue and .svelte files, package.json files
// and saved tfjs models (model.json with a modelTopology), so import, config and model-loading
// analyses can follow them. Skipped: node_modules, bower_components, *.min.js, vendored tfjs
// bundles, files over 2 MB.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reposFile = path.join(root, 'scripts', 'corpus', 'repos.json');
const outDir = path.join(root, 'corpus');
const mirror = process.env.CORPUS_MIRROR ?? '/work/.mirror';
const maxBytes = 2 * 1024 * 1024;

const codeFile = /\.(?:[cm]?[jt]s|[jt]sx|html?|vue|svelte)$/i;
const skippedDir = /(?:^|\/)(?:node_modules|bower_components|\.git)\//;
// tfjs itself copied into a project: tf.js, tf.min.js, tf.es2017.js, tfjs.js, tf-core.js, tfjs-vis.umd.js, ...
const vendoredTfjsName = /(?:^|\/)(?:tf|tfjs)(?:[-.][\w.-]*)?\.js$/i;

function parseArgs(argv) {
  const args = { repo: undefined, pin: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repo') args.repo = argv[++i];
    else if (argv[i] === '--pin') args.pin = true;
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/corpus/export.mjs [--repo <substring>] [--pin]');
      process.exit(0);
    } else {
      console.error(`unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  return args;
}

function git(gitDir, args, input) {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], {
    input,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')}: ${result.stderr.toString().trim()}`);
  }
  return result.stdout;
}

/** The snapshot's git directory: <mirror>/<owner>+<name>/repo, or repo/.git when it came with a work tree. */
function gitDirOf(repo) {
  const dir = path.join(mirror, repo.replace('/', '+'), 'repo');
  return fs.existsSync(path.join(dir, '.git')) ? path.join(dir, '.git') : dir;
}

/** Files of the commit worth exporting, by name and size alone: { path, sha, size }. */
function candidates(gitDir, commit) {
  const listing = git(gitDir, ['ls-tree', '-r', '-l', '-z', commit]).toString('utf8');
  const files = [];
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [, type, sha, size] = entry.slice(0, tab).split(/\s+/);
    const file = entry.slice(tab + 1);
    if (type !== 'blob' || size === '-' || Number(size) > maxBytes) continue;
    if (skippedDir.test(file) || /\.min\.js$/i.test(file) || vendoredTfjsName.test(file)) continue;
    const base = path.posix.basename(file);
    const wanted = codeFile.test(file) || base === 'package.json' || (base.endsWith('.json') && /model/i.test(base));
    if (wanted) files.push({ path: file, sha, size: Number(size) });
  }
  return files;
}

/** Reads many blobs with one `git cat-file --batch`. */
function readBlobs(gitDir, shas) {
  const out = git(gitDir, ['cat-file', '--batch'], shas.join('\n') + '\n');
  const blobs = new Map();
  let at = 0;
  while (at < out.length) {
    const lineEnd = out.indexOf(10, at);
    const [sha, type, size] = out.subarray(at, lineEnd).toString('utf8').split(' ');
    if (type === 'missing') {
      at = lineEnd + 1;
      continue;
    }
    const start = lineEnd + 1;
    blobs.set(sha, out.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}

/** A webpack/rollup bundle or a copied dist file that carries tfjs itself, not code using it. */
function isVendoredBundle(text) {
  if (text.length < 200_000) return false;
  // tfjs's own license header at the top (face-api.js and other UMD bundles start with it)
  return /tfjs-core|ENV\.registerFlag|registerKernel\(/.test(text) || /Copyright 20\d\d Google LLC/.test(text.slice(0, 3000));
}

/** JSON other than package.json is kept only when it is a saved tfjs model (model.json). */
function isWanted(file, text) {
  if (file.endsWith('.json') && path.posix.basename(file) !== 'package.json') {
    return /"modelTopology"|"format"\s*:\s*"layers-model"/.test(text.slice(0, 4096));
  }
  return !isVendoredBundle(text);
}

function exportRepo(entry) {
  const gitDir = gitDirOf(entry.repo);
  if (!fs.existsSync(gitDir)) {
    console.log(`${entry.repo}: no snapshot at ${gitDir}; get it with the fetch tool (fetch github:${entry.repo}), then run this again`);
    return undefined;
  }
  const commit = entry.commit ?? 'HEAD';
  let files;
  try {
    files = candidates(gitDir, commit);
  } catch (error) {
    console.log(`${entry.repo}: commit ${commit} is not in ${gitDir} (${error.message.split('\n')[0]}); fetch a newer snapshot or re-pin with --pin`);
    return undefined;
  }
  const blobs = readBlobs(gitDir, [...new Set(files.map((f) => f.sha))]);
  const target = path.join(outDir, entry.repo.replace('/', '+'));
  fs.rmSync(target, { recursive: true, force: true });
  let written = 0;
  let skipped = 0;
  for (const file of files) {
    const blob = blobs.get(file.sha);
    if (!blob) continue;
    const text = blob.toString('utf8');
    if (!isWanted(file.path, text)) {
      skipped++;
      continue;
    }
    const dest = path.join(target, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, blob);
    written++;
  }
  console.log(`${entry.repo}: ${written} files${skipped ? `, ${skipped} vendored bundles or other JSON skipped` : ''}`);
  return written;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const repos = JSON.parse(fs.readFileSync(reposFile, 'utf8'));
  if (args.pin) {
    for (const entry of repos) {
      const gitDir = gitDirOf(entry.repo);
      if (entry.commit || !fs.existsSync(gitDir)) continue;
      entry.commit = git(gitDir, ['rev-parse', 'HEAD']).toString('utf8').trim();
      console.log(`${entry.repo}: pinned ${entry.commit}`);
    }
    fs.writeFileSync(reposFile, JSON.stringify(repos, null, 2) + '\n');
  }
  let exported = 0;
  let missing = 0;
  for (const entry of repos) {
    if (args.repo && !entry.repo.toLowerCase().includes(args.repo.toLowerCase())) continue;
    if (exportRepo(entry) === undefined) missing++;
    else exported++;
  }
  console.log(`\n${exported} repositories exported into ${path.relative(root, outDir)}/${missing ? `, ${missing} missing (see above)` : ''}`);
}

main();
