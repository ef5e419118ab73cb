// lintText's own contract: the prefilter, size and binary checks, rule isolation, the time
// budget, and suppression comments. Real rules where they serve; small stand-in rules where
// the point is the engine's handling of a rule (one that throws, one that is slow).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, lintText, type Fix, type Rule } from '../../server/src/engine';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { syntaxErrorCount } from '../../server/src/engine/fix-guard';
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

  it('a file with syntax errors is linted as far as it parses, with a notice', () => {
    const r = lintText(FLAGGED + 'const broken = (;\n', { fileName: 'a.ts', rules: [unsafeLog] });
    assert.equal(r.findings.length, 2);
    assert.ok(r.notices.some((n) => n.kind === 'parse-error'));
  });
});

describe('engine: fixes in a file with syntax errors', () => {
  // A mutated example from the fuzz run: removing the unused layer's statement, computed from
  // the parser's recovery tree, made the broken file parse worse (7 -> 9 errors).
  const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/broken/removal-fix.ts.txt'), 'utf8');
  const rule = rulesById.get('disconnected-layers')!;

  it('a fix that would make the file parse worse is dropped; the finding stays', () => {
    const offered: Fix[] = [];
    rule.check({ file: FileAnalysis.parse('m.ts', text), options: {}, report: (d) => offered.push(...(d.fixes ?? [])) });
    const before = syntaxErrorCount('m.ts', text);
    assert.ok(offered.some((f) => syntaxErrorCount('m.ts', applyFixes(text, [f]).output) > before), 'the rule offers a breaking fix here');
    const r = lintText(text, { fileName: 'm.ts', rules: [rule] });
    assert.ok(r.findings.length > 0);
    for (const f of r.findings) {
      for (const fix of f.fixes) assert.ok(syntaxErrorCount('m.ts', applyFixes(text, [fix]).output) <= before, fix.title);
    }
    assert.ok(r.findings.reduce((n, f) => n + f.fixes.length, 0) < offered.length);
  });
});
