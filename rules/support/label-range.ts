// What rules conclude from a label (target) tensor's value range. The range itself is an
// engine fact (`file.valueRange`, engine/ranges); the judgments about it live here.
import type { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import type { ValueRange } from '../../server/src/engine/ranges';

export type { ValueRange };
export type LabelSign = 'nonnegative' | 'signed' | 'unknown';

/** Known to hold values outside [lo, hi]: a reached end beyond it, or negatives below a lower bound of 0 or more. */
export function knownOutside(r: ValueRange, lo: number, hi: number): boolean {
  return (!!r.exact && (r.lo < lo || r.hi > hi)) || (r.hasNegative && lo >= 0);
}

/** The sign of a label expression: 'signed' when it is known to hold negatives. */
export function labelSign(file: FileAnalysis, expr: ts.Expression | undefined): LabelSign {
  const r = file.valueRange(expr);
  if (!r) return 'unknown';
  if (r.hasNegative) return 'signed';
  return r.lo >= 0 ? 'nonnegative' : 'unknown';
}

/** The range of a tensor (or plain number) expression; undefined when it cannot be known. */
export function valueRange(file: FileAnalysis, expr: ts.Expression | undefined): ValueRange | undefined {
  return file.valueRange(expr);
}
