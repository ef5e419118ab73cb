// A table runner in the spirit of ESLint's RuleTester. For each rule: code it must leave
// alone, and code it must flag, with the message, line and column of every finding, and the
// text after applying each finding's preferred fix. A fixed output must parse, must not be
// flagged again for the same finding, and fixing it again must change nothing.
import * as assert from 'node:assert/strict';
import { lintText, applyFixes, type Finding, type ProjectFacts, type Rule, type Severity } from '../../server/src/engine';
import { syntaxErrorCount } from '../../server/src/engine/fix-guard';
import { typeErrors } from './type-check';
import { memoryModules } from './memory-modules';

export interface ValidCase {
  code: string;
  filename?: string;
  options?: Record<string, unknown>;
  /** What the front end would know about the project (e.g. a tfjs version from package.json). */
  project?: ProjectFacts;
  /** Other files of the workspace (name relative to the linted file's folder: text), reached by relative imports. */
  files?: Record<string, string>;
  name?: string;
}

export interface ExpectedError {
  /** Exact text, or a pattern the message must match. */
  message?: string | RegExp;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The finding's severity under the rule's default configuration, when it is not the rule's default. */
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Text after applying every finding's first fix; null when no finding offers a fix. Required. */
  output: string | null;
}

export interface RuleTable {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

export function lintWith(rule: Rule, code: string, filename = 'model.ts', options?: Record<string, unknown>, project?: ProjectFacts, files?: Record<string, string>): Finding[] {
  const severities: Record<string, Severity> = { [rule.meta.id]: rule.meta.defaultSeverity };
  const result = lintText(code, {
    fileName: filename,
    rules: [rule],
    severities,
    ruleOptions: options ? { [rule.meta.id]: options } : undefined,
    project,
    modules: memoryModules(files, { fileName: filename, text: code }),
    onRuleError: (_id, e) => {
      throw e;
    },
  });
  if (result.ruleErrors.length) throw new Error(`rule threw: ${result.ruleErrors[0].error}`);
  return result.findings;
}

/** Applies the first fix of each finding, as an editor's "fix all" would. */
export function fixOnce(rule: Rule, code: string, filename = 'model.ts', options?: Record<string, unknown>, project?: ProjectFacts, files?: Record<string, string>): string {
  const findings = lintWith(rule, code, filename, options, project, files);
  return applyFixes(code, findings.filter((f) => f.fixes.length).map((f) => f.fixes[0])).output;
}

export function syntaxErrors(code: string, filename = 'model.ts'): number {
  return syntaxErrorCount(filename, code);
}

export function runRuleTable(rule: Rule, table: RuleTable): void {
  describe(`${rule.meta.id} (table)`, () => {
    describe('leaves alone', () => {
      table.valid.forEach((c, i) => {
        const vc = typeof c === 'string' ? { code: c } : c;
        it(vc.name ?? `valid #${i + 1}: ${firstLine(vc.code)}`, () => {
          const found = lintWith(rule, vc.code, vc.filename, vc.options, vc.project, vc.files);
          assert.deepEqual(found.map(describeFinding), [], 'expected no findings');
        });
      });
    });
    describe('flags', () => {
      table.invalid.forEach((c, i) => {
        it(c.name ?? `invalid #${i + 1}: ${firstLine(c.code)}`, () => {
          const found = lintWith(rule, c.code, c.filename, c.options, c.project, c.files);
          assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${found.map(describeFinding).join('\n')}`);
          c.errors.forEach((e, j) => {
            const f = found[j];
            assert.equal(f.ruleId, rule.meta.id);
            if (typeof e.message === 'string') assert.equal(f.message, e.message);
            else if (e.message) assert.match(f.message, e.message);
            assert.deepEqual([f.start.line, f.start.column], [e.line, e.column], `position of finding ${j + 1}: ${f.message}`);
            if (e.endLine !== undefined) assert.deepEqual([f.end.line, f.end.column], [e.endLine, e.endColumn]);
            assert.equal(f.severity, e.severity ?? rule.meta.defaultSeverity, `severity of finding ${j + 1}: ${f.message}`);
          });
          const fixable = found.filter((f) => f.fixes.length);
          assert.notEqual(c.output, undefined, `every invalid case states its output: the fixed text, or null when no finding has a fix (here ${fixable.length} finding(s) have one)`);
          if (c.output === null) {
            assert.equal(fixable.length, 0, 'expected no fix');
            return;
          }
          const output = fixOnce(rule, c.code, c.filename, c.options, c.project, c.files);
          assert.equal(output, c.output);
          assert.equal(syntaxErrors(output, c.filename), 0, `fixed output does not parse:\n${output}`);
          assert.equal(fixOnce(rule, output, c.filename, c.options, c.project, c.files), output, 'fixing twice changed the output again');
          const after = lintWith(rule, output, c.filename, c.options, c.project, c.files);
          assert.ok(
            after.length <= found.length - fixable.length,
            `the fixed code is still flagged:\n${after.map(describeFinding).join('\n')}`,
          );
        });
      });
      const typed = table.invalid.filter((c) => typeof c.output === 'string' && /\.[cm]?tsx?$/.test(c.filename ?? 'model.ts'));
      if (typed.length) {
        it('fixed TypeScript outputs add no type error (tsc 7 against the real @tensorflow/tfjs types)', function () {
          this.timeout(120_000);
          const snippets = typed.flatMap((c, i) => [
            { name: `case${i}-original`, code: c.code },
            { name: `case${i}-fixed`, code: c.output as string },
          ]);
          const errors = typeErrors(rule.meta.id, snippets);
          const added = typed.flatMap((c, i) => {
            const before = errors.get(`case${i}-original`)!;
            const after = errors.get(`case${i}-fixed`)!;
            return after.length > before.length ? [`${c.name ?? `invalid #${table.invalid.indexOf(c) + 1}`}: ${after.filter((e) => !before.includes(e)).join('; ')}`] : [];
          });
          assert.deepEqual(added, [], 'a fix added type errors');
        });
      }
    });
  });
}

function describeFinding(f: Finding): string {
  return `${f.start.line}:${f.start.column} ${f.ruleId} ${f.message}`;
}

function firstLine(code: string): string {
  const line = code.trim().split('\n').find((l) => !/^\s*(import|const tf|\/\/)/.test(l)) ?? code.trim();
  return line.trim().slice(0, 70);
}
