// Pathological inputs: each must finish well under 2 s of CPU with a bounded result (findings
// or a notice), never an exception, a hang or a rule error. CPU time, not wall time: linting is
// synchronous, so the process's CPU during the call is the lint's, and other load on the
// machine does not count against it.
import * as assert from 'node:assert/strict';
import { lintText, type LintResult } from '../../server/src/engine';
import { rules } from '../../rules';

const HEAD = "import * as tf from '@tensorflow/tfjs';\n";

function timed(text: string): { ms: number; result: LintResult } {
  const before = process.cpuUsage();
  const result = lintText(text, { fileName: 'pathological.ts', rules });
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

const cases: { name: string; text: () => string; expect?: (r: LintResult) => void }[] = [
  {
    name: '10,000 nested parentheses',
    text: () => HEAD + 'const x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + ';',
    expect: (r) => assert.match(r.notices.map((n) => n.message).join(' '), /nests too deeply/),
  },
  {
    name: 'a 5 MB single-line file',
    text: () => HEAD + 'const a = [' + '1,'.repeat(2_500_000) + '];',
    expect: (r) => assert.match(r.notices[0]?.message ?? '', /over the 2\.0 MB limit/),
  },
  {
    name: 'a model with 20,000 layers built in a loop',
    text: () => HEAD + 'const m = tf.sequential();\nfor (let i = 0; i < 20000; i++) { m.add(tf.layers.dense({units: 4, inputShape: [4]})); }\nm.compile({loss: "meanSquaredError", optimizer: "sgd"});',
  },
  {
    name: '20,000 layers added one statement each',
    text: () => HEAD + 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [4]}));\n' + 'm.add(tf.layers.dense({units: 4}));\n'.repeat(20_000) + 'm.compile({loss: "meanSquaredError", optimizer: "sgd"});',
  },
  {
    name: 'self-referencing constants',
    text: () => HEAD + 'const a = b; const b = a; const c = tf.train.sgd(a);\nconst o = {...o2}; const o2 = {...o}; tf.layers.dense(o);',
  },
  {
    name: 'recursive helpers',
    text: () => HEAD + 'function f(n) { return f(n - 1); }\nconst opt = tf.train.adam(f(3));\nfunction g() { return h(); }\nfunction h() { return g(); }\nconst d = tf.layers.dense({units: g()});\nfunction build() { const m = build(); m.add(d); return m; }\nbuild().fit(tf.zeros([1, 1]), tf.zeros([1, 1]));',
  },
  {
    name: 'model.add inside 200 nested loops',
    text: () => HEAD + 'const m = tf.sequential();\n' + 'for (let i = 0; i < 3; i++) {'.repeat(200) + 'm.add(tf.layers.dense({units: 2}));' + '}'.repeat(200),
  },
  {
    name: 'a 20,000-link method chain',
    text: () => HEAD + 'const y = tf.tensor([1])' + '.add(1)'.repeat(20_000) + '.log();',
  },
  {
    name: 'a 20,000-long chain of constants',
    text: () => HEAD + Array.from({ length: 20_000 }, (_, i) => `const v${i} = ${i ? 'v' + (i - 1) : '1'} + 1;`).join('\n') + '\nconst o = tf.train.sgd(v19999);',
  },
];

describe('pathological inputs', function () {
  this.timeout(30_000);
  for (const c of cases) {
    it(`${c.name}: finishes under 2 s of CPU without errors`, () => {
      const text = c.text();
      const { ms, result } = timed(text);
      assert.deepEqual(result.ruleErrors, [], 'a rule threw');
      assert.ok(result.findings.length < 100_000, 'unbounded findings');
      c.expect?.(result);
      assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms of CPU`);
    });
  }
});
