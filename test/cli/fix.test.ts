// --fix: safe fixes only, files rewritten, a second run changes nothing, and never a file
// that parses worse than before.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIGH_RATE, LOG_SIGMOID, runCli, runJson, treesRemovedAfter } from './helpers';
import { syntaxErrors } from '../harness/rule-tester';
import { lintSource, MAX_FIX_PASSES } from '../../server/src/cli/lint-files';
import { emptyConfig } from '../../server/src/engine/config';
import type { Rule } from '../../server/src/engine/rule';

describe('tfjs-lint CLI: --fix', function () {
  this.timeout(60_000);
  const tree = treesRemovedAfter();

  it('rewrites files with the safe fixes (unsafe-log: log of a sigmoid), keeps BOM and CRLF; a second run changes nothing', () => {
    const crlf = LOG_SIGMOID.replace(/\n/g, '\r\n');
    const cwd = tree({ 'a.ts': LOG_SIGMOID, 'b.ts': '\ufeff' + crlf, 'rate.ts': HIGH_RATE });
    const first = runCli(['--fix', '.'], { cwd });
    assert.equal(first.status, 0, first.stderr);
    const a = fs.readFileSync(path.join(cwd, 'a.ts'), 'utf8');
    const b = fs.readFileSync(path.join(cwd, 'b.ts'), 'utf8');
    assert.notEqual(a, LOG_SIGMOID, 'the file was rewritten');
    assert.match(a, /logSigmoid\(x\)/);
    assert.doesNotMatch(a, /tf\.log\(tf\.sigmoid/);
    assert.equal(syntaxErrors(a, 'a.ts'), 0, 'the fixed file parses');
    assert.ok(b.startsWith('\ufeff'), 'the byte-order mark is kept');
    assert.equal(b.slice(1).replace(/\r\n/g, '\n'), a, 'the same fix with CRLF line ends');
    assert.equal(fs.readFileSync(path.join(cwd, 'rate.ts'), 'utf8'), HIGH_RATE, 'unsafe fixes (the learning rate) are not applied');
    assert.match(first.stdout, /extreme-learning-rate/, 'what remains is reported');
    assert.doesNotMatch(first.stdout, /unsafe-log/);

    const second = runCli(['--fix', '.'], { cwd });
    assert.equal(second.status, 0);
    assert.equal(fs.readFileSync(path.join(cwd, 'a.ts'), 'utf8'), a, 'a second --fix changes nothing');
    assert.equal(fs.readFileSync(path.join(cwd, 'b.ts'), 'utf8'), b);
    assert.equal(second.stdout, first.stdout);
  });

  it('never rewrites a file that is not valid UTF-8 (its other bytes would change)', () => {
    const cwd = tree({});
    const latin1 = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\n' + LOG_SIGMOID)]);
    fs.writeFileSync(path.join(cwd, 'a.ts'), latin1);
    const r = runCli(['--fix', '.'], { cwd });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /a\.ts: fixes not written: the file is not valid UTF-8/);
    assert.ok(fs.readFileSync(path.join(cwd, 'a.ts')).equals(latin1), 'the bytes are unchanged');
    assert.match(r.stdout, /unsafe-log/, 'the finding is still reported');
  });

  it('--fix-dry-run writes nothing and reports the output; json `fix` is the same edit as --fix', () => {
    const cwd = tree({ 'a.ts': LOG_SIGMOID });
    const dry = runJson(['--fix-dry-run', '.'], { cwd });
    assert.equal(fs.readFileSync(path.join(cwd, 'a.ts'), 'utf8'), LOG_SIGMOID, 'nothing written');
    const output = dry.results[0].output;
    assert.ok(output && /logSigmoid/.test(output));
    assert.deepEqual(dry.results[0].messages, [], 'nothing left after the fixes');

    const plain = runJson(['.'], { cwd });
    const m = plain.results[0].messages.find((x) => x.ruleId === 'unsafe-log');
    assert.ok(m?.fix, 'the safe fix is the message fix');
    assert.equal(plain.results[0].fixableWarningCount, 1);
    const applied = LOG_SIGMOID.slice(0, m.fix.range[0]) + m.fix.text + LOG_SIGMOID.slice(m.fix.range[1]);
    assert.equal(applied, output);
  });

  describe('the parse guard and the pass limit (in process, with stand-in rules)', () => {
    const settings = (rule: Rule) => ({ config: emptyConfig(), overrides: {}, fix: true, rules: [rule] });
    const TEXT = 'import * as tf from "@tensorflow/tfjs";\nconst y = tf.relu(x);\n';
    const at = TEXT.indexOf('tf.relu');
    const standIn = (fixText: (text: string) => string | undefined): Rule => ({
      meta: { id: 'stand-in', description: 'test rule', defaultSeverity: 'warning', fixable: true },
      check(context) {
        const newText = fixText(context.file.text);
        if (newText === undefined) return;
        context.report({ range: { start: at, end: at + 7 }, message: 'stand-in', fixes: [{ title: 'edit', safe: true, edits: [{ start: at, end: at + 7, newText }] }] });
      },
    });

    it('never keeps a fix that makes the file stop parsing', () => {
      const report = lintSource('m.ts', TEXT, settings(standIn(() => 'tf.relu((')));
      assert.equal(report.output, undefined, 'the text is left as it was');
      assert.equal(report.fixesApplied, 0);
      assert.match(report.notices.map((n) => `${n.kind}: ${n.message}`).join('\n'), /fix-rejected: fixes not applied: the result would not parse/);
      assert.equal(report.findings.length, 1, 'the finding is still reported');
    });

    it('stops after the pass limit when fixes keep producing findings', () => {
      const noop = lintSource('m.ts', TEXT, settings(standIn(() => 'tf.relu')));
      assert.equal(noop.fixesApplied, 0, 'an edit that changes nothing ends the loop at once');
      assert.equal(noop.output, undefined);
      const growing = lintSource('m.ts', TEXT, settings(standIn(() => 'tf.reluu')));
      assert.equal(growing.fixesApplied, MAX_FIX_PASSES, 'a fix that always yields a new finding runs exactly the pass limit');
      assert.equal(growing.output, TEXT.replace('tf.relu', 'tf.relu' + 'u'.repeat(MAX_FIX_PASSES)));
    });
  });
});
