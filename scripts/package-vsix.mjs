// Packages the VS Code extension (.vsix) from a staging folder holding exactly what the
// extension needs. The repository's package.json is also the npm package's manifest: its
// "files" list (what npm publishes) cannot sit beside a .vscodeignore (vsce refuses both),
// and the extension has its own user-facing README (client/README.md). So the staged manifest
// drops the npm-only fields and lists the .vsix files itself, and the README's relative image
// links are re-based to the staged root, where the images are copied: they load from the .vsix.
// Run after `npm run build && npm run bundle` (`npm run package` does all three).
// Usage: node scripts/package-vsix.mjs [--stage-only DIR]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = 'client/README.md';
/** Files of the .vsix besides package.json, README.md and the README's images (globs, as vsce reads them). */
const SHIPPED = ['dist/extension.js', 'dist/server.js', 'dist/typescript.js', 'rules/*.md', 'schemas/*.json', 'LICENSE'];
/** Fields only npm uses; the extension manifest leaves them out. */
const NPM_ONLY = ['files', 'bin', 'exports', 'scripts', 'devDependencies', 'dependencies', 'types'];

/** Stages the extension into `dir` (emptied first); returns the staged file list. */
export function stage(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const copy = (rel) => {
    const from = path.join(root, rel);
    if (!fs.existsSync(from)) throw new Error(`${rel} is missing (run npm run build and npm run bundle first)`);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, rel));
    return rel;
  };
  const staged = [];
  for (const pattern of SHIPPED) {
    const folder = path.dirname(pattern);
    const name = path.basename(pattern);
    if (!name.includes('*')) staged.push(copy(pattern));
    else {
      const suffix = name.slice(name.indexOf('*') + 1);
      for (const file of fs.readdirSync(path.join(root, folder)).sort()) if (file.endsWith(suffix)) staged.push(copy(`${folder}/${file}`));
    }
  }

  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const key of NPM_ONLY) delete manifest[key];
  const images = [];
  if (manifest.icon) images.push(copy(manifest.icon));

  // README: relative links to images become paths from the staged root, and the images are copied.
  const readmeDir = path.dirname(README);
  const readme = fs.readFileSync(path.join(root, README), 'utf8').replace(/(!\[(?:[^[\]]|\[[^\]]*\])*\]\()([^)\s]+)(\))/g, (all, open, link, close) => {
    if (/^[a-z]+:/i.test(link) || link.startsWith('#')) return all;
    const rel = path.posix.normalize(path.posix.join(readmeDir, link));
    if (rel.startsWith('..')) throw new Error(`${README}: image ${link} is outside the repository`);
    images.push(copy(rel));
    return `${open}${rel}${close}`;
  });
  fs.writeFileSync(path.join(dir, 'README.md'), readme);

  manifest.files = [...SHIPPED, ...new Set(images), 'README.md'];
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return ['package.json', 'README.md', ...staged, ...new Set(images)];
}

function vsce(args, cwd) {
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  execFileSync(bin, args, { cwd, stdio: 'inherit' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.indexOf('--stage-only');
  if (only >= 0) {
    const dir = path.resolve(process.argv[only + 1] ?? '');
    for (const file of stage(dir)) console.log(file);
  } else {
    const dir = path.join(root, '.cache', 'vsix');
    stage(dir);
    const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // Relative links stay relative: the README's images are in the .vsix.
    vsce(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', path.join(root, `${name}-${version}.vsix`)], dir);
  }
}
