// Value ranges of numbers, arrays and tensors (see interval.ts for what a range promises).
import type { ts } from '../ts';
import type { FileAnalysis } from '../analysis';
import { NumberRanges } from './number-range';
import { TensorRanges } from './tensor-range';
import type { ValueRange } from './interval';

export type { ValueRange } from './interval';
export { literalRange } from './tensor-range';

/** The ranges of one file, memoised with it. */
export class RangeAnalysis {
  private readonly numbers: NumberRanges;
  private readonly tensors: TensorRanges;
  private readonly memo = new Map<ts.Node, ValueRange | null>();

  constructor(file: FileAnalysis) {
    this.numbers = new NumberRanges(file);
    this.tensors = new TensorRanges(file, this.numbers);
  }

  /** The range of a tensor, a number or an array of numbers; undefined when unknown. */
  rangeOf(expr: ts.Expression | undefined): ValueRange | undefined {
    if (!expr) return undefined;
    const hit = this.memo.get(expr);
    if (hit !== undefined) return hit ?? undefined;
    const r = this.tensors.rangeOf(expr) ?? this.numbers.rangeOf(expr);
    this.memo.set(expr, r ?? null);
    return r;
  }
}
