// Shape checks of the data handed to a model: x given to fit / evaluate / predict /
// trainOnBatch against the model's input shapes, y against its output shapes, and the
// number of examples in x and y. tfjs checks the same in standardizeInputData (rank, then
// every dim but the batch; rank-1 arrays become [n, 1] first) and checkArrayLengths.
import { ts } from '../ts';
import type { FileAnalysis } from '../analysis';
import type { Shape } from '../types';
import { LayerValue, ModelValue, ObjectValue, TensorValue, type Value } from '../values';
import type { ShapeInference } from './inference';
import type { DataCheck, ShapeProblem } from './problems';
import { propertyValueNode } from '../model-facts';
import { followBinding } from '../bindings';
import { layersWhere } from '../tfjs/catalog';

const X_METHODS = new Set(['fit', 'evaluate', 'predict', 'trainOnBatch', 'predictOnBatch']);
const Y_METHODS = new Set(['fit', 'evaluate', 'trainOnBatch']);
/** Classification losses: on a rank-2 output, a y of the wrong width is a question of the labels' form. */
const CLASSIFICATION_LOSSES = new Set(['categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy']);
/** Layers that keep the rank of their input (so flatten before the first dense fixes the rank). */
const RANK_KEEPING = layersWhere((r) => !!r.keepsRank);

export function checkModelCalls(file: FileAnalysis, shapes: ShapeInference, model: ModelValue, report: (p: ShapeProblem) => void): void {
  if (shapes.problems.some((p) => p.model === model && p.atBuild)) return; // the model never builds
  const inputs = shapes.modelInputShapes(model);
  const outputs = shapes.modelOutputShapes(model);
  for (const { method, call } of model.calls) {
    if (method === 'fitDataset' || method === 'evaluateDataset') {
      checkDataset(file, shapes, model, method, call, inputs, report);
      continue;
    }
    if (!X_METHODS.has(method)) continue;
    const data: CallData = { file, shapes, model, method, call, inputs, outputs, report };
    checkData(data, call.arguments[0], Y_METHODS.has(method) ? call.arguments[1] : undefined, false);
    // tfjs checks fit's validationData the same way, with the same messages.
    const validation = method === 'fit' ? validationData(file, call) : undefined;
    if (validation) checkData(data, validation.x, validation.y, true);
  }
}

interface CallData {
  file: FileAnalysis;
  shapes: ShapeInference;
  model: ModelValue;
  method: string;
  call: ts.CallExpression;
  inputs: Shape[] | undefined;
  outputs: Shape[] | undefined;
  report: (p: ShapeProblem) => void;
}

/** x against the model's inputs, y against its outputs, and their example counts. */
function checkData(d: CallData, xNode: ts.Expression | undefined, yNode: ts.Expression | undefined, validation: boolean): void {
  const { file, shapes, model, method, call, inputs, outputs, report } = d;
  const xs = dataShapes(shapes, file, xNode);
  if (inputs && xs && xs.length === inputs.length) {
    xs.forEach((x, i) => {
      if (!x) return;
      const check = mismatch(x, inputs[i], inputName(shapes, model, i));
      if (check) {
        report({
          kind: 'fit-x',
          node: xs.length === 1 ? xNode! : elementNode(xNode, i) ?? xNode!,
          atBuild: false,
          method,
          validation,
          index: xs.length > 1 ? i + 1 : undefined,
          model,
          expected: inputs[i],
          actual: x.shape,
          check,
        });
      }
    });
  }
  if (!yNode) return;
  const ys = dataShapes(shapes, file, yNode);
  const loss = lossName(file, model);
  if (outputs && ys && ys.length === outputs.length && layersAllBefore(model, call)) {
    ys.forEach((y, i) => {
      if (!y) return;
      let expected = outputs[i];
      if (loss === undefined) return;
      if (loss === 'sparseCategoricalCrossentropy') expected = [...expected.slice(0, -1), 1];
      const labelForm = CLASSIFICATION_LOSSES.has(loss) && outputs[i].length === 2 && y.shape.length <= 2;
      const check = mismatch(y, expected, outputName(shapes, model, i));
      if (!check) return;
      const flatten = flattenHint(shapes, model, outputs[i], y.shape);
      report({
        kind: 'fit-y',
        node: ys.length === 1 ? yNode : elementNode(yNode, i) ?? yNode,
        atBuild: false,
        method,
        validation,
        index: ys.length > 1 ? i + 1 : undefined,
        ...(labelForm ? { labelForm: true } : {}),
        model,
        output: outputs[i],
        expected,
        actual: y.shape,
        check,
        loss,
        fix: flatten ? { kind: 'insert-flatten', model, beforeIndex: flatten.index, denseInput: flatten.denseInput } : undefined,
      });
    });
  }
  // Examples in x and y.
  const x0 = xs?.map((x) => x?.shape[0]).filter((n): n is number => typeof n === 'number');
  const y0 = ys?.map((y) => y?.shape[0]).filter((n): n is number => typeof n === 'number');
  if (x0?.length && y0?.length && new Set(x0).size === 1 && new Set(y0).size === 1 && x0[0] !== y0[0]) {
    report({ kind: 'batch-size', node: yNode, atBuild: false, method, validation, model, xExamples: x0[0], yExamples: y0[0] });
  }
}

/** `validationData: [xVal, yVal]` of a fit config, written out or in a const. */
function validationData(file: FileAnalysis, call: ts.CallExpression): { x: ts.Expression; y: ts.Expression } | undefined {
  const config = file.evaluate(call.arguments[2]);
  if (!(config instanceof ObjectValue)) return undefined;
  const written = propertyValueNode(config, 'validationData');
  const node = written && followBinding(file.evaluator, written);
  if (!node || !ts.isArrayLiteralExpression(node) || node.elements.length < 2 || node.elements.some(ts.isSpreadElement)) return undefined;
  return { x: node.elements[0], y: node.elements[1] };
}

/**
 * fitDataset / evaluateDataset: the xs of each element against the model's single input. An
 * unbatched dataset of plain arrays makes tfjs read each array as a list of tensors; a
 * batched one whose xs do not fit fails when the first batch reaches the model.
 */
function checkDataset(
  file: FileAnalysis,
  shapes: ShapeInference,
  model: ModelValue,
  method: string,
  call: ts.CallExpression,
  inputs: Shape[] | undefined,
  report: (p: ShapeProblem) => void,
): void {
  const ds = call.arguments[0];
  if (!ds || !inputs || inputs.length !== 1) return;
  const element = shapes.datasetElement(ds);
  if (!element) return;
  const xs = element.spec.kind === 'object' ? element.spec.props.xs : element.spec.kind === 'array' ? element.spec.items[0] : undefined;
  if (!xs || xs.kind !== 'tensor') return;
  if (!element.batched) {
    if (xs.plain && xs.shape.length >= 1 && xs.shape[0] !== 1) {
      report({
        kind: 'dataset-unbatched',
        node: ds,
        atBuild: false,
        method,
        validation: false,
        length: xs.shape[0],
        tfjsName: inputName(shapes, model, 0),
        model,
        expected: inputs[0],
        actual: xs.shape,
      });
    }
    return;
  }
  if (!mismatch({ shape: xs.shape, checked: xs.shape }, inputs[0], undefined)) return;
  report({
    kind: 'dataset-x',
    node: ds,
    atBuild: false,
    method,
    validation: false,
    model,
    expected: inputs[0],
    actual: xs.shape,
  });
}

interface DataShape {
  /** The shape as written. */
  shape: Shape;
  /** The shape tfjs checks (rank-1 arrays become [n, 1]). */
  checked: Shape;
}

/** Shapes of x (or y): one tensor, or an array of tensors. Undefined entries are unknown. */
function dataShapes(shapes: ShapeInference, file: FileAnalysis, e: ts.Expression | undefined): (DataShape | undefined)[] | undefined {
  if (!e) return undefined;
  const one = (t: Value): DataShape | undefined => {
    const s = t instanceof TensorValue ? shapes.shapeOf(t) : undefined;
    if (!s || s.length === 0) return undefined;
    return { shape: s, checked: s.length === 1 ? [s[0], 1] : s };
  };
  const v = file.evaluate(e);
  if (v instanceof TensorValue) return [one(v)];
  if (Array.isArray(v) && v.length > 0) return v.map(one);
  return undefined;
}

/**
 * How `data` fails tfjs's check against `ref` (the batch dim is not checked): its rank, or a
 * known size after the batch. Undefined when the data fits.
 */
function mismatch(data: DataShape, ref: Shape, tfjsName: string | undefined): DataCheck | undefined {
  const s = data.checked;
  if (s.length !== ref.length) return { failure: 'rank', checked: s, tfjsName };
  for (let j = 1; j < ref.length; j++) {
    const r = ref[j];
    if (r !== null && r >= 0 && s[j] !== null && s[j] !== r) return { failure: 'size', checked: s, tfjsName };
  }
  return undefined;
}

/** The names tfjs gives the layers it checks data against: `<first layer>_input`, the input layer, the output layer. */
function inputName(shapes: ShapeInference, model: ModelValue, i: number): string | undefined {
  const namer = shapes.namer();
  if (model.modelType === 'sequential') {
    const first = model.layers[0]?.layer;
    if (first instanceof LayerValue) return first.layerType === 'inputLayer' ? namer.nameOf(first) : `${namer.nameOf(first)}_input`;
  } else if (model.config instanceof ObjectValue) {
    const ins = model.config.get('inputs');
    const t = Array.isArray(ins) ? ins[i] : ins;
    if (t instanceof TensorValue) return namer.nameOfInput(t);
  }
  return undefined;
}

function outputName(shapes: ShapeInference, model: ModelValue, i: number): string | undefined {
  const namer = shapes.namer();
  if (model.modelType === 'sequential') {
    const last = model.layers[model.layers.length - 1]?.layer;
    if (last instanceof LayerValue) return namer.nameOf(last);
  } else if (model.config instanceof ObjectValue) {
    const outs = model.config.get('outputs');
    const t = Array.isArray(outs) ? outs[i] : outs;
    if (t instanceof TensorValue && t.producer instanceof LayerValue) return namer.nameOf(t.producer);
  }
  return undefined;
}

function elementNode(e: ts.Expression | undefined, i: number): ts.Expression | undefined {
  let inner = e;
  while (inner && ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner && ts.isArrayLiteralExpression(inner) ? inner.elements[i] : undefined;
}

/** The single loss name the model is compiled with; undefined when unknown or compiled differently twice. */
function lossName(file: FileAnalysis, model: ModelValue): string | undefined {
  const compiles = file.compiles(model);
  if (compiles.length === 0) return undefined;
  const names = new Set(compiles.map((c) => c.loss?.name));
  if (names.size !== 1 || !compiles[0].loss) return undefined;
  return compiles[0].loss.name;
}

function layersAllBefore(model: ModelValue, call: ts.CallExpression): boolean {
  return model.layers.every((e) => e.node.pos < call.pos);
}

/**
 * Dense layers after a conv/pooling stack keep the rank (tfjs applies dense to the last axis).
 * When y has rank 2, the output rank is higher, and everything from the first such dense on
 * keeps the rank, a flatten before that dense is the evident intent.
 */
function flattenHint(shapes: ShapeInference, model: ModelValue, output: Shape, y: Shape): { index: number; denseInput: Shape } | undefined {
  if (model.modelType !== 'sequential' || !model.exact || y.length !== 2 || output.length <= 2) return undefined;
  const flow = shapes.sequentialFlow(model);
  const index = flow.steps.findIndex((s) => s.entry.layer instanceof LayerValue && s.entry.layer.layerType === 'dense' && (s.input?.length ?? 0) > 2);
  if (index <= 0) return undefined;
  const rest = model.layers.slice(index);
  if (!rest.every((e) => e.layer instanceof LayerValue && RANK_KEEPING.has(e.layer.layerType))) return undefined;
  return { index, denseInput: flow.steps[index].input as Shape };
}
