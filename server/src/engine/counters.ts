// Counters: writes that step a variable by a constant (`i++`, `--n`, `k += 3`, `k -= 2`). Loop
// trip counts and "a counter that only counts up equals a constant once" both read them.
import { ts, SK } from './ts';

export interface CounterStep {
  /** The variable (or expression) written. */
  readonly target: ts.Expression;
  /** What the write adds to it: 1 for `i++`, -2 for `k -= 2`. */
  readonly step: number;
}

/** The constant step of an update expression; undefined for any other expression or an unknown step. */
export function counterStep(e: ts.Expression, numberOf: (e: ts.Expression) => number | undefined): CounterStep | undefined {
  if (ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) {
    if (e.operator === SK.PlusPlusToken) return { target: e.operand, step: 1 };
    if (e.operator === SK.MinusMinusToken) return { target: e.operand, step: -1 };
    return undefined;
  }
  if (!ts.isBinaryExpression(e)) return undefined;
  const k = e.operatorToken.kind;
  if (k !== SK.PlusEqualsToken && k !== SK.MinusEqualsToken) return undefined;
  const by = numberOf(e.right);
  if (by === undefined) return undefined;
  return { target: e.left, step: k === SK.PlusEqualsToken ? by : -by };
}
