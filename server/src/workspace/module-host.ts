// The workspace's files as the engine's module host sees them (engine/modules.ts): a relative
// specifier resolved as Node and bundlers do for local files (as written, with an extension,
// a TypeScript file for a `.js` specifier, a folder's index file), read with the size and
// binary checks of every source file. Shared by the CLI (one per run) and the server (kept,
// with the editor's text of open files winning over the disk, and forgotten on change).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRelativeSpecifier, type ModuleHost, type ModuleSource } from '../engine/modules';
import { readSource } from './source';
import { MAX_MODEL_JSON_BYTES } from '../engine/model-json';
import { EXTENSIONS as SOURCE_EXTENSIONS, SKIPPED_FOLDERS, isFile } from './files';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** A module larger than this is not read (its values stay unknown): config and model files are small. */
export const MAX_MODULE_BYTES = 1024 * 1024;
/** A project with more source files than this is not searched for importers (they stay unknown). */
const MAX_PROJECT_FILES = 5000;
/** The relative specifiers of imports, re-exports, requires and dynamic imports, read from the text. */
export const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])(\.\.?(?:\/[^"'\n]*)?)\1/g;
/** Every specifier of those forms, relative or not. */
const ANY_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)\1/g;

/** Which files import each module of a package; and the last names of its other specifiers (aliases like `@/model` may name a module too). */
interface ImportIndex {
  importers: Map<string, Set<string>>;
  bareNames: Set<string>;
}

export class WorkspaceModuleHost implements ModuleHost {
  /** Resolution per (folder, specifier), and each file's text (undefined: unreadable), until forgotten. */
  private readonly resolved = new Map<string, string | undefined>();
  /** Per resolution key: the files whose appearance would change its answer (see probed). */
  private readonly probes = new Map<string, readonly string[]>();
  /** Per classic script: the other files of its pages (pageScriptsOf; a script's globals each ask it); per folder, its pages and what they load; until forgotten. */
  private readonly pageMates = new Map<string, ModuleSource[] | undefined>();
  private readonly folderPages = new Map<string, { page: string; text: string; loaded: string[] }[] | undefined>();
  private readonly texts = new Map<string, string | undefined>();

  /** Per package root: each module and the files that import it (undefined: too many files to search). */
  private readonly importIndexes = new Map<string, ImportIndex | undefined>();

  constructor(
    /** The editor's text of an open file; undefined: read the disk. */
    private readonly openText: (fileName: string) => string | undefined = () => undefined,
    private readonly maxBytes = MAX_MODULE_BYTES,
    /**
     * The folder within which a module's project (the folder of its nearest package.json) is
     * searched for the module's importers (the CLI: its working folder; one run sees the disk
     * as it is). None: importers are not searched (the server: files change under it unseen).
     */
    private readonly importerBoundary?: string,
  ) {}

  /**
   * The files of the module's package (the folder of the nearest package.json) that import
   * it, read from their text (relative specifiers of imports, requires, re-exports; HTML,
   * Vue and Svelte files too). Unknown outside a package, for a package's entry point (code
   * outside the workspace loads it), and in a project of more than MAX_PROJECT_FILES files.
   * Files over the size limit are not searched: bundles and vendored libraries. A module whose
   * name ends some non-relative specifier of the package (`@/utils/model`, `src/model`: a path
   * alias of a bundler or of tsconfig) may be imported where we cannot tell: unknown too.
   */
  importersOf(fileName: string): ModuleSource[] | undefined {
    if (this.importerBoundary === undefined || !path.isAbsolute(fileName)) return undefined;
    const root = importerPackageOf(fileName, this.importerBoundary);
    if (!root || isPackageEntry(root, fileName)) return undefined;
    let index = this.importIndexes.get(root);
    if (!this.importIndexes.has(root)) this.importIndexes.set(root, (index = this.indexImports(root)));
    if (!index || mayBeAliased(fileName, index.bareNames)) return undefined;
    const out: ModuleSource[] = [];
    for (const importer of [...(index.importers.get(fileName) ?? [])].sort()) {
      const text = this.text(importer);
      if (text === undefined) return undefined;
      out.push({ fileName: importer, text });
    }
    return out;
  }

  private indexImports(root: string): ImportIndex | undefined {
    const files = packageSourceFiles(root);
    if (!files) return undefined;
    const index: ImportIndex = { importers: new Map(), bareNames: new Set() };
    for (const file of files) {
      let text = this.openText(file);
      if (text === undefined) {
        const read = readSource(file, this.maxBytes);
        if (!('text' in read)) continue;
        text = read.text;
      }
      for (const m of text.matchAll(ANY_SPECIFIER)) {
        if (!isRelativeSpecifier(m[2])) {
          index.bareNames.add(stemOf(m[2]));
          continue;
        }
        const target = this.resolve(m[2], file)?.fileName;
        if (target === undefined || target === file) continue;
        let importers = index.importers.get(target);
        if (!importers) index.importers.set(target, (importers = new Set()));
        importers.add(file);
      }
    }
    return index;
  }

  resolve(specifier: string, fromFile: string): ModuleSource | undefined {
    const fileName = this.resolution('module', specifier, fromFile);
    if (fileName === undefined) return undefined;
    const text = this.text(fileName);
    return text === undefined ? undefined : { fileName, text };
  }

  resolveModelJson(url: string, fromFile: string): ModuleSource | undefined {
    const fileName = this.resolution('model', url, fromFile);
    if (fileName === undefined) return undefined;
    const text = this.text(fileName, MAX_MODEL_JSON_BYTES);
    return text === undefined ? undefined : { fileName, text };
  }

  /**
   * The files whose appearance would change what resolve ('module') or resolveModelJson
   * ('model') answers for these arguments: for a module, the candidates tried before the one
   * found (all of them when none was); for a model.json, every place it could be served from
   * and the package.json files that bound them.
   */
  probed(kind: 'module' | 'model', specifier: string, fromFile: string): readonly string[] {
    if (!path.isAbsolute(fromFile)) return [];
    const key = resolutionKey(kind, specifier, fromFile);
    let probed = this.probes.get(key);
    if (!probed) this.resolution(kind, specifier, fromFile, (probed = []));
    return probed;
  }

  /** Resolutions are kept; the files probed only when asked (probed: the package index resolves every specifier of a package). */
  private resolution(kind: 'module' | 'model', specifier: string, fromFile: string, probed?: string[]): string | undefined {
    if (!path.isAbsolute(fromFile)) return undefined; // stdin without a file name
    const key = resolutionKey(kind, specifier, fromFile);
    if (this.resolved.has(key) && !probed) return this.resolved.get(key);
    const fileName = kind === 'module' ? this.find(path.resolve(path.dirname(fromFile), specifier), probed ?? []) : this.findModelJson(specifier, fromFile, probed ?? []);
    this.resolved.set(key, fileName);
    if (probed) this.probes.set(key, probed);
    return fileName;
  }

  /**
   * Where a model URL can be served from: the file's folder and those above it up to its
   * package root (Node's cwd, the folder a dev server serves, the page beside the script),
   * and their `public/` and `static/` folders. Found in more than one place: unknown. Every
   * place looked at goes to `probed`.
   */
  private findModelJson(url: string, fromFile: string, probed: string[]): string | undefined {
    let rest = url.split(/[?#]/)[0];
    const fileUrl = /^file:\/\//i.test(rest);
    if (fileUrl) rest = rest.slice('file://'.length);
    else if (/^[a-z][\w+.-]*:/i.test(rest)) return undefined; // http(s), indexeddb://, localstorage://
    if (!rest.endsWith('.json')) return undefined;
    if (fileUrl && path.isAbsolute(rest)) {
      probed.push(rest);
      return isFile(rest) ? rest : undefined;
    }
    const relative = rest.replace(/^\/+/, '');
    const found = new Set<string>();
    for (const dir of servedFolders(path.dirname(fromFile), probed)) {
      const bases = fileUrl ? [dir] : [dir, path.join(dir, 'public'), path.join(dir, 'static')];
      for (const base of bases) {
        const candidate = path.resolve(base, relative);
        if (candidate.split(path.sep).includes('node_modules')) continue;
        probed.push(candidate);
        if (isFile(candidate)) found.add(candidate);
      }
    }
    if (found.size !== 1) return undefined;
    return [...found][0];
  }

  /**
   * The other files of the pages that load a classic script: the HTML pages in its folder and
   * the PAGE_FOLDERS_UP folders above it (within the importer boundary) whose `<script src>`
   * names it, and the local scripts those pages load besides. A page that loads a script by an
   * absolute path (`/js/app.js`: where the server roots it is unknown) cannot tell. Like
   * importersOf, the command line's only: the editor does not see every page.
   */
  pageScriptsOf(fileName: string): ModuleSource[] | undefined {
    if (this.pageMates.has(fileName)) return this.pageMates.get(fileName);
    const mates = this.findPageScripts(fileName);
    this.pageMates.set(fileName, mates);
    return mates;
  }

  private findPageScripts(fileName: string): ModuleSource[] | undefined {
    const boundary = this.importerBoundary;
    if (boundary === undefined || !path.isAbsolute(fileName)) return undefined;
    const out = new Map<string, string>();
    for (const dir of pageFolders(fileName, boundary)) {
      const pages = this.pagesWithScripts(dir);
      if (!pages) return undefined;
      for (const { page, text, loaded } of pages) {
        if (!loaded.includes(fileName)) continue;
        out.set(page, text);
        for (const script of loaded) {
          if (script === fileName || out.has(script)) continue;
          const scriptText = this.text(script);
          if (scriptText !== undefined) out.set(script, scriptText); // a missing file runs nothing
          else if (isFile(script)) return undefined; // too large to read: it may call anything
        }
      }
    }
    return [...out].map(([name, text]) => ({ fileName: name, text }));
  }

  /**
   * A folder's readable pages with the local scripts each loads; undefined when one loads a
   * script by an absolute path. Kept per folder: every classic script below asks.
   */
  private pagesWithScripts(dir: string): { page: string; text: string; loaded: string[] }[] | undefined {
    if (this.folderPages.has(dir)) return this.folderPages.get(dir);
    let pages: { page: string; text: string; loaded: string[] }[] | undefined = [];
    for (const page of pagesIn(dir)) {
      const text = this.text(page);
      if (text === undefined) continue;
      const loaded = scriptsLoadedBy(text, dir);
      if (!loaded) {
        pages = undefined;
        break;
      }
      pages.push({ page, text, loaded });
    }
    this.folderPages.set(dir, pages);
    return pages;
  }

  /** Forgets what it read of a file (its text changed, it was created or deleted). */
  forget(fileName: string): void {
    this.texts.delete(fileName);
    this.resolved.clear(); // a new or deleted file changes what specifiers resolve to
    this.probes.clear();
    this.pageMates.clear();
    this.folderPages.clear();
    this.importIndexes.clear();
  }

  private text(fileName: string, maxBytes = this.maxBytes): string | undefined {
    const open = this.openText(fileName);
    if (open !== undefined) return open.length > maxBytes ? undefined : open;
    if (this.texts.has(fileName)) return this.texts.get(fileName);
    const read = readSource(fileName, maxBytes);
    const text = 'text' in read ? read.text : undefined;
    this.texts.set(fileName, text);
    return text;
  }

  /** The file a specifier names (see resolve); the candidates tried before it (all, when none is found) go to `probed`. */
  private find(base: string, probed: string[]): string | undefined {
    if (base.split(path.sep).includes('node_modules')) return undefined;
    const candidates: string[] = [];
    const ext = path.extname(base);
    if (EXTENSIONS.includes(ext)) {
      candidates.push(base);
      // TypeScript sources import each other by their compiled name: './model.js' is model.ts.
      const stem = base.slice(0, -ext.length);
      if (ext === '.js' || ext === '.jsx') candidates.push(`${stem}.ts`, `${stem}.tsx`);
      if (ext === '.mjs') candidates.push(`${stem}.mts`);
      if (ext === '.cjs') candidates.push(`${stem}.cts`);
    }
    for (const e of EXTENSIONS) candidates.push(base + e);
    for (const e of EXTENSIONS) candidates.push(path.join(base, `index${e}`));
    for (const c of candidates) {
      if (this.openText(c) !== undefined || isFile(c)) return c;
      probed.push(c);
    }
    return undefined;
  }
}

function resolutionKey(kind: 'module' | 'model', specifier: string, fromFile: string): string {
  return `${path.dirname(fromFile)}\0${kind}\0${specifier}`;
}

/** How many folders above a classic script its pages are looked for (`index.html` beside `js/app.js`). */
const PAGE_FOLDERS_UP = 2;
/** `<script ... src="...">`: the file a page loads (quoted either way, or bare). */
const SCRIPT_SRC = /<script\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>'"]+))/gi;

/**
 * The folders whose pages may load a classic script (see pageScriptsOf): its own and the
 * PAGE_FOLDERS_UP above it, within the boundary.
 */
export function pageFolders(fileName: string, boundary: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(fileName), up = 0; up <= PAGE_FOLDERS_UP && isWithin(dir, boundary); up++, dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === boundary) break;
  }
  return out;
}

/**
 * The local scripts a page in `dir` loads (`<script src>`, CDN libraries left out), in order;
 * undefined when it loads one by an absolute path (`/js/app.js`: where the server roots it is unknown).
 */
export function scriptsLoadedBy(pageText: string, dir: string): string[] | undefined {
  if (!pageText.includes('<script')) return [];
  const loaded: string[] = [];
  for (const m of pageText.matchAll(SCRIPT_SRC)) {
    const src = (m[1] ?? m[2] ?? m[3] ?? '').split(/[?#]/)[0].trim();
    if (!src || /^(?:[a-z][\w+.-]*:|\/\/)/i.test(src)) continue; // a CDN library
    if (src.startsWith('/')) return undefined;
    loaded.push(path.resolve(dir, src));
  }
  return loaded;
}

/** The HTML pages of a folder. */
export function pagesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && /\.html?$/i.test(e.name)).map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

function isWithin(dir: string, boundary: string): boolean {
  return dir === boundary || dir.startsWith(boundary.endsWith(path.sep) ? boundary : boundary + path.sep);
}

/** A specifier's or file's last name without its extension: `@/utils/model.js` and `model.ts` are both `model`. */
function stemOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[cm]?[jt]sx?$/i, '');
}

/** Some non-relative specifier of the package ends with the module's name (or its folder's, for an index file). */
function mayBeAliased(fileName: string, bareNames: ReadonlySet<string>): boolean {
  const stem = stemOf(fileName);
  return bareNames.has(stem) || (stem === 'index' && bareNames.has(path.basename(path.dirname(fileName))));
}

/**
 * The package whose files are searched for a module's importers (see importersOf): the folder
 * of its nearest package.json, not above `boundary`; undefined when there is none.
 */
export function importerPackageOf(fileName: string, boundary: string): string | undefined {
  return packageLookup(fileName, boundary).root;
}

/**
 * How importerPackageOf finds a file's package: the package.json files it looks for, nearest
 * first (the last is the package's, when it has one), and the package's folder.
 */
export function packageLookup(fileName: string, boundary: string): { manifests: string[]; root?: string } {
  const manifests: string[] = [];
  if (!path.isAbsolute(fileName)) return { manifests };
  for (let d = path.dirname(fileName); isWithin(d, boundary); ) {
    const manifest = path.join(d, 'package.json');
    manifests.push(manifest);
    if (isFile(manifest)) return { manifests, root: d };
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return { manifests };
}

/** The source files of a package, as importersOf searches them; undefined past MAX_PROJECT_FILES. */
export function packageSourceFiles(root: string): string[] | undefined {
  const files: string[] = [];
  const walk = (dir: string): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.') && !walk(full)) return false;
      } else if (entry.isFile() && SOURCE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !entry.name.endsWith('.d.ts')) {
        files.push(full);
        if (files.length > MAX_PROJECT_FILES) return false;
      }
    }
    return true;
  };
  return walk(root) ? files : undefined;
}

/** A file package.json names as what others load (main, module, browser, exports, bin); an unreadable package.json: assume so. */
function isPackageEntry(root: string, fileName: string): boolean {
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return true;
  }
  const named: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') named.push(v);
    else if (v && typeof v === 'object') for (const e of Object.values(v)) collect(e);
  };
  if (manifest && typeof manifest === 'object') {
    const m = manifest as Record<string, unknown>;
    for (const key of ['main', 'module', 'browser', 'exports', 'bin']) collect(m[key]);
  }
  const stem = (f: string) => f.replace(/\.[cm]?[jt]sx?$/i, '');
  return named.some((entry) => {
    const full = path.resolve(root, entry);
    return full === fileName || stem(full) === stem(fileName) || path.join(full, 'index') === stem(fileName);
  });
}

/** The folder and those above it, up to the nearest with a package.json (at most 6); the package.json files looked for go to `probed`. */
function servedFolders(dir: string, probed: string[]): string[] {
  const out: string[] = [];
  for (let d = dir, i = 0; i < 6; i++) {
    out.push(d);
    const manifest = path.join(d, 'package.json');
    probed.push(manifest);
    if (isFile(manifest)) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}
