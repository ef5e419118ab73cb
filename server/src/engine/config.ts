// The project configuration (.tfjslintrc.json): validation and merging as pure functions.
// Reading files is the front ends' business (server/src/workspace/config-files.ts); this module only
// turns text into a checked configuration plus a list of problems. Configuration is JSON
// only, so reading it never runs code. Every problem names the file, the key and what is
// allowed; the valid parts of a bad config still apply and the rest keeps its defaults.
// Keys are copied into null-prototype objects, so `__proto__` in a config cannot pollute.
import { SEVERITIES, type Severity } from './types';

export const CONFIG_FILE_NAME = '.tfjslintrc.json';
export const CONFIG_KEYS = ['$schema', 'rules', 'include', 'exclude', 'maxFileSize'] as const;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Config {
  /** Severity per rule id (null-prototype object); rules not named keep their default. */
  severities: Record<string, Severity>;
  /** Options per rule id (null-prototype objects), overlaid on the rule's defaults. */
  ruleOptions: Record<string, Record<string, unknown>>;
  /** Globs a walked file must match (relative to the config's folder); undefined: every supported file. */
  include?: string[];
  /** Globs of files and folders to skip (relative to the config's folder). */
  exclude: string[];
  /** Files larger than this many bytes are skipped; undefined: the engine's default. */
  maxFileSize?: number;
}

export interface ConfigProblem {
  /** The config file's path as given to the parser. */
  file: string;
  /** Dotted key path ('rules.unsafe-log'), or '' for the file as a whole. */
  key: string;
  message: string;
  /** 1-based position of the fault (invalid JSON) or of the key, when known. */
  line?: number;
  column?: number;
  /** Offset of the same position in the text (for editors). */
  offset?: number;
}

export interface ParsedConfig {
  config: Config;
  problems: ConfigProblem[];
}

/** What the validator needs to know about the rules: their ids and default options. */
export interface RuleCatalog {
  ids: readonly string[];
  defaultOptions?(id: string): Readonly<Record<string, unknown>> | undefined;
}

export function emptyConfig(): Config {
  return { severities: Object.create(null), ruleOptions: Object.create(null), exclude: [] };
}

/**
 * Parses a config file's text. `catalog` is asked for rule ids only when the file names
 * rules (so a config without rules never forces the rule registry to load).
 */
export function parseConfig(text: string, file: string, catalog: () => RuleCatalog): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const config = emptyConfig();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const at = jsonErrorPosition(body, error);
    problems.push({ file, key: '', message: `invalid JSON: ${jsonErrorText(error)}`, ...at });
    return { config, problems };
  }
  if (!isPlainObject(data)) {
    problems.push({ file, key: '', message: `the file must hold a JSON object ({ "rules": { ... } }), not ${describeType(data)}` });
    return { config, problems };
  }
  let keyOffsets: Map<string, number> | undefined;
  const problem = (key: string, message: string) => {
    keyOffsets ??= locateKeys(body);
    const offset = keyOffsets.get(key);
    problems.push({ file, key, message, ...(offset !== undefined ? { offset, ...lineColumn(body, offset) } : {}) });
  };

  for (const key of Object.keys(data)) {
    if (FORBIDDEN_KEYS.has(key)) {
      problem(key, `key "${key}" is not allowed (allowed keys: ${CONFIG_KEYS.join(', ')})`);
    } else if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      const hint = closest(key, CONFIG_KEYS);
      problem(key, `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed keys: ${CONFIG_KEYS.join(', ')}`);
    }
  }

  const value = (key: string): unknown => (Object.prototype.hasOwnProperty.call(data, key) ? (data as Record<string, unknown>)[key] : undefined);

  const schema = value('$schema');
  if (schema !== undefined && typeof schema !== 'string') problem('$schema', `"$schema" must be a string, not ${describeType(schema)}`);

  const rules = value('rules');
  if (rules !== undefined) {
    if (!isPlainObject(rules)) {
      problem('rules', `"rules" must be an object mapping rule ids to a severity (${SEVERITIES.join(', ')}) or [severity, options], not ${describeType(rules)}`);
    } else if (Object.keys(rules).length > 0) {
      readRules(rules, catalog(), config, problem);
    }
  }

  for (const key of ['include', 'exclude'] as const) {
    const globs = value(key);
    if (globs === undefined) continue;
    if (!Array.isArray(globs) || globs.some((g) => typeof g !== 'string' || g.trim() === '')) {
      problem(key, `"${key}" must be an array of non-empty glob strings (e.g. ["src/**/*.ts"]), not ${describeValue(globs)}`);
      continue;
    }
    if (key === 'include') config.include = [...globs];
    else config.exclude = [...globs];
  }

  const maxFileSize = value('maxFileSize');
  if (maxFileSize !== undefined) {
    if (typeof maxFileSize !== 'number' || !Number.isInteger(maxFileSize) || maxFileSize <= 0) {
      problem('maxFileSize', `"maxFileSize" must be a positive whole number of bytes (e.g. 2097152 for 2 MB), not ${describeValue(maxFileSize)}`);
    } else {
      config.maxFileSize = maxFileSize;
    }
  }
  return { config, problems };
}

function readRules(rules: Record<string, unknown>, catalog: RuleCatalog, config: Config, problem: (key: string, message: string) => void): void {
  for (const id of Object.keys(rules)) {
    const key = `rules.${id}`;
    if (FORBIDDEN_KEYS.has(id) || !catalog.ids.includes(id)) {
      const hint = FORBIDDEN_KEYS.has(id) ? undefined : closest(id, catalog.ids);
      problem(key, `unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; known rules: ${catalog.ids.join(', ') || '(none)'}`);
      continue;
    }
    const setting = rules[id];
    const tuple = Array.isArray(setting);
    const severity = tuple ? setting[0] : setting;
    if (!isSeverity(severity)) {
      const hint = typeof severity === 'string' ? closest(severity, SEVERITIES) ?? aliasOf(severity) : typeof severity === 'number' ? aliasOf(String(severity)) : undefined;
      problem(
        key,
        `invalid severity ${describeValue(severity)}${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${SEVERITIES.map((s) => `"${s}"`).join(', ')}, or ["<severity>", { options }]`,
      );
      continue;
    }
    if (tuple && (setting.length > 2 || (setting.length === 2 && !isPlainObject(setting[1])))) {
      problem(key, `a rule setting array must be ["<severity>", { options }], not ${describeValue(setting)}`);
      continue;
    }
    config.severities[id] = severity;
    if (tuple && setting.length === 2) {
      const options = readOptions(id, setting[1] as Record<string, unknown>, catalog, problem);
      if (options) config.ruleOptions[id] = options;
    }
  }
}

function readOptions(
  id: string,
  given: Record<string, unknown>,
  catalog: RuleCatalog,
  problem: (key: string, message: string) => void,
): Record<string, unknown> | undefined {
  const defaults = catalog.defaultOptions?.(id) ?? {};
  const known = Object.keys(defaults);
  const options: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(given)) {
    const key = `rules.${id}[1].${name}`;
    if (FORBIDDEN_KEYS.has(name) || !Object.prototype.hasOwnProperty.call(defaults, name)) {
      problem(key, `unknown option "${name}" for rule "${id}"; allowed options: ${known.join(', ') || '(none)'}`);
      continue;
    }
    const expected = describeType(defaults[name]);
    const actual = describeType(given[name]);
    if (defaults[name] !== undefined && defaults[name] !== null && expected !== actual) {
      problem(key, `option "${name}" of rule "${id}" must be ${expected}, not ${actual}`);
      continue;
    }
    options[name] = given[name];
  }
  return Object.keys(options).length ? options : undefined;
}

/** Overlays `top` on `base`: rule settings per id, the other keys when `top` sets them. */
export function mergeConfigs(base: Config, top: Partial<Config>): Config {
  const merged = emptyConfig();
  Object.assign(merged.severities, base.severities, top.severities);
  for (const source of [base.ruleOptions, top.ruleOptions ?? {}]) {
    for (const id of Object.keys(source)) merged.ruleOptions[id] = Object.assign(Object.create(null), merged.ruleOptions[id], source[id]);
  }
  merged.include = top.include ?? base.include;
  merged.exclude = top.exclude ?? base.exclude;
  merged.maxFileSize = top.maxFileSize ?? base.maxFileSize;
  return merged;
}

export type RuleFlag = { id: string; severity: Severity } | { error: string };

/** Parses a command-line rule setting `id:severity` (also `id=severity`). */
export function parseRuleFlag(text: string, ruleIds: readonly string[]): RuleFlag {
  const m = /^\s*([^:=\s]+)\s*[:=]\s*(\S+)\s*$/.exec(text);
  if (!m) return { error: `--rule expects <rule-id>:<severity> (severity: ${SEVERITIES.join(', ')}), got "${text}"` };
  const [, id, severity] = m;
  if (!ruleIds.includes(id)) {
    const hint = closest(id, ruleIds);
    return { error: `--rule: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; known rules: ${ruleIds.join(', ') || '(none)'}` };
  }
  if (!isSeverity(severity)) {
    const hint = closest(severity, SEVERITIES) ?? aliasOf(severity);
    return { error: `--rule ${id}: invalid severity "${severity}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${SEVERITIES.join(', ')}` };
  }
  return { id, severity };
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.key ? `${where}: ${p.key}: ${p.message}` : `${where}: ${p.message}`;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** ESLint's spellings, so a user coming from there gets a direct hint. */
function aliasOf(value: string): Severity | undefined {
  const aliases: Record<string, Severity> = { warn: 'warning', '0': 'off', '1': 'warning', '2': 'error', information: 'info', note: 'info' };
  return Object.prototype.hasOwnProperty.call(aliases, value.toLowerCase()) ? aliases[value.toLowerCase()] : undefined;
}

/** The candidate closest to `word` by edit distance, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object': return 'an object';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    default: return typeof value;
  }
}

function describeValue(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? describeType(value) : json.length > 60 ? `${describeType(value)} (${json.slice(0, 57)}...)` : json;
}

function jsonErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
}

/** Line and column of a JSON.parse error, from the offset V8 puts in its message. */
function jsonErrorPosition(text: string, error: unknown): { offset: number; line: number; column: number } {
  const message = error instanceof Error ? error.message : '';
  const m = /position (\d+)/.exec(message);
  const offset = m ? Number(m[1]) : text.length; // "Unexpected end of JSON input": at the end
  return { offset, ...lineColumn(text, offset) };
}


function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offsets of the property names in well-formed JSON text, by the dotted key the problems use
 * ('rules', 'rules.unsafe-log', 'rules.unsafe-log[1].minEpochs').
 */
export function locateKeys(text: string): Map<string, number> {
  const found = new Map<string, number>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (key: string, depth: number): void => {
    skipSpace();
    if (depth > 64) throw new Error('too deep');
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      while (i < text.length && text[i] !== '}') {
        skipSpace();
        const at = i;
        const name = readString();
        const child = key ? `${key}.${name}` : name;
        if (!found.has(child)) found.set(child, at);
        skipSpace();
        i++; // colon
        value(child, depth + 1);
        skipSpace();
        if (text[i] === ',') i++;
        skipSpace();
      }
      i++;
    } else if (c === '[') {
      i++;
      for (let index = 0; ; index++) {
        skipSpace();
        if (i >= text.length || text[i] === ']') break;
        const child = `${key}[${index}]`;
        if (!found.has(child)) found.set(child, i);
        value(child, depth + 1);
        skipSpace();
        if (text[i] === ',') i++;
      }
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && /[^\s,\]}]/.test(text[i])) i++;
    }
  };
  try {
    value('', 0);
  } catch {
    // positions are a courtesy: a text this scanner cannot follow just has none
  }
  return found;
}
