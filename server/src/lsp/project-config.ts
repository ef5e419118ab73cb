// `.tfjslintrc.json` for the language server: find the file that governs a document, parse
// it once, cache by directory until the watcher says it changed. A broken file is reported
// (with the position of the problem when known) and linting goes on with the defaults.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEVERITIES, type Severity } from '../engine/types';
import { isObject } from './settings';

export const CONFIG_FILE_NAME = '.tfjslintrc.json';

export interface ProjectConfig {
  file: string;
  rules: Record<string, Severity>;
  ruleOptions: Record<string, Record<string, unknown>>;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
}

export interface ConfigProblem {
  file: string;
  message: string;
  /** Offset of the problem in the file's text, when known. */
  offset?: number;
}

export interface ConfigLookup {
  config?: ProjectConfig;
  problem?: ConfigProblem;
}

/** Turns a config file's text into a config or a problem. Pure: reads nothing. */
export type ConfigParser = (text: string, file: string) => ConfigLookup;

export class ProjectConfigs {
  private readonly byDir = new Map<string, ConfigLookup>();

  constructor(private readonly parse: ConfigParser = parseProjectConfig) {}

  /** The config that applies to `filePath`: the nearest `.tfjslintrc.json` up to `stopDir`. */
  forFile(filePath: string, stopDir: string | undefined): ConfigLookup {
    let dir = path.dirname(filePath);
    for (;;) {
      const found = this.inDir(dir);
      if (found) return found;
      const parent = path.dirname(dir);
      if (parent === dir || (stopDir !== undefined && !isInside(parent, stopDir))) return {};
      dir = parent;
    }
  }

  /** Forget everything read so far (a config file was created, changed or deleted). */
  invalidate(): void {
    this.byDir.clear();
  }

  private inDir(dir: string): ConfigLookup | undefined {
    const cached = this.byDir.get(dir);
    if (cached) return cached.config || cached.problem ? cached : undefined;
    const file = path.join(dir, CONFIG_FILE_NAME);
    let lookup: ConfigLookup = {};
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        lookup = { problem: { file, message: `${CONFIG_FILE_NAME} could not be read: ${(error as Error).message}` } };
      }
    }
    if (text !== undefined) lookup = this.parse(text, file);
    this.byDir.set(dir, lookup);
    return lookup.config || lookup.problem ? lookup : undefined;
  }
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The server's own reading of `.tfjslintrc.json`: JSON only (reading configuration never
 * runs code). Unknown rule severities are problems; unknown keys are ignored.
 */
export function parseProjectConfig(text: string, file: string): ConfigLookup {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    return { problem: { file, message: `${CONFIG_FILE_NAME} is not valid JSON: ${message}`, offset: at ? Number(at[1]) : undefined } };
  }
  if (!isObject(raw)) return { problem: { file, message: `${CONFIG_FILE_NAME} must contain a JSON object.` } };
  const config: ProjectConfig = { file, rules: {}, ruleOptions: {} };
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) return { problem: { file, message: `${CONFIG_FILE_NAME}: "rules" must be an object of rule id -> severity.` } };
    for (const [id, value] of Object.entries(raw.rules)) {
      const [severity, options] = Array.isArray(value) ? value : [value, undefined];
      if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
        return {
          problem: {
            file,
            message: `${CONFIG_FILE_NAME}: rules["${id}"] is ${JSON.stringify(value)}; allowed: ${SEVERITIES.map((s) => `"${s}"`).join(', ')} or [severity, options].`,
            offset: text.indexOf(`"${id}"`) >= 0 ? text.indexOf(`"${id}"`) : undefined,
          },
        };
      }
      config.rules[id] = severity as Severity;
      if (isObject(options)) config.ruleOptions[id] = options;
    }
  }
  for (const key of ['include', 'exclude'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((g) => typeof g === 'string')) {
      return { problem: { file, message: `${CONFIG_FILE_NAME}: "${key}" must be an array of glob strings.` } };
    }
    config[key] = v;
  }
  if (raw.maxFileSize !== undefined) {
    if (typeof raw.maxFileSize !== 'number' || !(raw.maxFileSize > 0)) {
      return { problem: { file, message: `${CONFIG_FILE_NAME}: "maxFileSize" must be a positive number of bytes.` } };
    }
    config.maxFileSize = raw.maxFileSize;
  }
  return { config };
}
