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

/** The function (or the source file) whose body holds `node`. */
export function enclosingFunction(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  }
  return node.getSourceFile();
}

/** Skips parentheses and type-only wrappers around an expression, upwards. */
export function outermostWrapper(node: ts.Node): ts.Node {
  let n = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) ||
      ts.isSatisfiesExpression(n.parent) || ts.isTypeAssertionExpression(n.parent))
  ) {
    n = n.parent;
  }
  return n;
}

/** True when `id` is the receiver of a `.apply(...)` call: `id.apply(x)`. Returns that call. */
export function applyCallOnReceiver(id: ts.Node): ts.CallExpression | undefined {
  const n = outermostWrapper(id);
  const access = n.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== n || access.name.text !== 'apply') return undefined;
  const call = access.parent;
  return call && ts.isCallExpression(call) && call.expression === access ? call : undefined;
}

/** Properties whose read only looks at a layer or tensor (logging, a shape check): it connects nothing. */
const INERT_PROPERTIES = new Set(['name', 'shape', 'outputShape', 'inputShape', 'dtype', 'rank', 'size', 'id', 'batchInputShape']);

/**
 * True when `id` is only read for an inert property (`dense.name`, `h.shape` in a log or a
 * check): not assigned, not called. Such a read does not use the layer or tensor.
 */
export function isInertRead(id: ts.Node): boolean {
  const n = outermostWrapper(id);
  const access = n.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== n || !INERT_PROPERTIES.has(access.name.text)) return false;
  const p = outermostWrapper(access).parent;
  if (!p) return true;
  if (ts.isCallExpression(p) && p.expression === outermostWrapper(access)) return false;
  if (ts.isBinaryExpression(p) && p.left === outermostWrapper(access) && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
  if (ts.isDeleteExpression(p)) return false;
  return true;
}
