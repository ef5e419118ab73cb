// What scaling and resizing a model input went through, read from the tensor's abstract value
// back to where its values were made: `fromPixels(img).toFloat().div(255)` is pixels scaled by
// 1/255; `xs.sub(min).div(max.sub(min))` is data shifted and divided by tensors named `min` and
// the range; `tf.tensor2d([[1500]])` is literal data with no scaling. Ops that keep the scale
// (reshape, expandDims, cast, stack, resize, ...) are passed through, resizes noted with their
// size. Anything else on the way (an op it does not know, a parameter, data from another file)
// makes the answer undefined: unknown. Rules compare two answers; the engine does not judge.
import { ts } from './ts';
import type { FileAnalysis } from './analysis';
import { followBinding, unwrap } from './bindings';
import { FunctionValue, ListValue, TensorValue, TypedArrayValue, UNKNOWN } from './values';
import { opsWhere } from './tfjs/catalog';

/** One arithmetic step on the values: `div(255)`, `sub(mean)`. */
export interface ScalingStep {
  readonly op: 'add' | 'sub' | 'mul' | 'div';
  /**
   * A known number; the declaration of the never-reassigned binding the operand is read from
   * (`mean`); or the operand expression itself when computed (`max.sub(min)`).
   */
  readonly operand: number | ts.Node;
  /** The call that applies it. */
  readonly call: ts.CallExpression;
}

/** Where the values were made. */
export type PreprocessingSource =
  /** fromPixels, decodeImage, decodeJpeg... (int32 0-255), or a tensor of a Uint8Array. */
  | 'pixels'
  /** A tensor creator given numbers written in the file. */
  | 'literal'
  /** A tensor creator given numbers parsed from text (`parseFloat(input.value)`): user input as typed. */
  | 'parsed';

export interface Preprocessing {
  readonly source: PreprocessingSource;
  /** The call that made the values (the pixel decoder or the tensor creator). */
  readonly sourceCall: ts.CallExpression;
  /** Arithmetic from the source outwards, in the order applied. */
  readonly steps: readonly ScalingStep[];
  /** Target sizes of `resizeBilinear` / `resizeNearestNeighbor` on the way, in order (known numbers only). */
  readonly resizes: readonly (readonly [number, number])[];
  /** A resize whose size is not known was passed through. */
  readonly unknownResize: boolean;
}

/** Decoders of images into int32 0..255 (from the catalog). */
const PIXEL_SOURCES = opsWhere((r) => r.dtype === 'int32' && r.range?.lo === 0 && r.range.hi === 255);
/** Tensor creators (their data is the first argument). */
const CREATORS = opsWhere((r) => r.shape === 'constructor');
/** Ops that move, reshape, cast, resize or average values but keep their scale. */
const SCALE_PRESERVING = opsWhere((r) => r.preserves !== undefined && r.shape !== 'constructor');
const RESIZES = new Set(['image.resizeBilinear', 'image.resizeNearestNeighbor', 'resizeBilinear', 'resizeNearestNeighbor']);
const ARITHMETIC = new Set(['add', 'sub', 'mul', 'div']);
/** JS functions whose result is text turned into a number as written. */
const PARSERS = new Set(['parseFloat', 'parseInt', 'Number']);
const MAX_DEPTH = 40;

/**
 * A same-file helper's parameters mapped to the arguments of the call being followed (each with
 * the mapping of its own call site): `normalize(xs)` with `const normalize = (t) => t.div(255)`.
 */
type HelperArguments = ReadonlyMap<ts.Node, { arg: ts.Expression; args: HelperArguments }>;
const NO_ARGUMENTS: HelperArguments = new Map();

export class Preprocessings {
  private readonly memo = new Map<TensorValue, Preprocessing | null>();

  constructor(private readonly file: FileAnalysis) {}

  /** The preprocessing of a tensor expression; undefined when any part of it is unknown. */
  of(expr: ts.Expression | undefined): Preprocessing | undefined {
    return expr ? this.ofExpression(expr, NO_ARGUMENTS, 0) : undefined;
  }

  private ofExpression(expr: ts.Expression, args: HelperArguments, depth: number): Preprocessing | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const file = this.file;
    const v = file.evaluate(expr);
    const inner = helperArguments(file, expr, args);
    if (v instanceof TensorValue) return this.ofTensor(v, inner?.args ?? args, depth + 1);
    const e = unwrap(expr);
    // A helper's parameter: what the call site passed.
    const passed = ts.isIdentifier(e) ? args.get(file.scopes.resolve(e) as ts.Node) : undefined;
    if (passed) return this.ofExpression(passed.arg, passed.args, depth + 1);
    // A helper whose value the evaluator leaves unknown (it works on its parameter): its return.
    if (inner?.returned) return this.ofExpression(inner.returned, inner.args, depth + 1);
    // Tensor methods on a parameter (`t.toFloat().div(255)`): named by the syntax alone, and
    // only inside a helper, where the chain must still end at the caller's known tensor.
    if (args.size === 0 || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const method = e.expression.name.text;
    if (!ARITHMETIC.has(method) && !SCALE_PRESERVING.has(method)) return undefined;
    return this.compute(method, e, [e.expression.expression, ...e.arguments], args, depth);
  }

  private ofTensor(t: TensorValue, args: HelperArguments, depth: number): Preprocessing | undefined {
    if (depth > MAX_DEPTH) return undefined;
    // Answers under a helper's arguments hold for that call only: not memoised.
    if (args.size > 0) return this.compute(t.op, t.node, t.operands, args, depth);
    const hit = this.memo.get(t);
    if (hit !== undefined) return hit ?? undefined;
    this.memo.set(t, null); // a cycle through a self-referencing binding stays unknown
    const result = this.compute(t.op, t.node, t.operands, args, depth);
    this.memo.set(t, result ?? null);
    return result;
  }

  private compute(op: string, node: ts.Expression, operands: readonly ts.Expression[], args: HelperArguments, depth: number): Preprocessing | undefined {
    const file = this.file;
    const [a, b] = operands;
    if (!ts.isCallExpression(node)) return undefined;
    if (PIXEL_SOURCES.has(op)) return { source: 'pixels', sourceCall: node, steps: [], resizes: [], unknownResize: false };
    if (CREATORS.has(op)) {
      if (op === 'variable') return undefined; // trained values: not input data
      const data = a && file.evaluate(a);
      if (data instanceof TypedArrayValue && data.dtype === 'uint8') return { source: 'pixels', sourceCall: node, steps: [], resizes: [], unknownResize: false };
      const source = a ? rawData(file, a, 0) : undefined;
      return source && { source, sourceCall: node, steps: [], resizes: [], unknownResize: false };
    }
    if (ARITHMETIC.has(op) && a && b) {
      const inner = this.ofOperand(a, args, depth);
      const operand = operandIdentity(file, b);
      if (!inner || operand === undefined) return undefined;
      return { ...inner, steps: [...inner.steps, { op: op as ScalingStep['op'], operand, call: node }] };
    }
    if (!SCALE_PRESERVING.has(op) || !a) return undefined;
    const inner = this.ofOperand(a, args, depth);
    if (!inner || !RESIZES.has(op)) return inner;
    const size = b && file.evaluate(b);
    const known = Array.isArray(size) && size.length === 2 && size.every((n) => typeof n === 'number');
    return known
      ? { ...inner, resizes: [...inner.resizes, [size[0] as number, size[1] as number]] }
      : { ...inner, unknownResize: true };
  }

  /** An operand: a tensor, or the list given to stack / concat (every element alike). */
  private ofOperand(expr: ts.Expression, args: HelperArguments, depth: number): Preprocessing | undefined {
    const file = this.file;
    const v = file.evaluate(expr);
    if (v instanceof TensorValue) return this.ofExpression(expr, args, depth + 1);
    if (v === UNKNOWN) {
      const passed = this.ofExpression(expr, args, depth + 1); // a helper's parameter
      if (passed) return passed;
    }
    let elements: readonly ts.Expression[] | undefined;
    if (v instanceof ListValue && v.elements !== UNKNOWN) elements = v.elements;
    else if (Array.isArray(v)) {
      const literal = followBinding(file.evaluator, expr);
      if (ts.isArrayLiteralExpression(literal) && !literal.elements.some(ts.isSpreadElement)) elements = literal.elements;
    }
    if (!elements) {
      const mapped = mappedElement(file, expr);
      return mapped ? this.ofExpression(mapped, args, depth + 1) : undefined;
    }
    if (elements.length === 0) return undefined;
    const each = elements.map((el) => this.ofExpression(el, args, depth + 1));
    const first = each[0];
    if (!first || !each.every((p) => p && samePreprocessing(p, first))) return undefined;
    return first;
  }
}

/**
 * When `expr` is (a const holding) a call of a same-file function with plain parameters: its
 * parameters mapped to the call's arguments, and the one expression it returns (if it has one).
 */
function helperArguments(file: FileAnalysis, expr: ts.Expression, outer: HelperArguments): { args: HelperArguments; returned?: ts.Expression } | undefined {
  const call = followBinding(file.evaluator, expr);
  if (!ts.isCallExpression(call)) return undefined;
  const fn = file.evaluate(call.expression);
  if (!(fn instanceof FunctionValue)) return undefined;
  const map = new Map<ts.Node, { arg: ts.Expression; args: HelperArguments }>();
  fn.declaration.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && !p.dotDotDotToken && call.arguments[i]) map.set(p, { arg: call.arguments[i], args: outer });
  });
  return map.size ? { args: map, returned: singleReturn(fn.declaration) } : undefined;
}

/** The one expression a function returns: an arrow's expression body, or a lone final `return`. */
function singleReturn(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  if (!fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return fn.body;
  const returns = fn.body.statements.filter(ts.isReturnStatement);
  const last = fn.body.statements[fn.body.statements.length - 1];
  return returns.length === 1 && returns[0] === last ? returns[0].expression : undefined;
}

/** `images.map((img) => tf.browser.fromPixels(img).div(255))`: the expression each element is. */
function mappedElement(file: FileAnalysis, expr: ts.Expression): ts.Expression | undefined {
  const e = followBinding(file.evaluator, expr);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'map') return undefined;
  const fn = e.arguments[0] && unwrap(e.arguments[0]);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  return singleReturn(fn);
}

/** True when two answers apply the same steps and resizes (operands alike) to the same kind of source. */
export function samePreprocessing(p: Preprocessing, q: Preprocessing): boolean {
  return (
    p.source === q.source &&
    p.unknownResize === q.unknownResize &&
    p.steps.length === q.steps.length &&
    p.steps.every((s, i) => s.op === q.steps[i].op && s.operand === q.steps[i].operand) &&
    p.resizes.length === q.resizes.length &&
    p.resizes.every((r, i) => r[0] === q.resizes[i][0] && r[1] === q.resizes[i][1])
  );
}

/** A number, a scalar of a number, or the binding an operand is read from; undefined when neither. */
function operandIdentity(file: FileAnalysis, expr: ts.Expression): number | ts.Node | undefined {
  const v = file.evaluate(expr);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v instanceof TensorValue && v.op === 'scalar' && v.operands[0]) {
    const n = file.evaluate(v.operands[0]);
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const decl = file.scopes.resolve(e);
    return decl && !file.scopes.isReassigned(decl) ? decl : undefined;
  }
  // A computed operand (`inputMax.sub(inputMin)`): scaling by something, equal only to itself.
  return e;
}

/**
 * Is this creator data unscaled? Numbers written in the file (arrays of literals, consts holding
 * them) or numbers parsed from text; any arithmetic, helper or parameter on the
 * way makes it unknown (the data may have been scaled in plain JS).
 */
function rawData(file: FileAnalysis, expr: ts.Expression, depth: number): 'literal' | 'parsed' | undefined {
  if (depth > 12) return undefined;
  const e = unwrap(expr);
  if (ts.isNumericLiteral(e)) return 'literal';
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return 'literal';
  if (ts.isArrayLiteralExpression(e)) {
    if (e.elements.length === 0) return undefined;
    let kind: 'literal' | 'parsed' = 'literal';
    for (const el of e.elements) {
      if (ts.isSpreadElement(el)) return undefined;
      const k = rawData(file, el, depth + 1);
      if (!k) return undefined;
      if (k === 'parsed') kind = 'parsed';
    }
    return kind;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && PARSERS.has(e.expression.text) && !file.scopes.resolve(e.expression)) return 'parsed';
  if (ts.isIdentifier(e)) {
    const init = followBinding(file.evaluator, e);
    return init !== e ? rawData(file, init, depth + 1) : undefined;
  }
  return undefined;
}
