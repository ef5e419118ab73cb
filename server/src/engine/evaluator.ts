// Constant evaluation: what an expression is worth, when that can be known from the file
// alone. Follows const (and never-reassigned let/var) declarations, destructuring, object
// literals and spreads, simple arithmetic, same-file helper functions that return a value,
// parameters of helpers whose call sites all agree, reassigned variables where the order is
// plain, and tfjs calls (which create layers, models, tensors, optimizers at their call site).
// Anything else is UNKNOWN. Results are memoised per node, and cycles end as UNKNOWN.
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import { nodeId, type TreeIndex } from './tree-index';
import { NodeTable } from './node-table';
import { contentChanges, type ContentChanges } from './mutations';
import { timesRun } from './run-count';
import { ClassHolders } from './holders';
import { ownCallSites, type CallSite } from './call-sites';
import { argumentAt, exportedFunction } from './importer-calls';
import { reachingWrite } from './reaching-write';
import { customLayerClass, type CustomLayerClass } from './custom-layers';
import { recentWrite, type RecentWriteContext } from './recent-write';
import { holdsLiteral, untouchedAt } from './untouched-read';
import { isModuleSource } from './value-uses';
import {
  CallbackValue,
  FunctionValue,
  ImportedFunction,
  InstanceValue,
  LayerValue,
  ListValue,
  ModelValue,
  ModuleValue,
  ObjectValue,
  OptimizerValue,
  TensorValue,
  TfRef,
  TypedArrayValue,
  UNKNOWN,
  type Value,
} from './values';
import { NON_TENSOR_METHODS, apiKind } from './tfjs/catalog';
import { DataShapes } from './shapes/data-shapes';
import type { Shape } from './types';
import { isNumberExpression } from './number-syntax';
import { ABSENT, isRelativeSpecifier, type ModuleLink } from './modules';

/** Packages whose exports are the tfjs API (same names, so one path space serves them all). */
const TFJS_PACKAGE = /^@tensorflow\/tfjs(?:-(?:node|node-gpu|layers|core|data|converter|backend-[\w-]+))?$/;

const MAX_DEPTH = 400;
const IN_PROGRESS: unique symbol = Symbol('in progress');
const UNDEFINED: unique symbol = Symbol('undefined');
type Memo = Value | typeof IN_PROGRESS | typeof UNDEFINED;

/** A round of a loop: where it runs, the values its loop variables take, what its nodes are worth. */
interface Round {
  readonly scope: ts.Node;
  readonly bindings: ReadonlyMap<ts.Node, Value>;
  readonly memo: Map<ts.Node, Memo>;
}
const MAX_STEPS = 200_000;
/** untouchedMember's answer where the usual evaluation applies. */
const NOT_UNTOUCHED: unique symbol = Symbol('not untouched');

export class Evaluator {
  private readonly memo = new NodeTable<Memo>();
  private readonly extraMemo = new Map<ts.Node, Memo>();
  private depth = 0;
  private steps = 0;
  private globalTfCache: boolean | undefined;
  private dataShapesCache: DataShapes | undefined;
  private globalWritesCache: Map<string, ts.BinaryExpression[]> | undefined;
  /** One round of a loop being written out (see evaluateInRound). */
  private round: Round | undefined;
  private reachesTfjsCache: boolean | undefined;
  /** The tfjs namespace; members hang off it (see TfRef.member). */
  private readonly tfRoot = new TfRef('');
  /** Every layer, model, tensor, optimizer created, in creation order. */
  readonly created: Value[] = [];

  private returnsByFunction: Map<ts.Node, ts.ReturnStatement[]> | undefined;
  /** Parameters of exported helpers, bound from the calls of the files that import them. */
  private readonly importedParameters = new Map<ts.ParameterDeclaration, Value>();
  private readonly changesCache = new Map<ts.Node, ContentChanges>();
  /** Per function, whether another script of this classic script's pages names it (see namedByPageMates). */
  private readonly pageMatesNames = new Map<ts.Node, boolean>();
  /** What `this.<name>` holds in each class. */
  readonly holders: ClassHolders;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    readonly scopes: Scopes,
    private readonly index: TreeIndex,
    /** Other modules of the workspace, for relative imports (none: their values are unknown). */
    private readonly modules?: ModuleLink,
  ) {
    this.holders = new ClassHolders(index);
  }

  evaluate(node: ts.Expression | undefined): Value {
    if (!node) return UNKNOWN;
    const round = this.round;
    // Code outside the loop a round writes out has one value for every round.
    if (round && !(round.scope.pos <= node.pos && node.end <= round.scope.end)) {
      this.round = undefined;
      try {
        return this.evaluate(node);
      } finally {
        this.round = round;
      }
    }
    // Memo and cycle guard in one table indexed by node number (IN_PROGRESS while computing;
    // `undefined` is boxed). Nodes made after indexing (id 0) fall back to a map; a round has its own.
    const id = round ? 0 : nodeId(node);
    const cached = round ? round.memo.get(node) : id ? this.memo.get(id) : this.extraMemo.get(node);
    if (cached !== undefined) return cached === IN_PROGRESS ? UNKNOWN : cached === UNDEFINED ? undefined : cached;
    if (this.depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return UNKNOWN;
    this.remember(id, node, IN_PROGRESS);
    this.depth++;
    let value: Value = UNKNOWN;
    try {
      value = this.compute(node);
    } finally {
      this.depth--;
      this.remember(id, node, value === undefined ? UNDEFINED : value);
    }
    return value;
  }

  private remember(id: number, node: ts.Node, v: Memo): void {
    if (this.round) this.round.memo.set(node, v);
    else if (id) this.memo.set(id, v);
    else this.extraMemo.set(node, v);
  }

  /**
   * What `node`, inside `scope` (a loop body), is worth in one round of that loop, where the
   * loop's variables (`bindings`: their declarations) have that round's values. Nothing made
   * in a round joins `created`: the graph keeps what a round gives itself.
   */
  evaluateInRound(node: ts.Expression, scope: ts.Node, bindings: ReadonlyMap<ts.Node, Value>): Value {
    const outer = this.round;
    this.round = { scope, bindings, memo: new Map() };
    try {
      return this.evaluate(node);
    } finally {
      this.round = outer;
    }
  }

  /**
   * True when the file imports and requires no tfjs package (read from the syntax, so a
   * commented-out import or a CDN URL in a string does not count): an undeclared `tf` is then
   * the global of a browser script.
   */
  get globalTf(): boolean {
    if (this.globalTfCache !== undefined) return this.globalTfCache;
    let imports = false;
    for (const st of this.sourceFile.statements) {
      const spec = ts.isImportDeclaration(st) ? st.moduleSpecifier
        : ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) ? st.moduleReference.expression
          : undefined;
      if (spec && ts.isStringLiteral(spec) && TFJS_PACKAGE.test(spec.text)) imports = true;
    }
    for (const call of imports ? [] : this.index.calls) {
      const callee = call.expression;
      const arg = call.arguments[0];
      const loads = (ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === SK.ImportKeyword;
      if (loads && arg && ts.isStringLiteral(arg) && TFJS_PACKAGE.test(arg.text)) {
        imports = true;
        break;
      }
    }
    return (this.globalTfCache = !imports);
  }

  /**
   * False when no expression of this file can name tfjs (see TfRef's sources: a tfjs import or
   * require, a global `tf` no declaration shadows, a module of the workspace): then `tfPath`
   * answers without evaluating, which on a large non-tfjs script (a vendored library that says
   * `tf` somewhere) is most of the rules' time. Read from the syntax, erring towards true.
   */
  get reachesTfjs(): boolean {
    // escapedText: `text` unescapes every name it reads, and 'tf' reads the same either way.
    return (this.reachesTfjsCache ??= !this.globalTf || this.mayLoadModules() || this.index.identifiers.some((id) => id.escapedText === 'tf' && !this.scopes.resolve(id)));
  }

  /** Whether the file may import or require another module of the workspace. */
  private mayLoadModules(): boolean {
    if (!this.modules) return false;
    const relative = (spec: ts.Node | undefined): boolean => !!spec && (!ts.isStringLiteralLike(spec) || isRelativeSpecifier(spec.text));
    for (const st of this.sourceFile.statements) {
      if (ts.isModuleDeclaration(st)) return true;
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && relative(st.moduleSpecifier)) return true;
      if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && relative(st.moduleReference.expression)) return true;
    }
    return this.index.calls.some((call) => {
      const callee = call.expression;
      const loads = (ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === SK.ImportKeyword;
      return loads && relative(call.arguments[0]);
    });
  }

  /** The tfjs path an expression names ('layers.dense', '' for the namespace), if any. */
  tfPath(node: ts.Expression | undefined): string | undefined {
    if (!this.reachesTfjs) return undefined;
    const v = this.evaluate(node);
    return v instanceof TfRef ? v.path : undefined;
  }

  /**
   * The value bound to a declaration (variable, binding element, import, function), as read
   * at `use` when given (an array filled after its declaration has its exact length only
   * where every push is known to have run).
   */
  valueOfDeclaration(decl: ts.Node, use?: ts.Node): Value {
    if (ts.isVariableDeclaration(decl)) {
      const list = decl.parent;
      const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) {
        return UNKNOWN;
      }
      if (!isConst && this.scopes.isReassigned(decl)) {
        // Where the order is plain, the read sees the last write before it (see reaching-write.ts).
        const write = use ? reachingWrite(decl, use, this.scopes) : undefined;
        if (write && this.contentChangesOf(decl).none) return write.value ? this.evaluate(write.value) : undefined;
        // Other functions write it too: a read right after a write here, with only tfjs in between, sees that write.
        const recent = use ? recentWrite(use, this.scopes.referencesOf(decl).filter((r) => r.write).map((r) => r.identifier.parent), this.recentContext) : undefined;
        if (recent) return this.evaluate(recent.right);
        return this.heldObject(this.assignedValues(decl));
      }
      if (!decl.initializer) return UNKNOWN;
      return this.afterChanges(decl, this.evaluate(decl.initializer), use);
    }
    if (ts.isBindingElement(decl)) {
      if (this.scopes.isReassigned(decl)) return UNKNOWN;
      return this.afterChanges(decl, this.valueOfBindingElement(decl), use);
    }
    if (ts.isFunctionDeclaration(decl)) return new FunctionValue(decl);
    if (ts.isParameter(decl)) return this.parameterValue(decl);
    // An imported array or object is the other file's value as this file's code changes it
    // (`CONFIG.units = n` in a handler here, through any import of the same module).
    if (ts.isNamespaceImport(decl)) {
      const ns = this.importValue(decl.parent.parent, '', 'namespace');
      if (!(ns instanceof ModuleValue)) return ns;
      return new ModuleValue(ns.fileName, (name) => this.namespaceExport(decl, ns, name), ns.whole);
    }
    if (ts.isImportClause(decl) || ts.isImportSpecifier(decl)) {
      const { declaration, name } = importedBinding(decl);
      const value = this.importValue(declaration, ts.isImportClause(decl) ? '' : name, ts.isImportClause(decl) ? 'default' : 'named');
      if (!(Array.isArray(value) || value instanceof ObjectValue || value instanceof ListValue || value instanceof TypedArrayValue)) return value;
      return this.changedThroughImports(declaration, name, decl) ? UNKNOWN : this.afterChanges(decl, value, use);
    }
    if (ts.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) return this.required(ref.expression.text);
    }
    return UNKNOWN;
  }

  /**
   * Every value a `let`/`var` is given (its initializer, or undefined, and each `x = value`);
   * undefined when some write is not a plain assignment (`x += 1`, `x++`, destructuring).
   */
  private assignedValues(decl: ts.VariableDeclaration): Value[] | undefined {
    const values: Value[] = [decl.initializer ? this.evaluate(decl.initializer) : undefined];
    for (const ref of this.scopes.referencesOf(decl)) {
      if (!ref.write) continue;
      let target: ts.Node = ref.identifier;
      while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
      const p = target.parent;
      if (!ts.isBinaryExpression(p) || p.left !== target || p.operatorToken.kind !== SK.EqualsToken) return undefined;
      values.push(this.evaluate(p.right));
    }
    return values;
  }

  /**
   * A holder (an outer `let model;`, a class field) given one tfjs object and otherwise only
   * null or undefined: a read that uses it as an object sees that object (or throws), so the
   * model, layer or tensor it holds. Anything else: UNKNOWN.
   */
  private heldObject(values: readonly Value[] | undefined): Value {
    if (!values) return UNKNOWN;
    let held: Value = UNKNOWN;
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (!isTfjsObject(v) || (held !== UNKNOWN && v !== held)) return UNKNOWN;
      held = v;
    }
    return held;
  }

  /** `this.name` in a class: its method or getter, or the one tfjs object its field is given. */
  private thisMember(access: ts.PropertyAccessExpression): Value {
    const cls = this.holders.classOfThis(access);
    if (!cls) return UNKNOWN;
    const slot = this.holders.slot(cls, access.name.text);
    if (!slot.method && !slot.setter) {
      const recent = recentWrite(access, slot.writeSites, this.recentContext);
      if (recent) return this.evaluate(recent.right);
    }
    if (slot.untracked) return UNKNOWN;
    if (slot.method) {
      if (slot.writes.length) return UNKNOWN;
      return ts.isGetAccessorDeclaration(slot.method) ? this.returnValue(slot.method) : new FunctionValue(slot.method);
    }
    if (slot.writes.length === 0) return UNKNOWN;
    const values = slot.writes.map((w) => this.evaluate(w));
    const constant = constantOf(values);
    if (constant !== UNKNOWN) return this.holders.setBeforeUse(cls, slot, access) ? constant : UNKNOWN;
    return this.heldObject(values);
  }

  /**
   * A parameter of a same-file function whose call sites are all visible: the value every
   * call site passes (the default where one passes nothing), when they all agree.
   */
  private parameterValue(param: ts.ParameterDeclaration): Value {
    const fn = param.parent;
    if (param.dotDotDotToken || !ts.isFunctionLike(fn) || this.scopes.isReassigned(param)) return UNKNOWN;
    const agreed = this.agreedByCalls(param, fn, fn.parameters.indexOf(param));
    // Whichever calls gave it, the helper may change an array or object it is given
    // (`xs.push`, `cfg.k = v`); a tfjs object keeps what we know of it
    // (`discriminator.trainable = false` is read where it matters), and nothing changes
    // inside a number or string.
    if (ts.isIdentifier(param.name) && !isPrimitive(agreed) && !isTfjsObject(agreed) && !this.contentChangesOf(param).none) return UNKNOWN;
    return agreed;
  }

  /** What every call of `fn` passes at parameter `index`: this file's, its pages' or its importers'. */
  private agreedByCalls(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number): Value {
    const calls = ownCallSites(fn, this.scopes, this.holders);
    // A method never called in its file has no page-wide calls to bind from.
    if (calls && (calls.length || !ts.isMethodDeclaration(fn)) && this.namedByPageMates(fn)) return this.parameterFromPage(param, fn, index, calls);
    if (!calls?.length) return this.parameterFromImporters(param, fn, index);
    let agreed: Value = UNKNOWN;
    for (const [i, call] of calls.entries()) {
      const args = call.arguments ?? []; // `new C` passes nothing
      if (args.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return UNKNOWN;
      const arg = args[index];
      let v = arg ? this.evaluate(arg) : undefined;
      if (v === undefined && param.initializer) v = this.evaluate(param.initializer);
      if (v === UNKNOWN || (i > 0 && v !== agreed)) return UNKNOWN;
      agreed = v;
    }
    return agreed;
  }

  /**
   * A global of a classic browser script (a top-level function, `const f = ...` or class; any
   * method, whose instance may be a global) that another script of its page names in code: it
   * may be called there with values we do not see. When the host cannot list the page's
   * scripts (the editor, no page found), this file's calls are taken as all of them.
   */
  private namedByPageMates(fn: ts.SignatureDeclaration): boolean {
    let named = this.pageMatesNames.get(fn);
    if (named === undefined) this.pageMatesNames.set(fn, (named = this.askPageMates(fn)));
    return named;
  }

  private askPageMates(fn: ts.SignatureDeclaration): boolean {
    const name = this.globalName(fn);
    return !!name && this.modules?.namedOnPage(name.text) === true;
  }

  /** The name under which a classic script's top-level function, `const f = ...` or class (or any method, by its own name) may be reached from its pages. */
  private globalName(fn: ts.SignatureDeclaration): ts.Identifier | undefined {
    if (!this.modules || isModuleSource(this.sourceFile.fileName, this.sourceFile)) return undefined;
    let name: ts.Node | undefined;
    let declaration: ts.Node | undefined;
    if (ts.isConstructorDeclaration(fn)) declaration = fn.parent;
    else if (ts.isMethodDeclaration(fn)) name = fn.name;
    else if (ts.isFunctionDeclaration(fn)) declaration = fn;
    else if (ts.isVariableDeclaration(fn.parent)) declaration = fn.parent;
    if (declaration) {
      // Only what the file declares at its top level is a global.
      const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
      if (!ts.isSourceFile(statement.parent)) return undefined;
      name = (declaration as ts.NamedDeclaration).name;
    }
    return name && ts.isIdentifier(name) ? name : undefined;
  }

  /**
   * A parameter of a classic script's global that other scripts of its pages name: the value
   * this file's calls and theirs agree on (see Modules.everyPageArgument), joined as
   * importers' are; a method, or a use there that is not a call we see: UNKNOWN.
   */
  private parameterFromPage(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number, localCalls: readonly CallSite[]): Value {
    const global = this.globalName(fn);
    const modules = this.modules;
    if (!modules || !global || ts.isMethodDeclaration(fn)) return UNKNOWN;
    return this.boundOnce(param, () =>
      this.agreedWith(param, index, localCalls, (accept) => modules.everyPageArgument(global.text, ts.isConstructorDeclaration(fn), index, accept)),
    );
  }

  /**
   * A parameter of an exported helper: the value its calls in this file and in every file
   * that imports it agree on (the default where a call passes nothing). Plain data only
   * (numbers, strings, arrays, objects), compared by content, arrays of one length element by
   * element; callers not all known: UNKNOWN.
   */
  private parameterFromImporters(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number): Value {
    if (!this.modules) return UNKNOWN;
    return this.boundOnce(param, () => this.agreedFromImporters(param, fn, index));
  }

  /** A parameter bound from other files, computed once; a cycle through those files meets UNKNOWN. */
  private boundOnce(param: ts.ParameterDeclaration, bind: () => Value): Value {
    const known = this.importedParameters.get(param);
    if (known !== undefined || this.importedParameters.has(param)) return known;
    this.importedParameters.set(param, UNKNOWN);
    const agreed = bind();
    this.importedParameters.set(param, agreed);
    return agreed;
  }

  /**
   * The calls of this file first, then the importers' one by one, each value joined with the
   * ones before (joinPlainData): once nothing is left in common (a value that is not plain
   * data, or arrays of other lengths) the search ends, so importers are not evaluated for a
   * parameter this file already disagrees on.
   */
  private agreedFromImporters(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number): Value {
    const exported = exportedFunction(fn, this.scopes);
    const modules = this.modules;
    if (!exported || !modules) return UNKNOWN;
    return this.agreedWith(param, index, exported.localCalls, (accept) => modules.everyImporterArgument(exported, index, accept));
  }

  /**
   * What this file's calls and another file's (`others`: whether it accepts every value
   * they pass) agree on at parameter `index`: plain data, joined value by value
   * (joinPlainData), the default where a call passes nothing. UNKNOWN once nothing is left
   * in common, or when there is no call at all.
   */
  private agreedWith(param: ts.ParameterDeclaration, index: number, localCalls: readonly CallSite[], others: (accept: (v: Value | typeof ABSENT) => boolean) => boolean): Value {
    const absent = (): Value => (param.initializer ? this.evaluate(param.initializer) : undefined);
    const NONE = Symbol('none');
    let reference: Value | typeof NONE = NONE;
    const accept = (v: Value): boolean => {
      reference = reference === NONE ? (isPlainData(v) ? v : UNKNOWN) : joinPlainData(reference, v);
      return reference !== UNKNOWN;
    };
    for (const call of localCalls) {
      const arg = argumentAt(call, index);
      if (arg === undefined || !accept(arg === ABSENT ? absent() : this.evaluate(arg as ts.Expression))) return UNKNOWN;
    }
    if (!others((v) => accept(v === ABSENT ? absent() : v)) || reference === NONE) return UNKNOWN;
    return reference;
  }

  /**
   * `space.defaults[0].length` read before any code could change what `space` holds (see
   * untouched-read.ts), when it is a number, string, boolean, null or undefined: that value of
   * the initializer. An object or array read so would be a snapshot that later reads through
   * another name see changed, so those (and all else) take the usual way.
   */
  private untouchedMember(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): Value | typeof NOT_UNTOUCHED {
    const path: (ts.PropertyAccessExpression | ts.ElementAccessExpression)[] = [];
    let root: ts.Expression = access;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root)) {
      if (!ts.isParenthesizedExpression(root)) path.push(root);
      root = root.expression;
    }
    const decl = ts.isIdentifier(root) ? this.scopes.resolve(root) : undefined;
    // The cheap syntactic test first: this runs for every property read in the file.
    if (!decl || !ts.isVariableDeclaration(decl) || !holdsLiteral(decl) || this.scopes.isReassigned(decl)) return NOT_UNTOUCHED;
    if (this.contentChangesOf(decl).none || !untouchedAt(decl, root, this.scopes)) return NOT_UNTOUCHED;
    let value = this.evaluate(decl.initializer);
    for (const step of path.reverse()) {
      const key = ts.isPropertyAccessExpression(step) ? step.name.text : this.evaluate(step.argumentExpression);
      if (typeof key !== 'string' && typeof key !== 'number') return NOT_UNTOUCHED;
      value = this.member(value, String(key));
    }
    return value !== UNKNOWN && isPrimitive(value) ? value : NOT_UNTOUCHED;
  }

  /** The changes code makes to the contents of what a variable holds (cached per declaration). */
  contentChangesOf(decl: ts.Node): ContentChanges {
    // In a round the answer may hold that round's values: not kept.
    if (this.round) return contentChanges(decl, { scopes: this.scopes, evaluate: (e) => this.evaluate(e) });
    let c = this.changesCache.get(decl);
    if (!c) this.changesCache.set(decl, (c = contentChanges(decl, { scopes: this.scopes, evaluate: (e) => this.evaluate(e) })));
    return c;
  }

  /** A variable's initial array or object, as changed by pushes, index and key writes (see mutations.ts). */
  private afterChanges(decl: ts.VariableDeclaration | ts.BindingElement | ts.ImportClause | ts.ImportSpecifier, value: Value, use: ts.Node | undefined): Value {
    const isArray = Array.isArray(value) || value instanceof ListValue;
    if (!isArray && !(value instanceof ObjectValue) && !(value instanceof TypedArrayValue) && !(value instanceof InstanceValue)) return value;
    const changes = this.contentChangesOf(decl);
    if (changes.none) return value;
    if (value instanceof InstanceValue) {
      // `data.numFeatures = n` here, or the instance handed to code we do not follow.
      return new InstanceValue((key) => (changes.anyKey || changes.writtenKeys.has(key) ? UNKNOWN : value.member(key)));
    }
    if (value instanceof ObjectValue) return this.objectAsRead(decl, value, changes, use);
    if (value instanceof TypedArrayValue) {
      return changes.added.length || changes.unknownElements ? new TypedArrayValue(value.dtype, UNKNOWN, value.node) : value;
    }
    return this.filledList(decl, value as Value[] | ListValue, changes, use);
  }

  /**
   * The array as a read sees it: the literal array itself when every change is a push that
   * ran once, in order, before the read; else a ListValue of the initial and added elements,
   * with a length when each push ran a known number of times before the read.
   */
  private filledList(decl: ts.VariableDeclaration | ts.BindingElement | ts.ImportClause | ts.ImportSpecifier, initial: Value[] | ListValue, changes: ContentChanges, use: ts.Node | undefined): Value {
    const initNode = ts.isVariableDeclaration(decl) && decl.initializer ? unwrapExpression(decl.initializer) : undefined;
    let initialElements: readonly ts.Expression[] | typeof UNKNOWN;
    if (initial instanceof ListValue) initialElements = initial.elements;
    else if (initial.length === 0) initialElements = [];
    else if (initNode && ts.isArrayLiteralExpression(initNode) && !initNode.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) initialElements = initNode.elements;
    else initialElements = UNKNOWN;
    const elements = changes.unknownElements || initialElements === UNKNOWN ? UNKNOWN : [...initialElements, ...changes.added];
    const initialLength = Array.isArray(initial) ? initial.length : initial.length;
    const runs = use && typeof initialLength === 'number' && !changes.lengthChanged ? this.appendRuns(decl, changes, use) : undefined;
    if (runs === undefined) return new ListValue(UNKNOWN, elements, decl);
    // Pushes that each ran once, in source order, onto a literal: the array is known element by element.
    if (Array.isArray(initial) && !changes.prepends && runs.every((r) => r === 1) && elements !== UNKNOWN) {
      return [...initial, ...changes.appends.flatMap((c) => c.arguments.map((a) => this.evaluate(a)))];
    }
    const length = runs.reduce((n, r, i) => n + r * changes.appends[i].arguments.length, initialLength as number);
    return new ListValue(length, elements, decl);
  }

  /**
   * An object literal as a read sees it: a key set once by a plain `o.k = v` statement in the
   * block that declares the object, before the statement holding the read (same function), is
   * worth v (`const encoder = {input, hidden}; encoder.output = dense.apply(...)`), unless v
   * is a sequential model; any other written key is unknown.
   */
  private objectAsRead(decl: ts.Node, value: ObjectValue, changes: ContentChanges, use: ts.Node | undefined): ObjectValue {
    const object = withUnknownKeys(value, changes);
    if (!use || changes.anyKey || changes.soleKeyWrites.size === 0) return object;
    const block = declaringBlock(decl);
    const useStatement = block && statementIn(block, use);
    if (!block || !useStatement) return object;
    let props: Map<string, Value> | undefined;
    let nodes: Map<string, ts.Node> | undefined;
    for (const [key, write] of changes.soleKeyWrites) {
      const statement = write.parent;
      if (!ts.isExpressionStatement(statement) || statement.parent !== block || statement.pos < decl.end || statement.end > useStatement.pos) continue;
      // A sequential model kept there may get layers through reads we cannot resolve (in a
      // handler, another function): it stays unknown, as the graph needs to see every `add`.
      const written = this.evaluate(write.right);
      if (written instanceof ModelValue && written.modelType === 'sequential') continue;
      props ??= new Map(object.props);
      nodes ??= new Map(object.propNodes);
      props.set(key, written);
      nodes.delete(key); // the literal's own property is not what the read sees
    }
    return props && nodes ? new ObjectValue(props, object.open, nodes, object.node) : object;
  }

  /**
   * How many times each push ran before `use` reads the array, when known: every push sits
   * (through counted loops and callbacks only) in the block that declares the array, before
   * the statement holding the read, and the read is in the same function.
   */
  private appendRuns(decl: ts.Node, changes: ContentChanges, use: ts.Node): number[] | undefined {
    let statement: ts.Node = decl;
    while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent) && !ts.isModuleBlock(statement.parent)) {
      if (ts.isFunctionLike(statement.parent)) return undefined;
      statement = statement.parent;
    }
    const container = statement.parent;
    if (!container) return undefined;
    // The read runs after the block's statements up to it, in the same function as the array.
    let useStatement: ts.Node = use;
    while (useStatement.parent && useStatement.parent !== container) {
      if (ts.isFunctionLike(useStatement.parent)) return undefined;
      useStatement = useStatement.parent;
    }
    if (useStatement.parent !== container) return undefined;
    const runs: number[] = [];
    for (const call of changes.appends) {
      let anchor: ts.Node = call;
      while (anchor.parent && anchor.parent !== container) anchor = anchor.parent;
      if (anchor.parent !== container || anchor.pos <= statement.pos || anchor.end > useStatement.pos) return undefined;
      const r = timesRun(call, container, { evaluate: (e) => this.evaluate(e), scopes: this.scopes });
      if (r === undefined) return undefined;
      runs.push(r);
    }
    return runs;
  }

  private importValue(declaration: ts.ImportDeclaration | ts.JSDocImportTag, path: string, form: 'namespace' | 'default' | 'named'): Value {
    if (!ts.isImportDeclaration(declaration) || declaration.importClause?.isTypeOnly) return UNKNOWN;
    const spec = declaration.moduleSpecifier;
    if (!ts.isStringLiteral(spec)) return UNKNOWN;
    if (TFJS_PACKAGE.test(spec.text)) return path ? this.tfRoot.member(path) : this.tfRoot;
    if (!this.modules || !isRelativeSpecifier(spec.text)) return UNKNOWN;
    if (form === 'namespace') return this.modules.namespaceOf(spec.text);
    return this.modules.importOf(spec.text, form === 'default' ? 'default' : path);
  }

  /** True when a name is bound by a relative import or `require` (a module of the workspace). */
  private isImportedName(id: ts.Identifier | undefined): boolean {
    let decl = id && this.scopes.resolve(id);
    if (!decl) return false;
    if (ts.isImportSpecifier(decl)) decl = decl.parent.parent.parent;
    else if (ts.isNamespaceImport(decl)) decl = decl.parent.parent;
    else if (ts.isImportClause(decl)) decl = decl.parent;
    if (ts.isImportDeclaration(decl)) return ts.isStringLiteral(decl.moduleSpecifier) && isRelativeSpecifier(decl.moduleSpecifier.text);
    while (ts.isBindingElement(decl)) decl = decl.parent.parent;
    if (!ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    const init = unwrapExpression(decl.initializer);
    return ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' &&
      !!init.arguments[0] && ts.isStringLiteral(init.arguments[0]) && isRelativeSpecifier(init.arguments[0].text);
  }

  /**
   * Export `name` as read through namespace import `binding`. Changes this file makes to it
   * through another import of the module make it unknown; changes made through the namespace
   * inside an exported object (`game.STATE.hand = n`) leave its other keys known
   * (`game.STATE.maxCard`), as they do for a named import of it.
   */
  private namespaceExport(binding: ts.NamespaceImport, ns: ModuleValue, name: string): Value {
    const declaration = binding.parent.parent;
    if (this.changedThroughImports(declaration, name, binding)) return UNKNOWN;
    const changes = this.contentChangesOf(binding);
    if (changes.none || (!changes.anyKey && !changes.writtenKeys.has(name))) return ns.exportValue(name);
    const inside = changes.anyKey ? undefined : changes.inside.get(name);
    const value = inside && !inside.anyKey ? ns.exportValue(name) : UNKNOWN;
    return value instanceof ObjectValue ? withUnknownKeys(value, inside!) : UNKNOWN;
  }

  /**
   * Whether this file changes export `name` of the module `declaration` imports, through any
   * of its imports of that module (`settings.GAME.max = m` and `GAME.max` name one object);
   * `except` is the binding the caller follows itself.
   */
  private changedThroughImports(declaration: ts.ImportDeclaration | ts.JSDocImportTag, name: string, except?: ts.Node): boolean {
    const spec = declaration.moduleSpecifier;
    if (!ts.isImportDeclaration(declaration) || !ts.isStringLiteral(spec)) return true;
    for (const st of this.sourceFile.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== spec.text) continue;
      const clause = st.importClause;
      if (!clause) continue;
      const bindings = clause.namedBindings;
      if (clause.name && name === 'default' && clause !== except && !this.contentChangesOf(clause).none) return true;
      if (bindings && ts.isNamespaceImport(bindings) && bindings !== except) {
        const changes = this.contentChangesOf(bindings);
        if (changes.anyKey || changes.writtenKeys.has(name)) return true;
      }
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          if (el !== except && (el.propertyName ?? el.name).text === name && !this.contentChangesOf(el).none) return true;
        }
      }
    }
    return false;
  }

  /** `require(specifier)`: the tfjs namespace, or a module of the workspace. */
  private required(specifier: string): Value {
    if (TFJS_PACKAGE.test(specifier)) return this.tfRoot;
    return this.modules && isRelativeSpecifier(specifier) ? this.modules.requireOf(specifier) : UNKNOWN;
  }

  private valueOfBindingElement(element: ts.BindingElement): Value {
    const pattern = element.parent;
    const parent = pattern.parent;
    let container: Value;
    if (ts.isVariableDeclaration(parent)) container = this.valueOfDeclaration(parent);
    else if (ts.isParameter(parent)) container = this.parameterValue(parent);
    else if (ts.isBindingElement(parent)) container = this.valueOfBindingElement(parent);
    else return UNKNOWN;
    let value: Value;
    if (ts.isObjectBindingPattern(pattern)) {
      if (element.dotDotDotToken) return UNKNOWN;
      const keyNode = element.propertyName ?? element.name;
      const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode) ? keyNode.text : undefined;
      if (key === undefined) return UNKNOWN;
      value = this.member(container, key);
    } else {
      if (element.dotDotDotToken) return UNKNOWN;
      const index = pattern.elements.indexOf(element);
      value = this.member(container, String(index));
    }
    if (value === undefined && element.initializer) return this.evaluate(element.initializer);
    return value;
  }

  /** Property `key` of a value. */
  member(object: Value, key: string): Value {
    if (object instanceof TfRef) return object.member(key);
    if (object instanceof ObjectValue) return object.get(key);
    if (object instanceof ModuleValue) return object.exportValue(key);
    if (object instanceof InstanceValue) return object.member(key);
    if (Array.isArray(object)) {
      if (key === 'length') return object.length;
      const i = Number(key);
      return Number.isInteger(i) && i >= 0 ? (i < object.length ? object[i] : undefined) : UNKNOWN;
    }
    if (typeof object === 'string' && key === 'length') return object.length;
    if (object instanceof ListValue && key === 'length') return object.length;
    if (object instanceof TensorValue) return this.dataShapes.member(object, key);
    return UNKNOWN;
  }

  /** A tensor's shape and dtype as its data tells them (no model graph), for another module to port. */
  dataTensor(t: TensorValue): { shape: Shape | undefined; dtype: string | undefined } {
    return { shape: this.dataShapes.shapeOf(t), dtype: this.dataShapes.dtypeOf(t) };
  }

  /** Shapes of tensors made from data, for reads of `.shape`, `.rank`, `.size`. */
  private get dataShapes(): DataShapes {
    return (this.dataShapesCache ??= new DataShapes({ value: (e) => this.evaluate(e), isNumber: (e) => isNumberExpression(e, this) }));
  }

  private compute(node: ts.Expression): Value {
    switch (node.kind) {
      case SK.NumericLiteral:
        return Number((node as ts.NumericLiteral).text);
      case SK.BigIntLiteral:
        return UNKNOWN;
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        return (node as ts.StringLiteral).text;
      case SK.TrueKeyword:
        return true;
      case SK.FalseKeyword:
        return false;
      case SK.NullKeyword:
        return null;
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.TypeAssertionExpression:
      case SK.NonNullExpression:
      case SK.SatisfiesExpression:
      case SK.AwaitExpression:
        return this.evaluate((node as ts.ParenthesizedExpression).expression);
      case SK.Identifier:
        return this.identifier(node as ts.Identifier);
      case SK.PrefixUnaryExpression:
        return this.prefix(node as ts.PrefixUnaryExpression);
      case SK.BinaryExpression:
        return this.binary(node as ts.BinaryExpression);
      case SK.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        const cond = this.evaluate(c.condition);
        if (cond !== UNKNOWN && isPrimitive(cond)) return this.evaluate(cond ? c.whenTrue : c.whenFalse);
        const a = this.evaluate(c.whenTrue);
        const b = this.evaluate(c.whenFalse);
        return a === b ? a : UNKNOWN;
      }
      case SK.TemplateExpression: {
        const t = node as ts.TemplateExpression;
        let s = t.head.text;
        for (const span of t.templateSpans) {
          const v = this.evaluate(span.expression);
          if (!isPrimitive(v) || v === UNKNOWN) return UNKNOWN;
          s += String(v) + span.literal.text;
        }
        return s;
      }
      case SK.ArrayLiteralExpression:
        return this.arrayLiteral(node as ts.ArrayLiteralExpression);
      case SK.ObjectLiteralExpression:
        return this.objectLiteral(node as ts.ObjectLiteralExpression);
      case SK.PropertyAccessExpression: {
        const p = node as ts.PropertyAccessExpression;
        if (p.expression.kind === SK.ThisKeyword) return this.thisMember(p);
        const early = this.untouchedMember(p);
        if (early !== NOT_UNTOUCHED) return early;
        if (ts.isIdentifier(p.expression) && p.expression.text === 'Math' && !this.scopes.resolve(p.expression)) {
          return mathConstant(p.name.text);
        }
        return this.member(this.evaluate(p.expression), p.name.text);
      }
      case SK.ElementAccessExpression: {
        const e = node as ts.ElementAccessExpression;
        const key = this.evaluate(e.argumentExpression);
        if (typeof key !== 'string' && typeof key !== 'number') return UNKNOWN;
        const early = this.untouchedMember(e);
        if (early !== NOT_UNTOUCHED) return early;
        return this.member(this.evaluate(e.expression), String(key));
      }
      case SK.ArrowFunction:
      case SK.FunctionExpression:
        return new FunctionValue(node as ts.ArrowFunction);
      case SK.CallExpression:
        return this.call(node as ts.CallExpression);
      case SK.NewExpression:
        return this.newExpression(node as ts.NewExpression);
    }
    return UNKNOWN;
  }

  private identifier(id: ts.Identifier): Value {
    const decl = this.scopes.resolve(id);
    if (decl && this.round?.bindings.has(decl)) return this.round.bindings.get(decl);
    if (decl) return this.valueOfDeclaration(decl, id);
    switch (id.text) {
      case 'undefined':
        return undefined;
      case 'Infinity':
        return Infinity;
      case 'NaN':
        return NaN;
      case 'tf':
        return this.globalTf ? this.tfRoot : UNKNOWN;
    }
    // An undeclared global a browser script assigns (`model = tf.sequential()`), read right after that.
    const writes = this.globalWrites().get(id.text);
    if (!writes) return this.pageGlobal(id.text);
    const recent = recentWrite(id, writes, this.recentContext);
    return recent ? this.evaluate(recent.right) : UNKNOWN;
  }

  /** A global of a classic script that another script of its page declares as a `const` (Modules.pageGlobal). */
  private pageGlobal(name: string): Value {
    if (!this.modules || isModuleSource(this.sourceFile.fileName, this.sourceFile)) return UNKNOWN;
    return this.modules.pageGlobal(name);
  }

  /** `name = value` assignments of undeclared names, by name (computed once per file). */
  private globalWrites(): Map<string, ts.BinaryExpression[]> {
    if (this.globalWritesCache) return this.globalWritesCache;
    const byName = new Map<string, ts.BinaryExpression[]>();
    for (const id of this.index.identifiers) {
      const p = id.parent;
      if (!p || !ts.isBinaryExpression(p) || p.left !== id || p.operatorToken.kind !== SK.EqualsToken || this.scopes.resolve(id)) continue;
      const list = byName.get(id.text);
      if (list) list.push(p);
      else byName.set(id.text, [p]);
    }
    return (this.globalWritesCache = byName);
  }

  /** What recent-write.ts asks of the evaluator. */
  private readonly recentContext: RecentWriteContext = {
    isTfjsCall: (call) => this.tfPath(call.expression) !== undefined,
    sameHolder: (node, write) => {
      const target = write.left;
      if (ts.isIdentifier(target)) return ts.isIdentifier(node) && node.text === target.text && this.scopes.resolve(node) === this.scopes.resolve(target);
      return ts.isPropertyAccessExpression(target) && target.expression.kind === SK.ThisKeyword && ts.isPropertyAccessExpression(node) &&
        node.expression.kind === SK.ThisKeyword && node.name.text === target.name.text;
    },
    storesModel: (write) => this.evaluate(write.right) instanceof ModelValue,
  };

  private prefix(node: ts.PrefixUnaryExpression): Value {
    const v = this.evaluate(node.operand);
    switch (node.operator) {
      case SK.MinusToken:
        return typeof v === 'number' ? -v : UNKNOWN;
      case SK.PlusToken:
        return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : UNKNOWN;
      case SK.ExclamationToken:
        return isPrimitive(v) && v !== UNKNOWN ? !v : UNKNOWN;
    }
    return UNKNOWN;
  }

  private binary(node: ts.BinaryExpression): Value {
    const op = node.operatorToken.kind;
    if (op === SK.QuestionQuestionToken) {
      const l = this.evaluate(node.left);
      if (l === UNKNOWN) return UNKNOWN;
      return l === null || l === undefined ? this.evaluate(node.right) : l;
    }
    if (op === SK.BarBarToken || op === SK.AmpersandAmpersandToken) {
      const l = this.evaluate(node.left);
      if (!isPrimitive(l) || l === UNKNOWN) return UNKNOWN;
      const takeLeft = op === SK.BarBarToken ? !!l : !l;
      return takeLeft ? l : this.evaluate(node.right);
    }
    if (op === SK.CommaToken) return this.evaluate(node.right);
    if (op >= SK.FirstAssignment && op <= SK.LastAssignment) return UNKNOWN;
    const l = this.evaluate(node.left);
    const r = this.evaluate(node.right);
    if (op === SK.PlusToken && (typeof l === 'string' || typeof r === 'string')) {
      return isPrimitive(l) && isPrimitive(r) && l !== UNKNOWN && r !== UNKNOWN ? String(l) + String(r) : UNKNOWN;
    }
    if (typeof l !== 'number' || typeof r !== 'number') {
      if (op === SK.EqualsEqualsEqualsToken && isPrimitive(l) && isPrimitive(r) && l !== UNKNOWN && r !== UNKNOWN) return l === r;
      return UNKNOWN;
    }
    switch (op) {
      case SK.PlusToken: return l + r;
      case SK.MinusToken: return l - r;
      case SK.AsteriskToken: return l * r;
      case SK.SlashToken: return l / r;
      case SK.PercentToken: return l % r;
      case SK.AsteriskAsteriskToken: return l ** r;
      case SK.LessThanToken: return l < r;
      case SK.GreaterThanToken: return l > r;
      case SK.LessThanEqualsToken: return l <= r;
      case SK.GreaterThanEqualsToken: return l >= r;
      case SK.EqualsEqualsEqualsToken: return l === r;
      case SK.ExclamationEqualsEqualsToken: return l !== r;
    }
    return UNKNOWN;
  }

  private arrayLiteral(node: ts.ArrayLiteralExpression): Value {
    const out: Value[] = [];
    for (const el of node.elements) {
      if (ts.isSpreadElement(el)) {
        const v = this.evaluate(el.expression);
        if (!Array.isArray(v)) return UNKNOWN;
        out.push(...v);
      } else if (ts.isOmittedExpression(el)) {
        out.push(undefined);
      } else {
        out.push(this.evaluate(el));
      }
    }
    return out;
  }

  private objectLiteral(node: ts.ObjectLiteralExpression): Value {
    const props = new Map<string, Value>();
    const nodes = new Map<string, ts.Node>();
    let open = false;
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        const v = this.evaluate(p.expression);
        if (v instanceof ObjectValue) {
          for (const [k, val] of v.props) {
            props.set(k, val);
            nodes.set(k, v.propNodes.get(k) ?? p);
          }
          open ||= v.open;
        } else if (v !== null && v !== undefined) {
          // An unknown spread may set any key, even ones written before it.
          open = true;
          for (const k of props.keys()) props.set(k, UNKNOWN);
        }
        continue;
      }
      const key = this.propertyKey(p.name);
      if (key === undefined) {
        open = true;
        continue;
      }
      nodes.set(key, p);
      if (ts.isPropertyAssignment(p)) props.set(key, this.evaluate(p.initializer));
      else if (ts.isShorthandPropertyAssignment(p)) props.set(key, this.evaluate(p.name));
      else if (ts.isMethodDeclaration(p)) props.set(key, new FunctionValue(p));
      else props.set(key, UNKNOWN);
    }
    return new ObjectValue(props, open, nodes, node);
  }

  private propertyKey(name: ts.PropertyName | undefined): string | undefined {
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const v = this.evaluate(name.expression);
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    }
    return undefined;
  }

  private call(node: ts.CallExpression): Value {
    const callee = node.expression;
    // `ui.status('Training...')`: a call of another module whose result nobody reads is not
    // worth parsing that module for.
    if (this.modules && isDiscarded(node) && this.isImportedName(rootIdentifier(callee))) return UNKNOWN;
    // require('@tensorflow/tfjs'), require('./config')
    if (ts.isIdentifier(callee) && callee.text === 'require' && !this.scopes.resolve(callee)) {
      const arg = node.arguments[0];
      return arg && ts.isStringLiteral(arg) ? this.required(arg.text) : UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' && !this.scopes.resolve(callee.expression)) {
      return mathCall(callee.name.text, node.arguments.map((a) => this.evaluate(a)));
    }
    // this.build(): a method of the class (see thisMember), called like a same-file helper.
    if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && callee.expression.kind !== SK.ThisKeyword) {
      const receiver = this.evaluate(callee.expression);
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : this.evaluate(callee.argumentExpression);
      if (typeof method === 'string' && !(receiver instanceof TfRef)) {
        return this.methodCall(receiver, method, node, callee.expression);
      }
    }
    const fn = this.evaluate(callee);
    if (fn instanceof TfRef) return this.tfCall(fn.path, node);
    if (fn instanceof FunctionValue) return this.returnValue(fn.declaration);
    if (fn instanceof ImportedFunction) return this.importedCall(fn, node);
    // `const createModel = require('./model'); createModel()` with `module.exports = function ...`
    const whole = fn instanceof ModuleValue && fn.whole ? fn.whole() : undefined;
    if (whole instanceof ImportedFunction) return this.importedCall(whole, node);
    return UNKNOWN;
  }

  /** A function of another module, evaluated there; a model it returns is made here, known by its signature. */
  private importedCall(fn: ImportedFunction, node: ts.CallExpression): Value {
    const v = fn.call(node);
    return v instanceof ModelValue ? this.make(v) : v;
  }

  /** What a same-file function returns, when every return agrees (parameters: what all call sites pass). */
  returnValue(fn: ts.FunctionLikeDeclaration): Value {
    const body = fn.body;
    if (!body) return UNKNOWN;
    if (!ts.isBlock(body)) return this.evaluate(body);
    const returns = this.returnsOf(fn);
    if (returns.length === 0) return undefined;
    const result = returns[0].expression ? this.evaluate(returns[0].expression) : undefined;
    for (const r of returns.slice(1)) {
      const v = r.expression ? this.evaluate(r.expression) : undefined;
      if (v !== result) return UNKNOWN;
    }
    return result;
  }

  /** The return statements of a function (not of functions nested in it), from the tree index. */
  private returnsOf(fn: ts.Node): readonly ts.ReturnStatement[] {
    if (!this.returnsByFunction) {
      this.returnsByFunction = new Map();
      for (const r of this.index.returns) {
        let owner: ts.Node | undefined = r.parent;
        while (owner && !ts.isFunctionLike(owner)) owner = owner.parent;
        if (!owner) continue;
        const list = this.returnsByFunction.get(owner);
        if (list) list.push(r);
        else this.returnsByFunction.set(owner, [r]);
      }
    }
    return this.returnsByFunction.get(fn) ?? [];
  }

  private methodCall(receiver: Value, method: string, node: ts.CallExpression, receiverNode: ts.Expression): Value {
    if (receiver instanceof TensorValue) {
      if (NON_TENSOR_METHODS.has(method)) return UNKNOWN;
      return this.make(new TensorValue(method, node, [receiverNode, ...node.arguments]));
    }
    if (receiver instanceof LayerValue && method === 'apply') {
      const t = this.make(new TensorValue('apply', node, [...node.arguments], receiver));
      receiver.applications.push(t);
      return t;
    }
    if (receiver instanceof ModelValue && (method === 'predict' || method === 'apply' || method === 'predictOnBatch' || method === 'execute')) {
      return this.make(new TensorValue(method, node, [...node.arguments], receiver));
    }
    if (receiver instanceof FunctionValue && (method === 'call' || method === 'apply')) return UNKNOWN;
    // `data.load()` on `const data = require('./data')`, `cfg.build()` on an imported object.
    if (receiver instanceof ModuleValue || receiver instanceof ObjectValue) {
      const fn = this.member(receiver, method);
      if (fn instanceof ImportedFunction) return this.importedCall(fn, node);
    }
    return UNKNOWN;
  }

  private tfCall(path: string, node: ts.CallExpression): Value {
    const args = node.arguments;
    const config = (i: number): ObjectValue | typeof UNKNOWN | undefined => {
      const v = args[i] ? this.evaluate(args[i]) : undefined;
      return v === undefined || v instanceof ObjectValue ? v : UNKNOWN;
    };
    switch (apiKind(path)) {
      case 'model':
        return this.make(new ModelValue(path === 'sequential' ? 'sequential' : 'functional', node, config(0)));
      case 'loader': {
        const model = new ModelValue('loaded', node, undefined);
        // tf.loadLayersModel('file://./model/model.json') of a model.json in the workspace.
        const url = path === 'loadLayersModel' && args[0] ? this.evaluate(args[0]) : undefined;
        const signature = typeof url === 'string' ? this.modules?.modelJson(url) : undefined;
        if (signature) model.signature = signature;
        return this.make(model);
      }
      case 'layer':
        return this.make(new LayerValue(path.slice('layers.'.length), config(0), node));
      case 'input':
        return this.make(new TensorValue('input', node, [...args]));
      case 'optimizer':
        return this.make(new OptimizerValue(path.slice('train.'.length), node, args[0]));
      case 'callback':
        return this.make(new CallbackValue(path.slice('callbacks.'.length), node));
      case 'scope': {
        const fn = this.evaluate(args[args.length - 1]);
        return fn instanceof FunctionValue ? this.returnValue(fn.declaration) : UNKNOWN;
      }
      case 'io':
      case 'other':
        return UNKNOWN;
    }
    // Ops, datasets, losses and metrics (and tfjs paths the catalog does not know) make tensor-like values.
    return this.make(new TensorValue(path, node, [...args]));
  }

  private newExpression(node: ts.NewExpression): Value {
    if (!ts.isIdentifier(node.expression)) return UNKNOWN;
    const decl = this.scopes.resolve(node.expression);
    if (decl) {
      const custom = this.layerClassAt(decl);
      if (custom) {
        const arg = node.arguments?.[0] ? this.evaluate(node.arguments[0]) : undefined;
        // A config the constructor does not hand to tfjs is none; one it changes, unknown.
        const config = custom.config === 'ignored' ? undefined : custom.config === undefined ? UNKNOWN : arg === undefined || arg instanceof ObjectValue ? arg : UNKNOWN;
        return this.make(new LayerValue('custom', config, node, custom));
      }
    }
    if (decl) return this.instanceOf(decl);
    const dtype = TYPED_ARRAYS[node.expression.text];
    if (!dtype) return UNKNOWN;
    const arg = node.arguments?.[0];
    const v = arg ? this.evaluate(arg) : [];
    return new TypedArrayValue(dtype, Array.isArray(v) ? v : UNKNOWN, node);
  }

  /** The layer class a name of `new C()` declares or imports (`import {C} from './c'`, `const {C} = require('./c')`). */
  private layerClassAt(decl: ts.Node): CustomLayerClass | undefined {
    if (ts.isClassDeclaration(decl)) return this.layerClass(decl);
    if (!this.modules) return undefined;
    let spec: ts.Expression | undefined;
    let name: string | undefined;
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl)) {
      const imported = importedBinding(decl);
      spec = imported.declaration.moduleSpecifier;
      name = imported.name;
    } else if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && !decl.dotDotDotToken && ts.isVariableDeclaration(decl.parent.parent)) {
      const init = decl.parent.parent.initializer;
      const key = decl.propertyName ?? decl.name;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments.length === 1 && ts.isIdentifier(key)) {
        spec = init.arguments[0];
        name = key.text;
      }
    }
    if (!spec || !name || !ts.isStringLiteral(spec) || !isRelativeSpecifier(spec.text)) return undefined;
    return this.modules.layerClassOf(spec.text, name);
  }

  private readonly layerClasses = new Map<ts.ClassDeclaration, CustomLayerClass | undefined>();
  /** The class as a layer class of the workspace (`extends tf.layers.Layer`), when it is one we can read. */
  layerClass(cls: ts.ClassDeclaration): CustomLayerClass | undefined {
    if (!this.layerClasses.has(cls)) {
      this.layerClasses.set(cls, undefined);
      this.layerClasses.set(cls, customLayerClass(cls, (e) => this.evaluate(e)));
    }
    return this.layerClasses.get(cls);
  }

  /** `new C()` of a class of this file or imported from another module of the workspace. */
  private instanceOf(decl: ts.Node): Value {
    if (ts.isClassDeclaration(decl)) return new InstanceValue((key) => this.instanceMember(decl, key));
    if (!this.modules || !(ts.isImportSpecifier(decl) || ts.isImportClause(decl))) return UNKNOWN;
    const { declaration, name } = importedBinding(decl);
    const spec = declaration.moduleSpecifier;
    if (!ts.isStringLiteral(spec) || !isRelativeSpecifier(spec.text)) return UNKNOWN;
    return this.modules.instanceOf(spec.text, name);
  }

  /**
   * Field or getter `key` of an instance of `cls` once its constructor has run: a field given
   * one number, string or boolean, only by field initializers and top-level statements of the
   * constructor; or what a getter returns. A class that extends another: UNKNOWN.
   */
  instanceMember(cls: ts.ClassDeclaration, key: string): Value {
    if (cls.heritageClauses?.length) return UNKNOWN;
    const slot = this.holders.slot(cls, key);
    if (slot.untracked) return UNKNOWN;
    if (slot.method) return ts.isGetAccessorDeclaration(slot.method) && !slot.writes.length ? this.returnValue(slot.method) : UNKNOWN;
    if (!slot.writes.length || !this.holders.setByConstruction(cls, slot)) return UNKNOWN;
    return constantOf(slot.writes.map((w) => this.evaluate(w)));
  }

  private make<T extends Value>(v: T): T {
    if (!this.round) this.created.push(v);
    return v;
  }
}

const TYPED_ARRAYS: Record<string, TypedArrayValue['dtype']> = {
  Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8',
  Int32Array: 'int32',
  Float32Array: 'float32',
  Float64Array: 'float32',
};

/** Models, layers, tensors, optimizers, callbacks: objects a holder may be read as. */
function isTfjsObject(v: Value): boolean {
  return v instanceof ModelValue || v instanceof LayerValue || v instanceof TensorValue || v instanceof OptimizerValue || v instanceof CallbackValue;
}

/** A call whose value is thrown away: a statement of its own (awaited or not). */
function isDiscarded(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isVoidExpression(n.parent)) n = n.parent;
  return ts.isExpressionStatement(n.parent);
}

/** `a` of `a`, `a.b.c`, `a.b()`'s callee. */
function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e : undefined;
}

function unwrapExpression(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The import a default or named import binding comes from, and the export it names ('default' for a default import). */
function importedBinding(decl: ts.ImportClause | ts.ImportSpecifier): { declaration: ts.ImportClause["parent"]; name: string } {
  if (ts.isImportClause(decl)) return { declaration: decl.parent, name: 'default' };
  return { declaration: decl.parent.parent.parent, name: (decl.propertyName ?? decl.name).text };
}

/** The block (or file) whose statement declares `decl`, when no function lies between them. */
function declaringBlock(decl: ts.Node): ts.Node | undefined {
  let statement: ts.Node = decl;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent) && !ts.isModuleBlock(statement.parent)) {
    if (ts.isFunctionLike(statement.parent)) return undefined;
    statement = statement.parent;
  }
  return statement.parent;
}

/** The statement of `block` that holds `node`, when no function lies between them. */
function statementIn(block: ts.Node, node: ts.Node): ts.Node | undefined {
  let statement: ts.Node = node;
  while (statement.parent && statement.parent !== block) {
    if (ts.isFunctionLike(statement.parent)) return undefined;
    statement = statement.parent;
  }
  return statement.parent === block ? statement : undefined;
}

/** An object literal whose keys are written after its declaration: those keys (or all) unknown. */
function withUnknownKeys(value: ObjectValue, changes: ContentChanges): ObjectValue {
  if (!changes.anyKey && changes.writtenKeys.size === 0) return value;
  const props = new Map(value.props);
  if (changes.anyKey) for (const k of props.keys()) props.set(k, UNKNOWN);
  for (const k of changes.writtenKeys) props.set(k, UNKNOWN);
  return new ObjectValue(props, value.open || changes.anyKey, value.propNodes, value.node);
}

/**
 * Plain data equal by content (numbers, strings, booleans, null, undefined, arrays and closed
 * objects of them): what call sites in different files can agree on. Anything else: false.
 */
function samePlainData(a: Value, b: Value, depth = 0): boolean {
  if (a === UNKNOWN || b === UNKNOWN || depth > 8) return false;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((e, i) => samePlainData(e, b[i], depth + 1));
  }
  if (!(a instanceof ObjectValue) || !(b instanceof ObjectValue) || a.open || b.open || a.props.size !== b.props.size) return false;
  for (const [k, v] of a.props) if (!b.props.has(k) || !samePlainData(v, b.props.get(k), depth + 1)) return false;
  return true;
}

/**
 * What two call sites' plain data have in common: the value when equal; arrays of one length
 * element by element (`[6]` and `[n]` of an unknown n: `[UNKNOWN]`, an array of one size);
 * else UNKNOWN.
 */
function joinPlainData(a: Value, b: Value, depth = 0): Value {
  if (samePlainData(a, b)) return a;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && depth < 8) {
    if (!isPlainData(a) || !isPlainData(b)) return UNKNOWN;
    return a.map((e, i) => joinPlainData(e, b[i], depth + 1));
  }
  return UNKNOWN;
}

/** Plain data where some parts may be UNKNOWN (what joinPlainData takes). */
function isPlainData(v: Value, depth = 0): boolean {
  if (v === UNKNOWN || v === null || typeof v !== 'object') return true;
  if (depth > 8) return false;
  if (Array.isArray(v)) return v.every((e) => isPlainData(e, depth + 1));
  return v instanceof ObjectValue && !v.open && [...v.props.values()].every((e) => isPlainData(e, depth + 1));
}

/** The one number, string or boolean every write gives (a size kept in `this.inputSize`); else UNKNOWN. */
function constantOf(values: readonly Value[]): Value {
  const first = values[0];
  if (typeof first !== 'number' && typeof first !== 'string' && typeof first !== 'boolean') return UNKNOWN;
  return values.every((v) => v === first) ? first : UNKNOWN;
}

export function isPrimitive(v: Value): v is number | string | boolean | null | undefined | typeof UNKNOWN {
  return v === null || v === undefined || v === UNKNOWN || typeof v !== 'object';
}

function mathConstant(name: string): Value {
  const v = (Math as unknown as Record<string, unknown>)[name];
  return typeof v === 'number' ? v : UNKNOWN;
}

const MATH_FUNCTIONS = new Set(['pow', 'sqrt', 'exp', 'log', 'min', 'max', 'abs', 'floor', 'ceil', 'round', 'log10', 'log2']);
function mathCall(name: string, args: Value[]): Value {
  if (!MATH_FUNCTIONS.has(name) || !args.every((a) => typeof a === 'number')) return UNKNOWN;
  return (Math as unknown as Record<string, (...n: number[]) => number>)[name](...(args as number[]));
}
