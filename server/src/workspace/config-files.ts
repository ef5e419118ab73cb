// Finding and reading .tfjslintrc.json files, shared by the CLI and the language server.
// Validation lives in engine/config.ts (pure); this module only touches the file system.
// Lookups are cached per folder, so a walk over a large tree stats each folder once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, emptyConfig, parseConfig, type Config, type ConfigProblem, type RuleCatalog } from '../engine/config';
import type { Rule } from '../engine/rule';
import { isFile } from './files';

export interface LoadedConfig {
  /** Absolute path of the config file; undefined for the built-in defaults. */
  file?: string;
  /** The folder include/exclude globs are relative to. */
  baseDir: string;
  config: Config;
  problems: ConfigProblem[];
}

/** What the config validator needs to know of a rule list (ids are read only when a config names rules). */
export function catalogOf(rules: readonly Rule[]): () => RuleCatalog {
  return () => ({ ids: rules.map((r) => r.meta.id), defaultOptions: (id) => rules.find((r) => r.meta.id === id)?.meta.defaultOptions });
}

/** A real config is a few hundred bytes; a larger one is refused before it is read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and validates one config file. A missing or unreadable file is a problem, not a throw. */
export function loadConfigFile(file: string, catalog: () => RuleCatalog): LoadedConfig {
  const absolute = path.resolve(file);
  const baseDir = path.dirname(absolute);
  let text: string;
  try {
    const size = fs.statSync(absolute).size;
    if (size > MAX_CONFIG_BYTES) {
      const message = `the file is ${(size / 1024 / 1024).toFixed(1)} MB; a config may be at most 1 MB, so it was not read`;
      return { file: absolute, baseDir, config: emptyConfig(), problems: [{ file: absolute, key: '', message }] };
    }
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file (${(error as Error).message})`;
    return { file: absolute, baseDir, config: emptyConfig(), problems: [{ file: absolute, key: '', message: reason }] };
  }
  const { config, problems } = parseConfig(text, absolute, catalog);
  return { file: absolute, baseDir, config, problems };
}

/** The nearest .tfjslintrc.json at or above a folder, or undefined. */
export function findConfigFile(startDir: string, cache?: Map<string, string | null>): string | undefined {
  const visited: string[] = [];
  let dir = path.resolve(startDir);
  let found: string | null = null;
  for (;;) {
    const cached = cache?.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) cache?.set(d, found);
  return found ?? undefined;
}

/**
 * Resolves the configuration that applies to files in a folder: the nearest config file
 * (each file parsed once), or the defaults rooted at `defaultBaseDir` when there is none.
 */
export class ConfigResolver {
  private readonly lookups = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(
    private readonly catalog: () => RuleCatalog,
    private readonly defaultBaseDir: string,
  ) {}

  forDirectory(dir: string): LoadedConfig {
    const file = findConfigFile(dir, this.lookups);
    if (!file) return this.defaults();
    let config = this.loaded.get(file);
    if (!config) {
      config = loadConfigFile(file, this.catalog);
      this.loaded.set(file, config);
    }
    return config;
  }

  /** Every config file read so far (to report their problems once). */
  all(): LoadedConfig[] {
    return [...this.loaded.values()];
  }

  private defaultConfig: LoadedConfig | undefined;
  private defaults(): LoadedConfig {
    return (this.defaultConfig ??= { baseDir: this.defaultBaseDir, config: emptyConfig(), problems: [] });
  }
}
