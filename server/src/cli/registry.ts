// The rule registry, loaded on first use. Rules import the TypeScript API, which costs more
// to load than linting a small file, so a run over files that fail the prefilter (and name
// no rules in their config) never loads it.
import type { Rule } from '../engine/rule';
import type { RuleCatalog } from '../engine/config';
import type * as Registry from '../../../rules/index';

let registry: typeof Registry | undefined;

export function allRules(): readonly Rule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  registry ??= require('../../../rules/index') as typeof Registry;
  return registry.rules;
}

export function ruleById(id: string): Rule | undefined {
  return allRules().find((r) => r.meta.id === id);
}

export function ruleCatalog(): RuleCatalog {
  const rules = allRules();
  return {
    ids: rules.map((r) => r.meta.id),
    defaultOptions: (id) => rules.find((r) => r.meta.id === id)?.meta.defaultOptions,
  };
}

/** True once the registry has been loaded (tests check the prefilter keeps it unloaded). */
export function registryLoaded(): boolean {
  return registry !== undefined;
}
