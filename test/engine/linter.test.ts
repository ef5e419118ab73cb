// lintText's own contract: the prefilter, size and binary checks, rule isolation, the time
// budget, and suppression comments. Real rules where they serve; small stand-in rules where
// the point is the engine's handling of a rule (one that throws, one that is slow).
import * as assert from 'node:assert/strict';
import { rules } from '../../rules/index';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, lintText, type Finding, type Fix, type Rule } from '../../server/src/engine';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { dropFixesThatBreakParsing, FixParseGuard, syntaxErrorCount } from '../../server/src/engine/fix-guard';
import { rulesById } from '../../rules';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const FLAGGED = NS + 'const p = tf.sigmoid(tf.zeros([2]));\nconst a = tf.log(p);\nconst b = tf.log(p);\n';
const unsafeLog = rulesById.get('unsafe-log')!;

const throwing: Rule = {
  meta: { id: 'throws', description: 'always throws', defaultSeverity: 'error', fixable: false },
  check() {
    throw new Error('boom');
  },
};
const slow: Rule = {
  meta: { id: 'slow', description: 'takes 30 ms', defaultSeverity: 'warning', fixable: false },
  check() {
    const end = Date.now() + 30;
    while (Date.now() < end) {
      // busy: a rule that is slow on this file
    }
  },
};

describe('engine: lintText', () => {
  it('parses nothing for a file that cannot involve tfjs', () => {
    const r = lintText('export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n', { fileName: 'a.ts', rules: [unsafeLog] });
    assert.equal(r.analyzed, false);
    assert.deepEqual(r.findings, []);
  });

  it('skips files over the size limit and binary files with one notice each', () => {
    const big = lintText(FLAGGED + ' '.repeat(2000), { fileName: 'a.ts', rules: [unsafeLog], maxFileBytes: 1000 });
    assert.deepEqual([big.analyzed, big.notices.map((n) => n.kind)], [false, ['skipped']]);
    assert.match(big.notices[0].message, /over the 1 KB limit/);
    const bin = lintText(FLAGGED + '\u0000', { fileName: 'a.ts', rules: [unsafeLog] });
    assert.match(bin.notices[0].message, /binary/);
  });

  it('a file over the size limit with no sign of tfjs gets no notice (it would not be linted anyway)', () => {
    const big = lintText('export const x = 1;\n'.repeat(200), { fileName: 'a.ts', rules: [unsafeLog], maxFileBytes: 1000 });
    assert.deepEqual([big.analyzed, big.notices], [false, []]);
  });

  it('a rule that throws is reported once and the other rules still report', () => {
    const r = lintText(FLAGGED, { fileName: 'a.ts', rules: [throwing, unsafeLog] });
    assert.deepEqual(r.ruleErrors, [{ ruleId: 'throws', error: 'boom' }]);
    assert.equal(r.findings.filter((f) => f.ruleId === 'unsafe-log').length, 2);
  });

  it('past the time budget the remaining rules are skipped and a notice names them', () => {
    const r = lintText(FLAGGED, { fileName: 'a.ts', rules: [slow, unsafeLog, throwing], timeBudgetMs: 10 });
    const timeout = r.notices.find((n) => n.kind === 'timeout');
    assert.ok(timeout, 'a timeout notice');
    assert.match(timeout.message, /rules not run: unsafe-log, throws/);
    assert.deepEqual(r.findings, []);
  });

  it('severity overrides apply and off disables a rule', () => {
    const err = lintText(FLAGGED, { fileName: 'a.ts', rules: [unsafeLog], severities: { 'unsafe-log': 'error' } });
    assert.deepEqual(err.findings.map((f) => f.severity), ['error', 'error']);
    const off = lintText(FLAGGED, { fileName: 'a.ts', rules: [unsafeLog], severities: { 'unsafe-log': 'off' } });
    assert.deepEqual(off.findings, []);
  });

  it("a finding's maxSeverity caps the configured severity and never raises it", () => {
    const capped: Rule = {
      meta: { id: 'capped', description: 'reports one finding capped at info', defaultSeverity: 'warning', fixable: false },
      check(context) {
        context.report({ range: { start: 0, end: 1 }, message: 'a question to check', maxSeverity: 'info' });
        context.report({ range: { start: 0, end: 1 }, message: 'a failure' });
      },
    };
    const severities = (configured?: 'error' | 'warning' | 'info') =>
      lintText(FLAGGED, { fileName: 'a.ts', rules: [capped], severities: configured ? { capped: configured } : undefined }).findings.map((f) => `${f.message}: ${f.severity}`);
    assert.deepEqual(severities(), ['a question to check: info', 'a failure: warning']);
    assert.deepEqual(severities('error'), ['a question to check: info', 'a failure: error']);
    assert.deepEqual(severities('info'), ['a question to check: info', 'a failure: info']);
  });

  it('tfjs-lint-disable-next-line silences the listed rules on the next line only', () => {
    const text = NS + 'const p = tf.sigmoid(tf.zeros([2]));\n// tfjs-lint-disable-next-line unsafe-log -- clipped upstream\nconst a = tf.log(p);\nconst b = tf.log(p);\n';
    const r = lintText(text, { fileName: 'a.ts', rules: [unsafeLog] });
    assert.deepEqual(r.findings.map((f) => f.start.line), [5]);
    const other = text.replace('unsafe-log --', 'manual-sigmoid --');
    assert.equal(lintText(other, { fileName: 'a.ts', rules: [unsafeLog] }).findings.length, 2);
    const all = text.replace('unsafe-log -- clipped upstream', '');
    assert.deepEqual(lintText(all, { fileName: 'a.ts', rules: [unsafeLog] }).findings.map((f) => f.start.line), [5]);
  });

  it('/* tfjs-lint-disable <rule> */ silences a rule in the whole file', () => {
    const r = lintText('/* tfjs-lint-disable unsafe-log */\n' + FLAGGED, { fileName: 'a.ts', rules: [unsafeLog] });
    assert.deepEqual(r.findings, []);
    const other = lintText('/* tfjs-lint-disable manual-sigmoid */\n' + FLAGGED, { fileName: 'a.ts', rules: [unsafeLog] });
    assert.equal(other.findings.length, 2);
  });

  it('a finding deferred to another rule is dropped only when that rule is on and reports the same place', () => {
    const at = (id: string, deferTo?: string, declared = true): Rule => ({
      meta: { id, description: id, defaultSeverity: 'warning', fixable: false, ...(declared && deferTo ? { deferTo: [deferTo] } : {}) },
      check(context) {
        const call = context.file.graph.calls[0];
        context.report({ node: call, message: `${id} here`, ...(deferTo ? { deferTo } : {}) });
      },
    });
    const elsewhere: Rule = {
      meta: { id: 'b', description: 'b', defaultSeverity: 'warning', fixable: false },
      check(context) {
        context.report({ range: { start: 0, end: 3 }, message: 'b elsewhere' });
      },
    };
    const code = NS + 'tf.zeros([2]);\n';
    const ids = (rules: Rule[], severities?: Record<string, 'off'>) =>
      lintText(code, { fileName: 'a.ts', rules, severities }).findings.map((f) => f.ruleId).sort();
    assert.deepEqual(ids([at('a', 'b'), at('b')]), ['b'], 'b on and at the same place: a gives way');
    assert.deepEqual(ids([at('a', 'b'), at('b')], { b: 'off' }), ['a'], 'b off: a stays');
    assert.deepEqual(ids([at('a', 'b'), elsewhere]), ['a', 'b'], 'b reports elsewhere: a stays');
    assert.deepEqual(ids([at('a', 'b', false), at('b')]), ['a', 'b'], 'an undeclared deferral is ignored');
    const suppressed = lintText(NS + '// tfjs-lint-disable-next-line b\ntf.zeros([2]);\n', { fileName: 'a.ts', rules: [at('a', 'b'), at('b')] });
    assert.deepEqual(suppressed.findings.map((f) => f.ruleId), [], 'a suppressed b finding still explains its place');
  });

  it('turning label-format off no longer silences the y shape error tfjs throws (shape-mismatch defers to it)', () => {
    const code = NS + "const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3, activation: 'softmax'})]});\nm.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nm.fit(tf.zeros([6, 4]), tf.zeros([6, 5]));\n";
    const rules = [rulesById.get('shape-mismatch')!, rulesById.get('label-format')!];
    const both = lintText(code, { fileName: 'a.ts', rules }).findings.map((f) => f.ruleId);
    assert.deepEqual(both, ['label-format'], 'reported once, by the rule that names the labels\' form');
    const alone = lintText(code, { fileName: 'a.ts', rules, severities: { 'label-format': 'off' } }).findings;
    assert.deepEqual(alone.map((f) => f.ruleId), ['shape-mismatch']);
    assert.match(alone[0].message, /y passed to fit has shape \[6, 5\]/);
  });

  it('a file with syntax errors is linted as far as it parses, with a notice', () => {
    const r = lintText(FLAGGED + 'const broken = (;\n', { fileName: 'a.ts', rules: [unsafeLog] });
    assert.equal(r.findings.length, 2);
    assert.ok(r.notices.some((n) => n.kind === 'parse-error'));
  });
});

describe('engine: findings that depend on code the parser could not read', () => {
  const MODEL = "const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));\nmodel.add(tf.layers.dense({ units: 1 }));\n";

  it('a half-typed `const` that swallows the first model.add: no "no inputShape" on the next layer', () => {
    const clean = lintText(MODEL, { fileName: 'a.js', rules });
    assert.deepEqual(clean.findings.map((f) => f.ruleId), []);
    const lines = MODEL.split('\n');
    const typing = [...lines.slice(0, 2), 'const', ...lines.slice(2)].join('\n');
    const r = lintText(typing, { fileName: 'a.js', rules });
    assert.ok(r.notices.some((n) => n.kind === 'parse-error'));
    assert.deepEqual(r.findings.map((f) => f.ruleId), []);
  });

  it('an unclosed call that swallows the rest of the file: no "layer never used"', () => {
    const lines = MODEL.split('\n');
    const typing = [lines[0], 'const hidden = tf.layers.dense(', ...lines.slice(1)].join('\n');
    assert.deepEqual(lintText(typing, { fileName: 'a.js', rules }).findings.map((f) => f.ruleId), []);
  });

  it('findings before the error, or in another function, are still reported', () => {
    const text = FLAGGED + 'function later() {\n  const broken = (;\n}\n';
    assert.equal(lintText(text, { fileName: 'a.ts', rules: [unsafeLog] }).findings.length, 2);
    const inFunction = NS + 'function f(p: tf.Tensor) {\n  return tf.log(tf.sigmoid(p));\n}\nconst x = (;\n';
    assert.equal(lintText(inFunction, { fileName: 'a.ts', rules: [unsafeLog] }).findings.length, 1);
  });
});

describe('engine: fixes in a file with syntax errors', () => {
  // A mutated example from the fuzz run: removing the unused layer's statement, computed from
  // the parser's recovery tree, made the broken file parse worse (7 -> 9 errors).
  const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/broken/removal-fix.ts.txt'), 'utf8');
  const rule = rulesById.get('disconnected-layers')!;

  it('a fix that would make the file parse worse is dropped; the finding stays', () => {
    const offered: Fix[] = [];
    const file = FileAnalysis.parse('m.ts', text);
    const findings: Finding[] = [];
    rule.check({
      file,
      options: {},
      project: {},
      report: (d) => {
        offered.push(...(d.fixes ?? []));
        const range = d.range ?? file.rangeOf(d.node!);
        findings.push({ ruleId: rule.meta.id, severity: 'warning', message: d.message, range, start: file.positionAt(range.start), end: file.positionAt(range.end), fixes: d.fixes ?? [] });
      },
    });
    const before = syntaxErrorCount('m.ts', text);
    assert.ok(offered.some((f) => syntaxErrorCount('m.ts', applyFixes(text, [f]).output) > before), 'the rule offers a breaking fix here');
    dropFixesThatBreakParsing('m.ts', text, before, findings);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      for (const fix of f.fixes) assert.ok(syntaxErrorCount('m.ts', applyFixes(text, [fix]).output) <= before, fix.title);
    }
    assert.ok(findings.reduce((n, f) => n + f.fixes.length, 0) < offered.length);
  });

  it('a fix asked about again is answered from its first check: it does not count again toward the cap of 40 parses', () => {
    const guard = new FixParseGuard('m.ts', text);
    const harmless = `${text}\n// reviewed\n`;
    const breaking = `${text}\nconst z = f(((;\n`;
    for (let i = 0; i < 60; i++) {
      assert.equal(guard.keepsOutput(harmless), true, `ask ${i + 1}`);
      assert.equal(guard.keepsOutput(breaking), false, `ask ${i + 1}`);
    }
  });

  it('through lintText the finding is quiet: the parser misread the model.add it says is missing', () => {
    assert.deepEqual(lintText(text, { fileName: 'm.ts', rules: [rule] }).findings, []);
  });
});
