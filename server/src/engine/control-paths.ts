// Where a statement sits in its function's control flow: the branches and loops around it.
// Two calls with the same control path run together (both or neither, the same number of
// times), which is what "shuffled in the same place" and "runs before the fit ends" need.
import { ts } from './ts';

export interface ControlStep {
  /** The branching or looping node. */
  node: ts.Node;
  /** Which of its children the path goes through. */
  child: ts.Node;
}

/** The branches and loops between `node` and its enclosing function, innermost first. */
export function controlPath(node: ts.Node): ControlStep[] {
  const steps: ControlStep[] = [];
  let child = node;
  for (let n = node.parent; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (isControl(n)) steps.push({ node: n, child });
  }
  return steps;
}

/** True when both nodes pass through the same branches and loops of the same function. */
export function sameControlPath(a: ts.Node, b: ts.Node): boolean {
  const pa = controlPath(a);
  const pb = controlPath(b);
  if (pa.length !== pb.length) return false;
  return pa.every((s, i) => s.node === pb[i].node && (isLoop(s.node) || s.child === pb[i].child));
}

/** The innermost loop around `node` inside its own function, if any. */
export function enclosingLoop(node: ts.Node): ts.Node | undefined {
  for (const step of controlPath(node)) if (isLoop(step.node)) return step.node;
  return undefined;
}

function isLoop(n: ts.Node): boolean {
  return ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

function isControl(n: ts.Node): boolean {
  if (isLoop(n) || ts.isIfStatement(n) || ts.isConditionalExpression(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) return true;
  if (ts.isTryStatement(n) || ts.isCatchClause(n)) return true;
  if (ts.isBinaryExpression(n)) {
    const k = n.operatorToken.kind;
    return k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken;
  }
  return false;
}
