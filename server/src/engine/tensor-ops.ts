// Which tfjs op computes an expression, seen through `const` variables, helper functions and
// tf.tidy: `tf.log(x)` and `x.log()` look the same here (op 'log', operands [x]; a method's
// receiver is its first operand). Also whether an expression is known to be a tensor: made by
// tfjs, typed as a tfjs Tensor, or a parameter of a loss function given to compile.
// One memo per file (FileAnalysis.ops).
import { ts } from './ts';
import type { FileAnalysis } from './analysis';
import { followBinding, unwrap } from './bindings';
import { TensorValue, TfRef, UNKNOWN } from './values';
import { TENSOR_METHOD_ARITY } from './tfjs/catalog';

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

/** Globals whose methods are never tensor ops (`console.log`, `Math.exp`). */
const NON_TENSOR_GLOBALS = new Set(['console', 'Math', 'JSON', 'Date', 'Number', 'Object', 'window', 'document']);
const MAX_DEPTH = 100;

export class TensorOps {
  private readonly memo = new Map<ts.Node, TensorOp | null>();
  private calledNames: Map<ts.CallExpression, string | undefined> | undefined;

  constructor(private readonly file: FileAnalysis) {}

  /** The tfjs op that computes `expr`, following `const` variables; undefined when it is not one. */
  tensorOp(expr: ts.Expression | undefined, depth = 0): TensorOp | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    const hit = this.memo.get(expr);
    if (hit !== undefined) return hit ?? undefined;
    const result = this.compute(expr, depth);
    this.memo.set(expr, result ?? null);
    return result;
  }

  private compute(expr: ts.Expression, depth: number): TensorOp | undefined {
    const file = this.file;
    const e = followBinding(file.evaluator, expr);
    if (!ts.isCallExpression(e)) return undefined;
    // The engine's value also sees through helper functions and tf.tidy: the op is where it was made.
    const value = file.evaluate(e);
    if (value instanceof TensorValue && value.op !== 'apply' && value.op !== 'predict' && value.op !== 'ported' && ts.isCallExpression(value.node)) {
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
    if (this.isNonTensorGlobal(receiver)) return undefined;
    if (file.evaluate(receiver) !== UNKNOWN) return undefined; // a number, an object, a layer: not a tensor
    const known = this.isTensorTyped(receiver) || this.isLossParameter(receiver) || !!this.tensorOp(receiver, depth + 1)?.known;
    return { op: method, call: e, operands: [receiver, ...e.arguments], form: 'method', known };
  }

  /**
   * The name a call is made by, from syntax alone: `x.log()` and `tf.log(x)` give 'log', a named
   * import `ln(x)` of tf's log gives 'log'. A cheap filter before asking `tensorOp`.
   */
  calledName(call: ts.CallExpression): string | undefined {
    const names = (this.calledNames ??= new Map());
    if (names.has(call)) return names.get(call);
    const callee = unwrap(call.expression);
    let name: string | undefined;
    if (ts.isPropertyAccessExpression(callee)) name = callee.name.text;
    else if (ts.isIdentifier(callee)) {
      const path = this.file.tfPath(callee);
      name = path === undefined ? undefined : path.slice(path.lastIndexOf('.') + 1);
    }
    names.set(call, name);
    return name;
  }

  /** The calls in the file made by one of `names` (see calledName), in source order. */
  callsNamed(names: ReadonlySet<string>): ts.CallExpression[] {
    return this.file.graph.calls.filter((c) => {
      const n = this.calledName(c);
      return n !== undefined && names.has(n);
    });
  }

  private isNonTensorGlobal(expr: ts.Expression): boolean {
    const e = unwrap(expr);
    return ts.isIdentifier(e) && !this.file.scopes.resolve(e) && NON_TENSOR_GLOBALS.has(e.text);
  }

  /**
   * True when `expr` is a variable whose declared type is a tfjs tensor type (`yPred: tf.Tensor`,
   * `x: Tensor2D` imported from tfjs), the usual way custom losses are typed.
   */
  isTensorTyped(expr: ts.Expression): boolean {
    const file = this.file;
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
   * True when `expr` is a parameter of a function given to `compile` as its `loss` (inline,
   * `{loss: (yTrue, yPred) => ...}`, or by name, `{loss: bce}` / `{loss}`): tfjs calls it with
   * tensors, typed or not.
   */
  isLossParameter(expr: ts.Expression): boolean {
    const file = this.file;
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

  /** True when `expr` is known to be a tensor (not just suspected from a method name). */
  isKnownTensor(expr: ts.Expression): boolean {
    return this.file.evaluate(expr) instanceof TensorValue || this.isTensorTyped(expr) || this.isLossParameter(expr);
  }
}

function propertyName(p: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}
