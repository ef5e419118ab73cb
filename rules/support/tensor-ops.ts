// Questions about tensor expressions that numeric rules ask, on top of the engine's op
// recognition (file.ops): whether an expression is the number 1 or computes 1 - p, what dtype a
// tensor has and where it came from (for messages), and whether a piece of source text means
// the same at another place (so a fix can move it).
import { ts } from '../../server/src/engine/ts';
import type { DtypeCause, FileAnalysis, TensorOp } from '../../server/src/engine/analysis';
import { unwrap } from './call-shape';
import { followBinding } from './follow';

export type { TensorOp };

// Op recognition is an engine fact (engine/tensor-ops, one memo per file); these are the
// short names rules use for it.

/** The tfjs op that computes `expr`, following `const` variables; undefined when it is not one. */
export function tensorOp(file: FileAnalysis, expr: ts.Expression | undefined): TensorOp | undefined {
  return file.ops.tensorOp(expr);
}

/** The name a call is made by, from syntax alone (`x.log()`, `tf.log(x)`, `ln(x)` all give 'log'). */
export function calledName(file: FileAnalysis, call: ts.CallExpression): string | undefined {
  return file.ops.calledName(call);
}

/** The calls in the file made by one of `names` (see calledName), in source order. */
export function callsNamed(file: FileAnalysis, names: ReadonlySet<string>): ts.CallExpression[] {
  return file.ops.callsNamed(names);
}

/** The op of `expr` when it is one of `ops`. */
export function opIs(file: FileAnalysis, expr: ts.Expression | undefined, ...ops: string[]): TensorOp | undefined {
  const t = tensorOp(file, expr);
  return t && ops.includes(t.op) ? t : undefined;
}

/** True when `expr` is a variable whose declared type is a tfjs tensor type. */
export function isTensorTyped(file: FileAnalysis, expr: ts.Expression): boolean {
  return file.ops.isTensorTyped(expr);
}

/** True when `expr` is a parameter of a function given to `compile` as its `loss`. */
export function isLossParameter(file: FileAnalysis, expr: ts.Expression): boolean {
  return file.ops.isLossParameter(expr);
}

/** True when `expr` is known to be a tensor (not just suspected from a method name). */
export function isKnownTensor(file: FileAnalysis, expr: ts.Expression): boolean {
  return file.ops.isKnownTensor(expr);
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

/**
 * The dtype of a tensor expression, when it can be known, with where it came from in words
 * (the engine's file.dtypeSource gives the cause as data); undefined otherwise.
 */
export function dtypeOf(file: FileAnalysis, expr: ts.Expression | undefined): DtypeFact | undefined {
  const source = file.dtypeSource(expr);
  return source && { dtype: source.dtype, origin: originText(source.cause, source.dtype), index: source.index };
}

/** How a message names a dtype's cause. */
function originText(cause: DtypeCause, dtype: string): string {
  switch (cause.kind) {
    case 'op':
      if (dtype !== 'int32') return cause.op;
      return cause.op === 'toInt' ? 'toInt()' : cause.op.includes('.') || cause.op === 'oneHot' ? `tf.${cause.op}` : cause.op;
    case 'cast': return `cast(..., '${cause.dtype}')`;
    case 'dtype-argument': return `tf.${cause.op}(..., '${cause.dtype}')`;
    case 'default': return `tf.${cause.op}`;
    case 'typed-array': return `tf.${cause.op}(new ${cause.array}(...))`;
    case 'numbers': return `tf.${cause.op} of numbers`;
    case 'number': return 'a number';
    case 'sum-of-bool': return `sum of ${originText(cause.of, 'bool')}`;
    case 'inferred': return cause.op ? `tf.${cause.op}` : 'this tensor';
  }
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

/** `file.tfName(path)` (remembered per file by the engine). */
export function tfNameOf(file: FileAnalysis, path: string): string | undefined {
  return file.tfName(path);
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
