// The engine's public surface for front ends (CLI, language server) and tests.
export { lintText, DEFAULT_MAX_FILE_BYTES, DEFAULT_TIME_BUDGET_MS, type LintOptions } from './linter';
export { applyFixes, type AppliedFixes } from './fixes';
export { mayUseTfjs } from './prefilter';
export { docsUrl, type Rule, type RuleMeta, type RuleContext, type ReportDescriptor } from './rule';
export * from './types';
