// Whether a file is a module (its top-level names its own) or a classic script (its top-level
// names globals other scripts may read). The answer is kept per tree, since the evaluator asks
// it for every undeclared name it reads; a file name that differs from the tree's own is
// answered afresh, never from what was kept for the tree.
import * as assert from 'node:assert/strict';
import { parseSourceFile } from '../../server/src/engine/parse';
import { isModuleSource } from '../../server/src/engine/value-uses';

describe('engine: module or classic script', () => {
  it('reads imports, exports and CommonJS as a module, anything else as a script, asked again alike', () => {
    const cases: [string, string, boolean][] = [
      ['a.js', "import * as tf from '@tensorflow/tfjs';", true],
      ['a.js', 'export const units = 3;', true],
      ['a.js', "const tf = require('@tensorflow/tfjs');", true],
      ['a.js', 'module.exports = { units: 3 };', true],
      ['a.mjs', 'const units = 3;', true],
      ['a.js', 'const units = 3;', false],
      ['a.js', '// require(x) in a comment is read as CommonJS too\nconst units = 3;', true],
    ];
    for (const [fileName, code, expected] of cases) {
      const sf = parseSourceFile(fileName, code);
      assert.equal(isModuleSource(fileName, sf), expected, code);
      assert.equal(isModuleSource(fileName, sf), expected, `${code} (asked again)`);
    }
  });

  it('answers for the name it is given, whichever name the tree was asked under first', () => {
    const sf = parseSourceFile('page.js', 'const units = 3;');
    assert.equal(isModuleSource('page.js', sf), false);
    assert.equal(isModuleSource('page.mjs', sf), true);
    assert.equal(isModuleSource('page.js', sf), false);
    const other = parseSourceFile('page.js', 'const units = 3;');
    assert.equal(isModuleSource('page.mjs', other), true);
    assert.equal(isModuleSource('page.js', other), false);
  });
});
