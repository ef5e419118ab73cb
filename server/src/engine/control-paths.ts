// Where a statement sits in its function's control flow: the branches and loops around it.
// Two calls with the same control path run together (both or neither, the same number of
// times), which is what "shuffled in the same place" and "runs before the fit ends" need.
import { ts } from './ts';
import type { Scopes } from './scopes';
import { counterStep } from './counters';

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

/**
 * Is `node` guarded, inside `around` (a loop or a callback that runs again and again), by
 * `counter == constant`, where the counter is declared outside `around` and outside every loop
 * and only ever steps one way by constants (`n++`, `n += 3`)? Such a counter equals the constant
 * at most once, so the guarded code runs at most once however often `around` repeats ("print
 * the first image" inside a loop over 10,000 images).
 */
export function guardedByCounterOnce(node: ts.Node, around: ts.Node, scopes: Scopes, numberOf: (e: ts.Expression) => number | undefined): boolean {
  let child = node;
  for (let n = node.parent; n && n !== around && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (!ts.isIfStatement(n) || n.thenStatement !== child) continue;
    const counter = equalityCounter(n.expression, numberOf);
    if (counter && countsOneWay(counter, around, scopes, numberOf)) return true;
  }
  return false;
}

/** The variable of `v == C` / `C === v` with C a known number. */
function equalityCounter(test: ts.Expression, numberOf: (e: ts.Expression) => number | undefined): ts.Identifier | undefined {
  if (!ts.isBinaryExpression(test)) return undefined;
  const k = test.operatorToken.kind;
  if (k !== ts.SyntaxKind.EqualsEqualsToken && k !== ts.SyntaxKind.EqualsEqualsEqualsToken) return undefined;
  if (ts.isIdentifier(test.left) && numberOf(test.right) !== undefined) return test.left;
  if (ts.isIdentifier(test.right) && numberOf(test.left) !== undefined) return test.right;
  return undefined;
}

function countsOneWay(counter: ts.Identifier, around: ts.Node, scopes: Scopes, numberOf: (e: ts.Expression) => number | undefined): boolean {
  const decl = scopes.resolve(counter);
  if (!decl || (decl.pos >= around.pos && decl.end <= around.end)) return false;
  for (let n = decl.parent; n && !ts.isSourceFile(n); n = n.parent) if (isLoop(n)) return false;
  let direction = 0;
  for (const ref of scopes.referencesOf(decl)) {
    if (!ref.write) continue;
    const write = ref.identifier.parent;
    const step = ts.isExpression(write) ? counterStep(write, numberOf)?.step : undefined;
    if (step === undefined || step === 0 || (direction !== 0 && Math.sign(step) !== direction)) return false;
    direction = Math.sign(step);
  }
  return direction !== 0;
}
