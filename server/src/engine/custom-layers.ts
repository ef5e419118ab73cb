// Layer classes a workspace defines (`class Swish extends tf.layers.Layer { ... }`): what tfjs
// makes of `new Swish(config).apply(x)` when the class is simple enough to read without
// running it. tfjs asks the layer's `computeOutputShape(inputShape)` for a symbolic output
// (Layer's own returns its input), names it after `static className`, and counts the weights
// `build` adds. A class we cannot read that way is not a layer to the engine (its values stay
// unknown), and a part we cannot read (a computeOutputShape with `this.units`) is unknown.
import { ts } from './ts';
import type { Dim, Shape } from './types';
import { TfRef, type Value } from './values';

/** What the engine knows of a layer class of the workspace. Plain data and a function: no syntax escapes. */
export interface CustomLayerClass {
  /** The class's `static className` (what tfjs names its layers after); undefined when not a string we can read. */
  readonly className: string | undefined;
  /** The weight count of one instance: 0 when the class adds none; undefined when it may. */
  readonly params: number | undefined;
  /**
   * What the constructor does with its config: 'passed' to `super` unchanged (so `name`,
   * `trainable`, ... are tfjs's), 'ignored' (`super({})`: tfjs's defaults, a name from the
   * class), undefined when something else (the layer's name is unknown).
   */
  readonly config: 'passed' | 'ignored' | undefined;
  /** True when the constructor does nothing with its arguments but hand them to `super` (tfjs only reads a config). */
  readonly configOnlyRead: boolean;
  /** The output shape for the input tensors' shapes; undefined when unknown. */
  outputShape(inputs: readonly Shape[]): Shape | undefined;
}

/** Members that change what `apply` returns or how many weights a layer has: a class with one is not read. */
const UNREAD_MEMBERS = new Set(['apply', 'build', 'countParams', 'weights', 'trainableWeights', 'nonTrainableWeights', 'addWeight', 'getClassName']);

/**
 * The class `cls` as a layer class, when it extends `tf.layers.Layer` directly and defines no
 * member that changes `apply` or the weights; undefined otherwise. `evaluate` is the
 * evaluator of the class's file.
 */
export function customLayerClass(cls: ts.ClassDeclaration, evaluate: (e: ts.Expression) => Value): CustomLayerClass | undefined {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (!base || base.typeArguments?.length) return undefined;
  const ref = evaluate(base.expression);
  if (!(ref instanceof TfRef) || ref.path !== 'layers.Layer') return undefined;
  let computeOutputShape: ts.MethodDeclaration | undefined;
  let constructor: ts.ConstructorDeclaration | undefined;
  let className: string | undefined;
  let classNameRead = false;
  for (const member of cls.members) {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
    if (ts.isConstructorDeclaration(member)) {
      constructor = member;
      continue;
    }
    if (name === undefined) {
      if (member.name) return undefined; // a computed name may be any member
      continue;
    }
    if (UNREAD_MEMBERS.has(name)) return undefined;
    const isStatic = ts.canHaveModifiers(member) && !!ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (name === 'className' && isStatic) {
      classNameRead = true;
      className = staticString(member, evaluate);
    } else if (name === 'computeOutputShape' && !isStatic) {
      if (!ts.isMethodDeclaration(member)) return undefined;
      computeOutputShape = member;
    }
  }
  // Weights, or an input spec tfjs checks inputs against: not read.
  if (addsWeights(cls) || setsOwn(cls, 'inputSpec')) return undefined;
  const rule = computeOutputShape ? outputRule(computeOutputShape, evaluate) : identity;
  return {
    className: classNameRead ? className : undefined,
    params: 0,
    config: setsOwn(cls, 'name') ? undefined : constructor ? configUse(constructor) : 'passed',
    configOnlyRead: !constructor || onlyHandsToSuper(constructor),
    outputShape: (inputs) => {
      if (inputs.length === 0) return undefined;
      // tfjs hands computeOutputShape one shape for one input (`apply(x)` or `apply([x])`), else the list.
      const arg: Interp = inputs.length === 1 ? [...inputs[0]] : inputs.map((s) => [...s]);
      const out = rule(arg);
      return isShape(out) ? out : undefined;
    },
  };
}

/** `static get className() { return 'X'; }` or `static className = 'X'`. */
function staticString(member: ts.ClassElement, evaluate: (e: ts.Expression) => Value): string | undefined {
  let expr: ts.Expression | undefined;
  if (ts.isPropertyDeclaration(member)) expr = member.initializer;
  else if (ts.isGetAccessorDeclaration(member) && member.body?.statements.length === 1) {
    const only = member.body.statements[0];
    if (ts.isReturnStatement(only)) expr = only.expression;
  }
  const v = expr ? evaluate(expr) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A call of `addWeight` anywhere in the class (a constructor or a helper method may add weights too). */
function addsWeights(cls: ts.ClassDeclaration): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && (n.text === 'addWeight' || n.text === 'build')) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(cls, visit);
  return found;
}

/** Every read of the constructor's parameters is the argument of its `super(...)` call (or `param || {}` there). */
function onlyHandsToSuper(ctor: ts.ConstructorDeclaration): boolean {
  const names = new Set<string>();
  for (const p of ctor.parameters) {
    if (!ts.isIdentifier(p.name)) return false;
    names.add(p.name.text);
  }
  const first = ctor.body?.statements[0];
  const superCall = first && ts.isExpressionStatement(first) && ts.isCallExpression(first.expression) && first.expression.expression.kind === ts.SyntaxKind.SuperKeyword ? first.expression : undefined;
  const allowed = new Set<ts.Node>();
  for (const a of superCall?.arguments ?? []) {
    allowed.add(a);
    if (ts.isBinaryExpression(a) && (a.operatorToken.kind === ts.SyntaxKind.BarBarToken || a.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) allowed.add(a.left);
  }
  const visit = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n) && names.has(n.text) && !ts.isParameter(n.parent)) return allowed.has(n);
    return !ts.forEachChild(n, (c) => (visit(c) ? undefined : true));
  };
  return !ctor.body || visit(ctor.body);
}

/** An assignment to `this.<key>` anywhere in the class. */
function setsOwn(cls: ts.ClassDeclaration, key: string): boolean {
  const visit = (n: ts.Node): boolean =>
    (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)
      && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === key) || !!ts.forEachChild(n, (c) => visit(c) || undefined);
  return visit(cls);
}

/**
 * 'passed' for `constructor(config) { super(config); ... }` (or `super(config || {})`),
 * 'ignored' for `super({})` or `super()` first, undefined otherwise.
 */
function configUse(ctor: ts.ConstructorDeclaration): 'passed' | 'ignored' | undefined {
  const first = ctor.body?.statements[0];
  if (!first || !ts.isExpressionStatement(first)) return undefined;
  const call = first.expression;
  if (!ts.isCallExpression(call) || call.expression.kind !== ts.SyntaxKind.SuperKeyword || call.arguments.length > 1) return undefined;
  let arg = call.arguments[0];
  const isEmpty = (e: ts.Expression) => ts.isObjectLiteralExpression(e) && e.properties.length === 0;
  if (!arg || isEmpty(arg)) return 'ignored';
  const [param, ...rest] = ctor.parameters;
  if (!param || rest.length || !ts.isIdentifier(param.name) || param.dotDotDotToken) return undefined;
  if (ts.isBinaryExpression(arg) && (arg.operatorToken.kind === ts.SyntaxKind.BarBarToken || arg.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    if (!isEmpty(arg.right)) return undefined;
    arg = arg.left;
  }
  return ts.isIdentifier(arg) && arg.text === param.name.text ? 'passed' : undefined;
}

// ---- computeOutputShape, read without running it -------------------------------------------

/** A value inside computeOutputShape: dims, shapes, lists of shapes, numbers and booleans. */
type Interp = Dim | boolean | Interp[];
const UNREADABLE: unique symbol = Symbol('unreadable');
type Result = Interp | typeof UNREADABLE;

const identity = (input: Interp): Result => input;

type Rule = (input: Interp) => Result;
/** Expressions nested deeper than this are not read (no real computeOutputShape comes close). */
const MAX_DEPTH = 64;
const unreadable: Rule = () => UNREADABLE;

/**
 * computeOutputShape as a function of its argument, when its body is `return <expr>;`, possibly
 * after `tf.util.assert(<cond>, ...)` statements, and the expressions are ones this reads
 * (element and `.length` reads, array literals, comparisons, `Array.isArray`, constants); an
 * assertion that fails or cannot be read makes the shape unknown (tfjs throws there). The
 * syntax is read once, here: the function holds no node (a class of another module is used as is).
 */
function outputRule(method: ts.MethodDeclaration, evaluate: (e: ts.Expression) => Value): Rule {
  const [param, ...rest] = method.parameters;
  const body = method.body?.statements;
  if (!param || rest.length || !ts.isIdentifier(param.name) || param.initializer || param.dotDotDotToken || !body?.length) return unreadable;
  const last = body[body.length - 1];
  if (!ts.isReturnStatement(last) || !last.expression) return unreadable;
  const name = param.name.text;
  const asserts: Rule[] = [];
  for (const s of body.slice(0, -1)) {
    const cond = ts.isExpressionStatement(s) ? assertedCondition(s.expression, evaluate) : undefined;
    if (!cond) return unreadable;
    asserts.push(compile(cond, name, evaluate));
  }
  const returned = compile(last.expression, name, evaluate);
  return (input) => (asserts.every((c) => c(input) === true) ? returned(input) : UNREADABLE);
}

/** The condition of `tf.util.assert(cond, message)`. */
function assertedCondition(e: ts.Expression, evaluate: (e: ts.Expression) => Value): ts.Expression | undefined {
  if (!ts.isCallExpression(e) || e.arguments.length < 1) return undefined;
  const callee = evaluate(e.expression);
  return callee instanceof TfRef && callee.path === 'util.assert' ? e.arguments[0] : undefined;
}

const COMPARISONS = new Map<ts.SyntaxKind, (a: Interp, b: Interp) => Interp>([
  [ts.SyntaxKind.EqualsEqualsEqualsToken, (a, b) => a === b],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, (a, b) => a !== b],
]);
const ARITHMETIC = new Map<ts.SyntaxKind, (a: number, b: number) => number>([
  [ts.SyntaxKind.PlusToken, (a, b) => a + b],
  [ts.SyntaxKind.MinusToken, (a, b) => a - b],
  [ts.SyntaxKind.AsteriskToken, (a, b) => a * b],
]);

/** An expression of computeOutputShape as a function of the argument (named `param`). */
function compile(e: ts.Expression, param: string, evaluate: (e: ts.Expression) => Value, depth = 0): Rule {
  if (depth > MAX_DEPTH) return unreadable;
  const sub = (x: ts.Expression) => compile(x, param, evaluate, depth + 1);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return sub(e.expression);
  if (ts.isIdentifier(e) && e.text === param) return (input) => input;
  if (ts.isElementAccessExpression(e)) {
    const list = sub(e.expression);
    const index = sub(e.argumentExpression);
    return (input) => {
      const l = list(input);
      const i = index(input);
      return Array.isArray(l) && typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < l.length ? l[i] : UNREADABLE;
    };
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') {
    const list = sub(e.expression);
    return (input) => {
      const l = list(input);
      return Array.isArray(l) ? l.length : UNREADABLE;
    };
  }
  if (ts.isArrayLiteralExpression(e)) {
    const parts = e.elements.map((el) => ({ spread: ts.isSpreadElement(el), rule: sub(ts.isSpreadElement(el) ? el.expression : el) }));
    return (input) => {
      const out: Interp[] = [];
      for (const { spread, rule } of parts) {
        const v = rule(input);
        if (v === UNREADABLE || (spread && !Array.isArray(v))) return UNREADABLE;
        if (spread) out.push(...(v as Interp[]));
        else out.push(v);
      }
      return out;
    };
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)
    && e.expression.expression.text === 'Array' && e.expression.name.text === 'isArray' && e.arguments.length === 1 && param !== 'Array') {
    const arg = sub(e.arguments[0]);
    return (input) => {
      const v = arg(input);
      return v === UNREADABLE ? UNREADABLE : Array.isArray(v);
    };
  }
  if (ts.isConditionalExpression(e)) {
    const [cond, yes, no] = [sub(e.condition), sub(e.whenTrue), sub(e.whenFalse)];
    return (input) => {
      const c = cond(input);
      return typeof c === 'boolean' ? (c ? yes : no)(input) : UNREADABLE;
    };
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const [left, right] = [sub(e.left), sub(e.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const shortCircuit = op === ts.SyntaxKind.BarBarToken;
      return (input) => {
        const l = left(input);
        if (typeof l !== 'boolean') return UNREADABLE;
        if (l === shortCircuit) return l;
        const r = right(input);
        return typeof r === 'boolean' ? r : UNREADABLE;
      };
    }
    const compare = COMPARISONS.get(op);
    const arithmetic = ARITHMETIC.get(op);
    if (!compare && !arithmetic) return unreadable;
    return (input) => {
      const l = left(input);
      const r = right(input);
      if (l === UNREADABLE || r === UNREADABLE || Array.isArray(l) || Array.isArray(r)) return UNREADABLE;
      if (compare) return compare(l, r);
      // tfjs would make `2 * null` a 0: a dimension we do not know stays unknown.
      return typeof l === 'number' && typeof r === 'number' && arithmetic ? arithmetic(l, r) : UNREADABLE;
    };
  }
  // Anything else must not read the argument (or `this`): a constant, evaluated once.
  if (mentions(e, param) || mentionsThis(e)) return unreadable;
  const v = evaluate(e);
  const constant: Result = v === null || typeof v === 'number' || typeof v === 'boolean' ? v : UNREADABLE;
  return () => constant;
}

function mentions(e: ts.Node, name: string): boolean {
  if (ts.isIdentifier(e)) return e.text === name;
  return !!ts.forEachChild(e, (c) => mentions(c, name) || undefined);
}

function mentionsThis(e: ts.Node): boolean {
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  return !!ts.forEachChild(e, (c) => mentionsThis(c) || undefined);
}

/** A shape: every element an integer >= 0 or null (a list of shapes, several outputs, is not one). */
function isShape(v: Result): v is Shape {
  return Array.isArray(v) && v.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0));
}
