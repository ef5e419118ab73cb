// What a file's project says about the tfjs it runs on, shared by the CLI and the language
// server (the engine reads no files; it receives these facts as a lint option). A browser
// page beside the script that loads tfjs with a version (from a CDN, or a copy named as the CDN
// names it) wins; otherwise the nearest package.json that depends on a tfjs package. Lookups
// are cached per folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinnedTfjsMajor, rangeMajor } from '../engine/tfjs/version-pins';
import type { ProjectFacts } from '../engine/types';

/** Pages and manifests are small; larger files are not read. */
const MAX_BYTES = 1024 * 1024;
/** A folder with more pages than this is a site, not a demo: read none of them. */
const MAX_PAGES = 50;
/** Folders above a script searched for the page that loads it (`old/` scripts of a demo). */
const PAGE_LEVELS = 3;
const MARKUP = /\.(html?|vue|svelte)$/i;
const TFJS_PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'];

export class ProjectFactsResolver {
  private readonly byDir = new Map<string, ProjectFacts>();
  private readonly manifests = new Map<string, ProjectFacts | null>();
  /** Per folder, what its pages pin (a folder is asked again for each folder below it). */
  private readonly pagesByDir = new Map<string, ProjectFacts | undefined | 'no-pages'>();
  /** Per page, the tfjs major its `<script src>` pins (a page is asked as a file and as a page of its folder). */
  private readonly pins = new Map<string, number | undefined>();

  /**
   * `stableDisk`: pages are read once and kept (a CLI run that writes no fixes sees the disk
   * as it is). Else a page's own pin is read afresh for each lint (a page saved in the editor,
   * or fixed by --fix, may pin another version), and a folder's pages once per folder asked.
   */
  constructor(private readonly stableDisk = false) {}

  forFile(filePath: string): ProjectFacts {
    const absolute = path.resolve(filePath);
    // A page's own <script src> pins the tfjs its script blocks run on.
    if (MARKUP.test(absolute)) {
      const major = this.pinOf(absolute);
      if (major !== undefined) return { tfjsMajor: major, tfjsFrom: path.basename(absolute) };
    }
    const dir = path.dirname(absolute);
    let facts = this.byDir.get(dir);
    if (!facts) {
      facts = this.nearestPages(dir) ?? this.manifestFacts(dir) ?? {};
      this.byDir.set(dir, facts);
    }
    return facts;
  }

  /** The pages of the folder, or of the nearest folder above (a few levels) that has pages. */
  private nearestPages(start: string): ProjectFacts | undefined {
    let dir = start;
    for (let level = 0; level < PAGE_LEVELS; level++) {
      const found = this.pageFacts(dir);
      if (found !== 'no-pages') return found;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  /** The nearest package.json at or above `dir` that names a tfjs package. */
  private manifestFacts(start: string): ProjectFacts | undefined {
    const visited: string[] = [];
    let found: ProjectFacts | null = null;
    for (let dir = start; ; dir = path.dirname(dir)) {
      const cached = this.manifests.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      const facts = readManifest(path.join(dir, 'package.json'));
      if (facts) {
        found = facts;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    for (const d of visited) this.manifests.set(d, found);
    return found ?? undefined;
  }

  /** The lowest tfjs version that the HTML pages in `dir` load from a CDN, if any pins one; 'no-pages' when it has none. */
  private pageFacts(dir: string): ProjectFacts | undefined | 'no-pages' {
    if (this.pagesByDir.has(dir)) return this.pagesByDir.get(dir);
    const facts = this.readPageFacts(dir);
    if (this.stableDisk) this.pagesByDir.set(dir, facts);
    return facts;
  }

  private readPageFacts(dir: string): ProjectFacts | undefined | 'no-pages' {
    let pages: string[];
    try {
      pages = fs.readdirSync(dir).filter((n) => /\.html?$/i.test(n));
    } catch {
      return undefined;
    }
    if (pages.length === 0) return 'no-pages';
    if (pages.length > MAX_PAGES) return undefined;
    let best: ProjectFacts | undefined;
    for (const page of pages) {
      const major = this.pinOf(path.join(dir, page));
      if (major !== undefined && (best?.tfjsMajor === undefined || major < best.tfjsMajor)) best = { tfjsMajor: major, tfjsFrom: page };
    }
    return best;
  }

  /** The tfjs major a page's `<script src>` pins, if any. */
  private pinOf(page: string): number | undefined {
    if (this.pins.has(page)) return this.pins.get(page);
    const text = readSmall(page);
    const major = text ? pinnedTfjsMajor(text) : undefined;
    if (this.stableDisk) this.pins.set(page, major);
    return major;
  }
}

function readManifest(file: string): ProjectFacts | undefined {
  const text = readSmall(file);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const majors: number[] = [];
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = (json as Record<string, unknown>)[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of TFJS_PACKAGES) {
      const range = (deps as Record<string, unknown>)[name];
      if (typeof range !== 'string') continue;
      const major = rangeMajor(range);
      // A tfjs dependency with a range we cannot read ('latest', a URL) means: not an old pin.
      if (major === undefined) return { tfjsFrom: 'package.json' };
      majors.push(major);
    }
  }
  return majors.length ? { tfjsMajor: Math.min(...majors), tfjsFrom: 'package.json' } : undefined;
}

function readSmall(file: string): string | undefined {
  try {
    // A missing file (most folders have no package.json) is an answer, not an error to build.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || !stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
