// Questions about tensor expressions that numeric rules ask: which tfjs op produced an
// expression (seen through `const` variables), whether an expression is the number 1, what
// dtype a tensor has, and whether a piece of source text means the same at another place
// (so a fix can move it). `tf.log(x)` and `x.log()` look the same here: op 'log', operands
// [x]; a method's receiver is its first operand.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { TensorValue, TfRef, TypedArrayValue, UNKNOWN } from '../../server/src/engine/values';
import { unwrap } from './call-shape';
import { followBinding } from './follow';

export interface TensorOp {
  /** The tfjs path for `tf.x(...)` calls ('log', 'browser.fromPixels'), the method name for methods. */
  op: string;
  call: ts.CallExpression;
  /** For methods the receiver first, then the arguments. */
  operands: readonly ts.Expression[];
  form: 'function' | 'method';
  /**
   * True when the engine knows this is tfjs (a tf function, or a method on a known tensor or
   * on a parameter typed as a tfjs Tensor). False when only the method name suggests it
   * (`yPred.log()` on an untyped parameter): rules use such ops only inside a larger pattern
   * that also holds a known op.
   */
  known: boolean;
}

/** Tensor methods a syntactic match may accept on a receiver of unknown type, with their argument counts. */
const TENSOR_METHOD_ARITY: Record<string, readonly number[]> = {
  log: [0], log1p: [0], exp: [0], neg: [0], sigmoid: [0], softmax: [0, 1], reciprocal: [0], square: [0], abs: [0], relu: [0],
  add: [1], sub: [1], mul: [1], div: [1], maximum: [1], minimum: [1],
  sum: [0, 1, 2], mean: [0, 1, 2], clipByValue: [2],
};

/** Answers per file and node: rules ask about the same nodes many times (and chains are long). */
const memo = new WeakMap<FileAnalysis, Map<ts.Node, TensorOp | null>>();

/** The tfjs op that computes `expr`, following `const` variables; undefined when it is not one. */
export function tensorOp(file: FileAnalysis, expr: ts.Expression | undefined, depth = 0): TensorOp | undefined {
  if (!expr || depth > 100) return undefined;
  let cache = memo.get(file);
  if (!cache) memo.set(file, (cache = new Map()));
  const hit = cache.get(expr);
  if (hit !== undefined) return hit ?? undefined;
  const result = computeTensorOp(file, expr, depth);
  cache.set(expr, result ?? null);
  return result;
}

function computeTensorOp(file: FileAnalysis, expr: ts.Expression, depth: number): TensorOp | undefined {
  const e = followBinding(file, expr);
  if (!ts.isCallExpression(e)) return undefined;
  // The engine's value also sees through helper functions and tf.tidy: the op is where it was made.
  const value = file.evaluate(e);
  if (value instanceof TensorValue && value.op !== 'apply' && value.op !== 'predict' && ts.isCallExpression(value.node)) {
    const made = value.node;
    const madeCallee = unwrap(made.expression);
    const form = ts.isPropertyAccessExpression(madeCallee) && !(file.evaluate(madeCallee.expression) instanceof TfRef) ? 'method' : 'function';
    return { op: value.op, call: made, operands: value.operands, form, known: true };
  }
  const callee = unwrap(e.expression);
  const isMethod = ts.isPropertyAccessExpression(callee) && !(file.evaluate(callee.expression) instanceof TfRef);
  if (!isMethod || !ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const arity = TENSOR_METHOD_ARITY[method];
  if (!arity || !arity.includes(e.arguments.length)) return undefined;
  const receiver = callee.expression;
  if (isNonTensorGlobal(file, receiver)) return undefined;
  if (file.evaluate(receiver) !== UNKNOWN) return undefined; // a number, an object, a layer: not a tensor
  const known = isTensorTyped(file, receiver) || isLossParameter(file, receiver) || !!tensorOp(file, receiver, depth + 1)?.known;
  return { op: method, call: e, operands: [receiver, ...e.arguments], form: 'method', known };
}

/**
 * The name a call is made by, from syntax alone: `x.log()` and `tf.log(x)` give 'log', a named
 * import `ln(x)` of tf's log gives 'log'. A cheap filter before asking `tensorOp`.
 */
export function calledName(file: FileAnalysis, call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isIdentifier(callee)) {
    const path = file.tfPath(callee);
    return path === undefined ? undefined : path.slice(path.lastIndexOf('.') + 1);
  }
  return undefined;
}

/** The calls in the file made by one of `names` (see calledName), in source order. */
export function callsNamed(file: FileAnalysis, names: ReadonlySet<string>): ts.CallExpression[] {
  return file.graph.calls.filter((c) => {
    const n = calledName(file, c);
    return n !== undefined && names.has(n);
  });
}

/** The op of `expr` when it is one of `ops`. */
export function opIs(file: FileAnalysis, expr: ts.Expression | undefined, ...ops: string[]): TensorOp | undefined {
  const t = tensorOp(file, expr);
  return t && ops.includes(t.op) ? t : undefined;
}

/** Globals whose methods are never tensor ops (`console.log`, `Math.exp`). */
function isNonTensorGlobal(file: FileAnalysis, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return ts.isIdentifier(e) && !file.scopes.resolve(e) && ['console', 'Math', 'JSON', 'Date', 'Number', 'Object', 'window', 'document'].includes(e.text);
}

/**
 * True when `expr` is a variable whose declared type is a tfjs tensor type (`yPred: tf.Tensor`,
 * `x: Tensor2D` imported from tfjs), the usual way custom losses are typed.
 */
export function isTensorTyped(file: FileAnalysis, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return false;
  const decl = file.scopes.resolve(e);
  if (!decl || !(ts.isParameter(decl) || ts.isVariableDeclaration(decl)) || !decl.type) return false;
  const type = decl.type;
  if (!ts.isTypeReferenceNode(type)) return false;
  const name = type.typeName;
  const last = ts.isQualifiedName(name) ? name.right.text : name.text;
  if (!/^(Tensor[1-6]?D?|Scalar|Variable)$/.test(last)) return false;
  if (ts.isQualifiedName(name)) return ts.isIdentifier(name.left) && file.evaluate(name.left) instanceof TfRef;
  // An imported type name: `import {Tensor} from '@tensorflow/tfjs'`.
  const typeDecl = file.scopes.resolve(name);
  return !!typeDecl && ts.isImportSpecifier(typeDecl) && file.evaluate(name as ts.Identifier) instanceof TfRef;
}

/**
 * True when `expr` names a variable (or parameter) that is assigned somewhere after its
 * declaration: which value reaches this use cannot be told (`output = tf.clipByValue(output,
 * ...)` a line earlier), so rules stay quiet about it.
 */
export function isReassignedName(file: FileAnalysis, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return false;
  const decl = file.scopes.resolve(e);
  return !!decl && file.scopes.isReassigned(decl);
}

/**
 * True when `expr` is a parameter of a function given to `compile` as its `loss` (inline,
 * `{loss: (yTrue, yPred) => ...}`, or by name, `{loss: bce}` / `{loss}`): tfjs calls it with
 * tensors, typed or not.
 */
export function isLossParameter(file: FileAnalysis, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return false;
  const param = file.scopes.resolve(e);
  if (!param || !ts.isParameter(param)) return false;
  const fn = param.parent;
  const owner = fn.parent;
  if (ts.isPropertyAssignment(owner) && owner.initializer === fn) return propertyName(owner) === 'loss';
  const named = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(owner) && owner.initializer === fn ? owner : undefined;
  if (!named) return false;
  return file.scopes.referencesOf(named).some(({ identifier }) => {
    const p = identifier.parent;
    if (ts.isShorthandPropertyAssignment(p)) return p.name.text === 'loss';
    return ts.isPropertyAssignment(p) && p.initializer === identifier && propertyName(p) === 'loss';
  });
}

function propertyName(p: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}

/** True when `expr` is known to be a tensor (not just suspected from a method name). */
export function isKnownTensor(file: FileAnalysis, expr: ts.Expression): boolean {
  return file.evaluate(expr) instanceof TensorValue || isTensorTyped(file, expr) || isLossParameter(file, expr);
}

/** The number `expr` stands for: a numeric constant, or `tf.scalar(n)` / `tf.tensor(n)`. */
export function numberValue(file: FileAnalysis, expr: ts.Expression | undefined): number | undefined {
  if (!expr) return undefined;
  const v = file.evaluate(expr);
  if (typeof v === 'number') return v;
  const t = opIs(file, expr, 'scalar', 'tensor', 'tensor1d');
  if (t && t.form === 'function' && t.operands.length >= 1) {
    const inner = file.evaluate(t.operands[0]);
    if (typeof inner === 'number') return inner;
    if (Array.isArray(inner) && inner.length === 1 && typeof inner[0] === 'number') return inner[0];
  }
  return undefined;
}

/** True when `expr` is the number 1, as a constant, a scalar tensor, or `tf.onesLike(...)` / `tf.ones(...)`. */
export function isOne(file: FileAnalysis, expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  if (numberValue(file, expr) === 1) return true;
  return !!opIs(file, expr, 'onesLike', 'ones');
}

/**
 * When `expr` computes `1 - p` (`tf.sub(1, p)`, `tf.scalar(1).sub(p)`, `p.neg().add(1)`),
 * the op and `p`; otherwise undefined.
 */
export function complementOf(file: FileAnalysis, expr: ts.Expression | undefined): { op: TensorOp; of: ts.Expression } | undefined {
  const t = opIs(file, expr, 'sub', 'add');
  if (!t || t.operands.length !== 2) return undefined;
  const [a, b] = t.operands;
  if (t.op === 'sub') return isOne(file, a) ? { op: t, of: b } : undefined;
  for (const [one, other] of [[a, b], [b, a]]) {
    const n = opIs(file, other, 'neg');
    if (isOne(file, one) && n && n.operands.length === 1) return { op: t, of: n.operands[0] };
  }
  return undefined;
}

/**
 * True when two expressions compute the same value: the same variable, the same text, or the
 * same call reached through variables.
 */
export function sameValue(file: FileAnalysis, a: ts.Expression, b: ts.Expression): boolean {
  const x = followBinding(file, a);
  const y = followBinding(file, b);
  if (x === y) return true;
  const ux = unwrap(a);
  const uy = unwrap(b);
  if (ts.isIdentifier(ux) && ts.isIdentifier(uy)) {
    const dx = file.scopes.resolve(ux);
    if (dx && dx === file.scopes.resolve(uy)) return true;
  }
  // Same call-free text (`batch.labels` twice) with the same bindings; calls may differ per evaluation.
  const tx = compact(file.textOf(x));
  return tx === compact(file.textOf(y)) && !tx.includes('(') && sameBindings(file, x, y);
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Identical call-free text whose identifiers resolve to the same declarations (`a.b` vs `a.b`). */
function sameBindings(file: FileAnalysis, x: ts.Node, y: ts.Node): boolean {
  const a = identifiersIn(x);
  const b = identifiersIn(y);
  return a.length === b.length && a.every((id, i) => file.scopes.resolve(id) === file.scopes.resolve(b[i]));
}

/** Identifiers under `root` in source order; an explicit stack, so deep nesting cannot overflow. */
export function identifiersIn(root: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const stack: ts.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isIdentifier(n)) out.push(n);
    const children: ts.Node[] = [];
    ts.forEachChild(n, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

// ---- dtypes --------------------------------------------------------------------------------

export interface DtypeFact {
  dtype: 'int32' | 'float32' | 'bool';
  /** Where the dtype comes from, for messages: "tf.browser.fromPixels", "toInt()". */
  origin: string;
  /** True for indices (argMax, argMin, tf.range) and values computed from them: integer arithmetic on purpose. */
  index?: boolean;
}

const INT32_SOURCES: Record<string, string> = {
  'browser.fromPixels': 'tf.browser.fromPixels', 'browser.fromPixelsAsync': 'tf.browser.fromPixelsAsync',
  'node.decodeImage': 'tf.node.decodeImage', 'node.decodeJpeg': 'tf.node.decodeJpeg', 'node.decodePng': 'tf.node.decodePng',
  'node.decodeBmp': 'tf.node.decodeBmp', 'node.decodeGif': 'tf.node.decodeGif',
  toInt: 'toInt()', argMax: 'argMax', argMin: 'argMin', oneHot: 'tf.oneHot',
};
/** Ops that make indices. */
const INDEX_OPS = new Set(['argMax', 'argMin', 'range']);
/** Ops whose result has their first operand's dtype (checked in tfjs 4.22 for int32). */
const SAME_DTYPE = new Set([
  'neg', 'abs', 'relu', 'square', 'reshape', 'slice', 'transpose', 'expandDims', 'squeeze', 'clone', 'tile',
  'reverse', 'gather', 'flatten', 'max', 'min', 'sum', 'identity', 'pad', 'as1D', 'as2D', 'as3D', 'as4D', 'stridedSlice',
]);
/** Binary ops: int32 op int32 stays int32; a float tensor or a plain number makes float32. */
const BINARY = new Set(['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'mod', 'floorDiv', 'divNoNan']);
/** Factories and the index of their dtype argument. */
const DTYPE_ARGUMENT: Record<string, number> = {
  tensor: 2, tensor1d: 1, tensor2d: 2, tensor3d: 2, tensor4d: 2, tensor5d: 2, tensor6d: 2, scalar: 1,
  zeros: 1, ones: 1, fill: 2, range: 3, variable: 3, randomUniform: 3, randomNormal: 3,
};
const FLOAT_RESULTS = new Set([
  'toFloat', 'mean', 'sigmoid', 'softmax', 'tanh', 'exp', 'log', 'sqrt', 'image.resizeBilinear', 'predict', 'apply', 'randomNormal', 'randomUniform',
]);
const BOOL_RESULTS = new Set(['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr', 'logicalNot', 'toBool', 'isNaN', 'isFinite']);

const dtypeMemo = new WeakMap<FileAnalysis, Map<ts.Node, DtypeFact | null | 'pending'>>();

/**
 * The dtype of a tensor expression, when it can be known; undefined otherwise. The engine's
 * shape inference (checked op by op against tfjs) has the last word on the dtype; this module
 * adds where it came from, for messages, and the tfjs-node decoders the engine does not model.
 */
export function dtypeOf(file: FileAnalysis, expr: ts.Expression | undefined, depth = 0): DtypeFact | undefined {
  if (!expr || depth > 50) return undefined;
  // Memoised per node, and a node met again while its own dtype is asked for (`const q = tf.div(q, q)`) is unknown.
  let cache = dtypeMemo.get(file);
  if (!cache) dtypeMemo.set(file, (cache = new Map()));
  const node = followBinding(file, expr);
  const hit = cache.get(node);
  if (hit === 'pending') return undefined;
  if (hit !== undefined) return hit ?? undefined;
  cache.set(node, 'pending');
  const traced = computeDtype(file, node, depth);
  const engine = file.shapes.tensorDtype(node);
  let result = traced;
  if (engine !== undefined && engine !== traced?.dtype) {
    const op = tensorOp(file, node)?.op;
    result = isDtype(engine) ? { dtype: engine, origin: op ? `tf.${op}` : 'this tensor', index: !!op && INDEX_OPS.has(op) } : undefined;
  }
  cache.set(node, result ?? null);
  return result;
}

function computeDtype(file: FileAnalysis, expr: ts.Expression, depth: number): DtypeFact | undefined {
  const t = tensorOp(file, expr);
  if (!t || !t.known) return undefined;
  const { op, operands } = t;
  if (INT32_SOURCES[op]) return { dtype: 'int32', origin: INT32_SOURCES[op], index: INDEX_OPS.has(op) };
  if (BOOL_RESULTS.has(op)) return { dtype: 'bool', origin: op };
  if (op === 'cast' && operands.length === 2) {
    const d = file.evaluate(operands[1]);
    return isDtype(d) ? { dtype: d, origin: `cast(..., '${d}')` } : undefined;
  }
  if (FLOAT_RESULTS.has(op)) return { dtype: 'float32', origin: op };
  if (op in DTYPE_ARGUMENT && t.form === 'function') {
    const arg = operands[DTYPE_ARGUMENT[op]];
    if (arg) {
      const d = file.evaluate(arg);
      return isDtype(d) ? { dtype: d, origin: `tf.${op}(..., '${d}')`, index: op === 'range' } : undefined;
    }
    if (op === 'variable') return dtypeOf(file, operands[0], depth + 1);
    if (op === 'range' || op === 'zeros' || op === 'ones' || op === 'randomNormal' || op === 'randomUniform') return { dtype: 'float32', origin: `tf.${op}` };
    if (op === 'fill') return undefined; // inferred from the fill value
    return dataDtype(file, operands[0], op);
  }
  if (op === 'zerosLike' || op === 'onesLike') return dtypeOf(file, operands[0], depth + 1);
  if (SAME_DTYPE.has(op)) {
    const inner = dtypeOf(file, operands[0], depth + 1);
    // sum of a bool tensor counts: int32
    return inner && (op === 'sum' && inner.dtype === 'bool') ? { dtype: 'int32', origin: `sum of ${inner.origin}` } : inner;
  }
  if (BINARY.has(op) && operands.length === 2) {
    const [a, b] = operands.map((o) => (typeof file.evaluate(o) === 'number' ? ({ dtype: 'float32', origin: 'a number' } as DtypeFact) : dtypeOf(file, o, depth + 1)));
    if (!a || !b) return undefined;
    if (a.dtype === 'int32' && b.dtype === 'int32') return a;
    if (a.dtype === 'float32' || b.dtype === 'float32') return { dtype: 'float32', origin: op };
    return undefined;
  }
  if ((op === 'concat' || op === 'stack') && operands[0] && ts.isArrayLiteralExpression(unwrap(operands[0]))) {
    const parts = (unwrap(operands[0]) as ts.ArrayLiteralExpression).elements.map((el) => dtypeOf(file, el, depth + 1));
    const first = parts[0];
    return first && parts.every((p) => p && p.dtype === first.dtype) ? first : undefined;
  }
  return undefined;
}

function isDtype(v: unknown): v is DtypeFact['dtype'] {
  return v === 'int32' || v === 'float32' || v === 'bool';
}

/** dtype tfjs infers from the data given to `tf.tensor(...)` without a dtype argument. */
function dataDtype(file: FileAnalysis, data: ts.Expression | undefined, op: string): DtypeFact | undefined {
  const v = file.evaluate(data);
  if (v instanceof TypedArrayValue) {
    if (v.dtype === 'int32') return { dtype: 'int32', origin: `tf.${op}(new Int32Array(...))` };
    if (v.dtype === 'uint8') return { dtype: 'int32', origin: `tf.${op}(new Uint8Array(...))` };
    if (v.dtype === 'float32') return { dtype: 'float32', origin: `tf.${op}(new Float32Array(...))` };
    return undefined;
  }
  // Plain JS numbers make float32 tensors, even integers (checked: tf.tensor([1, 2]).dtype).
  if (typeof v === 'number' || (Array.isArray(v) && v.length > 0 && flat(v).every((x) => typeof x === 'number'))) {
    return { dtype: 'float32', origin: `tf.${op} of numbers` };
  }
  return undefined;
}

function flat(v: unknown[]): unknown[] {
  return v.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
}

// ---- moving text in fixes ----------------------------------------------------------------

/**
 * The source text of `expr` when it may be written at `site` with the same meaning: every name
 * in it resolves there to the same declaration, and no such variable is reassigned. Text
 * already inside `site` always qualifies. Undefined otherwise (offer no fix then).
 */
export function portableText(file: FileAnalysis, expr: ts.Expression, site: ts.Node): string | undefined {
  const text = file.textOf(expr);
  const inside = expr.pos >= site.pos && expr.end <= site.end;
  if (inside) return text;
  for (const id of identifiersIn(expr)) {
    if (!isNameReference(id)) continue;
    const decl = file.scopes.resolve(id);
    if (decl !== resolveNameAt(file, id.text, site) || (decl && file.scopes.isReassigned(decl))) return undefined;
    if (decl && ts.isVariableDeclaration(decl) && decl.end > site.pos) return undefined; // declared after the site
  }
  return text;
}

function isNameReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
  if (ts.isParameter(p) || ts.isVariableDeclaration(p) || ts.isBindingElement(p)) return false;
  return true;
}

/**
 * What `name` would refer to if written at `site`. Scopes.resolve walks an identifier's
 * parents, so a detached identifier whose parent is `site` asks exactly that question.
 */
function resolveNameAt(file: FileAnalysis, name: string, site: ts.Node): ts.Node | undefined {
  const probe = ts.factory.createIdentifier(name);
  (probe as { parent: ts.Node }).parent = site;
  return file.scopes.resolve(probe);
}

const tfNameMemo = new WeakMap<FileAnalysis, Map<string, string | undefined>>();

/** `file.tfName(path)`, remembered per file: that lookup walks the file, and fixes ask it often. */
export function tfNameOf(file: FileAnalysis, path: string): string | undefined {
  let cache = tfNameMemo.get(file);
  if (!cache) tfNameMemo.set(file, (cache = new Map()));
  if (!cache.has(path)) cache.set(path, file.tfName(path));
  return cache.get(path);
}

/** `text` usable as the receiver of a method call (`x` -> `x`, `a as T` -> `(a as T)`). */
export function asReceiver(expr: ts.Expression, text: string): string {
  const e = expr;
  const simple = ts.isIdentifier(e) || ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e);
  return simple ? text : `(${text})`;
}

/** Parent call that takes `node` as its receiver (`node.f()`) or first argument (`f(node)`). */
export function enclosingOpCall(node: ts.Expression): { call: ts.CallExpression; asReceiver: boolean } | undefined {
  let child: ts.Node = node;
  while (ts.isParenthesizedExpression(child.parent) || ts.isAsExpression(child.parent) || ts.isNonNullExpression(child.parent)) child = child.parent;
  const p = child.parent;
  if (!p) return undefined;
  if (ts.isCallExpression(p) && p.arguments.includes(child as ts.Expression)) return { call: p, asReceiver: false };
  if (ts.isPropertyAccessExpression(p) && p.expression === child && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
    return { call: p.parent, asReceiver: true };
  }
  return undefined;
}
