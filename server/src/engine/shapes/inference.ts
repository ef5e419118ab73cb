// Shape inference for one file with tfjs semantics: the output shape of every layer in a
// sequential model (in order, stopping at the first layer we cannot follow) and of every
// symbolic tensor in a functional model, the shapes and dtypes of tensors built from
// literals and ops, and the problems tfjs would throw on. Everything is computed lazily and
// memoised; unknown stays unknown (undefined), never guessed.
import { ts } from '../ts';
import type { FileAnalysis } from '../analysis';
import type { Shape } from '../types';
import { LayerEntry, LayerValue, ModelValue, ObjectValue, TensorValue, UNKNOWN, type Value } from '../values';
import { LayerConfig, Unknowable } from './config';
import {
  exactInputRank,
  layerClassName,
  MERGE_LAYERS,
  NO_ARGUMENT_OK,
  declaredInputShape,
  declaredInputShapeInPart,
  layerRules,
  type LayerOutcome,
  type LayerRule,
} from './layers';
import type { InputSource, LayerSite, ShapeProblem } from './problems';
import { checkModelCalls } from './calls';
import { datasetElement, type ElementSpec } from './datasets';
import { opDtype, opShape, dataShape, type OpContext } from './tensors';
import { isNumberExpression } from '../number-syntax';
import { enclosingFunction } from '../bindings';

/** One row of a static model.summary(). */
export interface SummaryRow {
  name: string;
  className: string;
  outputShape: Shape | undefined;
  params: number | undefined;
  nonTrainable: number | undefined;
  layer: LayerValue | undefined;
  /** The shapes the layer receives (undefined entries unknown); undefined when not known at all. */
  inputShapes?: (Shape | undefined)[];
  /** `name[0][0]` of each layer feeding this one (functional models). */
  receives: string[];
  /** A model used as a layer (the row stands for it; `layer` is undefined). */
  model?: ModelValue;
  /** For such a row: the shapes of the model's own inputs, a node tfjs lists before the application's. */
  modelInputShapes?: Shape[];
  /**
   * False for a layer added in a loop, a branch, a try block or another function: the model may
   * hold it any number of times. Null for a row whose value is unknown (`?`).
   */
  certain: boolean | null;
}

export interface ModelSummary {
  model: ModelValue;
  rows: SummaryRow[];
  /** False when the model may have layers the rows do not list (code the engine does not follow). */
  rowsComplete: boolean;
  /** Undefined when any row's count is unknown. */
  totalParams: number | undefined;
  trainableParams: number | undefined;
  nonTrainableParams: number | undefined;
}

type FunctionalLayer =
  | { kind: 'input'; tensor: TensorValue }
  | { kind: 'layer'; layer: LayerValue }
  /** A model applied to symbolic tensors (`discriminator.apply(x)`): one row, as tfjs lists it. */
  | { kind: 'model'; model: ModelValue; application: TensorValue };

/** The flow of shapes through one sequential model. */
/**
 * Two sets of sizes standing for dims we do not know: far apart, larger than any kernel or
 * stride, and different for each dim, so that an output size two runs agree on depends on none.
 */
const PROBE_SIZES = [
  [4099, 4111, 4127, 4129, 4133, 4139, 4153, 4157],
  [1048573, 1048583, 1048589, 1048601, 1048609, 1048613, 1048627, 1048633],
];

interface SequentialFlow {
  input?: Shape;
  /** Per entry: input, output (when known) and outcome. */
  steps: { entry: LayerEntry; input?: Shape; outcome?: LayerOutcome }[];
  /** Output of the whole model, when every layer was followed and the model cannot change. */
  output?: Shape;
}

export class ShapeInference {
  readonly problems: ShapeProblem[] = [];
  private readonly rules: Record<string, LayerRule>;
  private readonly flows = new Map<ModelValue, SequentialFlow>();
  private readonly tensorShapes = new Map<TensorValue, Shape | undefined>();
  private readonly tensorDtypes = new Map<TensorValue, string | undefined>();
  private readonly inProgress = new Set<TensorValue>();
  /** Every outcome computed for a layer (one per model / application it appears in). */
  private readonly layerOutcomes = new Map<LayerValue, (LayerOutcome | undefined)[]>();
  private readonly opContext: OpContext;
  private done = false;
  private namerCache: LayerNamer | undefined;

  constructor(private readonly file: FileAnalysis) {
    this.rules = layerRules((layer, inputs) => this.outcome(layer, inputs));
    this.opContext = {
      value: (e) => (e ? this.file.evaluate(e) : undefined),
      shape: (e) => (e ? this.tensorShape(e) : undefined),
      dtype: (e) => (e ? this.tensorDtype(e) : undefined),
      isNumber: (e) => isNumberExpression(e, this.file.evaluator),
      problem: (p) => this.addProblem(p),
    };
  }

  /** Runs inference over the whole file once (models, applications, tensors), filling values. */
  run(): this {
    if (this.done) return this;
    this.done = true;
    const { graph } = this.file;
    for (const model of graph.models) {
      if (model.modelType === 'sequential') this.sequentialFlow(model);
      else this.modelOutputShapes(model);
    }
    for (const t of graph.tensors) {
      const s = this.shapeOf(t);
      if (s) t.shape = s;
      const d = this.dtypeOf(t);
      if (d) t.dtype = d;
    }
    for (const layer of graph.layers) this.layerOutput(layer);
    for (const model of graph.models) checkModelCalls(this.file, this, model, (p) => this.addProblem(p));
    this.problems.sort((a, b) => a.node.pos - b.node.pos);
    return this;
  }

  // ---- tensors ------------------------------------------------------------------------------

  /** The shape of any expression that evaluates to a tensor (or a number: []). */
  tensorShape(expr: ts.Expression): Shape | undefined {
    const v = this.file.evaluate(expr);
    if (v instanceof TensorValue) return this.shapeOf(v);
    return undefined;
  }

  tensorDtype(expr: ts.Expression): string | undefined {
    const v = this.file.evaluate(expr);
    if (v instanceof TensorValue) return this.dtypeOf(v);
    return undefined;
  }

  shapeOf(t: TensorValue): Shape | undefined {
    if (this.tensorShapes.has(t)) return this.tensorShapes.get(t);
    if (this.inProgress.has(t)) return undefined;
    this.inProgress.add(t);
    let s: Shape | undefined;
    try {
      s = this.computeShape(t);
    } finally {
      this.inProgress.delete(t);
    }
    this.tensorShapes.set(t, s);
    if (s) t.shape = s;
    return s;
  }

  /** The element of a tf.data pipeline, where evident (see datasets.ts). */
  datasetElement(expr: ts.Expression): { spec: ElementSpec; batched: boolean } | undefined {
    const v = this.file.evaluate(expr);
    if (!(v instanceof TensorValue)) return undefined;
    return datasetElement(v, { value: (e) => (e ? this.file.evaluate(e) : undefined), shapeOf: (t) => this.shapeOf(t), dtypeOf: (t) => this.dtypeOf(t) });
  }

  dtypeOf(t: TensorValue): string | undefined {
    if (this.tensorDtypes.has(t)) return this.tensorDtypes.get(t);
    this.tensorDtypes.set(t, undefined);
    const d = opDtype(t, this.opContext);
    this.tensorDtypes.set(t, d);
    if (d) t.dtype = d;
    return d;
  }

  private computeShape(t: TensorValue): Shape | undefined {
    switch (t.op) {
      case 'input':
        return this.symbolicInputShape(t);
      case 'apply':
        if (t.producer instanceof LayerValue) return this.applyShape(t, t.producer);
        if (t.producer instanceof ModelValue) return this.predictShape(t, t.producer);
        return undefined;
      case 'predict':
      case 'predictOnBatch':
        return t.producer instanceof ModelValue ? this.predictShape(t, t.producer) : undefined;
    }
    return opShape(t, this.opContext);
  }

  /** `tf.input({shape})` / `{batchShape}`. */
  private symbolicInputShape(t: TensorValue): Shape | undefined {
    const cfg = this.file.evaluate(t.operands[0]);
    if (!(cfg instanceof ObjectValue)) return undefined;
    try {
      const c = LayerConfig.fromObject('input', cfg);
      const batch = c.intList('batchShape', true);
      if (batch) return batch;
      // tfjs concatenates the shape onto the batch dimension: a bare number n is [batch, n].
      const bare = c.raw('shape');
      const shape = typeof bare === 'number' && Number.isInteger(bare) ? [bare] : c.intList('shape', true);
      if (!shape) return undefined;
      const b = c.raw('batchSize');
      return [typeof b === 'number' ? b : null, ...shape];
    } catch (e) {
      if (e instanceof Unknowable) return undefined;
      throw e;
    }
  }

  private predictShape(t: TensorValue, model: ModelValue): Shape | undefined {
    const outs = this.modelOutputShapes(model);
    if (!outs || outs.length !== 1) return undefined;
    const x = t.operands[0] ? this.tensorShape(t.operands[0]) : undefined;
    return [x && x.length > 0 ? x[0] : null, ...outs[0].slice(1)];
  }

  /** `layer.apply(x)` / `layer.apply([a, b])` on symbolic or concrete tensors. */
  private applyShape(t: TensorValue, layer: LayerValue): Shape | undefined {
    const arg = t.operands[0];
    if (!arg) return undefined;
    const inputs = this.inputList(arg);
    if (!inputs) return undefined;
    const shapes: Shape[] = [];
    for (const i of inputs) {
      const s = this.shapeOf(i);
      if (!s) return undefined;
      shapes.push(s);
    }
    if (!layer.custom && MERGE_LAYERS.has(layer.layerType) !== (shapes.length > 1 || isArrayArg(arg))) return undefined;
    // On tensors (not symbolic ones) tfjs runs the class's `call`, whose output computeOutputShape does not tell.
    if (layer.custom && !inputs.every((i) => this.isSymbolic(i, 0))) return undefined;
    const producers = inputs.map((i) => (i.producer instanceof LayerValue && i.op === 'apply' ? i.producer : undefined));
    const from = producers.every((l) => l !== undefined) ? producers.map((l) => ({ layer: l as LayerValue })) : [];
    return this.runLayer({ layer }, shapes, t.node, from);
  }

  /** A symbolic tensor: `tf.input`, or a layer or model applied to symbolic tensors. */
  private isSymbolic(t: TensorValue, depth: number): boolean {
    if (t.op === 'input') return true;
    if (t.op !== 'apply' || !t.producer || depth > 500) return false;
    const inputs = t.operands[0] ? this.inputList(t.operands[0]) : undefined;
    return !!inputs && inputs.every((i) => this.isSymbolic(i, depth + 1));
  }

  private inputList(arg: ts.Expression): TensorValue[] | undefined {
    const v = this.file.evaluate(arg);
    if (v instanceof TensorValue) return [v];
    if (Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof TensorValue)) return v as TensorValue[];
    return undefined;
  }

  // ---- layers -------------------------------------------------------------------------------

  /** The outcome of a layer on given input shapes, without recording anything (nested layers). */
  private outcome(layer: LayerValue, inputs: Shape[]): LayerOutcome | undefined {
    if (layer.custom) return { shape: layer.custom.outputShape(inputs), params: layer.custom.params, nonTrainable: 0 };
    const rule = this.rules[layer.layerType];
    if (!rule) return undefined;
    // `tf.layers.maxPooling2d()` with no argument throws in its constructor.
    if (layer.config === undefined && !NO_ARGUMENT_OK.has(layer.layerType)) return undefined;
    try {
      return rule(LayerConfig.of(layer), inputs);
    } catch (e) {
      if (e instanceof Unknowable) return undefined;
      throw e;
    }
  }

  /**
   * Applies a layer where it sits (a sequential position or an apply call), records its
   * outcome and any problem, and returns its output shape (undefined when unknown or when
   * tfjs throws building the model).
   */
  private runLayer(where: LayerSite, inputs: Shape[], node: ts.Node, from: InputSource, model?: ModelValue): Shape | undefined {
    const out = this.outcome(where.layer, inputs);
    const list = this.layerOutcomes.get(where.layer) ?? [];
    list.push(out);
    this.layerOutcomes.set(where.layer, list);
    if (!out) return undefined;
    if (out.problem) {
      this.addProblem({
        kind: 'layer-input',
        node,
        atBuild: out.problem.when === 'build',
        layer: where.layer,
        position: where.position,
        fault: out.problem.fault,
        inputs,
        from,
        empty: out.problem.empty,
        model,
        actual: inputs[0],
      });
      if (out.problem.when === 'build') return undefined;
    }
    // tfjs keeps negative sizes in a functional graph, and later layers check some of them
    // (a channel dimension must be >= 0): what follows is not worth guessing.
    if (!model && out.shape?.some((d) => d !== null && d < 0)) return undefined;
    return out.shape;
  }

  /** A layer's output shape for its single known use (and sets `layer.outputShape`). */
  layerOutput(layer: LayerValue): Shape | undefined {
    this.visitUses(layer);
    const outs = this.layerOutcomes.get(layer);
    if (!outs || outs.length !== 1 || !outs[0]?.shape || outs[0].problem?.when === 'build') return undefined;
    layer.outputShape = outs[0].shape;
    return outs[0].shape;
  }

  /** The layer's parameter count (tfjs countParams) for its single known use. */
  layerParams(layer: LayerValue): { params: number; nonTrainable: number } | undefined {
    this.visitUses(layer);
    const outs = this.layerOutcomes.get(layer);
    if (!outs || outs.length === 0) return undefined;
    const first = outs[0];
    if (!first || first.params === undefined || first.problem?.when === 'build') return undefined;
    // A layer used twice shares its weights; the counts agree when its input did.
    if (!outs.every((o) => o?.params === first.params)) return undefined;
    const nonTrainable = this.nonTrainableOf(layer, first.params, first.nonTrainable ?? 0);
    return nonTrainable === undefined ? undefined : { params: first.params, nonTrainable };
  }

  /**
   * A layer's non-trainable count: all of it under `trainable: false`, unknown when that
   * option is (a config we cannot read may hold it; a bare number like `dropout(0.3)` cannot).
   */
  private nonTrainableOf(layer: LayerValue, params: number, nonTrainable: number): number | undefined {
    if (params === 0) return 0;
    const arg = layer.call.arguments?.[0];
    const bare = layer.config === UNKNOWN && arg ? typeof this.file.evaluate(arg) : undefined;
    const trainable = bare === 'number' || bare === 'string' || bare === 'boolean' ? undefined : layer.option('trainable');
    if (trainable === false) return params;
    return trainable === undefined || trainable === true ? nonTrainable : undefined;
  }

  private visitUses(layer: LayerValue): void {
    for (const m of layer.addedTo) if (m.modelType === 'sequential') this.sequentialFlow(m);
    for (const app of layer.applications) this.shapeOf(app);
  }

  // ---- models -------------------------------------------------------------------------------

  /** The batch input shapes a model expects; undefined when unknown. */
  modelInputShapes(model: ModelValue): Shape[] | undefined {
    if (model.modelType === 'sequential') {
      const input = this.sequentialFlow(model).input;
      return input ? [input] : undefined;
    }
    if (model.modelType === 'functional' && model.config instanceof ObjectValue) return this.shapesOfList(model.config.get('inputs'));
    return model.signature?.inputShapes;
  }

  /** The model's output shapes; undefined when unknown. */
  modelOutputShapes(model: ModelValue): Shape[] | undefined {
    if (model.modelType === 'sequential') {
      const out = this.sequentialFlow(model).output;
      return out ? [out] : undefined;
    }
    if (model.modelType === 'functional' && model.config instanceof ObjectValue) return this.shapesOfList(model.config.get('outputs'));
    return model.signature?.outputShapes;
  }

  private shapesOfList(v: Value): Shape[] | undefined {
    const list = Array.isArray(v) ? v : [v];
    const out: Shape[] = [];
    for (const t of list) {
      if (!(t instanceof TensorValue)) return undefined;
      const s = this.shapeOf(t);
      if (!s) return undefined;
      out.push(s);
    }
    return out.length ? out : undefined;
  }

  /** Layers of a sequential model in order, with what flowed through each. */
  sequentialFlow(model: ModelValue): SequentialFlow {
    const cached = this.flows.get(model);
    if (cached) return cached;
    const flow: SequentialFlow = { steps: [] };
    this.flows.set(model, flow);
    // Handed to other code before its layers are all added: that code may add layers first.
    if (model.escapes && this.escapesBeforeLayers(model)) return flow;
    let current: Shape | undefined;
    /** Positions of `current` whose size we do not know (a size read at run time; null there). */
    let unknownDims: number[] = [];
    let previous: LayerSite | undefined;
    let complete = true;
    for (const [i, entry] of model.layers.entries()) {
      if (!entry.certain || entry.layer === UNKNOWN) {
        complete = false;
        break;
      }
      const layer = entry.layer;
      const where: LayerSite = { layer, position: i + 1 };
      if (i === 0) {
        const declared = this.firstLayerInput(model, layer, entry);
        const inPart = declared ? undefined : this.declaredInPart(layer);
        if (inPart) {
          // The model's input is not known; what its layers make of it may be.
          current = inPart.shape;
          unknownDims = inPart.unknownDims;
        } else if (!declared) {
          complete = false;
          break;
        } else current = declared;
      }
      if (current && unknownDims.length > 0) {
        const step = this.stepInPart(layer, current, unknownDims);
        if (!step) {
          complete = false;
          break;
        }
        flow.steps.push({ entry, outcome: step.outcome });
        current = step.shape;
        unknownDims = step.unknownDims;
        previous = where;
        continue;
      }
      if (i === 0 && current) {
        const declared = current;
        flow.input = declared;
        if (layer.layerType === 'inputLayer') {
          flow.steps.push({ entry, input: declared, outcome: { shape: declared, params: 0 } });
          this.layerOutcomes.set(layer, [...(this.layerOutcomes.get(layer) ?? []), { shape: declared, params: 0 }]);
          previous = where;
          continue;
        }
      }
      if (!current) {
        complete = false;
        break;
      }
      const from: InputSource = previous ? [previous] : 'model-input';
      let out = this.runLayer(where, [current], entry.node, from, model);
      if (out?.some((d) => d !== null && d < 0)) {
        // Sequential.add checks every new output shape.
        this.addProblem({ kind: 'negative-output', node: entry.node, atBuild: true, layer, position: i + 1, input: current, from, output: out, model, actual: current });
        out = undefined;
      }
      const outcomes = this.layerOutcomes.get(layer);
      flow.steps.push({ entry, input: current, outcome: outcomes?.[outcomes.length - 1] });
      current = out;
      previous = where;
      if (!out) {
        complete = false;
        break;
      }
    }
    if (complete && current && unknownDims.length === 0 && !model.escapes && model.layers.length > 0) flow.output = current;
    return flow;
  }

  /** The first layer's declared input when its rank is known but some sizes are not (see declaredInputShapeInPart). */
  private declaredInPart(layer: LayerValue): { shape: Shape; unknownDims: number[] } | undefined {
    try {
      return declaredInputShapeInPart(LayerConfig.of(layer));
    } catch (e) {
      if (e instanceof Unknowable) return undefined;
      throw e;
    }
  }

  /**
   * A layer of a sequential model whose input has sizes we do not know (read from data at run
   * time): the layer is computed twice, those sizes given two sets of far-apart values; an
   * output size or a parameter count both runs agree on does not depend on them, one they
   * differ on is unknown. A problem in either run stops the flow, quietly (tfjs may or may not
   * throw on the real sizes). Records the outcome, with no shape unless every size is known.
   */
  private stepInPart(layer: LayerValue, input: Shape, unknownDims: number[]): { outcome: LayerOutcome; shape: Shape; unknownDims: number[] } | undefined {
    if (unknownDims.length > PROBE_SIZES[0].length) return undefined;
    const probe = (sizes: readonly number[]): Shape => input.map((d, i) => (unknownDims.includes(i) ? sizes[unknownDims.indexOf(i)] : d));
    const [a, b] = layer.layerType === 'inputLayer'
      ? PROBE_SIZES.map((sizes) => ({ shape: probe(sizes), params: 0, nonTrainable: 0 }) as LayerOutcome)
      : PROBE_SIZES.map((sizes) => this.outcome(layer, [probe(sizes)]));
    if (!a?.shape || !b?.shape || a.problem || b.problem || a.shape.length !== b.shape.length) return undefined;
    const other = b.shape;
    const stillUnknown = a.shape.flatMap((d, i) => (d === other[i] ? [] : [i]));
    const shape = a.shape.map((d, i) => (stillUnknown.includes(i) ? null : d));
    const same = a.params === b.params && a.nonTrainable === b.nonTrainable;
    const outcome: LayerOutcome = {
      shape: stillUnknown.length ? undefined : shape,
      params: same ? a.params : undefined,
      nonTrainable: same ? a.nonTrainable : undefined,
    };
    this.layerOutcomes.set(layer, [...(this.layerOutcomes.get(layer) ?? []), outcome]);
    return { outcome, shape, unknownDims: stillUnknown };
  }

  /**
   * True when the model (bound to a variable) is used, before its last layer is added, in a
   * way that lets other code change it: passed to a function, stored, reassigned; or when an
   * `add` or `pop` we cannot resolve may reach it. Models not bound to a plain variable count
   * as escaping.
   */
  escapesBeforeLayers(model: ModelValue): boolean {
    let n: ts.Node = model.call;
    while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isAwaitExpression(n.parent)) n = n.parent;
    const decl = n.parent;
    // An escaped model with no layer seen: the code it went to is where its layers come from.
    if (model.layers.length === 0) return true;
    // Kept in an outer variable or a field (`model = tf.sequential()` in a function): other
    // code can reach it, but none runs until its last layer is added when only tfjs calls
    // and the model's own methods come in between, with no await.
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return !this.onlyTfjsRunsWhileBuilt(model) || this.file.graph.editedUnseen(model);
    const lastLayer = model.layers.length ? model.layers[model.layers.length - 1].node.pos : decl.pos;
    for (const ref of this.file.scopes.referencesOf(decl)) {
      // After the last layer a write only puts something else in the variable
      // (`model = tf.model({inputs, outputs: model.apply(x)})`): an add through it that we
      // cannot resolve is caught below.
      if (ref.identifier.pos > lastLayer) continue;
      if (ref.write) return true;
      let use: ts.Node = ref.identifier;
      while (ts.isParenthesizedExpression(use.parent) || ts.isAsExpression(use.parent) || ts.isNonNullExpression(use.parent)) use = use.parent;
      const p = use.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === use) continue; // model.add(...), model.summary()
      return true;
    }
    return this.file.graph.editedUnseen(model);
  }

  /**
   * True when every layer is added in the straight-line code after the model's creation and
   * nothing runs in between but tfjs calls (layer factories, regularizers, ...) and the
   * model's own methods: no other code can see the model before its last layer.
   */
  private onlyTfjsRunsWhileBuilt(model: ModelValue): boolean {
    if (!model.layers.every((e) => e.certain)) return false;
    const from = model.call.end;
    const to = model.layers[model.layers.length - 1].node.end;
    const fn = enclosingFunction(model.call);
    for (const call of this.file.graph.calls) {
      if (call.pos < from || call.end > to) continue;
      if (enclosingFunction(call) !== fn) return false;
      const callee = call.expression;
      if (this.file.tfCallPath(call) !== undefined) continue;
      if (ts.isPropertyAccessExpression(callee) && this.file.evaluate(callee.expression) === model) continue;
      return false;
    }
    let awaits = false;
    const visit = (node: ts.Node): void => {
      if (awaits || node.end <= from || node.pos >= to) return;
      if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) awaits = true;
      else if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn, visit);
    return !awaits;
  }

  /** The first layer's declared batch input shape; records the two first-layer problems. */
  private firstLayerInput(model: ModelValue, layer: LayerValue, entry: LayerEntry): Shape | undefined {
    const cfg = LayerConfig.of(layer);
    let declared: Shape | undefined;
    try {
      declared = declaredInputShape(cfg);
    } catch (e) {
      if (e instanceof Unknowable) return undefined;
      throw e;
    }
    if (!declared) {
      if (layer.config === UNKNOWN || (layer.config instanceof ObjectValue && layer.config.open)) return undefined;
      const x = this.firstFitInput(model);
      const fixShape = x && x.length >= 2 && x.slice(1).every((d) => d !== null) ? (x.slice(1) as number[]) : undefined;
      this.addProblem({
        kind: 'no-input-shape',
        node: entry.node,
        atBuild: true,
        builtBy: model.config instanceof ObjectValue && model.config.has('layers') === true ? 'sequential-config' : 'add',
        fitInput: x,
        layer,
        model,
        fix: fixShape ? { kind: 'add-input-shape', layer, inputShape: fixShape } : undefined,
      });
      return undefined;
    }
    const batchNode = this.batchDimInInputShape(layer, model);
    if (batchNode) {
      const shape = layer.option('inputShape') as (number | null)[];
      const x = this.firstFitInput(model);
      this.addProblem({
        kind: 'batch-in-input-shape',
        node: batchNode.elements[0],
        atBuild: false,
        inputShape: shape,
        declared,
        fitInput: x,
        layer,
        model,
        expected: shape.slice(1),
        actual: shape,
        fix: { kind: 'drop-batch-dim', layer, arrayNode: batchNode },
      });
    }
    return declared;
  }

  /**
   * The inputShape literal when its first element is evidently the batch dimension: a name
   * that says batch; `null` or a number when the layer takes an exact rank that inputShape
   * already has (conv2d with [null, 28, 28, 1]); or when the x passed to fit has exactly
   * inputShape's rank and matches it after the first dim. (`[null, 8]` alone is a legitimate
   * variable-length sequence for an RNN.)
   */
  private batchDimInInputShape(layer: LayerValue, model: ModelValue): ts.ArrayLiteralExpression | undefined {
    if (!(layer.config instanceof ObjectValue) || layer.config.get('batchInputShape') !== undefined) return undefined;
    const prop = layer.config.propNodes.get('inputShape');
    if (!prop || !ts.isPropertyAssignment(prop)) return undefined;
    const init = prop.initializer;
    if (!ts.isArrayLiteralExpression(init) || init.elements.length < 2) return undefined;
    const first = init.elements[0];
    const shape = this.file.evaluate(init);
    if (!Array.isArray(shape)) return undefined;
    const name = ts.isIdentifier(first) ? first.text : ts.isPropertyAccessExpression(first) ? first.name.text : '';
    if (/batch/i.test(name)) return init;
    if (shape[0] !== null && typeof shape[0] !== 'number') return undefined;
    const rank = exactInputRank(layer.layerType);
    if (rank !== undefined && shape.length === rank && first.kind === ts.SyntaxKind.NullKeyword) return init;
    const x = this.firstFitInput(model);
    if (x && x.length === shape.length && x.slice(1).every((d, i) => d === shape[i + 1])) return init;
    return undefined;
  }

  /** The shape of x in the model's first fit/evaluate/predict call, when known. */
  firstFitInput(model: ModelValue): Shape | undefined {
    for (const c of model.calls) {
      if (!['fit', 'evaluate', 'predict', 'trainOnBatch', 'predictOnBatch'].includes(c.method)) continue;
      const x = c.call.arguments[0];
      const s = x ? this.tensorShape(x) : undefined;
      if (s) return s;
    }
    return undefined;
  }

  // ---- summary ------------------------------------------------------------------------------

  /**
   * What tfjs's model.summary() would print for this model (layer names as a fresh process
   * names them). `asLayer`: the counts of a model used inside another, whatever code sets its
   * own `trainable` to (the outer row accounts for that).
   */
  summary(model: ModelValue, names: LayerNamer, asLayer = false): ModelSummary | undefined {
    const rows: SummaryRow[] = [];
    let functionalComplete = true;
    if (model.modelType === 'sequential') {
      const flow = this.sequentialFlow(model);
      const steps = new Map(flow.steps.map((s) => [s.entry, s]));
      for (const entry of model.layers) {
        const layer = entry.layer === UNKNOWN ? undefined : entry.layer;
        const step = steps.get(entry);
        const o = step?.outcome;
        const ok = o && !(o.problem?.when === 'build');
        rows.push({
          name: layer ? names.nameOf(layer) : '?',
          className: layer ? classNameOf(layer) : '?',
          outputShape: ok ? o.shape : undefined,
          params: ok ? o.params : undefined,
          nonTrainable: ok && layer && o.params !== undefined ? this.nonTrainableOf(layer, o.params, o.nonTrainable ?? 0) : undefined,
          layer,
          inputShapes: step?.input ? [step.input] : undefined,
          receives: [],
          certain: layer ? entry.certain : null,
        });
      }
    } else if (model.modelType === 'functional') {
      const walk = this.functionalLayers(model);
      functionalComplete = walk.complete;
      for (const layer of walk.layers) {
        if (layer.kind === 'model') {
          rows.push(this.nestedModelRow(layer.model, layer.application, names));
          continue;
        }
        const out = layer.kind === 'input' ? this.shapeOf(layer.tensor) : this.layerOutput(layer.layer);
        const p = layer.kind === 'input' ? { params: 0, nonTrainable: 0 } : this.layerParams(layer.layer);
        const app = layer.kind === 'layer' && layer.layer.applications.length === 1 ? layer.layer.applications[0] : undefined;
        const inbound = app?.operands[0] ? this.inputList(app.operands[0]) : undefined;
        rows.push({
          inputShapes: layer.kind === 'input' ? [this.shapeOf(layer.tensor)] : inbound?.map((t) => this.shapeOf(t)),
          receives: (inbound ?? []).map((t) => receivedName(t, names)),
          name: layer.kind === 'input' ? names.nameOfInput(layer.tensor) : names.nameOf(layer.layer),
          className: layer.kind === 'input' ? 'InputLayer' : classNameOf(layer.layer),
          outputShape: out,
          params: p?.params,
          nonTrainable: p?.nonTrainable,
          layer: layer.kind === 'input' ? undefined : layer.layer,
          certain: true,
        });
      }
    } else {
      return undefined;
    }
    // A model handed to code we cannot follow before its layers are known may have layers we
    // never saw: its totals are unknown, never 0.
    const layersKnown = model.modelType === 'sequential' ? !(model.escapes && this.escapesBeforeLayers(model)) : functionalComplete;
    // Code that sets the model's or its layers' `trainable` changes what tfjs prints (frozen
    // after compile, tfjs counts the weights twice): the totals are not worth guessing.
    const countsKnown = layersKnown && (asLayer || this.trainableSetting(model) === 'default');
    const sum = (f: (r: SummaryRow) => number | undefined): number | undefined =>
      countsKnown && rows.every((r) => f(r) !== undefined) ? rows.reduce((a, r) => a + (f(r) as number), 0) : undefined;
    const total = sum((r) => r.params);
    const nonTrainable = sum((r) => r.nonTrainable);
    return {
      model,
      rows,
      rowsComplete: layersKnown,
      totalParams: total,
      nonTrainableParams: nonTrainable,
      trainableParams: total !== undefined && nonTrainable !== undefined ? total - nonTrainable : undefined,
    };
  }

  /**
   * Layers of a functional model in the order tfjs lists them (model.layers): walk from the
   * outputs numbering layers as first met, give every node its longest distance to an
   * output, then list layers deepest first, ties in the order met.
   */
  private functionalLayers(model: ModelValue): { layers: FunctionalLayer[]; complete: boolean } {
    if (!(model.config instanceof ObjectValue)) return { layers: [], complete: false };
    const outs = model.config.get('outputs');
    const all = Array.isArray(outs) ? outs : [outs];
    const list = all.filter((t): t is TensorValue => t instanceof TensorValue);
    // Outputs or inbound tensors we cannot follow (a loaded model's layers, an unknown value):
    // the model has layers we do not list.
    let complete = list.length > 0 && list.length === all.length;
    const keyOf = (t: TensorValue): LayerValue | ModelValue | TensorValue => (t.op === 'apply' && t.producer ? t.producer : t);
    const index = new Map<LayerValue | ModelValue | TensorValue, number>();
    const applications = new Map<ModelValue, TensorValue>();
    const finished = new Set<TensorValue>();
    const postOrder: TensorValue[] = [];
    const inboundOf = (t: TensorValue): TensorValue[] => (t.op === 'apply' && t.operands[0] ? (this.inputList(t.operands[0]) ?? []) : []);
    const visit = (t: TensorValue, depth: number): void => {
      if (finished.has(t)) return;
      if (depth > 500 || (t.op !== 'input' && !(t.op === 'apply' && t.producer))) {
        complete = false;
        return;
      }
      // A model used as a layer: listed when this is its one application in the file (tfjs
      // numbers a model's nodes, and a second application would be another node of the row).
      if (t.producer instanceof ModelValue) {
        if (t.producer === model || this.applicationsOf(t.producer).length !== 1) complete = false;
        applications.set(t.producer, t);
      }
      if (t.op === 'apply' && !(t.operands[0] && this.inputList(t.operands[0]))) complete = false;
      // `lstm.apply(x, {initialState})`: tfjs makes the states inputs of the node too, which this walk does not follow.
      if (t.op === 'apply' && t.operands[1] && !kwargsAddNoInputs(this.file.evaluate(t.operands[1]))) complete = false;
      const key = keyOf(t);
      if (!index.has(key)) index.set(key, index.size);
      for (const i of inboundOf(t)) visit(i, depth + 1);
      finished.add(t);
      postOrder.push(t);
    };
    for (const t of list) visit(t, 0);
    const nodeDepth = new Map<TensorValue, number>();
    const layerDepth = new Map<LayerValue | ModelValue | TensorValue, number>();
    for (const t of [...postOrder].reverse()) {
      const key = keyOf(t);
      const depth = Math.max(nodeDepth.get(t) ?? 0, layerDepth.get(key) ?? 0);
      layerDepth.set(key, depth);
      nodeDepth.set(t, depth);
      for (const i of inboundOf(t)) nodeDepth.set(i, Math.max(depth + 1, nodeDepth.get(i) ?? 0));
    }
    const ordered = [...layerDepth.keys()].sort((a, b) => (layerDepth.get(b)! - layerDepth.get(a)!) || (index.get(a)! - index.get(b)!));
    return {
      layers: ordered.map((k): FunctionalLayer =>
        k instanceof LayerValue ? { kind: 'layer', layer: k } : k instanceof ModelValue ? { kind: 'model', model: k, application: applications.get(k)! } : { kind: 'input', tensor: k },
      ),
      complete,
    };
  }

  /** The symbolic or concrete `model.apply(x)` calls of a model in this file. */
  private applicationsOf(model: ModelValue): TensorValue[] {
    return this.file.graph.tensors.filter((t) => t.op === 'apply' && t.producer === model);
  }

  /**
   * The row of a model applied inside a functional model: tfjs lists it as one layer named
   * like the model (`sequential_1 (Sequential)`, `model1 (Model)`) whose parameters are the
   * inner model's, all non-trainable once code sets its `trainable` to false. Its output is
   * known when it is applied to the shapes it was built for and has one output (a one-layer
   * sequential model prints "multiple" in tfjs, since its two nodes record shapes differently).
   */
  private nestedModelRow(model: ModelValue, application: TensorValue, names: LayerNamer): SummaryRow {
    const inner = this.nestedSummaries.has(model) ? undefined : this.withNested(model, () => this.summary(model, names, true));
    const own = this.modelInputShapes(model);
    const inbound = application.operands[0] ? this.inputList(application.operands[0]) : undefined;
    const applied = inbound?.map((t) => this.shapeOf(t));
    const outs = this.modelOutputShapes(model);
    const fits = !!own && !!applied && own.length === applied.length && own.every((s, i) => sameShape(s, applied[i]));
    const multiple = model.modelType === 'sequential' && model.layers.length === 1;
    const trainable = this.trainableSetting(model);
    const total = inner?.totalParams;
    return {
      name: names.nameOfModel(model),
      className: model.modelType === 'sequential' ? 'Sequential' : 'Model',
      outputShape: fits && outs?.length === 1 && !multiple ? outs[0] : undefined,
      params: total,
      nonTrainable: total === undefined || trainable === undefined ? undefined : trainable === 'default' ? inner?.nonTrainableParams : total,
      layer: undefined,
      inputShapes: applied,
      model,
      modelInputShapes: own,
      receives: (inbound ?? []).map((t) => receivedName(t, names)),
      certain: true,
    };
  }

  private readonly nestedSummaries = new Set<ModelValue>();
  private withNested<T>(model: ModelValue, f: () => T): T {
    this.nestedSummaries.add(model);
    try {
      return f();
    } finally {
      this.nestedSummaries.delete(model);
    }
  }

  /**
   * What code sets a model's `trainable` to: 'default' when no `.trainable` write may reach
   * the model or its layers, 'frozen' when the only ones set the model's own to `false`;
   * undefined otherwise (another value, a write to one of its layers, or to something we
   * cannot name). A layer is named through `m.layers[i]`, `m.getLayer(...)` and
   * `for (const layer of m.layers)`; tfjs reads the flags when it prints, so each write counts.
   */
  trainableSetting(model: ModelValue): 'default' | 'frozen' | undefined {
    let setting: 'default' | 'frozen' = 'default';
    for (const id of this.file.index.identifiers) {
      if (id.text !== 'trainable') continue;
      const access = id.parent;
      if (!ts.isPropertyAccessExpression(access) || access.name !== id) continue;
      const assign = access.parent;
      if (!ts.isBinaryExpression(assign) || assign.left !== access || assign.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = this.file.evaluate(access.expression);
      if (target === model) {
        if (this.file.evaluate(assign.right) !== false) return undefined;
        setting = 'frozen';
        continue;
      }
      if (target instanceof ModelValue || target instanceof TensorValue) continue;
      if (target instanceof LayerValue) {
        if (target.addedTo.includes(model) || this.modelLayers(model).includes(target)) return undefined;
        continue;
      }
      const owner = this.layerOwner(access.expression);
      if (!(owner instanceof ModelValue) || owner === model) return undefined;
    }
    return setting;
  }

  /** The model whose layer an expression names (`m.layers[i]`, `m.getLayer(..)`, a `for..of` over `m.layers`); UNKNOWN otherwise. */
  private layerOwner(e: ts.Expression): Value {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    if (ts.isElementAccessExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'layers') return this.file.evaluate(e.expression.expression);
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'getLayer') return this.file.evaluate(e.expression.expression);
    if (ts.isIdentifier(e)) {
      const decl = this.file.scopes.resolve(e);
      const list = decl?.parent;
      const loop = list && ts.isVariableDeclarationList(list) ? list.parent : undefined;
      if (loop && ts.isForOfStatement(loop) && !this.file.scopes.isReassigned(decl as ts.VariableDeclaration)) {
        const over = loop.expression;
        if (ts.isPropertyAccessExpression(over) && over.name.text === 'layers') return this.file.evaluate(over.expression);
      }
    }
    return UNKNOWN;
  }

  /** The layers a functional model lists (its applied layers). */
  private modelLayers(model: ModelValue): LayerValue[] {
    if (model.modelType !== 'functional') return [];
    return this.functionalLayers(model).layers.flatMap((l) => (l.kind === 'layer' ? [l.layer] : []));
  }

  /** Layer names as a fresh tfjs process would give them, for this file. */
  namer(): LayerNamer {
    const inputName = (t: TensorValue): string | undefined => {
      const config = t.operands[0] ? this.file.evaluate(t.operands[0]) : undefined;
      const name = config instanceof ObjectValue ? config.get('name') : undefined;
      return typeof name === 'string' ? name : undefined;
    };
    const graph = this.file.graph;
    // A layer added in a counted loop is that many layers, named one after the other.
    const layers = graph.repeats.size ? graph.layers.flatMap((l) => graph.repeats.get(l) ?? [l]) : graph.layers;
    return (this.namerCache ??= new LayerNamer(layers, graph.tensors.filter((t) => t.op === 'input'), inputName, graph.models));
  }

  private addProblem(p: ShapeProblem): void {
    const i = this.problems.findIndex((q) => q.node === p.node && failureOf(q) === failureOf(p));
    if (i >= 0) {
      // A build-time error found later for the same spot replaces the run-time one.
      if (p.atBuild && !this.problems[i].atBuild) this.problems[i] = p;
      return;
    }
    this.problems.push(p);
  }
}

/** The class name tfjs prints for a layer: the catalog's, or a workspace layer class's `className`. */
function classNameOf(layer: LayerValue): string {
  return layer.custom ? (layer.custom.className ?? '?') : layerClassName(layer.layerType);
}

/** An apply's second argument that adds no inputs to its node (tfjs's RNNs take `initialState` tensors as inputs). */
function kwargsAddNoInputs(kwargs: Value): boolean {
  return kwargs === undefined || (kwargs instanceof ObjectValue && kwargs.has('initialState') === false);
}

function isArrayArg(arg: ts.Expression): boolean {
  let e = arg;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isArrayLiteralExpression(e);
}

/** What tfjs fails on: one failure found twice at one spot (run time, then at build) is reported once. */
function failureOf(p: ShapeProblem): string {
  if (p.kind === 'layer-input') return p.fault.kind;
  if (p.kind === 'negative-output') return 'nonpositive';
  return p.kind;
}

/** Names layers the way tfjs does in a fresh process: `<snake_case>_<ClassName><n>` counted per class in creation order. */
export class LayerNamer {
  private readonly names = new Map<LayerValue | TensorValue | ModelValue, string>();
  constructor(
    layers: readonly LayerValue[],
    inputs: readonly TensorValue[],
    inputName: (t: TensorValue) => string | undefined = () => undefined,
    models: readonly ModelValue[] = [],
  ) {
    // Models count apart from layers: `sequential_<n>` and `model<n>` for those given no name.
    const modelCounters = new Map<string, number>();
    for (const model of [...models].sort((a, b) => a.call.pos - b.call.pos)) {
      if (model.modelType === 'loaded') continue;
      const given = model.config === UNKNOWN ? UNKNOWN : model.config?.get('name');
      if (given !== undefined) {
        this.names.set(model, typeof given === 'string' ? given : '?');
        continue;
      }
      const prefix = model.modelType === 'sequential' ? 'sequential_' : 'model';
      const n = (modelCounters.get(prefix) ?? 0) + 1;
      modelCounters.set(prefix, n);
      this.names.set(model, `${prefix}${n}`);
    }
    const counters = new Map<string, number>();
    const uncertain = new Set<string>();
    const all: (LayerValue | TensorValue)[] = [...layers, ...inputs].sort((a, b) => callOf(a).pos - callOf(b).pos);
    for (const item of all) {
      if (item instanceof LayerValue && item.custom && (!item.custom.config || item.custom.className === undefined || item.config === UNKNOWN)) {
        // A class whose constructor does its own thing with the config (it may name the layer
        // or not), or without a className we read: this name and the later ones of its class are unknown.
        this.names.set(item, '?');
        if (item.custom.className !== undefined) uncertain.add(item.custom.className);
      } else if (item instanceof LayerValue && item.layerType !== 'inputLayer') {
        const given = item.option('name');
        const cls = classNameOf(item);
        if (typeof given !== 'string' && uncertain.has(cls)) {
          this.names.set(item, '?');
          continue;
        }
        const n = (counters.get(cls) ?? 0) + 1;
        counters.set(cls, n);
        this.names.set(item, typeof given === 'string' ? given : `${snake(cls)}_${cls}${n}`);
      } else {
        // tf.input() and tf.layers.inputLayer() are InputLayers named `input<n>`.
        const given = item instanceof LayerValue ? item.option('name') : inputName(item);
        const n = (counters.get('input') ?? 0) + 1;
        counters.set('input', n);
        this.names.set(item, typeof given === 'string' ? given : `input${n}`);
      }
    }
  }
  nameOf(layer: LayerValue): string {
    return this.names.get(layer) ?? '?';
  }
  nameOfInput(t: TensorValue): string {
    return this.names.get(t) ?? '?';
  }
  nameOfModel(model: ModelValue): string {
    return this.names.get(model) ?? '?';
  }
}

/** `name[node][0]` of a tensor feeding a functional layer: a model used as a layer outputs from its second node. */
function receivedName(t: TensorValue, names: LayerNamer): string {
  if (t.op === 'input') return `${names.nameOfInput(t)}[0][0]`;
  if (t.producer instanceof LayerValue) return `${names.nameOf(t.producer)}[0][0]`;
  if (t.producer instanceof ModelValue) return `${names.nameOfModel(t.producer)}[1][0]`;
  return '?[0][0]';
}

function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((d, i) => d === b[i]);
}

function callOf(v: LayerValue | TensorValue): ts.Node {
  return v instanceof LayerValue ? v.call : v.node;
}

/** tfjs's toSnakeCase of a class name ('Conv2D' -> 'conv2d', 'MaxPooling2D' -> 'max_pooling2d'). */
function snake(name: string): string {
  const s = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s[0] !== '_' ? s : `private${s}`;
}

export { dataShape };
