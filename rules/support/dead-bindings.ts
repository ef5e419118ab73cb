// When a fix replaces an expression, the `const` tensors that only fed it become dead code
// (`const positive = tf.mul(t, tf.log(p))` once the whole cross-entropy is one tfjs call).
// These edits remove them with the replacement, so nothing is left computing the old values.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import type { TextEdit } from '../../server/src/engine/types';
import { removeStatementEdit } from './statement-removal';
import { identifiersIn, tensorOp } from './tensor-ops';

/**
 * Edits removing each `const name = <tensor op>;` statement whose every reference lies in
 * `replaced` or in a statement removed before it (so chains of helpers go together). A binding
 * whose name the replacement text still uses stays. Only single-declaration, non-exported
 * const statements whose initializer calls nothing but tfjs ops are removed: computing a
 * tensor has no effect worth keeping (a helper function or model.predict might).
 */
export function deadBindingEdits(file: FileAnalysis, replaced: ts.Node, replacementText: string): TextEdit[] {
  const stillUsed = new Set(replacementText.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const removed: ts.Node[] = [replaced];
  const edits: TextEdit[] = [];
  const done = new Set<ts.Node>();
  const isRemoved = (n: ts.Node): boolean => removed.some((r) => n.pos >= r.pos && n.end <= r.end);
  for (let i = 0; i < removed.length && i < 50; i++) {
    for (const id of identifiersIn(removed[i])) {
      const decl = file.scopes.resolve(id);
      if (!decl || done.has(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) continue;
      done.add(decl);
      if (stillUsed.has(decl.name.text)) continue;
      const list = decl.parent;
      const statement = list.parent;
      if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || list.declarations.length !== 1) continue;
      if (!ts.isVariableStatement(statement) || statement.modifiers?.length) continue;
      if (!onlyTensorOps(file, decl.initializer)) continue;
      if (!file.scopes.referencesOf(decl).every((r) => isRemoved(r.identifier))) continue;
      const edit = removeStatementEdit(statement, file);
      if (!edit) continue;
      edits.push(edit);
      removed.push(statement);
    }
  }
  return edits;
}

/** True when `expr` is a tfjs op and every call inside it is one too, made right there. */
function onlyTensorOps(file: FileAnalysis, expr: ts.Expression): boolean {
  if (!ts.isCallExpression(expr)) return false;
  const stack: ts.Node[] = [expr];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isFunctionLike(n)) return false;
    if (ts.isCallExpression(n)) {
      const t = tensorOp(file, n);
      if (!t || !t.known || t.call !== n) return false;
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return true;
}
