// tensor-leak: tensors made on every animation frame, timer tick, event, epoch or loop
// iteration and never disposed. tfjs frees a tensor's memory only on dispose() (or at the end
// of a tf.tidy), so each iteration adds tensors until the tab or process runs out of memory.
// Precision first: a tensor that goes anywhere the linter does not follow counts as kept.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import { asNumber, ModelValue, TensorValue, UNKNOWN } from '../server/src/engine/values';
import { NON_TENSOR_METHODS, opRecord } from '../server/src/engine/tfjs/catalog';
import { guardedByCounterOnce } from '../server/src/engine/control-paths';
import { consumerOf, methodName, receiverOf } from './support/call-shape';

type Repeat = { node: ts.Node; each: string };

/** Functions handed to these run again and again. */
const REPEATING_CALLBACKS: ReadonlyMap<string, string> = new Map([
  ['requestAnimationFrame', 'animation frame'],
  ['setInterval', 'timer tick'],
  ['addEventListener', 'event'],
]);
/** addEventListener's third argument: `{once: true}`, or anything we cannot read, may mean one call. */
function firesOnce(options: ts.Expression | undefined): boolean {
  if (!options || options.kind === ts.SyntaxKind.TrueKeyword || options.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (!ts.isObjectLiteralExpression(options)) return true;
  return options.properties.some((p) => !p.name || !ts.isIdentifier(p.name) || p.name.text === 'once');
}

/** Events that fire once per page: work done there is not repeated. */
const ONE_SHOT_EVENTS = new Set(['load', 'DOMContentLoaded', 'readystatechange', 'unload', 'beforeunload']);
/** Training callback hooks and how often they run. */
const TRAINING_HOOKS: ReadonlyMap<string, string> = new Map([
  ['onEpochEnd', 'epoch'], ['onEpochBegin', 'epoch'], ['onBatchEnd', 'batch'], ['onBatchBegin', 'batch'], ['onYield', 'yield'],
]);
/** Model methods that take tensors and leave them to the caller. */
const MODEL_CONSUMERS = new Set(['predict', 'predictOnBatch', 'execute', 'executeAsync', 'evaluate', 'fit', 'trainOnBatch']);

export const rule: Rule = {
  meta: {
    id: 'tensor-leak',
    description: 'Tensors made on every frame, tick, event, epoch or loop iteration and never disposed: memory grows until the page or process runs out.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(context) {
    const file = context.file;
    if (/\bstartScope\s*\(/.test(file.text)) return; // manual engine scopes: the linter cannot pair them
    const leaks = new Map<ts.Node, { repeat: Repeat; calls: ts.CallExpression[] }>();
    for (const call of file.index.calls) {
      if (!makesTensor(file, call)) continue;
      const repeat = repeatingContext(file, call);
      if (!repeat || fate(file, call) !== 'leaked') continue;
      if (guardedByCounterOnce(call, repeat.node, file.scopes, (e) => asNumber(file.evaluate(e)))) continue; // runs once, not per repetition
      const entry = leaks.get(repeat.node);
      if (entry) entry.calls.push(call);
      else leaks.set(repeat.node, { repeat, calls: [call] });
    }
    for (const { repeat, calls } of leaks.values()) report(context, repeat, calls);
  },
};

function report(context: RuleContext, repeat: Repeat, unordered: ts.CallExpression[]): void {
  const file = context.file;
  // In reading order of the op names: tf.tensor1d(...).expandDims(0) is tensor1d, then expandDims.
  const calls = [...unordered].sort((a, b) => nameNode(a).getStart(file.sourceFile) - nameNode(b).getStart(file.sourceFile));
  const names = [...new Set(calls.map((c) => opName(file, c)))];
  const first = calls[0];
  const name = nameNode(first);
  const lead = name === first.expression ? `${file.textOf(name)}(...)` : `.${file.textOf(name)}()`;
  // No count of tensors per repetition: branches may run only some of these calls.
  const what = calls.length === 1
    ? `${lead} makes a tensor`
    : `${lead} and ${calls.length - 1} more call${calls.length > 2 ? 's' : ''} (${names.join(', ')}) make tensors`;
  const message =
    `${what} on every ${repeat.each} that nothing disposes: tfjs frees tensor memory only on dispose(), so ` +
    `tf.memory().numTensors grows with every ${repeat.each}. ` +
    `Wrap the ${repeat.each === 'loop iteration' ? 'loop body' : 'callback'}'s tensor work in tf.tidy(() => ...) (synchronous code), or dispose() the tensors after use.`;
  context.report({ node: nameNode(first), message });
}

/** Where an op's name is written: `predict` in model.predict(x), `tf.tensor2d` in tf.tensor2d(...). */
function nameNode(call: ts.CallExpression): ts.Node {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isCallExpression(callee.expression) ? callee.name : callee;
}

function opName(file: FileAnalysis, call: ts.CallExpression): string {
  return methodName(call) ?? file.tfCallPath(call) ?? file.textOf(call.expression);
}

/** Does the call make a new tensor? tfjs ops and tensor methods the evaluator knows, and predict on a model. */
function makesTensor(file: FileAnalysis, call: ts.CallExpression): boolean {
  // A file that cannot name tfjs holds no tensor values: only a predict on an unknown model is left
  // (not evaluating every call of a large non-tfjs script).
  if (!file.evaluator.reachesTfjs && !isPredictName(call)) return false;
  const v = file.evaluate(call);
  if (v instanceof TensorValue) {
    if (v.op === 'input' || v.op === 'apply' || fromDataset(file, call)) return false;
    // Only ops the catalog knows make a new tensor: a helper of the file may return a cached one.
    const path = file.tfCallPath(call);
    if (path !== undefined) return path !== 'keep' && path !== 'variable' && opRecord(path) !== undefined;
    const method = methodName(call);
    if (method === undefined) return false;
    if (file.evaluate(receiverOf(call)) instanceof TensorValue) return opRecord(method) !== undefined;
    return isModelPredict(file, call);
  }
  return v === UNKNOWN && isModelPredict(file, call);
}

/** Values of tf.data and tf.io chains (`ds.take(1)`) are datasets and handlers, not tensors. */
function fromDataset(file: FileAnalysis, call: ts.CallExpression): boolean {
  let e: ts.Expression = call;
  for (let i = 0; i < 50; i++) {
    const v = file.evaluate(e);
    if (!(v instanceof TensorValue)) return false;
    if (/^(data|io|util)\./.test(v.op)) return true;
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
    e = e.expression.expression;
  }
  return false;
}

function isPredictName(call: ts.CallExpression): boolean {
  const m = methodName(call);
  return m === 'predict' || m === 'execute';
}

/** `this.model.predict(x)`: a model the file loads elsewhere (the receiver names a model). */
function isModelPredict(file: FileAnalysis, call: ts.CallExpression): boolean {
  if (!isPredictName(call)) return false;
  const receiver = receiverOf(call)!;
  const v = file.evaluate(receiver);
  return v instanceof ModelValue || (v === UNKNOWN && /model/i.test(file.textOf(receiver)));
}

/**
 * The code that runs again and again around `node`: a loop body, or a callback given to
 * requestAnimationFrame/setInterval/addEventListener, an `el.onclick = ...` handler or a
 * training hook. Undefined when there is none, or when a tf.tidy encloses the node.
 */
function repeatingContext(file: FileAnalysis, node: ts.Node): Repeat | undefined {
  let found: Repeat | undefined;
  let child: ts.Node = node;
  for (let n = node.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (!found && isLoop(n) && loopBody(n) === child && !isStateMachine(n)) found = { node: n, each: 'loop iteration' };
    if (!ts.isFunctionLike(n)) continue;
    if (isTidyCallback(file, n)) return undefined;
    if (found) {
      // A loop inside a function is repeated work only if no tf.tidy wraps the function's calls.
      if (mayRunInsideTidy(file, n, 0)) return undefined;
      continue;
    }
    const each = repeatingCallback(file, n);
    if (each) found = { node: n, each };
    else return undefined; // a plain function: how often it runs is not known here (and a tidy may wrap its call)
  }
  return found;
}

/**
 * Could this function run inside a tf.tidy? In a file that never says "tidy", no. Otherwise
 * only a named function whose every use is a direct call outside any tidy (recursively) is
 * known not to; methods and functions handed around may be called from anywhere.
 */
function mayRunInsideTidy(file: FileAnalysis, fn: ts.Node, depth: number): boolean {
  if (!/\btidy\b/.test(file.text)) return false;
  if (depth > 4 || isTidyCallback(file, fn)) return true;
  let decl: ts.Node | undefined;
  if (ts.isFunctionDeclaration(fn)) decl = fn;
  else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const { parent, child } = consumerOf(fn);
    if (ts.isVariableDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) decl = parent;
    else if (repeatingCallback(file, fn)) return false; // a frame/timer/event callback runs on its own
  }
  if (!decl) return true;
  for (const ref of file.scopes.referencesOf(decl)) {
    if (ref.write) return true;
    const { parent, child } = consumerOf(ref.identifier);
    if (!(ts.isCallExpression(parent) && parent.expression === child)) {
      if (handedOver(ref.identifier)) continue; // given to requestAnimationFrame & co.
      return true;
    }
    for (let n: ts.Node | undefined = parent.parent; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isFunctionLike(n)) {
        if (mayRunInsideTidy(file, n, depth + 1)) return true;
        break;
      }
    }
  }
  return false;
}

function isLoop(n: ts.Node): n is ts.IterationStatement {
  return ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

/** Compiled async code (`while (1) switch (_context.prev = _context.next)`): each case runs once. */
function isStateMachine(loop: ts.IterationStatement): boolean {
  let body: ts.Node = loop.statement;
  if (ts.isBlock(body) && body.statements.length === 1) body = body.statements[0];
  return ts.isSwitchStatement(body) && /_context\.(prev|next)/.test(body.expression.getText());
}

function loopBody(n: ts.IterationStatement): ts.Node {
  return n.statement;
}

function isTidyCallback(file: FileAnalysis, fn: ts.Node): boolean {
  const { parent } = consumerOf(fn);
  return ts.isCallExpression(parent) && parent.arguments.some((a) => a === fn || consumerOf(a).child === fn || a.pos === fn.pos) && file.tfCallPath(parent) === 'tidy';
}

/**
 * How often a function runs when it is handed over like this; undefined when not known. A
 * named function (`function loop() {...}`, `const loop = () => {...}`) counts when a reference
 * to it is handed over (`requestAnimationFrame(loop)`).
 */
function repeatingCallback(file: FileAnalysis, fn: ts.Node): string | undefined {
  let decl: ts.Node | undefined;
  if (ts.isFunctionDeclaration(fn)) decl = fn;
  else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const direct = handedOver(fn);
    if (direct) return direct;
    const { parent, child } = consumerOf(fn);
    if (ts.isVariableDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) decl = parent;
    else if (ts.isFunctionExpression(fn) && fn.name) return undefined;
  }
  if (!decl) return undefined;
  for (const ref of file.scopes.referencesOf(decl)) {
    if (ref.write) continue;
    const each = handedOver(ref.identifier);
    if (each) return each;
  }
  return undefined;
}

function handedOver(fn: ts.Node): string | undefined {
  const { parent, child } = consumerOf(fn);
  if (ts.isCallExpression(parent) && parent.arguments.includes(child as ts.Expression)) {
    const callee = parent.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === 'addEventListener') {
      const event = parent.arguments[0];
      if (!event || !ts.isStringLiteralLike(event) || ONE_SHOT_EVENTS.has(event.text) || firesOnce(parent.arguments[2])) return undefined;
      return `'${event.text}' event`;
    }
    return name ? REPEATING_CALLBACKS.get(name) : undefined;
  }
  // el.onclick = () => {...}
  if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left) && /^on[a-z]+$/.test(parent.left.name.text) && !ONE_SHOT_EVENTS.has(parent.left.name.text.slice(2))) {
    return `${parent.left.name.text.slice(2)} event`;
  }
  // callbacks: {onEpochEnd: async (epoch, logs) => {...}}
  if (ts.isPropertyAssignment(parent) && parent.initializer === child && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) {
    return TRAINING_HOOKS.get(parent.name.text);
  }
  return undefined;
}


/**
 * What becomes of a new tensor: 'leaked' when every path we can see ends without dispose (read
 * by dataSync/print, passed to a tfjs op or a model, or dropped), 'kept' when it is disposed,
 * kept, returned, stored or handed to code we do not follow.
 */
function fate(file: FileAnalysis, expr: ts.Expression, depth = 0): 'leaked' | 'kept' {
  if (depth > 8) return 'kept';
  const { parent, child } = consumerOf(expr);
  if (ts.isExpressionStatement(parent)) return 'leaked';
  if (ts.isPropertyAccessExpression(parent) && parent.expression === child) {
    // Only what a Tensor has: on anything else (a prediction of another library) we cannot tell.
    return parent.name.text !== 'dispose' && isTensorMember(parent.name.text) ? 'leaked' : 'kept';
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(child as ts.Expression)) {
    const path = file.tfCallPath(parent);
    if (path === 'dispose' || path === 'keep' || path === 'tidy') return 'kept';
    if (path !== undefined) return 'leaked'; // tfjs ops never dispose their inputs
    const m = methodName(parent);
    if (m === undefined) return 'kept';
    const receiver = file.evaluate(receiverOf(parent));
    if (receiver instanceof TensorValue) return 'leaked';
    if (MODEL_CONSUMERS.has(m) && (receiver instanceof ModelValue || (receiver === UNKNOWN && /model/i.test(file.textOf(receiverOf(parent)!))))) return 'leaked';
    return 'kept';
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name)) {
    if (file.scopes.isReassigned(parent)) return 'kept';
    const home = enclosingFunctionOf(parent);
    for (const ref of file.scopes.referencesOf(parent)) {
      if (ref.write) return 'kept';
      if (enclosingFunctionOf(ref.identifier) !== home) return 'kept'; // read by a closure: we do not follow it
      if (fate(file, ref.identifier, depth + 1) === 'kept') return 'kept';
    }
    return 'leaked';
  }
  return 'kept';
}

const TENSOR_PROPERTIES = new Set(['shape', 'dtype', 'rank', 'size', 'id', 'strides']);

function isTensorMember(name: string): boolean {
  return TENSOR_PROPERTIES.has(name) || NON_TENSOR_METHODS.has(name) || opRecord(name) !== undefined;
}

function enclosingFunctionOf(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}
