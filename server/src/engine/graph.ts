// The model graph of one file: every model, layer, tensor and optimizer the file creates, the
// layers each sequential model receives (in order, and whether that order is certain), and
// the compile / fit / predict / ... calls made on each model. Built in one walk over the file.
import { ts, SK } from './ts';
import type { Evaluator } from './evaluator';
import type { Scopes } from './scopes';
import type { TreeIndex } from './tree-index';
import { enclosingFunction, unwrap } from './bindings';
import { reachingWrite } from './reaching-write';
import { loopRounds, timesRun } from './run-count';
import { FunctionValue, LayerValue, ListValue, ModelValue, ObjectValue, TensorValue, UNKNOWN, type LayerEntry, type Value } from './values';

/** How deep a model is followed through helpers that hand it on to other helpers. */
const MAX_HELPER_DEPTH = 3;

/** Methods of a LayersModel that neither mutate its structure nor let it escape. */
export const MODEL_METHODS: ReadonlySet<string> = new Set([
  'add', 'compile', 'fit', 'fitDataset', 'predict', 'predictOnBatch', 'evaluate', 'evaluateDataset',
  'trainOnBatch', 'save', 'summary', 'dispose', 'execute', 'apply', 'getLayer', 'countParams',
  'getWeights', 'setWeights', 'pop', 'toJSON', 'getConfig',
]);
/** Methods that change a sequential model's layers. */
const STRUCTURE_METHODS = new Set(['add', 'pop']);
/** Properties that are read without the model escaping. */
const MODEL_PROPERTIES = new Set([
  'layers', 'inputs', 'outputs', 'inputShape', 'outputShape', 'name', 'trainable', 'optimizer',
  'stopTraining', 'weights', 'trainableWeights', 'inputLayers', 'outputLayers', 'built', 'history',
]);

export class ModelGraph {
  readonly models: ModelValue[] = [];
  readonly layers: LayerValue[] = [];
  readonly tensors: TensorValue[] = [];
  /** Every call expression in the file, in source order (rules walk this instead of the tree). */
  readonly calls: readonly ts.CallExpression[];
  /** Receivers of `add` and `pop` calls the evaluator could not resolve. */
  private readonly unresolvedEdits: ts.Expression[] = [];
  /** `add` calls of a known layer whose place is not certain (in a loop, a branch, another function). */
  private readonly loopAdds: { model: ModelValue; call: ts.CallExpression; entry: LayerEntry }[] = [];
  /** A layer site an `add` in a counted loop runs more than once: the layers it makes, round by round. */
  readonly repeats = new Map<LayerValue, LayerValue[]>();

  constructor(
    readonly sourceFile: ts.SourceFile,
    index: TreeIndex,
    private readonly evaluator: Evaluator,
    private readonly scopes: Scopes,
  ) {
    this.calls = index.calls;
    // No model, layer or tensor can come of a file that cannot name tfjs: nothing to walk.
    if (!evaluator.reachesTfjs) return;
    const bindings = index.bindings;

    for (const call of this.calls) {
      evaluator.evaluate(call);
      this.recordModelCall(call);
    }
    for (const decl of bindings) {
      const v = evaluator.evaluate(decl.initializer);
      if (v instanceof ModelValue && !v.escapes) v.escapes = this.escapes(decl, v);
    }
    // Every call that yields a model (its creation, a helper or method returning it): where
    // the model lands there must be a place we follow, else it escapes.
    for (const call of this.calls) {
      const v = evaluator.evaluate(call);
      if (v instanceof ModelValue && !v.escapes) v.escapes = this.landsUnfollowed(call, v);
    }
    for (const v of evaluator.created) {
      if (v instanceof ModelValue) this.models.push(v);
      else if (v instanceof LayerValue) this.layers.push(v);
      else if (v instanceof TensorValue) this.tensors.push(v);
    }
    for (const add of this.loopAdds) this.unroll(add.model, add.call, add.entry);
    for (const model of this.models) this.collectInitialLayers(model);
    for (const model of this.models) {
      model.layers.sort((a, b) => a.node.pos - b.node.pos);
      model.calls.sort((a, b) => a.call.pos - b.call.pos);
    }
  }

  private recordModelCall(call: ts.CallExpression): void {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !MODEL_METHODS.has(callee.name.text)) return;
    const receiver = this.evaluator.evaluate(callee.expression);
    if (receiver === UNKNOWN && STRUCTURE_METHODS.has(callee.name.text)) this.unresolvedEdits.push(callee.expression);
    if (!(receiver instanceof ModelValue)) return;
    const method = callee.name.text;
    receiver.calls.push({ method, call });
    if (method === 'add' && receiver.modelType === 'sequential') {
      const arg = call.arguments[0];
      const layer = this.evaluator.evaluate(arg);
      const isLayer = layer instanceof LayerValue;
      if (isLayer) layer.addedTo.push(receiver);
      const entry: LayerEntry = { layer: isLayer ? layer : UNKNOWN, node: arg ?? call, certain: isLayer && sameStraightLineCode(call, receiver.call) };
      receiver.layers.push(entry);
      if (isLayer && !entry.certain) this.loopAdds.push({ model: receiver, call, entry });
    }
    if (method === 'pop') receiver.escapes = true; // structure changes in ways we do not follow
  }

  private collectInitialLayers(model: ModelValue): void {
    if (model.modelType !== 'sequential' || model.config === undefined) return;
    if (model.config === UNKNOWN) {
      model.escapes = true;
      return;
    }
    const layers = model.config.get('layers');
    if (layers === undefined) return;
    const node = model.config.propNodes.get('layers') ?? model.call;
    if (!Array.isArray(layers)) {
      model.layers.push({ layer: UNKNOWN, node, certain: false });
      return;
    }
    const literal = ts.isPropertyAssignment(node) && ts.isArrayLiteralExpression(node.initializer) ? node.initializer : undefined;
    layers.forEach((layer: Value, i) => {
      const isLayer = layer instanceof LayerValue;
      if (isLayer) layer.addedTo.push(model);
      const elementNode = literal && literal.elements.length === layers.length ? literal.elements[i] : node;
      model.layers.push({ layer: isLayer ? layer : UNKNOWN, node: elementNode, certain: isLayer });
    });
  }

  /**
   * An `add` in a loop that runs a known, small number of times each time the model's own
   * function runs (`for (let i = 0; i < 10; i++)`, `forEach` over an array of known length),
   * of a layer whose config is fully known (so each round makes the same layer), the only
   * `add` of that model in the loop: the layer is added that many times, in place.
   */
  private unroll(model: ModelValue, call: ts.CallExpression, entry: LayerEntry): void {
    const layer = entry.layer;
    const arg = call.arguments[0];
    if (!(layer instanceof LayerValue) || !arg) return;
    const home = enclosingFunction(model.call);
    const loop = outermostLoop(call, home);
    if (!loop || model.call.end > loop.pos) return;
    const others = model.calls.some((c) => c.call !== call && STRUCTURE_METHODS.has(c.method) && loop.pos <= c.call.pos && c.call.end <= loop.end);
    if (others) return;
    const ctx = { evaluate: (e: ts.Expression) => this.evaluator.evaluate(e), scopes: this.scopes };
    const runs = timesRun(call, home, ctx);
    if (runs === undefined || runs < 1 || runs > MAX_UNROLL) return;
    const layers = isFullyKnown(layer.config)
      ? Array.from({ length: runs }, (_, i) => (i === 0 ? layer : new LayerValue(layer.layerType, layer.config, layer.call, layer.custom)))
      : this.roundLayers(arg, loop, runs);
    if (!layers) return;
    const at = model.layers.indexOf(entry);
    model.layers.splice(at, 1, ...layers.map((l) => ({ layer: l, node: entry.node, certain: true })));
    for (const l of layers) if (l !== layer) l.addedTo.push(model);
    this.repeats.set(layer, layers);
  }

  /**
   * The layer an `add` in a loop makes in each round, evaluated with the loop's variable at
   * that round's value (`sizes.forEach((units, i) => model.add(tf.layers.dense({units, ...})))`):
   * one loop level whose rounds are all the add's runs, each config fully known.
   */
  private roundLayers(arg: ts.Expression, loop: ts.Node, runs: number): LayerValue[] | undefined {
    const written = loopRounds(loop, { evaluate: (e) => this.evaluator.evaluate(e), scopes: this.scopes });
    if (!written || written.rounds.length !== runs) return undefined;
    const layers: LayerValue[] = [];
    for (const bindings of written.rounds) {
      const v = this.evaluator.evaluateInRound(arg, written.body, bindings);
      if (!(v instanceof LayerValue) || !isFullyKnown(v.config)) return undefined;
      layers.push(v);
    }
    return layers;
  }

  /**
   * True when an `add` or `pop` we could not resolve may change this model: one on the holder
   * its creation is assigned to (a variable, `this.model`, a global) or on a const read from
   * it, where that holder is read as another value (after an await, a branch, in a handler).
   */
  editedUnseen(model: ModelValue): boolean {
    if (!this.unresolvedEdits.length) return false;
    let n: ts.Node = model.call;
    while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
    const p = n.parent;
    const holder = ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name) ? p
      : ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === SK.EqualsToken ? p.left : undefined;
    if (!holder) return false;
    return this.unresolvedEdits.some((receiver) => this.namesHolder(receiver, holder) || this.namesHolder(this.aliasOf(receiver), holder));
  }

  /** `const m = this.model;`: the expression a const receiver was read from. */
  private aliasOf(receiver: ts.Expression): ts.Expression | undefined {
    if (!ts.isIdentifier(receiver)) return undefined;
    const decl = this.scopes.resolve(receiver);
    return decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  }

  /** Does `e` name the holder: the variable declared (`let model = ...`) or assigned, or `this.<field>` of the same class? */
  private namesHolder(e: ts.Expression | undefined, holder: ts.Expression | ts.VariableDeclaration): boolean {
    if (!e) return false;
    e = unwrap(e);
    if (ts.isVariableDeclaration(holder)) return ts.isIdentifier(e) && this.scopes.resolve(e) === holder;
    if (ts.isIdentifier(holder)) return ts.isIdentifier(e) && e.text === holder.text && this.scopes.resolve(e) === this.scopes.resolve(holder);
    if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== SK.ThisKeyword) return false;
    return ts.isPropertyAccessExpression(e) && e.expression.kind === SK.ThisKeyword && e.name.text === holder.name.text &&
      this.evaluator.holders.classOfThis(e) === this.evaluator.holders.classOfThis(holder);
  }

  /**
   * Does a model bound to this variable reach code we cannot follow? A `let` given another
   * value too (`let model = tf.sequential(); ... model = tf.model(...)`) keeps the model only
   * when every read sees a plain write (reaching-write.ts): then each read is the model or not.
   */
  private escapes(decl: ts.VariableDeclaration, model: ModelValue): boolean {
    const refs = this.scopes.referencesOf(decl);
    const reassigned = refs.some((ref) => ref.write && !this.writesSameOrNothing(ref.identifier, model));
    for (const ref of refs) {
      if (ref.write) continue;
      if (reassigned) {
        const write = reachingWrite(decl, ref.identifier, this.scopes);
        if (!write) return true;
        if (write.value === undefined || this.evaluator.evaluate(write.value) !== model) continue;
      }
      if (this.useEscapes(ref.identifier, model)) return true;
    }
    return false;
  }

  /**
   * A model-valued call lands in a variable, a class field or an outer `let` that we follow,
   * or is used in place (a method call, a return): false. Anywhere else: true.
   */
  private landsUnfollowed(call: ts.CallExpression, model: ModelValue): boolean {
    let use: ts.Node = call;
    while (ts.isParenthesizedExpression(use.parent) || ts.isAsExpression(use.parent) || ts.isNonNullExpression(use.parent) || ts.isAwaitExpression(use.parent)) use = use.parent;
    const p = use.parent;
    if (ts.isVariableDeclaration(p) && p.initializer === use) return ts.isIdentifier(p.name) ? this.escapes(p, model) : true;
    if (ts.isBinaryExpression(p) && p.right === use && p.operatorToken.kind === SK.EqualsToken) {
      const target = p.left;
      if (ts.isIdentifier(target)) {
        const decl = this.scopes.resolve(target);
        return !decl || !ts.isVariableDeclaration(decl) || this.escapes(decl, model);
      }
      if (ts.isPropertyAccessExpression(target) && target.expression.kind === SK.ThisKeyword) {
        const cls = this.evaluator.holders.classOfThis(target);
        return !cls || this.fieldEscapes(cls, target.name.text, model);
      }
      return true;
    }
    // A class field initialised with it: `model = this.build();`
    if (ts.isPropertyDeclaration(p) && p.initializer === use && (ts.isClassDeclaration(p.parent) || ts.isClassExpression(p.parent))) {
      const name = ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name) ? p.name.text : undefined;
      const isStatic = p.modifiers?.some((m) => m.kind === SK.StaticKeyword);
      return !name || !!isStatic || this.fieldEscapes(p.parent, name, model);
    }
    return this.useEscapes(use, model);
  }

  /** A class field holding the model: given nothing else, and every `this.name` read is a use we follow. */
  private fieldEscapes(cls: ts.ClassDeclaration | ts.ClassExpression, name: string, model: ModelValue): boolean {
    const slot = this.evaluator.holders.slot(cls, name);
    if (slot.untracked || slot.method) return true;
    if (!slot.writes.every((w) => this.isSameOrNothing(this.evaluator.evaluate(w), model))) return true;
    return slot.reads.some((r) => this.useEscapes(r, model));
  }

  private writesSameOrNothing(target: ts.Identifier, model: ModelValue): boolean {
    let t: ts.Node = target;
    while (ts.isParenthesizedExpression(t.parent)) t = t.parent;
    const p = t.parent;
    return ts.isBinaryExpression(p) && p.left === t && p.operatorToken.kind === SK.EqualsToken && this.isSameOrNothing(this.evaluator.evaluate(p.right), model);
  }

  private isSameOrNothing(v: Value, model: ModelValue): boolean {
    return v === model || v === null || v === undefined;
  }

  /** Is this use of a model (a variable or `this.model` read) one that lets other code change it? */
  private useEscapes(ref: ts.Node, model: ModelValue, depth = 0): boolean {
    let use: ts.Node = ref;
    while (ts.isParenthesizedExpression(use.parent) || ts.isAsExpression(use.parent) || ts.isNonNullExpression(use.parent)) use = use.parent;
    const p = use.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === use) {
      const name = p.name.text;
      return !(MODEL_METHODS.has(name) || MODEL_PROPERTIES.has(name));
    }
    if (ts.isReturnStatement(p) || ts.isAwaitExpression(p) || ts.isExpressionStatement(p)) return false;
    if (ts.isVariableDeclaration(p) && p.initializer === use) return false;
    if (ts.isCallExpression(p) && isConsoleCall(p)) return false;
    if (ts.isCallExpression(p) && p.expression !== use) return !this.helperKeeps(p, use, model, depth);
    if (ts.isArrowFunction(p) && p.body === use) return false;
    // `if (this.model)`, `!model`, `model === null`: a test, not a use of the model.
    if (ts.isIfStatement(p) && p.expression === use) return false;
    if (ts.isPrefixUnaryExpression(p) && p.operator === SK.ExclamationToken) return false;
    if (ts.isBinaryExpression(p) && isComparison(p.operatorToken.kind)) return false;
    return true;
  }

  /**
   * A same-file helper given the model (`train(model)`, `buildGan(generator, discriminator)`)
   * whose parameter is the model wherever it is read (its call sites agree, see call-sites.ts),
   * so every method call on it inside is seen, and which uses it only in ways we follow.
   */
  private helperKeeps(call: ts.CallExpression, arg: ts.Node, model: ModelValue, depth: number): boolean {
    if (depth >= MAX_HELPER_DEPTH) return false;
    const fn = this.evaluator.evaluate(call.expression);
    if (!(fn instanceof FunctionValue) || !fn.declaration.body) return false;
    const index = call.arguments.indexOf(arg as ts.Expression);
    if (index < 0 || call.arguments.slice(0, index).some((a) => ts.isSpreadElement(a))) return false;
    const param = fn.declaration.parameters[index];
    if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name)) return false;
    if (this.evaluator.valueOfDeclaration(param) !== model) return false;
    return this.scopes.referencesOf(param).every((ref) => !ref.write && !this.useEscapes(ref.identifier, model, depth + 1));
  }
}

/** Most rounds of a loop the graph writes out layer by layer. */
const MAX_UNROLL = 64;

/** The outermost loop statement or `forEach`/`map` callback between `node` and `home`. */
function outermostLoop(node: ts.Node, home: ts.Node): ts.Node | undefined {
  let loop: ts.Node | undefined;
  for (let n = node.parent; n && n !== home; n = n.parent) {
    if (n.kind === SK.ForStatement || n.kind === SK.ForOfStatement || n.kind === SK.ForInStatement || n.kind === SK.WhileStatement || n.kind === SK.DoStatement) loop = n;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'forEach' || n.expression.name.text === 'map')) loop = n;
  }
  return loop;
}

/** A layer config with nothing unknown in it: every round of a loop makes the same layer. */
function isFullyKnown(v: Value, depth = 0): boolean {
  // A layer inside the config (`bidirectional({layer})`) would be one object shared by every round.
  if (v === UNKNOWN || v instanceof ListValue || v instanceof LayerValue || depth > 8) return false;
  if (Array.isArray(v)) return v.every((x) => isFullyKnown(x, depth + 1));
  if (v instanceof ObjectValue) return !v.open && [...v.props.values()].every((x) => isFullyKnown(x, depth + 1));
  return true;
}

function isComparison(kind: ts.SyntaxKind): boolean {
  return kind === SK.EqualsEqualsEqualsToken || kind === SK.ExclamationEqualsEqualsToken || kind === SK.EqualsEqualsToken || kind === SK.ExclamationEqualsToken;
}

function isConsoleCall(call: ts.CallExpression): boolean {
  const c = call.expression;
  return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'console';
}

/**
 * True when `node` runs exactly once each time the function that holds `anchor` runs, after
 * it: same function, and no loop, branch or try block between it and that function's body.
 */
export function sameStraightLineCode(node: ts.Node, anchor: ts.Node): boolean {
  const fn = enclosingFunction(anchor);
  if (enclosingFunction(node) !== fn) return false;
  for (let n: ts.Node = node.parent; n && n !== fn; n = n.parent) {
    switch (n.kind) {
      case SK.ForStatement:
      case SK.ForInStatement:
      case SK.ForOfStatement:
      case SK.WhileStatement:
      case SK.DoStatement:
      case SK.IfStatement:
      case SK.ConditionalExpression:
      case SK.SwitchStatement:
      case SK.TryStatement:
        return false;
      case SK.BinaryExpression: {
        const k = (n as ts.BinaryExpression).operatorToken.kind;
        if (k === SK.AmpersandAmpersandToken || k === SK.BarBarToken || k === SK.QuestionQuestionToken) return false;
      }
    }
  }
  return true;
}
