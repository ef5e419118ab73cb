// Which assignment a read of a reassigned `let`/`var` sees, where the order is plain: the
// chains public code writes (`let x = tf.input(...); x = dense.apply(x); x = drop.apply(x);`,
// `let model; ... model = tf.sequential(); model.add(...)`). The read sees the last write
// before it when every write is a plain `=` in the same function as the declaration, that
// write surely ran before the read (no branch, loop or try it sits in leaves the read out), no
// other write lies between them, and no loop around the read writes the variable again. Any
// doubt: undefined, and the evaluator keeps its flow-insensitive answer.
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import { enclosingFunction } from './bindings';

/** A write of a variable: the declaration (its initializer, or nothing) or a `name = value`. */
export interface Write {
  /** The node whose end is the moment of the write. */
  node: ts.Node;
  /** The value written; undefined for a declaration without initializer. */
  value: ts.Expression | undefined;
}

/** The write a read of `decl` at `use` sees, or undefined when that is not plain. */
export function reachingWrite(decl: ts.VariableDeclaration, use: ts.Node, scopes: Scopes): Write | undefined {
  const fn = enclosingFunction(decl);
  if (enclosingFunction(use) !== fn) return undefined;
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent) || ts.isForStatement(list.parent))) return undefined;
  const writes: Write[] = [{ node: decl, value: decl.initializer }];
  for (const ref of scopes.referencesOf(decl)) {
    if (!ref.write) continue;
    let target: ts.Node = ref.identifier;
    while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
    const p = target.parent;
    if (!ts.isBinaryExpression(p) || p.left !== target || p.operatorToken.kind !== SK.EqualsToken) return undefined;
    if (enclosingFunction(p) !== fn) return undefined;
    writes.push({ node: p, value: p.right });
  }
  let last: Write | undefined;
  for (const w of writes) {
    if (w.node.end <= use.pos && (!last || w.node.end > last.node.end)) last = w;
  }
  // The last write before the read must have run (one in a branch may not have: then no answer).
  if (!last || !ranBefore(last.node, use, fn)) return undefined;
  // A loop around the read but not around the write carries later writes back to the read.
  for (let n = use.parent; n && n !== fn; n = n.parent) {
    if (isLoop(n) && !contains(n, last.node) && writes.some((w) => contains(n, w.node))) return undefined;
  }
  return last;
}

/** Every branch, loop or try the write sits in (up to `fn`) holds the read on the same side. */
export function ranBefore(write: ts.Node, use: ts.Node, fn: ts.Node): boolean {
  let child: ts.Node = write;
  for (let n = write.parent; n && n !== fn; child = n, n = n.parent) {
    if (isControl(n) && !contains(child, use)) return false;
  }
  return true;
}

function isControl(n: ts.Node): boolean {
  switch (n.kind) {
    case SK.IfStatement:
    case SK.ConditionalExpression:
    case SK.SwitchStatement:
    case SK.CaseClause:
    case SK.DefaultClause:
    case SK.TryStatement:
    case SK.CatchClause:
    case SK.LabeledStatement:
      return true;
    case SK.BinaryExpression: {
      const k = (n as ts.BinaryExpression).operatorToken.kind;
      return k === SK.AmpersandAmpersandToken || k === SK.BarBarToken || k === SK.QuestionQuestionToken;
    }
  }
  return isLoop(n);
}

export function isLoop(n: ts.Node): boolean {
  return n.kind === SK.ForStatement || n.kind === SK.ForOfStatement || n.kind === SK.ForInStatement || n.kind === SK.WhileStatement || n.kind === SK.DoStatement;
}

export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return outer.pos <= inner.pos && inner.end <= outer.end;
}
