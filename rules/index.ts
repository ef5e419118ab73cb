// The registry: every rule tfjs-lint ships, in the order they are documented.
import type { Rule } from '../server/src/engine/rule';

export const rules: readonly Rule[] = [];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
