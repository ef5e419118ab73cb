// Editor settings (`tfjsLint.*`), normalised: anything malformed falls back to the default,
// so a typo in settings.json never stops linting.
import { closest } from '../engine/config';
import { SEVERITIES, type Severity } from '../engine/types';

export type RunMode = 'onType' | 'onSave';

export interface ServerSettings {
  enable: boolean;
  /** Severity per rule id; overrides `.tfjslintrc.json` and the rule's default. */
  rules: Record<string, Severity>;
  run: RunMode;
  /** Globs (relative to the workspace folder) that workspace lint visits. */
  include: string[];
  /** Globs never linted, open or not. `node_modules` is always skipped. */
  exclude: string[];
  inlayHints: boolean;
  debounceMs: number;
  /** Files larger than this many bytes get one informational diagnostic instead of analysis. */
  maxFileSize: number | undefined;
  /** Severity of `tfjs-lint-disable` comments that suppress nothing ('off': not reported). */
  reportUnusedDisableDirectives: Severity;
}

export const DEFAULT_INCLUDE = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,html,htm,vue,svelte}'];
export const DEFAULT_DEBOUNCE_MS = 150;

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  rules: {},
  run: 'onType',
  include: DEFAULT_INCLUDE,
  exclude: [],
  inlayHints: false,
  debounceMs: DEFAULT_DEBOUNCE_MS,
  maxFileSize: undefined,
  reportUnusedDisableDirectives: 'warning',
});

export function normalizeSettings(raw: unknown): ServerSettings {
  const s = isObject(raw) ? raw : {};
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable,
    rules: severityMap(s.rules),
    run: s.run === 'onSave' || s.run === 'onType' ? s.run : DEFAULT_SETTINGS.run,
    include: stringList(s.include) ?? DEFAULT_INCLUDE,
    exclude: stringList(s.exclude) ?? [],
    inlayHints: typeof s.inlayHints === 'boolean' ? s.inlayHints : DEFAULT_SETTINGS.inlayHints,
    debounceMs: nonNegative(s.debounceMs) ?? DEFAULT_DEBOUNCE_MS,
    maxFileSize: nonNegative(s.maxFileSize),
    reportUnusedDisableDirectives: isSeverityName(s.reportUnusedDisableDirectives) ? s.reportUnusedDisableDirectives : DEFAULT_SETTINGS.reportUnusedDisableDirectives,
  };
}

function isSeverityName(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** One warning per rule id in `tfjsLint.rules` that no rule has, with the nearest real id. */
export function unknownRuleWarnings(settings: ServerSettings, ruleIds: readonly string[]): string[] {
  return Object.keys(settings.rules)
    .filter((id) => !ruleIds.includes(id))
    .map((id) => {
      const hint = closest(id, ruleIds);
      return `setting tfjsLint.rules: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; it is ignored.`;
    });
}

function severityMap(value: unknown): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  if (!isObject(value)) return out;
  for (const [id, sev] of Object.entries(value)) {
    if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) out[id] = sev as Severity;
  }
  return out;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : undefined;
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
