// unawaited-load: tf.loadLayersModel / tf.loadGraphModel / tf.data.webcam / tf.data.microphone
// return Promises. Used without await as if it were the model (`m.predict(x)`), the Promise
// has no such method and the call throws "m.predict is not a function". Likewise
// `tensor.data()` / `tensor.array()` read as if they were the values: indexing a Promise
// gives undefined. (Unawaited fit is unawaited-fit's.)
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Fix } from '../server/src/engine/types';
import { TensorValue } from '../server/src/engine/values';
import { enclosingFunction } from '../server/src/engine/bindings';
import { consumerOf, methodName, receiverOf } from './support/call-shape';

/** tfjs calls that return a Promise of a model or a data source, with what it resolves to. */
const LOADS: ReadonlyMap<string, string> = new Map([
  ['loadLayersModel', 'the model'],
  ['loadGraphModel', 'the model'],
  ['data.webcam', 'the webcam iterator'],
  ['data.microphone', 'the microphone iterator'],
]);
/** Tensor methods that return a Promise of the values, and their synchronous twins. */
const ASYNC_READS: ReadonlyMap<string, string> = new Map([['data', 'dataSync'], ['array', 'arraySync']]);
const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

export const rule: Rule = {
  meta: {
    id: 'unawaited-load',
    description: 'A Promise from tf.loadLayersModel/loadGraphModel/tf.data.webcam or tensor.data() used as if it were the model or the values: "is not a function" or undefined.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    for (const call of file.index.calls) {
      const path = file.tfCallPath(call);
      if (path !== undefined && LOADS.has(path)) {
        checkPromise(context, call, `${file.textOf(call.expression)}()`, LOADS.get(path)!, undefined);
        continue;
      }
      const method = methodName(call);
      if (method === undefined || !ASYNC_READS.has(method)) continue;
      const receiver = receiverOf(call)!;
      const v = file.evaluate(receiver);
      if (!(v instanceof TensorValue) || /^(data|io)\./.test(v.op)) continue;
      checkPromise(context, call, `${file.textOf(receiver)}.${method}()`, 'the values', ASYNC_READS.get(method));
    }
  },
};

/** A use of the Promise that needs the resolved value: a member other than then/catch/finally, or an index. */
function misuse(node: ts.Node): ts.Node | undefined {
  const { parent, child } = consumerOf(node);
  if (ts.isPropertyAccessExpression(parent) && parent.expression === child && !PROMISE_MEMBERS.has(parent.name.text)) return parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === child) return parent;
  return undefined;
}

function checkPromise(context: RuleContext, call: ts.CallExpression, what: string, resolves: string, syncTwin: string | undefined): void {
  const file = context.file;
  const { parent, child } = consumerOf(call);
  if (ts.isAwaitExpression(parent)) return;
  // Used on the spot: tf.loadLayersModel(url).predict(x)
  const direct = misuse(call);
  if (direct) {
    report(context, call, what, resolves, direct, syncTwin);
    return;
  }
  // Kept in a const/let and used later: const m = tf.loadLayersModel(url); m.predict(x)
  if (ts.isVariableDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) {
    if (file.scopes.isReassigned(parent)) return;
    const use = firstMisuse(file.scopes.referencesOf(parent).filter((r) => !r.write).map((r) => r.identifier));
    if (use) report(context, call, what, resolves, use, syncTwin);
    return;
  }
  // Assigned to a variable or `this.x` that only ever holds this Promise: model = tf.loadLayersModel(url)
  if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const uses = usesOfTarget(file, parent.left);
    const use = uses && firstMisuse(uses);
    if (use) report(context, call, what, resolves, use, syncTwin);
    return;
  }
  // A class field: model = tf.loadGraphModel(url);
  if (ts.isPropertyDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name) && ts.isClassLike(parent.parent)) {
    const uses = memberUses(file, parent.parent, parent.name.text);
    const use = uses && firstMisuse(uses);
    if (use) report(context, call, what, resolves, use, syncTwin);
  }
}

function firstMisuse(reads: readonly ts.Node[]): ts.Node | undefined {
  for (const r of reads) {
    const m = misuse(r);
    if (m) return m;
  }
  return undefined;
}

/**
 * The reads of an assignment target, when every write to it is this kind of unawaited load (or
 * null/undefined): a variable's references, or `this.x` inside its class.
 */
function usesOfTarget(file: FileAnalysis, target: ts.Expression): ts.Node[] | undefined {
  if (ts.isIdentifier(target)) {
    const decl = file.scopes.resolve(target);
    if (!decl || !ts.isVariableDeclaration(decl)) return undefined;
    if (decl.initializer && !isEmpty(decl.initializer) && !isUnawaitedLoad(file, decl.initializer)) return undefined;
    const refs = file.scopes.referencesOf(decl);
    for (const r of refs) if (r.write && !writesUnawaitedLoad(file, r.identifier)) return undefined;
    return refs.filter((r) => !r.write).map((r) => r.identifier);
  }
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = target.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    return cls ? memberUses(file, cls as ts.ClassLikeDeclaration, target.name.text) : undefined;
  }
  return undefined;
}

/** Reads of `this.<name>` in a class whose every write of it is an unawaited load (or empty). */
function memberUses(file: FileAnalysis, cls: ts.ClassLikeDeclaration, name: string): ts.Node[] | undefined {
  const reads: ts.Node[] = [];
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === name) {
      const p = n.parent;
      if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        if (p.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !(isEmpty(p.right) || isUnawaitedLoad(file, p.right))) ok = false;
      } else {
        reads.push(n);
      }
      return;
    }
    // A nested class or non-arrow function has its own `this`.
    if ((ts.isClassLike(n) && n !== cls) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(cls);
  // A class field initializer (`model = tf.loadLayersModel(...)`) is a write too.
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name && m.initializer && !isEmpty(m.initializer) && !isUnawaitedLoad(file, m.initializer)) ok = false;
  }
  return ok ? reads : undefined;
}

function writesUnawaitedLoad(file: FileAnalysis, id: ts.Identifier): boolean {
  const p = id.parent;
  return ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && (isEmpty(p.right) || isUnawaitedLoad(file, p.right));
}

function isUnawaitedLoad(file: FileAnalysis, e: ts.Expression): boolean {
  let n = e;
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  if (!ts.isCallExpression(n)) return false;
  const path = file.tfCallPath(n);
  return path !== undefined && LOADS.has(path);
}

function isEmpty(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}

function report(context: RuleContext, call: ts.CallExpression, what: string, resolves: string, use: ts.Node, syncTwin: string | undefined): void {
  const file = context.file;
  const used = file.textOf(use);
  const effect = ts.isPropertyAccessExpression(use) && ts.isCallExpression(use.parent) && use.parent.expression === use
    ? `throws "${used} is not a function"`
    : `is undefined`;
  const line = file.lineOf(use);
  const advice = syncTwin ? `Use ${syncTwin}() for the values now, or await ${what}.` : `Await it: \`await ${what.replace(/\(\)$/, '(...)')}\`.`;
  const message = `${what} returns a Promise, not ${resolves}, so ${used} on line ${line} ${effect}. ${advice}`;
  context.report({ node: call, message, fixes: fixFor(file, call, syncTwin) });
}

function fixFor(file: FileAnalysis, call: ts.CallExpression, syncTwin: string | undefined): Fix[] {
  if (syncTwin) {
    // tensor.data() -> tensor.dataSync(): the same values, now.
    const name = (call.expression as ts.PropertyAccessExpression).name;
    return [{ title: `Use ${syncTwin}()`, safe: true, edits: [{ start: name.getStart(file.sourceFile), end: name.end, newText: syncTwin }] }];
  }
  const fn = enclosingFunction(call);
  if (!ts.isFunctionLike(fn) || !(ts.getModifiers(fn as ts.FunctionLikeDeclaration) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return [];
  const { child } = consumerOf(call);
  const start = child.getStart(file.sourceFile);
  // On the spot, the awaited value needs parentheses: (await tf.loadLayersModel(url)).predict(x)
  if (misuse(call)) {
    return [{ title: 'Await the load', safe: true, edits: [{ start, end: start, newText: '(await ' }, { start: child.end, end: child.end, newText: ')' }] }];
  }
  return [{ title: 'Await the load', safe: true, edits: [{ start, end: start, newText: 'await ' }] }];
}
