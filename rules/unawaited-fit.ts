// unawaited-fit: model.fit / fitDataset return a Promise. Called without await, training
// runs in the background while the code after it predicts with (or saves) untrained weights,
// and a second fit on the same model rejects because the first is still going.
import { ts } from '../server/src/engine/ts';
import type { Rule } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Fix } from '../server/src/engine/types';
import { FunctionValue, ModelValue, UNKNOWN } from '../server/src/engine/values';
import { enclosingFunction } from '../server/src/engine/bindings';
import { consumerOf, methodName, methodNameNode, receiverOf, unwrap } from './support/call-shape';
import { enclosingLoop } from '../server/src/engine/control-paths';

const TRAINING = new Set(['fit', 'fitDataset']);
/** What each later use of the model gets wrong while training is still running. */
const CONSEQUENCE: ReadonlyMap<string, string> = new Map([
  ['predict', 'predicts with the untrained weights.'],
  ['predictOnBatch', 'predicts with the untrained weights.'],
  ['evaluate', 'evaluates the untrained weights.'],
  ['evaluateDataset', 'evaluates the untrained weights.'],
  ['save', 'saves the untrained weights.'],
  ['fit', 'throws "Cannot start training because another fit() call is ongoing."'],
  ['fitDataset', 'throws "Cannot start training because another fit() call is ongoing."'],
]);

export const rule: Rule = {
  meta: {
    id: 'unawaited-fit',
    description: 'model.fit/fitDataset is not awaited, but the model is used right after: it is still untrained, and a second fit throws.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    const calls = file.graph.calls;
    for (let index = 0; index < calls.length; index++) {
      const call = calls[index];
      if (!isDiscarded(call)) continue;
      const training = trainingOf(file, call);
      if (!training) continue;
      const receiver = training.model;
      const model = file.evaluate(receiver);
      if (!(model instanceof ModelValue) && model !== UNKNOWN) continue;
      if (model === UNKNOWN && receiverKey(file, receiver) === undefined) continue;
      const fn = enclosingFunction(call);
      const name = file.textOf(receiver);
      // Later calls of the same function, in source order: stop scanning at the function's end.
      let later: ts.CallExpression | undefined;
      for (let j = index + 1; j < calls.length && !later && calls[j].pos <= fn.end; j++) {
        const c = calls[j];
        if (c.pos < call.end || enclosingFunction(c) !== fn) continue;
        const m = methodName(c);
        if (m !== undefined && CONSEQUENCE.has(m) && sameModel(file, receiver, receiverOf(c)!, call, c)) later = c;
      }
      let message: string;
      if (later) {
        const m = methodName(later)!;
        message =
          `${training.what} returns a Promise that is not awaited, so ${name}.${m}() on line ${file.lineOf(later)} ` +
          `runs before training has finished and ${CONSEQUENCE.get(m)} Await ${training.awaitWhat}.`;
      } else if (enclosingLoop(call)) {
        message =
          `${training.what} is called in a loop without await: the next iteration starts training ${name} again while it ` +
          `is still running, and that throws "Cannot start training because another fit() call is ongoing." Await ${training.awaitWhat}.`;
      } else {
        continue; // fire-and-forget training with nothing after it
      }
      const fix = awaitFix(file, call);
      context.report({ node: training.reportAt, message, fixes: fix ? [fix] : [] });
    }
  },
};

interface Training {
  /** The model expression being trained, as the caller writes it. */
  model: ts.Expression;
  /** How the message names the call: `model.fit()`, or `train() (it runs net.fit on line 3)`. */
  what: string;
  awaitWhat: string;
  reportAt: ts.Node;
}

/**
 * `model.fit(...)` / `model.fitDataset(...)`, or a call of a same-file helper that trains one of
 * its parameters (`async function train(m) { await m.fit(...) }` called as `train(model)`).
 */
function trainingOf(file: FileAnalysis, call: ts.CallExpression): Training | undefined {
  const method = methodName(call);
  if (method && TRAINING.has(method)) {
    const receiver = receiverOf(call)!;
    return { model: receiver, what: `${file.textOf(receiver)}.${method}()`, awaitWhat: `the ${method}`, reportAt: methodNameNode(call) };
  }
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const fn = file.evaluate(callee);
  if (!(fn instanceof FunctionValue) || !fn.declaration.body) return undefined;
  const helper = fn.declaration;
  const body = helper.body!;
  // The calls are in source order: walk only the helper's (every discarded call of a helper
  // walked the whole file's calls, quadratic in a large script).
  const calls = file.graph.calls;
  for (let i = firstCallFrom(calls, body.pos); i < calls.length && calls[i].pos <= body.end; i++) {
    const inner = calls[i];
    if (inner.end > body.end || enclosingFunction(inner) !== helper) continue;
    const m = methodName(inner);
    if (!m || !TRAINING.has(m)) continue;
    // The helper's Promise must cover the training: the fit is returned, or awaited in an async helper.
    const { parent } = consumerOf(inner);
    const returned = ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body !== undefined);
    if (!returned && !(ts.isAwaitExpression(parent) && isAsync(helper))) continue;
    const target = unwrap(receiverOf(inner)!);
    const decl = ts.isIdentifier(target) ? file.scopes.resolve(target) : undefined;
    const k = decl && ts.isParameter(decl) ? helper.parameters.indexOf(decl) : -1;
    if (k < 0 || !call.arguments[k] || helper.parameters[k].dotDotDotToken) continue;
    return {
      model: call.arguments[k],
      what: `${callee.text}() (it runs ${file.textOf(target)}.${m} on line ${file.lineOf(inner)})`,
      awaitWhat: `${callee.text}()`,
      reportAt: callee,
    };
  }
  return undefined;
}

/** The index of the first call that starts at or after `pos` (calls in source order). */
function firstCallFrom(calls: readonly ts.CallExpression[], pos: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The call's Promise goes nowhere: a bare statement, or `void model.fit(...)`. */
function isDiscarded(call: ts.CallExpression): boolean {
  const { parent } = consumerOf(call);
  if (ts.isExpressionStatement(parent)) return true;
  if (ts.isVoidExpression(parent)) return ts.isExpressionStatement(consumerOf(parent).parent);
  return false;
}

/** A stable name for a receiver we cannot evaluate: its declaration, or a `this.a.b` path. */
function receiverKey(file: FileAnalysis, receiver: ts.Expression): ts.Node | string | undefined {
  const e = unwrap(receiver);
  if (ts.isIdentifier(e)) return file.scopes.resolve(e) ?? `global:${e.text}`;
  if (ts.isPropertyAccessExpression(e)) {
    let root: ts.Expression = e;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (root.kind === ts.SyntaxKind.ThisKeyword) return file.textOf(e).replace(/\s+/g, '');
  }
  return undefined;
}

/** Do two receivers name the same model, with no reassignment between the two calls? */
function sameModel(file: FileAnalysis, a: ts.Expression, b: ts.Expression, first: ts.Node, second: ts.Node): boolean {
  const va = file.evaluate(a);
  const vb = file.evaluate(b);
  if (va instanceof ModelValue || vb instanceof ModelValue) return va === vb;
  const ka = receiverKey(file, a);
  if (ka === undefined || ka !== receiverKey(file, b)) return false;
  if (typeof ka === 'string') return !ka.startsWith('this.') || !assignsBetween(file, ka, first, second);
  return !file.scopes.referencesOf(ka).some((r) => r.write && r.identifier.pos > first.end && r.identifier.pos < second.pos);
}

/** Is `this.x` assigned between the two calls (same function, textually)? */
function assignsBetween(file: FileAnalysis, path: string, first: ts.Node, second: ts.Node): boolean {
  const between = file.text.slice(first.end, second.pos);
  const escaped = path.replace(/[.$]/g, (c) => `\\${c}`).replace(/^this\\\./, 'this\\s*\\.\\s*');
  return new RegExp(`${escaped}\\s*=[^=]`).test(between);
}

/** Adds `await` when the enclosing function is async; no fix elsewhere. */
function awaitFix(file: FileAnalysis, call: ts.CallExpression): Fix | undefined {
  const fn = enclosingFunction(call);
  if (!ts.isFunctionLike(fn)) return undefined;
  if (!isAsync(fn)) return undefined;
  const { parent, child } = consumerOf(call);
  const title = 'Await the training call';
  if (ts.isVoidExpression(parent)) {
    return { title, safe: true, edits: [{ start: parent.getStart(file.sourceFile), end: child.getStart(file.sourceFile), newText: 'await ' }] };
  }
  const start = child.getStart(file.sourceFile);
  return { title, safe: true, edits: [{ start, end: start, newText: 'await ' }] };
}

function isAsync(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}
