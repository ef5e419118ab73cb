// The seeded fuzz slice that runs in `npm test`: 5,000 inputs, no exception, no rule error.
import * as assert from 'node:assert/strict';
import { fuzz } from './fuzz';

describe('fuzz slice (seeded)', function () {
  this.timeout(240_000);
  it('lints 5,000 prefixes and mutations of the corpus: no exception, no rule error, no fix that breaks parsing', () => {
    const report = fuzz(5000, 20261128);
    assert.ok(report.inputs >= 5000, `only ${report.inputs} inputs`);
    assert.ok(report.fixedInputs >= 500, `only ${report.fixedInputs} inputs had fixes to apply`);
    const shown = report.failures.slice(0, 3).map((f) => `${f.kind} in ${f.source}: ${f.detail}\n--- input ---\n${f.input.slice(0, 400)}`);
    assert.equal(report.failures.length, 0, `${report.failures.length} failure(s):\n${shown.join('\n\n')}`);
  });
});
