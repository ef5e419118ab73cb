// Is an expression a JS number, even when its value is not known? `Math.random()`, `i * 2`,
// `parseFloat(s)`, a loop counter. Tensor constructors need this to know that a pushed row
// `[x, y]` is a row of 2 numbers (rank 1), not of 2 arrays.
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import type { Value } from './values';

export interface NumberContext {
  evaluate(node: ts.Expression): Value;
  scopes: Scopes;
}

const NUMBER_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat']);
const NUMBER_STATICS = new Set(['Date.now', 'performance.now', 'Number.parseFloat', 'Number.parseInt']);

export function isNumberExpression(e: ts.Expression, ctx: NumberContext, depth = 0): boolean {
  if (depth > 8) return false;
  if (typeof ctx.evaluate(e) === 'number') return true;
  switch (e.kind) {
    case SK.NumericLiteral:
      return true;
    case SK.ParenthesizedExpression:
    case SK.NonNullExpression:
      return isNumberExpression((e as ts.ParenthesizedExpression).expression, ctx, depth + 1);
    case SK.PrefixUnaryExpression: {
      const op = (e as ts.PrefixUnaryExpression).operator;
      return op === SK.PlusToken || op === SK.MinusToken || op === SK.TildeToken || op === SK.PlusPlusToken || op === SK.MinusMinusToken;
    }
    case SK.PostfixUnaryExpression:
      return true;
    case SK.BinaryExpression: {
      const b = e as ts.BinaryExpression;
      switch (b.operatorToken.kind) {
        case SK.MinusToken: case SK.AsteriskToken: case SK.SlashToken: case SK.PercentToken: case SK.AsteriskAsteriskToken:
        case SK.LessThanLessThanToken: case SK.GreaterThanGreaterThanToken: case SK.GreaterThanGreaterThanGreaterThanToken:
        case SK.AmpersandToken: case SK.BarToken: case SK.CaretToken:
          return true;
        case SK.PlusToken:
          return isNumberExpression(b.left, ctx, depth + 1) && isNumberExpression(b.right, ctx, depth + 1);
      }
      return false;
    }
    case SK.ConditionalExpression: {
      const c = e as ts.ConditionalExpression;
      return isNumberExpression(c.whenTrue, ctx, depth + 1) && isNumberExpression(c.whenFalse, ctx, depth + 1);
    }
    case SK.CallExpression: {
      const callee = (e as ts.CallExpression).expression;
      if (ts.isIdentifier(callee)) return NUMBER_FUNCTIONS.has(callee.text) && !ctx.scopes.resolve(callee);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && !ctx.scopes.resolve(callee.expression)) {
        return callee.expression.text === 'Math' || NUMBER_STATICS.has(`${callee.expression.text}.${callee.name.text}`);
      }
      return false;
    }
    case SK.Identifier:
      return isNumberVariable(e as ts.Identifier, ctx, depth);
  }
  return false;
}

/** Variables being checked: an assignment `x = x + 1` may assume x is a number (the initializer decides). */
const checking = new Set<ts.Node>();

/** A `let`/`const` whose initializer and every assignment are numbers (a loop counter, an accumulator). */
function isNumberVariable(id: ts.Identifier, ctx: NumberContext, depth: number): boolean {
  const decl = ctx.scopes.resolve(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return false;
  if (checking.has(decl)) return true;
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) return false;
  if (!isNumberExpression(decl.initializer, ctx, depth + 1)) return false;
  checking.add(decl);
  try {
    return everyWriteIsNumber(decl, ctx, depth);
  } finally {
    checking.delete(decl);
  }
}

function everyWriteIsNumber(decl: ts.VariableDeclaration, ctx: NumberContext, depth: number): boolean {
  for (const ref of ctx.scopes.referencesOf(decl)) {
    if (!ref.write) continue;
    const p = ref.identifier.parent;
    if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) continue;
    if (ts.isBinaryExpression(p) && p.left === ref.identifier) {
      const k = p.operatorToken.kind;
      if (k === SK.EqualsToken || k === SK.PlusEqualsToken) {
        if (isNumberExpression(p.right, ctx, depth + 1)) continue;
        return false;
      }
      if (k >= SK.FirstCompoundAssignment && k <= SK.LastCompoundAssignment && k !== SK.QuestionQuestionEqualsToken && k !== SK.BarBarEqualsToken && k !== SK.AmpersandAmpersandEqualsToken) continue;
    }
    return false;
  }
  return true;
}
