// Interval analysis of plain JS numbers and arrays of numbers, for data that reaches
// `tf.tensor*(array)`: literals and constants, Math.random() (like randomUniform(0, 1): ends
// reached), Math.* functions, arithmetic, conditionals, clamps with Math.min / Math.max, loop
// counters, `for...of` variables, object fields, the callbacks of `.map` / `.forEach` /
// `Array.from`, arrays filled with `push`, and same-file helpers that return such values.
// The range of an array is the range of all its numbers. Min-max scaling
// (`(x - min) / (max - min)` with min and max of the same array) is proved to lie in [0, 1].
// Anything else is undefined: unknown.
import { ts, SK } from '../ts';
import type { FileAnalysis } from '../analysis';
import { unwrap } from '../bindings';
import { contentChanges } from '../mutations';
import { counterStep } from '../counters';
import { asNumber, FunctionValue, ObjectValue, TensorValue } from '../values';
import {
  addRanges, boundsOnly, bounded, divRanges, join, mulRanges, negate, point, reached, subRanges, type ValueRange,
} from './interval';
import { literalRange } from './tensor-range';

const MAX_DEPTH = 60;
const PENDING: unique symbol = Symbol('pending');
const MATH_BOUNDED: Record<string, [number, number]> = { sin: [-1, 1], cos: [-1, 1], tanh: [-1, 1], atan: [-Math.PI / 2, Math.PI / 2] };

export class NumberRanges {
  private readonly memo = new Map<ts.Node, ValueRange | null | typeof PENDING>();
  private depth = 0;

  constructor(private readonly file: FileAnalysis) {}

  /** The range of a number, or of every number in an array expression; undefined when unknown. */
  rangeOf(expr: ts.Expression | undefined): ValueRange | undefined {
    if (!expr || this.depth > MAX_DEPTH) return undefined;
    const hit = this.memo.get(expr);
    if (hit === PENDING) return undefined; // a cycle: x = f(x)
    if (hit !== undefined) return hit ?? undefined;
    this.memo.set(expr, PENDING);
    this.depth++;
    let result: ValueRange | undefined;
    try {
      result = this.compute(expr);
    } finally {
      this.depth--;
      this.memo.set(expr, result ?? null);
    }
    return result;
  }

  private compute(expr: ts.Expression): ValueRange | undefined {
    const v = this.file.evaluate(expr);
    if (typeof v === 'number') return Number.isFinite(v) ? point(v) : undefined;
    if (v instanceof TensorValue || v instanceof FunctionValue || typeof v === 'string' || typeof v === 'boolean') return undefined;
    const e = unwrap(expr);
    // Literal data as the evaluator sees it; a variable may have been filled since, so those go
    // through variable() below, which looks at every use.
    if (ts.isArrayLiteralExpression(e) || ts.isNewExpression(e)) {
      const known = literalRange(v);
      if (known) return known;
    }
    switch (e.kind) {
      case SK.Identifier:
        return this.identifier(e as ts.Identifier);
      case SK.PrefixUnaryExpression: {
        const p = e as ts.PrefixUnaryExpression;
        const r = this.rangeOf(p.operand);
        if (!r) return undefined;
        if (p.operator === SK.MinusToken) return negate(r);
        if (p.operator === SK.PlusToken) return r;
        return undefined;
      }
      case SK.BinaryExpression:
        return this.binary(e as ts.BinaryExpression);
      case SK.ConditionalExpression: {
        const c = e as ts.ConditionalExpression;
        return this.oneOf([c.whenTrue, c.whenFalse]);
      }
      case SK.ArrayLiteralExpression:
        return this.arrayLiteral(e as ts.ArrayLiteralExpression);
      case SK.PropertyAccessExpression:
      case SK.ElementAccessExpression:
        return this.member(e as ts.PropertyAccessExpression | ts.ElementAccessExpression);
      case SK.CallExpression:
        return this.call(e as ts.CallExpression);
      case SK.NewExpression:
        return this.newArray(e as ts.NewExpression);
    }
    return undefined;
  }

  /** One of several expressions (the branches of a conditional, a function's returns). */
  private oneOf(exprs: readonly ts.Expression[]): ValueRange | undefined {
    const parts = exprs.map((x) => this.rangeOf(x));
    return parts.every((p) => p) ? join(parts as ValueRange[], false) : undefined;
  }

  private arrayLiteral(node: ts.ArrayLiteralExpression): ValueRange | undefined {
    const parts: ValueRange[] = [];
    for (const el of node.elements) {
      const r = this.rangeOf(ts.isSpreadElement(el) ? el.expression : el);
      if (!r) return undefined;
      parts.push(r);
    }
    return join(parts, true);
  }

  private binary(b: ts.BinaryExpression): ValueRange | undefined {
    const op = b.operatorToken.kind;
    if (op === SK.CommaToken) return this.rangeOf(b.right);
    if (op === SK.QuestionQuestionToken || op === SK.BarBarToken) {
      // `x || 0`, `x ?? 0`: either side (a falsy number is 0 or NaN).
      return this.oneOf([b.left, b.right]);
    }
    const scaled = op === SK.SlashToken ? this.minMaxScaled(b) : undefined;
    if (scaled) return scaled;
    const l = this.rangeOf(b.left);
    const r = l && this.rangeOf(b.right);
    if (!l || !r) return undefined;
    switch (op) {
      case SK.PlusToken: return addRanges(l, r);
      case SK.MinusToken: return subRanges(l, r);
      case SK.AsteriskToken: return mulRanges(l, r);
      case SK.SlashToken: return divRanges(l, r);
      case SK.PercentToken:
        // x % m has the sign of x and |x % m| < |m|.
        if (r.lo > 0 && l.lo >= 0) return bounded(0, Math.min(l.hi, r.hi));
        return undefined;
      case SK.AsteriskAsteriskToken:
        if (r.lo === r.hi && r.lo === 2) return square(l);
        return undefined;
    }
    return undefined;
  }

  /**
   * `(x - min) / (max - min)` and `x / max` where min and max are `Math.min(...xs)` /
   * `Math.max(...xs)` (or variables holding them) and x is an element of the same xs: in [0, 1].
   */
  private minMaxScaled(b: ts.BinaryExpression): ValueRange | undefined {
    const num = unwrap(b.left);
    const den = unwrap(b.right);
    if (ts.isBinaryExpression(den) && den.operatorToken.kind === SK.MinusToken) {
      const max = this.extremeOf(den.left, 'max');
      const min = this.extremeOf(den.right, 'min');
      if (!max || !min || !this.sameArray(max, min)) return undefined;
      if (!ts.isBinaryExpression(num) || num.operatorToken.kind !== SK.MinusToken) return undefined;
      const min2 = this.extremeOf(num.right, 'min');
      if (!min2 || !this.sameArray(min2, min) || !this.isElementOf(num.left, min)) return undefined;
      return bounded(0, 1);
    }
    const max = this.extremeOf(den, 'max');
    if (!max || !this.isElementOf(num, max)) return undefined;
    const all = this.rangeOf(max);
    return all && all.lo >= 0 ? bounded(0, 1) : undefined;
  }

  /** The array whose min or max `expr` is: `Math.max(...xs)`, through const variables. */
  private extremeOf(expr: ts.Expression, which: 'min' | 'max'): ts.Expression | undefined {
    let e = unwrap(expr);
    for (let hops = 0; ts.isIdentifier(e) && hops < 10; hops++) {
      const decl = this.file.scopes.resolve(e);
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || this.file.scopes.isReassigned(decl)) return undefined;
      e = unwrap(decl.initializer);
    }
    if (!ts.isCallExpression(e) || !this.isMath(e.expression, which) || e.arguments.length !== 1) return undefined;
    const arg = e.arguments[0];
    return ts.isSpreadElement(arg) ? arg.expression : undefined;
  }

  /** Two expressions naming the same array variable. */
  private sameArray(a: ts.Expression, b: ts.Expression): boolean {
    const x = unwrap(a);
    const y = unwrap(b);
    if (!ts.isIdentifier(x) || !ts.isIdentifier(y)) return false;
    const d = this.file.scopes.resolve(x);
    return !!d && d === this.file.scopes.resolve(y);
  }

  /** `x` is an element of `array`: a `.map` / `.forEach` / `for...of` variable over it, or `array[i]`. */
  private isElementOf(expr: ts.Expression, array: ts.Expression): boolean {
    const e = unwrap(expr);
    if (ts.isElementAccessExpression(e)) return this.sameArray(e.expression, array);
    if (!ts.isIdentifier(e)) return false;
    const decl = this.file.scopes.resolve(e);
    const source = decl && this.elementSource(decl);
    return !!source && source.kind === 'element' && this.sameArray(source.of, array);
  }

  private identifier(id: ts.Identifier): ValueRange | undefined {
    const decl = this.file.scopes.resolve(id);
    if (!decl) return undefined;
    const source = this.elementSource(decl);
    if (source) return source.kind === 'element' ? this.elementsOf(source.of) : source.range;
    if (ts.isVariableDeclaration(decl)) return this.variable(decl);
    if (ts.isFunctionDeclaration(decl)) return undefined;
    return undefined;
  }

  /** Elements of an array (every number in it), only as bounds: an element need not be an end. */
  private elementsOf(array: ts.Expression): ValueRange | undefined {
    const r = this.rangeOf(array);
    return r && boundsOnly(r);
  }

  /**
   * What a declaration ranges over when a loop or a callback binds it: the elements of an array
   * (`for (const x of xs)`, `xs.map(x => ...)`), or an index (a counted `for`, a callback's second
   * parameter, `Array.from({length: n}, (_, i) => ...)`).
   */
  private elementSource(decl: ts.Node): { kind: 'element'; of: ts.Expression } | { kind: 'index'; range: ValueRange | undefined } | undefined {
    if (ts.isVariableDeclaration(decl)) {
      const list = decl.parent;
      if (!ts.isVariableDeclarationList(list)) return undefined;
      const loop = list.parent;
      if (ts.isForOfStatement(loop) && ts.isIdentifier(decl.name) && !this.file.scopes.isReassigned(decl)) return { kind: 'element', of: loop.expression };
      if (ts.isForStatement(loop) && loop.initializer === list) return { kind: 'index', range: this.loopCounter(loop, decl) };
      return undefined;
    }
    if (!ts.isParameter(decl) || !ts.isIdentifier(decl.name) || this.file.scopes.isReassigned(decl)) return undefined;
    const fn = decl.parent;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
    const index = fn.parameters.indexOf(decl);
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const name = callee.name.text;
    // Array.from(source, (element, index) => ...)
    if (name === 'from' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Array' && !this.file.scopes.resolve(callee.expression) && call.arguments[1] === fn) {
      const source = call.arguments[0];
      const length = this.lengthOf(source);
      if (index === 1) return { kind: 'index', range: length !== undefined && length > 0 ? reached(0, length - 1) : bounded(0, Infinity) };
      if (index === 0 && source && !this.isLengthObject(source)) return { kind: 'element', of: source };
      return undefined;
    }
    if (!['map', 'forEach', 'filter', 'flatMap', 'every', 'some', 'find', 'findIndex'].includes(name) || call.arguments[0] !== fn) return undefined;
    const array = callee.expression;
    if (this.file.evaluate(array) instanceof TensorValue) return undefined;
    if (index === 0) return { kind: 'element', of: array };
    if (index === 1) {
      const length = this.lengthOf(array);
      return { kind: 'index', range: length !== undefined && length > 0 ? reached(0, length - 1) : bounded(0, Infinity) };
    }
    return undefined;
  }

  private isLengthObject(e: ts.Expression): boolean {
    return ts.isObjectLiteralExpression(unwrap(e));
  }

  /** The length of an array or of `{length: n}`, when known. */
  private lengthOf(e: ts.Expression | undefined): number | undefined {
    if (!e) return undefined;
    const v = this.file.evaluate(e);
    if (Array.isArray(v)) return v.length;
    if (v instanceof ObjectValue) {
      const n = v.get('length');
      return typeof n === 'number' ? n : undefined;
    }
    return undefined;
  }

  /** `for (let i = a; i < b; i++)` with i assigned nowhere else: [a, b - 1], both reached when the loop runs. */
  private loopCounter(loop: ts.ForStatement, decl: ts.VariableDeclaration): ValueRange | undefined {
    if (!decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
    const start = this.rangeOf(decl.initializer);
    const cond = loop.condition && unwrap(loop.condition);
    const inc = loop.incrementor && unwrap(loop.incrementor);
    if (!start || !cond || !inc || !ts.isBinaryExpression(cond)) return undefined;
    const name = decl.name.text;
    const isCounter = (x: ts.Expression): boolean => ts.isIdentifier(unwrap(x)) && this.file.scopes.resolve(unwrap(x) as ts.Identifier) === decl;
    const step = this.stepOf(inc, isCounter);
    if (step === undefined || step <= 0) return undefined;
    // The counter must change only in the incrementor.
    const writes = this.file.scopes.referencesOf(decl).filter(({ identifier }) => isWrite(identifier));
    if (writes.some(({ identifier }) => !(identifier.pos >= inc.pos && identifier.end <= inc.end))) return undefined;
    let limit: ts.Expression;
    let inclusive: boolean;
    const op = cond.operatorToken.kind;
    if (isCounter(cond.left) && (op === SK.LessThanToken || op === SK.LessThanEqualsToken)) {
      limit = cond.right;
      inclusive = op === SK.LessThanEqualsToken;
    } else if (isCounter(cond.right) && (op === SK.GreaterThanToken || op === SK.GreaterThanEqualsToken)) {
      limit = cond.left;
      inclusive = op === SK.GreaterThanEqualsToken;
    } else {
      return undefined;
    }
    void name;
    const end = this.rangeOf(limit);
    if (!end) return bounded(start.lo, Infinity);
    const first = start.lo;
    if (start.exact && end.exact && start.lo === start.hi && end.lo === end.hi && Number.isInteger(first) && Number.isInteger(step)) {
      const bound = end.lo;
      const lastAllowed = inclusive ? Math.floor(bound) : Math.ceil(bound) - 1;
      if (lastAllowed < first) return undefined; // the loop never runs
      const last = first + Math.floor((lastAllowed - first) / step) * step;
      return reached(first, last);
    }
    return bounded(start.lo, inclusive ? end.hi : end.hi);
  }

  private stepOf(inc: ts.Expression, isCounter: (x: ts.Expression) => boolean): number | undefined {
    const u = counterStep(inc, (e) => asNumber(this.file.evaluate(e)));
    return u && isCounter(u.target) ? u.step : undefined;
  }

  /** A variable: its initializer, or every value it is given when it is filled or reassigned. */
  private variable(decl: ts.VariableDeclaration): ValueRange | undefined {
    const init = decl.initializer;
    if (!init) return undefined;
    const u = unwrap(init);
    const arrayInit = ts.isArrayLiteralExpression(u) || (ts.isNewExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'Array');
    if (arrayInit) return this.filledArray(decl, u);
    const isConst = (decl.parent.flags & ts.NodeFlags.Const) !== 0;
    if (isConst || !this.file.scopes.isReassigned(decl)) return this.rangeOf(init);
    // A reassigned `let`: each plain assignment is one possible value.
    const values: ts.Expression[] = [init];
    for (const { identifier } of this.file.scopes.referencesOf(decl)) {
      if (!isWrite(identifier)) continue;
      const p = identifier.parent;
      if (!ts.isBinaryExpression(p) || p.operatorToken.kind !== SK.EqualsToken || p.left !== identifier) return undefined;
      values.push(p.right);
    }
    return this.oneOf(values);
  }

  /**
   * An array declared with a literal and then filled: `push` / `unshift` arguments, `xs[i] = v`
   * and `splice` insertions add values. Any other use that might change it (handed to an unknown
   * function, reassigned) makes it unknown. Pushed values are bounds only: a push may never run.
   */
  private filledArray(decl: ts.VariableDeclaration, init: ts.Expression): ValueRange | undefined {
    const initial = ts.isArrayLiteralExpression(init) ? (init.elements.length ? this.rangeOf(init) : undefined) : undefined;
    if (ts.isArrayLiteralExpression(init) && init.elements.length && !initial) return undefined;
    const changes = contentChanges(decl, this.file);
    if (changes.none) return initial;
    if (changes.unknownElements) return undefined;
    const added: ValueRange[] = [];
    for (const value of changes.added) {
      const r = this.rangeOf(value);
      if (!r) return undefined;
      added.push(this.runsForSure(value, decl) ? r : boundsOnly(r));
    }
    // Elements may be removed or overwritten (pop, splice, `xs[i] = v`): the initial ones only bound the values.
    const kept = initial && changes.lengthChanged ? boundsOnly(initial) : initial;
    const parts = kept ? [kept, ...added] : added;
    if (!parts.length) return undefined;
    return join(parts, true);
  }

  /**
   * True when the statement holding `use` runs at least once after `decl`: it sits in the block
   * that declares the array, or directly in the body of a counted loop (there) that runs at
   * least twice. Values added there are present; anywhere else they are bounds only.
   */
  private runsForSure(use: ts.Node, decl: ts.VariableDeclaration): boolean {
    let statement: ts.Node = use;
    while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent) && !ts.isForStatement(statement.parent)) {
      const p = statement.parent;
      // `xs[i] = v`: the value is the write itself.
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === SK.EqualsToken && p.right === statement && ts.isElementAccessExpression(p.left)) {
        statement = p;
        continue;
      }
      if (ts.isFunctionLike(statement.parent) || ts.isIfStatement(statement.parent) || ts.isConditionalExpression(statement.parent)) return false;
      if (ts.isBinaryExpression(statement.parent) && statement.parent.operatorToken.kind !== SK.CommaToken && statement !== statement.parent.left) return false;
      statement = statement.parent;
    }
    const declBlock = decl.parent.parent.parent;
    let holder: ts.Node | undefined = statement.parent;
    if (holder && ts.isBlock(holder) && ts.isForStatement(holder.parent)) holder = holder.parent;
    if (holder === declBlock) return true;
    if (!holder || !ts.isForStatement(holder) || holder.parent !== declBlock) return false;
    const init = holder.initializer;
    const counter = init && ts.isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
    const trips = counter && this.loopCounter(holder, counter);
    return !!trips?.exact && trips.hi > trips.lo;
  }

  private member(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): ValueRange | undefined {
    const base = unwrap(e.expression);
    if (ts.isElementAccessExpression(e)) {
      // xs[i]: one element of xs.
      return this.elementsOf(e.expression);
    }
    const key = e.name.text;
    if (key === 'length') {
      const n = this.lengthOf(e.expression);
      return n !== undefined ? point(n) : bounded(0, Infinity);
    }
    // A field of each element: `d.x` where d runs over an array of objects.
    if (ts.isIdentifier(base)) {
      const decl = this.file.scopes.resolve(base);
      const source = decl && this.elementSource(decl);
      if (source?.kind === 'element') return this.fieldOfElements(source.of, key);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && !this.file.scopes.isReassigned(decl)) {
        const obj = unwrap(decl.initializer);
        if (ts.isObjectLiteralExpression(obj)) return this.fieldOf(obj, key);
      }
    }
    return undefined;
  }

  /** The range of `key` over every object of an array (a literal, or a variable holding one). */
  private fieldOfElements(array: ts.Expression, key: string): ValueRange | undefined {
    let e = unwrap(array);
    if (ts.isIdentifier(e)) {
      const decl = this.file.scopes.resolve(e);
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || this.file.scopes.isReassigned(decl)) return undefined;
      if (!contentChanges(decl, this.file).none) return undefined;
      e = unwrap(decl.initializer);
    }
    if (!ts.isArrayLiteralExpression(e) || e.elements.length === 0) return undefined;
    const parts: ValueRange[] = [];
    for (const el of e.elements) {
      const obj = unwrap(el);
      if (!ts.isObjectLiteralExpression(obj)) return undefined;
      const r = this.fieldOf(obj, key);
      if (!r) return undefined;
      parts.push(r);
    }
    const hull = join(parts, true);
    return hull && boundsOnly(hull);
  }

  private fieldOf(obj: ts.ObjectLiteralExpression, key: string): ValueRange | undefined {
    let found: ts.Expression | undefined;
    for (const p of obj.properties) {
      if (ts.isSpreadAssignment(p)) return undefined;
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (name !== key) continue;
      if (ts.isPropertyAssignment(p)) found = p.initializer;
      else if (ts.isShorthandPropertyAssignment(p)) found = p.name;
      else return undefined;
    }
    return found && this.rangeOf(found);
  }

  private call(c: ts.CallExpression): ValueRange | undefined {
    const callee = unwrap(c.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      if (this.isMath(callee, name)) return this.math(name, c.arguments);
      if (name === 'from' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Array' && !this.file.scopes.resolve(callee.expression)) {
        const fn = c.arguments[1];
        if (!fn) return this.rangeOf(c.arguments[0]);
        return this.callbackResult(fn);
      }
      if (name === 'map' || name === 'flatMap') return this.callbackResult(c.arguments[0]);
      if (name === 'fill' && c.arguments.length === 1) return this.rangeOf(c.arguments[0]);
      if (name === 'filter' || name === 'slice' || name === 'reverse' || name === 'sort' || name === 'flat') {
        const r = this.rangeOf(callee.expression);
        return r && boundsOnly(r);
      }
      if (name === 'concat') {
        const parts = [callee.expression, ...c.arguments].map((x) => this.rangeOf(x));
        return parts.every((p) => p) ? join(parts as ValueRange[], true) : undefined;
      }
      return undefined;
    }
    // A same-file helper: every return agrees on a range (parameters stay unknown).
    const fn = this.file.evaluate(callee);
    if (fn instanceof FunctionValue) return this.returnsOf(fn.declaration);
    return undefined;
  }

  private callbackResult(fnExpr: ts.Expression | undefined): ValueRange | undefined {
    const fn = fnExpr && this.file.evaluate(fnExpr);
    if (!(fn instanceof FunctionValue)) return undefined;
    const r = this.returnsOf(fn.declaration);
    // The callback may run for no element at all: bounds only.
    return r && boundsOnly(r);
  }

  private returnsOf(fn: ts.FunctionLikeDeclaration): ValueRange | undefined {
    const body = fn.body;
    if (!body) return undefined;
    if (!ts.isBlock(body)) return this.rangeOf(body);
    const returns: ts.Expression[] = [];
    let bad = false;
    const visit = (n: ts.Node): void => {
      if (bad) return;
      if (ts.isFunctionLike(n)) return;
      if (ts.isReturnStatement(n)) {
        if (!n.expression) bad = true;
        else returns.push(n.expression);
        return;
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
    if (bad || returns.length === 0) return undefined;
    return this.oneOf(returns);
  }

  private newArray(n: ts.NewExpression): ValueRange | undefined {
    return undefined; // `new Array(n)` holds holes until filled; `.fill(v)` is read by call()
    void n;
  }

  private isMath(callee: ts.Expression, name: string): boolean {
    const e = unwrap(callee);
    return ts.isPropertyAccessExpression(e) && e.name.text === name && ts.isIdentifier(e.expression) && e.expression.text === 'Math' && !this.file.scopes.resolve(e.expression);
  }

  private math(name: string, args: readonly ts.Expression[]): ValueRange | undefined {
    if (name === 'random') return reached(0, 1); // like randomUniform(0, 1): many draws come close to both ends
    const ranges = args.map((a) => (ts.isSpreadElement(a) ? this.rangeOf(a.expression) : this.rangeOf(a)));
    if ((name === 'min' || name === 'max') && ranges.length > 0) {
      // A clamp: Math.min(hi, v) is at most hi whatever v is; an unknown argument bounds nothing.
      const all = ranges.map((r) => r ?? bounded(-Infinity, Infinity));
      const pick = name === 'min' ? Math.min : Math.max;
      const lo = pick(...all.map((r) => r.lo));
      const hi = pick(...all.map((r) => r.hi));
      return lo === -Infinity && hi === Infinity ? undefined : bounded(lo, hi);
    }
    if (ranges.length === 0 || ranges.some((r) => !r)) return undefined;
    const [x, y] = ranges as ValueRange[];
    switch (name) {
      case 'abs': return bounded(x.lo >= 0 ? x.lo : x.hi <= 0 ? -x.hi : 0, Math.max(Math.abs(x.lo), Math.abs(x.hi)));
      case 'floor': return { ...bounded(Math.floor(x.lo), Math.floor(x.hi)), hasNegative: x.hasNegative };
      case 'ceil': return bounded(Math.ceil(x.lo), Math.ceil(x.hi));
      case 'round': return { ...bounded(Math.round(x.lo), Math.round(x.hi)), ...(x.lo === x.hi ? { exact: x.exact } : {}) };
      case 'trunc': return bounded(Math.trunc(x.lo), Math.trunc(x.hi));
      case 'sqrt': return x.lo >= 0 ? bounded(Math.sqrt(x.lo), Math.sqrt(x.hi)) : undefined;
      case 'exp': return bounded(Math.exp(x.lo), Math.exp(x.hi));
      case 'log': return x.lo > 0 ? bounded(Math.log(x.lo), Math.log(x.hi)) : undefined;
      case 'sign': return bounded(Math.sign(x.lo), Math.sign(x.hi));
      case 'pow': return y && y.lo === y.hi && y.lo === 2 ? square(x) : undefined;
    }
    const fixed = MATH_BOUNDED[name];
    return fixed ? bounded(fixed[0], fixed[1]) : undefined;
  }
}

function square(r: ValueRange): ValueRange {
  const lo = r.lo >= 0 ? r.lo * r.lo : r.hi <= 0 ? r.hi * r.hi : 0;
  return bounded(lo, Math.max(r.lo * r.lo, r.hi * r.hi));
}

function isWrite(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind >= SK.FirstAssignment && p.operatorToken.kind <= SK.LastAssignment) return true;
  if ((ts.isPostfixUnaryExpression(p) || ts.isPrefixUnaryExpression(p)) && (p.operator === SK.PlusPlusToken || p.operator === SK.MinusMinusToken)) return true;
  return false;
}


