// Following syntax through bindings: from an expression to the expression that made its value
// (a variable's initializer), for code that needs the syntax, not just the abstract value
// (which array literal a variable holds, which call produced it). Used by the engine and,
// through rules/support, by rules.
import { ts } from './ts';
import type { Scopes } from './scopes';

/** Strips parentheses, `as`, `!` and `satisfies` around an expression. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

/**
 * The initializer expression an identifier stands for, when it is a variable that is never
 * reassigned (and not a for-of/for-in variable); otherwise the expression itself, unwrapped.
 */
export function followBinding(scopes: Scopes, expr: ts.Expression, depth = 0): ts.Expression {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e) || depth > 20) return e;
  const decl = scopes.resolve(e);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return e;
  if (scopes.isReassigned(decl)) return e;
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) return e;
  return followBinding(scopes, decl.initializer, depth + 1);
}
