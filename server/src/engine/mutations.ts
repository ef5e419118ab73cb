// What code does to the contents of a variable's array or object after its declaration:
// `xs.push(...)`, `xs[i] = v`, `xs.length = 0`, `cfg.units = 8`, handing it to a function
// that may fill it. A variable whose contents change is never worth its initializer; the
// evaluator turns these facts into a ListValue (arrays) or unknown keys (objects).
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import { FunctionValue, type Value } from './values';
import { customLayerClass } from './custom-layers';

export interface ContentChanges {
  /** Nothing changes the contents (reads only). */
  readonly none: boolean;
  /** Element expressions put in by push, unshift, splice, fill and `xs[i] = v`. */
  readonly added: readonly ts.Expression[];
  /** push / unshift calls without spreads, in source order: each adds its argument count. */
  readonly appends: readonly ts.CallExpression[];
  /** Some change puts in elements we cannot see (unknown code, compound or nested writes). */
  readonly unknownElements: boolean;
  /** Some change alters the length otherwise than push / unshift (splice, pop, `length =`, index writes, unknown code). */
  readonly lengthChanged: boolean;
  /** Some push is an unshift (order of elements is not source order). */
  readonly prepends: boolean;
  /** Object keys written, deleted or changed inside (`o.k = v`, `o.k.push(v)`). */
  readonly writtenKeys: ReadonlySet<string>;
  /** A key we cannot name is written (`o[k] = v`, `Object.assign(o, ...)`). */
  readonly anyKey: boolean;
  /**
   * For a key whose only change is one plain `o.k = v`: that assignment (the evaluator reads
   * it where the order is plain). Keys changed otherwise too are absent.
   */
  readonly soleKeyWrites: ReadonlyMap<string, ts.BinaryExpression>;
  /**
   * For a key whose only changes are inside its value, made through reads of it (`ns.STATE.runs++`
   * changes key `runs` of what `ns.STATE` holds, not `ns.STATE` itself): those changes. Keys
   * changed any other way (written, changed through an alias or an element handed on) are absent.
   */
  readonly inside: ReadonlyMap<string, ContentChanges>;
}

export interface ChangeContext {
  scopes: Scopes;
  evaluate(node: ts.Expression): Value;
}

const MUTATING_ARRAY_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'fill', 'sort', 'reverse', 'copyWithin']);
/** Globals whose functions never change an argument's contents. */
const PURE_NAMESPACES = new Set(['console', 'Math', 'JSON', 'Number', 'String', 'Promise', 'Reflect']);
const PURE_FUNCTIONS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'alert', 'structuredClone']);
const PURE_STATIC = new Set(['Array.from', 'Array.isArray', 'Array.of', 'Object.keys', 'Object.values', 'Object.entries', 'Object.freeze', 'Object.isFrozen']);
/** Methods (on any receiver) that read their arguments and change nothing in them. */
const READING_METHODS = new Set([
  'concat', 'includes', 'indexOf', 'lastIndexOf', 'join', 'slice', 'at', 'has', 'get', 'add', 'set', 'log', 'info', 'warn', 'error',
  'toString', 'localeCompare', 'startsWith', 'endsWith', 'text', 'json', 'postMessage', 'resolve', 'stringify', 'parse',
]);
/** Constructors that copy what they are given. */
const COPYING_CONSTRUCTORS = new Set([
  'Float32Array', 'Float64Array', 'Int32Array', 'Int16Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array',
  'Set', 'Map', 'Array', 'Blob',
]);

const NONE: ContentChanges = {
  none: true, added: [], appends: [], unknownElements: false, lengthChanged: false, prepends: false, writtenKeys: new Set(), anyKey: false,
  soleKeyWrites: new Map(),
  inside: new Map(),
};

/** The changes made to the contents of what `decl` (a variable or binding element) holds. */
export function contentChanges(decl: ts.Node, ctx: ChangeContext): ContentChanges {
  const c = new Collector(ctx);
  c.scan(decl, 0);
  return c.result();
}

class Collector {
  private readonly added: ts.Expression[] = [];
  private readonly appends: ts.CallExpression[] = [];
  private unknownElements = false;
  private lengthChanged = false;
  private prepends = false;
  private readonly writtenKeys = new Set<string>();
  /** Per key, its plain `o.k = v` writes; 'other' once it is changed any other way. */
  private readonly keyWrites = new Map<string, ts.BinaryExpression[] | 'other'>();
  private anyKey = false;
  private changed = false;
  private readonly seen = new Set<ts.Node>();
  /** The declaration scanned first (whose contents these are). */
  private root: ts.Node | undefined;
  /** Element reads (`const label = labels[i]`) handed to code that may change them, by key. */
  private readonly elementsHandedOn: (string | undefined)[] = [];
  /** Per key, the changes inside its value seen through reads `v.k ...` (ContentChanges.inside). */
  private readonly insideKeys = new Map<string, Collector>();
  /** Keys changed otherwise than inside their value through `v.k ...`. */
  private readonly opaqueKeys = new Set<string>();

  constructor(private readonly ctx: ChangeContext) {}

  result(): ContentChanges {
    // Elements that are strings, numbers or booleans cannot be changed through a read of one.
    if (this.elementsHandedOn.length && !this.holdsOnlyLiterals()) for (const key of this.elementsHandedOn) this.nested(key);
    if (!this.changed) return NONE;
    return {
      none: false,
      added: this.added,
      appends: this.appends,
      unknownElements: this.unknownElements,
      lengthChanged: this.lengthChanged,
      prepends: this.prepends,
      writtenKeys: this.writtenKeys,
      anyKey: this.anyKey,
      soleKeyWrites: new Map(
        [...this.keyWrites].flatMap(([k, w]): [string, ts.BinaryExpression][] => (w !== 'other' && w.length === 1 ? [[k, w[0]]] : [])),
      ),
      inside: new Map([...this.insideKeys].flatMap(([k, c]): [string, ContentChanges][] => (this.opaqueKeys.has(k) ? [] : [[k, c.result()]]))),
    };
  }

  /** Every element the array is given, first and added, is a literal string, number or boolean. */
  private holdsOnlyLiterals(): boolean {
    const init = this.root && ts.isVariableDeclaration(this.root) ? this.root.initializer : undefined;
    if (!init || !ts.isArrayLiteralExpression(init) || this.unknownElements) return false;
    return [...init.elements, ...this.added].every(isPrimitiveLiteral);
  }

  scan(decl: ts.Node, depth: number): void {
    this.root ??= decl;
    if (this.seen.has(decl) || depth > 4) {
      if (depth > 4) this.unknown();
      return;
    }
    this.seen.add(decl);
    for (const ref of this.ctx.scopes.referencesOf(decl)) {
      if (ref.write) continue; // a reassignment: the evaluator already gives up on the variable
      this.reference(ref.identifier, depth);
    }
  }

  /** Code we cannot see may do anything to the contents. */
  private unknown(): void {
    this.changed = true;
    this.unknownElements = true;
    this.lengthChanged = true;
    this.anyKey = true;
  }

  private reference(id: ts.Identifier, depth: number): void {
    this.usedAt(flowTop(id), depth);
  }

  /** The value is used at `use` (a reference, or a read of a key of what holds it, climbed through wrappers). */
  private usedAt(use: ts.Node, depth: number): void {
    const p = use.parent;
    if (!p) return;
    if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === use) {
      this.member(p, depth);
      return;
    }
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
      if (p.expression !== use && !this.isPureCall(p) && !this.helperOnlyReads(p, use, depth)) this.unknown();
      return;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === use) {
      // An alias: what is done through it is done to this value.
      if (ts.isIdentifier(p.name)) this.scan(p, depth + 1);
      else this.aliasChanges(p, depth);
      return;
    }
    if (ts.isBinaryExpression(p) && p.right === use && p.operatorToken.kind === SK.EqualsToken) {
      this.unknown(); // stored somewhere (a property, another variable) we do not follow
      return;
    }
    if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isArrayLiteralExpression(p)) {
      if (!this.literalIsHandedOver(p)) this.unknown();
      return;
    }
    if (ts.isExportAssignment(p) || ts.isExportSpecifier(p)) this.unknown();
  }

  /** `const [a, b] = xs` / `const {k} = obj`: a nested value may be changed through the new names. */
  aliasChanges(decl: ts.VariableDeclaration, depth: number): void {
    const names: ts.BindingElement[] = [];
    const collect = (name: ts.BindingName): void => {
      if (ts.isIdentifier(name)) return;
      for (const el of name.elements) if (ts.isBindingElement(el)) {
        if (ts.isIdentifier(el.name)) names.push(el);
        else collect(el.name);
      }
    };
    collect(decl.name);
    for (const el of names) {
      const inner = new Collector(this.ctx);
      inner.scan(el, depth + 1);
      if (inner.changed) this.nested(el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined);
    }
  }

  /** `v.k ...` or `v[i] ...` where v is the variable. */
  private member(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number): void {
    const top = flowTop(access);
    const p = top.parent;
    const key = ts.isPropertyAccessExpression(access) ? access.name.text : this.keyOf(access.argumentExpression);
    // v.push(...), v.splice(...): a method called on the variable itself.
    if (ts.isPropertyAccessExpression(access) && p && ts.isCallExpression(p) && p.expression === top) {
      this.method(access.name.text, p);
      return;
    }
    if (isAssignmentTarget(top)) {
      this.changed = true;
      if (key === 'length') {
        this.lengthChanged = true;
        return;
      }
      if (key === undefined) this.anyKey = true;
      else {
        this.writtenKeys.add(key);
        this.opaqueKeys.add(key);
      }
      const assign = top.parent;
      const plain = ts.isBinaryExpression(assign) && assign.operatorToken.kind === SK.EqualsToken && assign.left === top;
      if (key !== undefined) this.keyWrite(key, plain && ts.isPropertyAccessExpression(access) && top === access ? assign : undefined);
      if (ts.isElementAccessExpression(access)) {
        if (plain) this.added.push(assign.right);
        else this.unknownElements = true;
        this.lengthChanged = true;
      }
      return;
    }
    if (!changedInside(top, this.ctx, this)) return;
    if (ts.isElementAccessExpression(access)) this.elementsHandedOn.push(key);
    else this.nested(key, { read: top, depth });
  }

  /**
   * Something inside element or property `key` changes; `through` is the read of the key whose
   * uses change it (what changes is then known key by key), absent when it changes otherwise.
   */
  nested(key: string | undefined, through?: { read: ts.Node; depth: number }): void {
    this.changed = true;
    this.unknownElements = true;
    if (key === undefined) {
      this.anyKey = true;
      return;
    }
    this.writtenKeys.add(key);
    this.keyWrite(key, undefined);
    if (!through) {
      this.opaqueKeys.add(key);
      return;
    }
    let inside = this.insideKeys.get(key);
    if (!inside) this.insideKeys.set(key, (inside = new Collector(this.ctx)));
    inside.usedAt(through.read, through.depth + 1);
  }

  /** A change of key `key`: a plain `o.k = v` assignment, or undefined for any other. */
  private keyWrite(key: string, assign: ts.BinaryExpression | undefined): void {
    const writes = this.keyWrites.get(key);
    if (!assign) this.keyWrites.set(key, 'other');
    else if (writes === undefined) this.keyWrites.set(key, [assign]);
    else if (writes !== 'other') writes.push(assign);
  }

  private method(name: string, call: ts.CallExpression): void {
    if (name === 'assign' || !MUTATING_ARRAY_METHODS.has(name)) return;
    this.changed = true;
    const args = call.arguments;
    switch (name) {
      case 'push':
      case 'unshift': {
        if (name === 'unshift') this.prepends = true;
        let spread = false;
        for (const a of args) {
          if (ts.isSpreadElement(a)) {
            spread = true;
            this.addSpread(a.expression);
          } else this.added.push(a);
        }
        if (spread) this.lengthChanged = true;
        else this.appends.push(call);
        return;
      }
      case 'splice':
        this.lengthChanged = true;
        for (const a of args.slice(2)) {
          if (ts.isSpreadElement(a)) this.addSpread(a.expression);
          else this.added.push(a);
        }
        return;
      case 'pop':
      case 'shift':
        this.lengthChanged = true;
        return;
      case 'fill':
        if (args[0] && !ts.isSpreadElement(args[0])) this.added.push(args[0]);
        else this.unknownElements = true;
        return;
      default:
        return; // sort, reverse, copyWithin: the same elements, the same length
    }
  }

  private addSpread(e: ts.Expression): void {
    const inner = unwrapExpr(e);
    if (ts.isArrayLiteralExpression(inner) && !inner.elements.some(ts.isSpreadElement)) this.added.push(...inner.elements);
    else this.unknownElements = true;
  }

  private keyOf(e: ts.Expression): string | undefined {
    const v = this.ctx.evaluate(e);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  }

  /** Calls that read an argument without changing what is inside it. */
  isPureCall(call: ts.CallExpression | ts.NewExpression): boolean {
    const callee = unwrapExpr(call.expression);
    if (ts.isNewExpression(call)) {
      if (!ts.isIdentifier(callee)) return false;
      const decl = this.ctx.scopes.resolve(callee);
      // A layer class of the workspace whose constructor only hands its config to tfjs (which reads it).
      if (decl && ts.isClassDeclaration(decl)) return customLayerClass(decl, this.ctx.evaluate.bind(this.ctx))?.configOnlyRead === true;
      return !decl && COPYING_CONSTRUCTORS.has(callee.text);
    }
    if (ts.isIdentifier(callee)) {
      if (!this.ctx.scopes.resolve(callee) && PURE_FUNCTIONS.has(callee.text)) return true;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const base = unwrapExpr(callee.expression);
      if (ts.isIdentifier(base) && !this.ctx.scopes.resolve(base)) {
        if (PURE_NAMESPACES.has(base.text) || PURE_STATIC.has(`${base.text}.${callee.name.text}`)) return true;
      }
      if (READING_METHODS.has(callee.name.text)) return true;
      // tfjs never writes into the arrays and objects it is given.
      if (isTfjsValue(this.ctx.evaluate(callee.expression))) return true;
    }
    return isTfjsValue(this.ctx.evaluate(call.expression));
  }

  /**
   * A same-file function or method given the value as a plain parameter that it only reads
   * (`createDataSets(data, features)` calling `features.map(...)`): its parameter's own
   * changes, scanned like a variable's, are none.
   */
  private helperOnlyReads(call: ts.CallExpression | ts.NewExpression, arg: ts.Node, depth: number): boolean {
    if (!ts.isCallExpression(call) || depth >= 4) return false;
    const index = call.arguments.indexOf(arg as ts.Expression);
    if (index < 0 || call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return false;
    const fn = this.ctx.evaluate(call.expression);
    if (!(fn instanceof FunctionValue) || !fn.declaration.body) return false; // a `declare function`: code we cannot see
    const param = fn.declaration.parameters[index];
    if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name) || readsArguments(fn.declaration)) return false;
    // Returned (alone or in a literal), the caller holds it under another name we do not scan.
    if (this.ctx.scopes.referencesOf(param).some((r) => isReturned(r.identifier))) return false;
    const inner = new Collector(this.ctx);
    inner.scan(param, depth + 1);
    return !inner.changed;
  }

  /**
   * An array or object literal holding the value, that is returned or handed to a call that
   * only reads it (`return {xs, ys}`, `tf.data.zip({xs, ys})`): nothing else can reach it.
   */
  private literalIsHandedOver(node: ts.Node): boolean {
    let n = node;
    while (
      ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n) || ts.isArrayLiteralExpression(n) || ts.isObjectLiteralExpression(n) ||
      ts.isParenthesizedExpression(n) || ts.isAsExpression(n) ||
      // `inputShape: i === 0 ? [rows, cols] : undefined`: the conditional hands on the literal it picks.
      ts.isConditionalExpression(n)
    ) {
      n = n.parent;
    }
    if (ts.isReturnStatement(n) || ts.isArrowFunction(n)) return true;
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.expression.pos < node.pos) return this.isPureCall(n);
    return false;
  }
}

/** A value that leaves its function as (part of) the returned value. */
function isReturned(id: ts.Node): boolean {
  let n = flowTop(id);
  while (ts.isPropertyAssignment(n.parent) || ts.isShorthandPropertyAssignment(n.parent) || ts.isArrayLiteralExpression(n.parent) || ts.isObjectLiteralExpression(n.parent) || ts.isSpreadElement(n.parent)) {
    n = flowTop(n.parent);
  }
  const p = n.parent;
  return ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n);
}

/** A non-arrow function whose body names `arguments` may reach any argument through it. */
function readsArguments(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isArrowFunction(fn) || !fn.body) return false;
  return /\barguments\b/.test(fn.getSourceFile().text.slice(fn.body.pos, fn.body.end));
}

/** True for tfjs namespaces, layers, models, tensors, optimizers: their calls read their arguments. */
function isTfjsValue(v: Value): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const kind = (v as { kind?: string }).kind;
  return kind === 'tf' || kind === 'layer' || kind === 'model' || kind === 'tensor' || kind === 'optimizer';
}

/**
 * Is the element or property reached by `node` (`xs[i]`, `cfg.layers`) changed through it:
 * assigned into, pushed to, handed to unknown code?
 */
function changedInside(node: ts.Node, ctx: ChangeContext, collector: Collector): boolean {
  const p = node.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === node) {
    const top = flowTop(p);
    const gp = top.parent;
    if (ts.isPropertyAccessExpression(p) && gp && ts.isCallExpression(gp) && gp.expression === top) return MUTATING_ARRAY_METHODS.has(p.name.text);
    if (isAssignmentTarget(top)) return true;
    return changedInside(top, ctx, collector);
  }
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== node) return !collector.isPureCall(p);
  if (ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === SK.EqualsToken) return true;
  if (ts.isVariableDeclaration(p) && p.initializer === node) {
    // An alias, or names destructured from it (`const { limits } = ns.STATE; limits.low = n`).
    const inner = new Collector(ctx);
    if (ts.isIdentifier(p.name)) inner.scan(p, 1);
    else inner.aliasChanges(p, 1);
    return !inner.result().none;
  }
  return false;
}

function isPrimitiveLiteral(e: ts.Expression): boolean {
  if (ts.isPrefixUnaryExpression(e) && e.operator === SK.MinusToken) return ts.isNumericLiteral(e.operand);
  return ts.isStringLiteral(e) || ts.isNumericLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || e.kind === SK.TrueKeyword || e.kind === SK.FalseKeyword;
}

/** Climbs from a value through wrappers that pass it on unchanged: parens, `as`, `!`, `await`, `a ? x : y`, `x || y`. */
function flowTop(node: ts.Node): ts.Node {
  let n = node;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) || ts.isTypeAssertionExpression(p) || ts.isAwaitExpression(p)) {
      n = p;
      continue;
    }
    if (ts.isConditionalExpression(p) && p.condition !== n) {
      n = p;
      continue;
    }
    if (ts.isBinaryExpression(p) && (p.operatorToken.kind === SK.BarBarToken || p.operatorToken.kind === SK.QuestionQuestionToken || p.operatorToken.kind === SK.AmpersandAmpersandToken)) {
      n = p;
      continue;
    }
    return n;
  }
}

function isAssignmentTarget(node: ts.Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (ts.isBinaryExpression(p)) {
    const k = p.operatorToken.kind;
    return p.left === node && k >= SK.FirstAssignment && k <= SK.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return p.operator === SK.PlusPlusToken || p.operator === SK.MinusMinusToken;
  if (ts.isDeleteExpression(p)) return true;
  // Destructuring assignment targets: [xs[0], b] = ...
  if (ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p)) {
    let top: ts.Node = p;
    while (top.parent && (ts.isArrayLiteralExpression(top.parent) || ts.isObjectLiteralExpression(top.parent) || ts.isPropertyAssignment(top.parent))) top = top.parent;
    const t = top.parent;
    return !!t && ts.isBinaryExpression(t) && t.left === top && t.operatorToken.kind === SK.EqualsToken;
  }
  if (ts.isForOfStatement(p) || ts.isForInStatement(p)) return p.initializer === node;
  return false;
}

function unwrapExpr(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}
