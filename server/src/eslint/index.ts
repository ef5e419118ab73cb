// tfjs-lint as an ESLint plugin (ESLint 9 flat config):
//
//   import tfjsLint from 'tfjs-lint/eslint';
//   export default [tfjsLint.configs.recommended];
//
// Each tfjs-lint rule is the ESLint rule `tfjs-lint/<id>`. ESLint's own parse is not used: the
// engine parses the file's text itself, so any ESLint parser (espree, @typescript-eslint/parser,
// vue-eslint-parser) works. The engine runs once per file: the first rule to ask lints the text
// with every rule ESLint has on for the file and the others read that result (a rule given
// non-default options runs on its own). ESLint calls `create` of each rule that is on before it
// walks the file, so the rules on are known by then: a finding that gives way to another rule
// (RuleMeta.deferTo) does so only when that rule is on, as in the CLI. Safe fixes become ESLint
// fixes (`--fix`); the others become suggestions. Relative imports are followed as in the CLI,
// read from disk afresh for each file (ESLint has no notion of a run, and a daemon such as
// eslint_d outlives file changes).
import type { ESLint, Linter, Rule as EslintRule, SourceCode } from 'eslint';
import { rules as registry } from '../../../rules/index';
import { lintText } from '../engine/linter';
import { Modules } from '../engine/modules';
import { WorkspaceModuleHost } from '../workspace/module-host';
import { docsUrl, type Rule } from '../engine/rule';
import type { Finding, Fix, Severity } from '../engine/types';
import { optionsSchema } from '../cli/config-schema';
import { packageVersion } from '../workspace/package';

const PLUGIN = 'tfjs-lint';

/** Findings per file, shared by the rules: per SourceCode (one per file and fix pass), per options. */
const memo = new WeakMap<SourceCode, Map<string, Finding[]>>();
/** The tfjs-lint rules ESLint has on for a file (per SourceCode), noted as ESLint creates them. */
const rulesOn = new WeakMap<SourceCode, Set<string>>();

function noteOn(sourceCode: SourceCode, id: string): void {
  let on = rulesOn.get(sourceCode);
  if (!on) rulesOn.set(sourceCode, (on = new Set()));
  on.add(id);
}

function findingsFor(sourceCode: SourceCode, fileName: string, rule: Rule, options: Record<string, unknown> | undefined): Finding[] {
  const alone = options !== undefined && Object.keys(options).length > 0;
  const key = alone ? `${rule.meta.id}:${JSON.stringify(options)}` : '';
  let byOptions = memo.get(sourceCode);
  if (!byOptions) memo.set(sourceCode, (byOptions = new Map()));
  let findings = byOptions.get(key);
  if (!findings) {
    // The rules ESLint has on run at a severity that is not 'off' (ESLint decides the severity it
    // shows); the others are off, so nothing defers to them.
    const on = rulesOn.get(sourceCode) ?? new Set([rule.meta.id]);
    const severities: Record<string, Severity> = {};
    for (const r of registry) severities[r.meta.id] = on.has(r.meta.id) ? 'warning' : 'off';
    findings = lintText(sourceCode.text, {
      fileName,
      modules: new Modules(new WorkspaceModuleHost()),
      rules: alone ? [rule] : registry,
      severities,
      ruleOptions: alone ? { [rule.meta.id]: options } : undefined,
    }).findings;
    byOptions.set(key, findings);
  }
  return findings;
}

function toEslintFix(fix: Fix): EslintRule.ReportFixer {
  return (fixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.newText));
}

function eslintRule(rule: Rule): EslintRule.RuleModule {
  return {
    meta: {
      type: rule.meta.defaultSeverity === 'error' ? 'problem' : 'suggestion',
      docs: { description: rule.meta.description, url: docsUrl(rule.meta.id) },
      ...(rule.meta.fixable ? { fixable: 'code' as const, hasSuggestions: true } : {}),
      schema: [optionsSchema(rule)],
    },
    create(context) {
      noteOn(context.sourceCode, rule.meta.id);
      return {
        Program() {
          const { sourceCode } = context;
          const options = context.options[0] as Record<string, unknown> | undefined;
          for (const finding of findingsFor(sourceCode, context.filename, rule, options)) {
            if (finding.ruleId !== rule.meta.id) continue;
            const autofix = finding.fixes.find((f) => f.safe);
            const suggestions = finding.fixes.filter((f) => f !== autofix);
            context.report({
              loc: { start: sourceCode.getLocFromIndex(finding.range.start), end: sourceCode.getLocFromIndex(finding.range.end) },
              message: finding.message,
              ...(autofix ? { fix: toEslintFix(autofix) } : {}),
              ...(suggestions.length ? { suggest: suggestions.map((f) => ({ desc: f.title, fix: toEslintFix(f) })) } : {}),
            });
          }
        },
      };
    },
  };
}

/** tfjs-lint's severities in ESLint's terms: ESLint has no 'info', so info findings are warnings. */
function eslintSeverity(severity: Severity): Linter.RuleSeverity {
  return severity === 'off' ? 'off' : severity === 'error' ? 'error' : 'warn';
}

const plugin = {
  meta: { name: PLUGIN, version: packageVersion() },
  rules: Object.fromEntries(registry.map((r) => [r.meta.id, eslintRule(r)])),
  configs: {} as Record<'recommended', Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: `${PLUGIN}/recommended`,
  plugins: { [PLUGIN]: plugin },
  rules: Object.fromEntries(registry.map((r) => [`${PLUGIN}/${r.meta.id}`, eslintSeverity(r.meta.defaultSeverity)])),
};

export = plugin;
