// Following syntax through bindings: from an expression to the expression that made its value
// (a variable's initializer), for code that needs the syntax, not just the abstract value
// (which array literal a variable holds, which call produced it). Used by the engine and,
// through rules/support, by rules.
import { ts } from './ts';
import type { Scopes } from './scopes';
import type { ContentChanges } from './mutations';

/** Name resolution and what code does to a variable's contents (the evaluator has both). */
export interface BindingContext {
  readonly scopes: Scopes;
  contentChangesOf(decl: ts.Node): ContentChanges;
}

/** Strips parentheses, `as`, `!` and `satisfies` around an expression. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

/**
 * The initializer expression an identifier stands for, when it is a variable that is never
 * reassigned (and not a for-of/for-in variable), and not an array or object literal whose
 * contents are changed later (`xs.push(...)`); otherwise the expression itself, unwrapped.
 */
export function followBinding(context: BindingContext, expr: ts.Expression, depth = 0): ts.Expression {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e) || depth > 20) return e;
  const { scopes } = context;
  const decl = scopes.resolve(e);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return e;
  if (scopes.isReassigned(decl)) return e;
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) return e;
  const init = unwrap(decl.initializer);
  if ((ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init)) && !context.contentChangesOf(decl).none) return e;
  return followBinding(context, decl.initializer, depth + 1);
}
