// Following an expression back through `const` bindings to the expression that made it,
// for rules that need syntax (not just an abstract value): which array literal a variable
// holds, which call produced it.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { unwrap } from './call-shape';

/**
 * The initializer expression an identifier stands for, when it is a variable that is never
 * reassigned; otherwise the expression itself (parentheses and assertions removed).
 */
export function followBinding(file: FileAnalysis, expr: ts.Expression, depth = 0): ts.Expression {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e) || depth > 20) return e;
  const decl = file.scopes.resolve(e);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return e;
  if (file.scopes.isReassigned(decl)) return e;
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) return e;
  return followBinding(file, decl.initializer, depth + 1);
}

/** The declaration an identifier resolves to, if any. */
export function declarationOf(file: FileAnalysis, expr: ts.Expression): ts.Node | undefined {
  const e = unwrap(expr);
  return ts.isIdentifier(e) ? file.scopes.resolve(e) : undefined;
}

/** True when the expression names the tfjs-vis namespace (import, require or browser global). */
export function isTfvisNamespace(file: FileAnalysis, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return false;
  const decl = file.scopes.resolve(e);
  if (!decl) return e.text === 'tfvis';
  const from = (spec: ts.Node | undefined): boolean => !!spec && ts.isStringLiteral(spec) && spec.text === '@tensorflow/tfjs-vis';
  if (ts.isNamespaceImport(decl)) return from(decl.parent.parent.moduleSpecifier);
  if (ts.isImportClause(decl)) return from(decl.parent.moduleSpecifier);
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(decl.initializer);
    return ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && from(init.arguments[0]);
  }
  return false;
}
