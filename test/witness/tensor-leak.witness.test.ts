// Witness for tensor-leak: with the real tfjs 4.22, an evaluation loop that reads predictions
// with dataSync leaves its tensors behind: tf.memory().numTensors grows by the three flagged
// calls on every iteration. Wrapped in tf.tidy (the rule's advice) the count stays flat.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/tensor-leak';
import { lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const LEAKY = `
import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [4]})]});
export async function main() {
  const counts = [];
  for (let i = 0; i < 5; i++) {
    const p = model.predict(tf.tensor2d([[i, 1, 2, 3]]));
    const best = p.argMax(-1).dataSync()[0];
    counts.push(tf.memory().numTensors);
  }
  return counts;
}
`;

// The same loop body inside tf.tidy: what the message advises for synchronous code.
const TIDY = LEAKY.replace(
  "const p = model.predict(tf.tensor2d([[i, 1, 2, 3]]));\n    const best = p.argMax(-1).dataSync()[0];",
  "const best = tf.tidy(() => {\n      const p = model.predict(tf.tensor2d([[i, 1, 2, 3]]));\n      return p.argMax(-1).dataSync()[0];\n    });",
);

describe('tensor-leak (witness)', function () {
  this.timeout(20000);

  it('numTensors grows by one tensor per flagged call (3) per iteration; inside tf.tidy it stays flat', async () => {
    const findings = lintWith(rule, LEAKY);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /and 2 more calls \(predict, tensor2d, argMax\) make tensors on every loop iteration/);
    const leaky = Array.from(await runMain<number[]>(LEAKY));
    const steps = leaky.slice(1).map((n, i) => n - leaky[i]);
    assert.deepEqual(steps, [3, 3, 3, 3], `per-iteration growth, counts ${leaky.join(', ')}`);

    assert.notEqual(TIDY, LEAKY);
    assert.equal(lintWith(rule, TIDY).length, 0);
    const tidy = Array.from(await runMain<number[]>(TIDY));
    assert.deepEqual(tidy.slice(1).map((n, i) => n - tidy[i]), [0, 0, 0, 0], `counts ${tidy.join(', ')}`);
  });
});
