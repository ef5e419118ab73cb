// How many times a piece of code runs each time an enclosing block runs once: 1 in straight
// line code, the trip count inside a counted loop (`for (let i = 0; i < 10; i++)`, `for..of`
// or `forEach` over an array of known length), unknown under a branch, a try, a loop with
// break/continue/return/throw, or a function that is not such a loop's callback.
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import { ListValue, type Value } from './values';

export interface RunContext {
  evaluate(node: ts.Expression): Value;
  scopes: Scopes;
}

/** Runs of `node` per run of `container` (an ancestor); undefined when not known. */
export function timesRun(node: ts.Node, container: ts.Node, ctx: RunContext): number | undefined {
  let runs = 1;
  let child: ts.Node = node;
  for (let n = node.parent; n && n !== container; child = n, n = n.parent) {
    switch (n.kind) {
      case SK.ForStatement: {
        const loop = n as ts.ForStatement;
        if (child === loop.initializer) continue;
        if (child !== loop.statement) return undefined;
        const trips = forTripCount(loop, ctx);
        if (trips === undefined) return undefined;
        runs *= trips;
        continue;
      }
      case SK.ForOfStatement: {
        const loop = n as ts.ForOfStatement;
        if (child === loop.expression) continue;
        if (child !== loop.statement || loop.awaitModifier || leavesEarly(loop.statement)) return undefined;
        const trips = lengthOf(ctx.evaluate(loop.expression));
        if (trips === undefined) return undefined;
        runs *= trips;
        continue;
      }
      case SK.IfStatement:
        if (child !== (n as ts.IfStatement).expression) return undefined;
        continue;
      case SK.ForInStatement:
      case SK.WhileStatement:
      case SK.DoStatement:
      case SK.ConditionalExpression:
      case SK.SwitchStatement:
      case SK.CaseClause:
      case SK.DefaultClause:
      case SK.TryStatement:
      case SK.CatchClause:
      case SK.ClassDeclaration:
      case SK.ClassExpression:
      case SK.LabeledStatement:
        return undefined;
      case SK.BinaryExpression: {
        const b = n as ts.BinaryExpression;
        const k = b.operatorToken.kind;
        if (child === b.right && (k === SK.AmpersandAmpersandToken || k === SK.BarBarToken || k === SK.QuestionQuestionToken ||
          k === SK.AmpersandAmpersandEqualsToken || k === SK.BarBarEqualsToken || k === SK.QuestionQuestionEqualsToken)) return undefined;
        continue;
      }
      case SK.CallExpression:
        // Optional calls `a?.b(...)` may not run.
        if ((n as ts.CallExpression).questionDotToken) return undefined;
        continue;
      case SK.ArrowFunction:
      case SK.FunctionExpression: {
        const trips = callbackRuns(n as ts.FunctionExpression, ctx);
        if (trips === undefined) return undefined;
        runs *= trips;
        continue;
      }
      default:
        if (ts.isFunctionLike(n)) return undefined;
    }
  }
  return runs;
}

/** How many times a callback runs: `xs.forEach(cb)` / `xs.map(cb)` over a known length, `tf.tidy(cb)` once. */
function callbackRuns(fn: ts.FunctionExpression | ts.ArrowFunction, ctx: RunContext): number | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[call.arguments.length - 1] !== fn || fn.asteriskToken) return undefined;
  if (fn.modifiers?.some((m) => m.kind === SK.AsyncKeyword)) return undefined;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'forEach' || callee.name.text === 'map') && call.arguments.length === 1) {
    if (fn.body.kind === SK.Block && leavesEarly(fn.body)) return undefined;
    return lengthOf(ctx.evaluate(callee.expression));
  }
  if (isTidy(callee, ctx)) return 1;
  return undefined;
}

function isTidy(callee: ts.Expression, ctx: RunContext): boolean {
  const v = ctx.evaluate(callee);
  return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'tf' && (v as { path: string }).path === 'tidy';
}

/**
 * The values a loop's own variables take, round by round: the counter of a counted `for`, the
 * element of `for..of` over a known array, the element and index parameters of a `forEach` /
 * `map` callback over one; with the node the rounds run (the body). Undefined for anything
 * else, or a variable the body reassigns.
 */
export function loopRounds(loop: ts.Node, ctx: RunContext): { body: ts.Node; rounds: Map<ts.Node, Value>[] } | undefined {
  const unchanged = (decl: ts.Node): boolean => !ctx.scopes.isReassigned(decl as ts.VariableDeclaration);
  if (ts.isForStatement(loop)) {
    const trips = forTripCount(loop, ctx);
    const decl = (loop.initializer as ts.VariableDeclarationList).declarations?.[0];
    const start = decl?.initializer ? ctx.evaluate(decl.initializer) : undefined;
    const step = decl && ts.isIdentifier(decl.name) ? stepOf(loop.incrementor, decl.name.text, ctx) : undefined;
    if (trips === undefined || typeof start !== 'number' || step === undefined) return undefined;
    return { body: loop.statement, rounds: Array.from({ length: trips }, (_, k) => new Map<ts.Node, Value>([[decl, start + k * step]])) };
  }
  if (ts.isForOfStatement(loop)) {
    const list = loop.initializer;
    const decl = ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0] : undefined;
    const items = ctx.evaluate(loop.expression);
    if (!decl || !ts.isIdentifier(decl.name) || !unchanged(decl) || !Array.isArray(items) || loop.awaitModifier || leavesEarly(loop.statement)) return undefined;
    return { body: loop.statement, rounds: items.map((item) => new Map<ts.Node, Value>([[decl, item]])) };
  }
  if (ts.isCallExpression(loop) && ts.isPropertyAccessExpression(loop.expression) && loop.arguments.length === 1) {
    const fn = loop.arguments[0];
    const items = ctx.evaluate(loop.expression.expression);
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !Array.isArray(items) || callbackRuns(fn, ctx) !== items.length) return undefined;
    const [element, index] = fn.parameters;
    if (fn.parameters.some((p) => !ts.isIdentifier(p.name) || p.dotDotDotToken || !unchanged(p))) return undefined;
    return {
      body: fn.body,
      rounds: items.map((item, k) => {
        const bindings = new Map<ts.Node, Value>();
        if (element) bindings.set(element, item);
        if (index) bindings.set(index, k);
        if (fn.parameters[2]) bindings.set(fn.parameters[2], items);
        return bindings;
      }),
    };
  }
  return undefined;
}

/** Length of an array value, when known. */
export function lengthOf(v: Value): number | undefined {
  if (Array.isArray(v)) return v.length;
  if (v instanceof ListValue && typeof v.length === 'number') return v.length;
  return undefined;
}

/**
 * `for (let i = a; i < b; i++)` (also `<=`, `i += k`, `++i`) with constants a, b, k and no
 * other write to i: the number of trips; undefined for anything else.
 */
export function forTripCount(loop: ts.ForStatement, ctx: RunContext): number | undefined {
  const init = loop.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
  const decl = init.declarations[0];
  if (!ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const start = ctx.evaluate(decl.initializer);
  const cond = loop.condition;
  const step = stepOf(loop.incrementor, decl.name.text, ctx);
  if (typeof start !== 'number' || !cond || step === undefined || !ts.isBinaryExpression(cond)) return undefined;
  if (!ts.isIdentifier(cond.left) || cond.left.text !== decl.name.text) return undefined;
  const end = ctx.evaluate(cond.right);
  if (typeof end !== 'number' || !Number.isFinite(end) || !Number.isFinite(start)) return undefined;
  const op = cond.operatorToken.kind;
  if (op !== SK.LessThanToken && op !== SK.LessThanEqualsToken) return undefined;
  // The counter is written only by the incrementor, and the body does not leave early.
  for (const ref of ctx.scopes.referencesOf(decl)) {
    if (ref.write && !isWithin(ref.identifier, loop.incrementor!)) return undefined;
  }
  if (leavesEarly(loop.statement)) return undefined;
  const span = op === SK.LessThanToken ? end - start : end - start + 1;
  return span <= 0 ? 0 : Math.ceil(span / step);
}

function stepOf(inc: ts.Expression | undefined, name: string, ctx: RunContext): number | undefined {
  if (!inc) return undefined;
  if ((ts.isPostfixUnaryExpression(inc) || ts.isPrefixUnaryExpression(inc)) && inc.operator === SK.PlusPlusToken) {
    return ts.isIdentifier(inc.operand) && inc.operand.text === name ? 1 : undefined;
  }
  if (ts.isBinaryExpression(inc) && inc.operatorToken.kind === SK.PlusEqualsToken && ts.isIdentifier(inc.left) && inc.left.text === name) {
    const k = ctx.evaluate(inc.right);
    return typeof k === 'number' && k > 0 && Number.isFinite(k) ? k : undefined;
  }
  return undefined;
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/**
 * True when a loop or callback body can end an iteration early (break, continue, return,
 * throw), so code after that point may not run every time. Nested functions are not looked into.
 */
export function leavesEarly(body: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    switch (n.kind) {
      case SK.BreakStatement:
      case SK.ContinueStatement:
      case SK.ThrowStatement:
      case SK.ReturnStatement:
        found = true;
        return;
    }
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}
