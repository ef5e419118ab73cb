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

/**
 * computeOutputShape as a function of its argument, when its body is `return <expr>;`, possibly
 * after `tf.util.assert(<cond>, ...)` statements, and the expressions are ones this reads
 * (element and `.length` reads, array literals, comparisons, `Array.isArray`, constants); an
 * assertion that fails or cannot be read makes the shape unknown (tfjs throws there).
 */
function outputRule(method: ts.MethodDeclaration, evaluate: (e: ts.Expression) => Value): (input: Interp) => Result {
  const [param, ...rest] = method.parameters;
  const body = method.body?.statements;
  if (!param || rest.length || !ts.isIdentifier(param.name) || param.initializer || param.dotDotDotToken || !body?.length) return () => UNREADABLE;
  const last = body[body.length - 1];
  if (!ts.isReturnStatement(last) || !last.expression) return () => UNREADABLE;
  const asserts: ts.Expression[] = [];
  for (const s of body.slice(0, -1)) {
    const cond = ts.isExpressionStatement(s) ? assertedCondition(s.expression, evaluate) : undefined;
    if (!cond) return () => UNREADABLE;
    asserts.push(cond);
  }
  const name = param.name.text;
  const returned = last.expression;
  return (input) => {
    const read = (e: ts.Expression) => interpret(e, name, input, evaluate);
    if (!asserts.every((c) => read(c) === true)) return UNREADABLE;
    return read(returned);
  };
}

/** The condition of `tf.util.assert(cond, message)`. */
function assertedCondition(e: ts.Expression, evaluate: (e: ts.Expression) => Value): ts.Expression | undefined {
  if (!ts.isCallExpression(e) || e.arguments.length < 1) return undefined;
  const callee = evaluate(e.expression);
  return callee instanceof TfRef && callee.path === 'util.assert' ? e.arguments[0] : undefined;
}

function interpret(e: ts.Expression, param: string, input: Interp, evaluate: (e: ts.Expression) => Value): Result {
  const read = (x: ts.Expression) => interpret(x, param, input, evaluate);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return read(e.expression);
  if (ts.isIdentifier(e) && e.text === param) return input;
  if (ts.isElementAccessExpression(e)) {
    const list = read(e.expression);
    const i = read(e.argumentExpression);
    if (!Array.isArray(list) || typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= list.length) return UNREADABLE;
    return list[i];
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') {
    const list = read(e.expression);
    return Array.isArray(list) ? list.length : UNREADABLE;
  }
  if (ts.isArrayLiteralExpression(e)) {
    const out: Interp[] = [];
    for (const el of e.elements) {
      if (ts.isSpreadElement(el)) {
        const spread = read(el.expression);
        if (!Array.isArray(spread)) return UNREADABLE;
        out.push(...spread);
        continue;
      }
      const v = read(el);
      if (v === UNREADABLE) return UNREADABLE;
      out.push(v);
    }
    return out;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)
    && e.expression.expression.text === 'Array' && e.expression.name.text === 'isArray' && e.arguments.length === 1 && !mentions(e.expression.expression, param)) {
    const v = read(e.arguments[0]);
    return v === UNREADABLE ? UNREADABLE : Array.isArray(v);
  }
  if (ts.isConditionalExpression(e)) {
    const c = read(e.condition);
    return typeof c === 'boolean' ? read(c ? e.whenTrue : e.whenFalse) : UNREADABLE;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const left = read(e.left);
    if (left === UNREADABLE) return UNREADABLE;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      if (typeof left !== 'boolean') return UNREADABLE;
      if (left === (op === ts.SyntaxKind.BarBarToken)) return left;
      const right = read(e.right);
      return typeof right === 'boolean' ? right : UNREADABLE;
    }
    const right = read(e.right);
    if (right === UNREADABLE || Array.isArray(left) || Array.isArray(right)) return UNREADABLE;
    switch (op) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
        return left === right;
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
        return left !== right;
    }
    if (typeof left !== 'number' || typeof right !== 'number') return UNREADABLE;
    switch (op) {
      case ts.SyntaxKind.PlusToken:
        return left + right;
      case ts.SyntaxKind.MinusToken:
        return left - right;
      case ts.SyntaxKind.AsteriskToken:
        return left * right;
    }
    return UNREADABLE;
  }
  // Anything else must not read the argument (or `this`): a constant of the file.
  if (mentions(e, param) || mentionsThis(e)) return UNREADABLE;
  const v = evaluate(e);
  return v === null || typeof v === 'number' || typeof v === 'boolean' ? v : UNREADABLE;
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
