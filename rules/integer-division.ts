// integer-division: tf.div between two int32 tensors. tfjs keeps int32 and floor-divides, so
// pixels divided by an int32 255 are all 0 (and [2, 7] / 100 is [0, 0]). Dividing by a plain
// number is fine: tfjs makes the number a float32 scalar and the result float32.
import { ts } from '../server/src/engine/ts';
import type { Rule } from '../server/src/engine/rule';
import type { Fix } from '../server/src/engine/types';
import type { FileAnalysis } from '../server/src/engine/analysis';
import { asReceiver, callsNamed, dtypeOf, tensorOp } from './support/tensor-ops';

const DIVISIONS = new Set(['div', 'divNoNan']);

export const rule: Rule = {
  meta: {
    id: 'integer-division',
    description: 'tf.div of two int32 tensors floor-divides silently: pixel / 255 becomes 0.',
    defaultSeverity: 'warning',
    source: 'T2-5',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    for (const call of callsNamed(file, DIVISIONS)) {
      const t = tensorOp(file, call);
      if (!t || t.call !== call || !t.known || (t.op !== 'div' && t.op !== 'divNoNan') || t.operands.length !== 2) continue;
      const [a, b] = t.operands;
      const da = dtypeOf(file, a);
      const db = dtypeOf(file, b);
      if (da?.dtype !== 'int32' || db?.dtype !== 'int32') continue;
      // An index divided by a width is a row number: floor division on purpose (argmax2d in posenet).
      if (da.index) continue;
      // An int32 divisor known to lie in [-1, 1] is -1, 0 or 1: floor division by +-1 is exact,
      // and by 0 real division gives no usable number either (one-hot labels over their
      // min-max span: the same 0/1 values).
      const divisor = file.valueRange(b);
      if (divisor && divisor.lo >= -1 && divisor.hi <= 1) continue;
      const sources = da.origin === db.origin ? `both int32 from ${da.origin}` : `int32 from ${da.origin} and int32 from ${db.origin}`;
      context.report({
        node: call,
        message:
          `${t.op} of two int32 tensors (${sources}) floor-divides: tfjs keeps int32, so [2, 7] / 100 gives [0, 0]. ` +
          `Cast the dividend with .toFloat() for a real division.`,
        fixes: [toFloatFix(file, a)],
      });
    }
  },
};

/** Appends .toFloat() to the dividend; tfjs 4.22 divides float32 by int32 as float32 (checked). */
function toFloatFix(file: FileAnalysis, dividend: ts.Expression): Fix {
  const text = file.textOf(dividend);
  return {
    title: 'Cast the dividend with .toFloat()',
    // The result turns float32: right for pixels and ratios, wrong where floor division was meant (indices).
    safe: false,
    edits: [{ ...file.rangeOf(dividend), newText: `${asReceiver(dividend, text)}.toFloat()` }],
  };
}
