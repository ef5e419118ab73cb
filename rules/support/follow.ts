// Following an expression back through `const` bindings to the expression that made it,
// for rules that need syntax (not just an abstract value): which array literal a variable
// holds, which call produced it.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { followBinding as followEngineBinding, unwrap } from '../../server/src/engine/bindings';

/** The initializer an identifier stands for (see engine/bindings.ts), else the expression. */
export function followBinding(file: FileAnalysis, expr: ts.Expression): ts.Expression {
  return followEngineBinding(file.evaluator, expr);
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
