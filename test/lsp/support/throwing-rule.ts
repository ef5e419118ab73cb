// A rule that always throws, for the test that a broken rule does not stop the others.
import type { Rule } from '../../../server/src/engine/rule';

export const rule: Rule = {
  meta: { id: 'test-always-throws', description: 'Test only: throws on every file.', defaultSeverity: 'error', fixable: false },
  check() {
    throw new Error('deliberate failure from the test rule');
  },
};
