// The tensor-ops helpers on their own: ops seen the same way in function and method form,
// through variables and helpers; the number 1; 1 - p; dtypes; text that may move in a fix.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../../server/src/engine/analysis';
import { ts } from '../../../server/src/engine/ts';
import { complementOf, dtypeOf, isOne, portableText, tensorOp } from '../../../rules/support/tensor-ops';

/** The file and the expression of its last statement (after the tfjs import). */
function lastExpression(code: string): { file: FileAnalysis; expr: ts.Expression } {
  const file = FileAnalysis.parse('ops.ts', "import * as tf from '@tensorflow/tfjs';\n" + code);
  const last = file.sourceFile.statements[file.sourceFile.statements.length - 1];
  assert.ok(ts.isExpressionStatement(last), 'the last statement is an expression');
  file.graph;
  return { file, expr: last.expression };
}

describe('tensor-ops helpers', () => {
  describe('tensorOp', () => {
    const cases: [string, string, string | undefined, string[] | undefined, boolean | undefined][] = [
      ['function form', 'tf.log(p);', 'log', ['p'], true],
      ['method form on a tensor', 'const p = tf.sigmoid(z);\np.log();', 'log', ['p'], true],
      ['through a const', 'const q = tf.sub(1, p);\nq;', 'sub', ['1', 'p'], true],
      ['through a helper function', 'function probs(z: tf.Tensor) { return tf.softmax(z); }\nprobs(x);', 'softmax', ['z'], true],
      ['through tf.tidy', 'tf.tidy(() => tf.exp(x));', 'exp', ['x'], true],
      ['method on a typed parameter', 'export function f(y: tf.Tensor) { return y; }\ndeclare const y: tf.Tensor;\ny.neg();', 'neg', ['y'], true],
      ['method on an untyped unknown: suspected only', 'declare const y: any;\ny.log();', 'log', ['y'], false],
      ['console.log is no tensor op', 'console.log(p);', undefined, undefined, undefined],
      ['Math.exp is no tensor op', 'Math.exp(2);', undefined, undefined, undefined],
      ['a reassigned let is not followed', 'let q = tf.exp(x);\nq = x;\nq;', undefined, undefined, undefined],
      ['wrong arity for a tensor method', 'declare const logger: any;\nlogger.log("a", 1);', undefined, undefined, undefined],
    ];
    for (const [name, code, op, operands, known] of cases) {
      it(name, () => {
        const { file, expr } = lastExpression(code);
        const t = tensorOp(file, expr);
        assert.equal(t?.op, op);
        assert.deepEqual(t?.operands.map((o) => file.textOf(o)), operands);
        assert.equal(t?.known, known);
      });
    }
  });

  it('isOne and complementOf', () => {
    const one = (code: string): boolean => {
      const { file, expr } = lastExpression(code);
      return isOne(file, expr);
    };
    assert.deepEqual(['1;', 'tf.scalar(1);', 'const ONE = 1;\nONE;', 'tf.onesLike(p);', '2;', 'tf.scalar(0.5);'].map(one), [true, true, true, true, false, false]);
    const of = (code: string): string | undefined => {
      const { file, expr } = lastExpression(code);
      const c = complementOf(file, expr);
      return c && file.textOf(c.of);
    };
    assert.equal(of('tf.sub(1, p);'), 'p');
    assert.equal(of('tf.scalar(1).sub(p);'), 'p');
    assert.equal(of('declare const p: tf.Tensor;\np.neg().add(1);'), 'p');
    assert.equal(of('tf.sub(p, 1);'), undefined);
    assert.equal(of('tf.sub(2, p);'), undefined);
  });

  it('dtypeOf, with where the dtype comes from', () => {
    const dt = (code: string): string | undefined => {
      const { file, expr } = lastExpression(code);
      const d = dtypeOf(file, expr);
      return d && `${d.dtype} from ${d.origin}`;
    };
    assert.equal(dt('declare const img: HTMLImageElement;\ntf.browser.fromPixels(img);'), 'int32 from tf.browser.fromPixels');
    assert.equal(dt('declare const b: Uint8Array;\ntf.node.decodeImage(b);'), 'int32 from tf.node.decodeImage');
    assert.equal(dt("tf.tensor([1, 2], [2], 'int32');"), "int32 from tf.tensor(..., 'int32')");
    assert.equal(dt('tf.tensor([1, 2]);'), 'float32 from tf.tensor of numbers');
    assert.equal(dt('tf.tensor(new Int32Array([1, 2]));'), 'int32 from tf.tensor(new Int32Array(...))');
    assert.equal(dt("tf.scalar(3, 'int32').add(tf.scalar(1, 'int32'));"), "int32 from tf.scalar(..., 'int32')");
    assert.equal(dt("tf.scalar(3, 'int32').add(1);")?.split(' ')[0], 'float32');
    assert.equal(dt('tf.equal(a, b).sum();'), 'int32 from sum of equal');
    assert.equal(dt('declare const x: tf.Tensor;\nx;'), undefined);
  });

  it('portableText: moved text must mean the same at the new place', () => {
    const code = [
      'const z = tf.tensor([1]);',
      'const p = tf.sigmoid(z);',
      'function inner(z: tf.Tensor) { return tf.log(p); }',
      'tf.log(p);',
    ].join('\n');
    const { file, expr } = lastExpression(code);
    const sigmoid = tensorOp(file, (expr as ts.CallExpression).arguments[0])!;
    const logits = sigmoid.operands[0];
    assert.equal(portableText(file, logits, expr), 'z', 'the same z at the top level');
    const innerLog = file.graph.calls.find((c) => file.textOf(c) === 'tf.log(p)' && c.pos < expr.pos)!;
    assert.equal(portableText(file, logits, innerLog), undefined, 'inside inner(), z is the parameter');
  });
});
