// Shape checks of the data handed to a model: x given to fit / evaluate / predict /
// trainOnBatch against the model's input shapes, y against its output shapes, and the
// number of examples in x and y. tfjs checks the same in standardizeInputData (rank, then
// every dim but the batch; rank-1 arrays become [n, 1] first) and checkArrayLengths.
import { ts } from '../ts';
import type { FileAnalysis } from '../analysis';
import type { Shape } from '../types';
import { LayerValue, ModelValue, ObjectValue, TensorValue, type Value } from '../values';
import type { ShapeInference, ShapeProblem } from './inference';
import { propertyValueNode } from '../model-facts';
import { followBinding } from '../bindings';
import { formatShape } from './shape';
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
    const data: DataCheck = { file, shapes, model, method, call, inputs, outputs, report };
    checkData(data, call.arguments[0], Y_METHODS.has(method) ? call.arguments[1] : undefined, '');
    // tfjs checks fit's validationData the same way, with the same messages.
    const validation = method === 'fit' ? validationData(file, call) : undefined;
    if (validation) checkData(data, validation.x, validation.y, 'validationData ');
  }
}

interface DataCheck {
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
function checkData(d: DataCheck, xNode: ts.Expression | undefined, yNode: ts.Expression | undefined, label: string): void {
  const { file, shapes, model, method, call, inputs, outputs, report } = d;
  const xs = dataShapes(shapes, file, xNode);
  if (inputs && xs && xs.length === inputs.length) {
    xs.forEach((x, i) => {
      if (!x) return;
      const bad = mismatch(x, inputs[i], inputName(shapes, model, i), method, 'input');
      if (bad) {
        report({
          kind: 'fit-x',
          node: xs.length === 1 ? xNode! : elementNode(xNode, i) ?? xNode!,
          message: `${label}x passed to ${method} has shape ${formatShape(x.shape)}, but the model's input${xs.length > 1 ? ` ${i + 1}` : ''} is ${formatShape(inputs[i])}${describeInput(file, model, i)}: ${method} throws "${bad}"`,
          atBuild: false,
          model,
          expected: inputs[i],
          actual: x.shape,
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
      const bad = mismatch(y, expected, outputName(shapes, model, i), method, 'target');
      if (!bad) return;
      const flatten = flattenHint(shapes, model, outputs[i], y.shape);
      report({
        kind: 'fit-y',
        node: ys.length === 1 ? yNode : elementNode(yNode, i) ?? yNode,
        message:
          `${label}y passed to ${method} has shape ${formatShape(y.shape)}, but the model's output${ys.length > 1 ? ` ${i + 1}` : ''} is ${formatShape(outputs[i])}` +
          `${describeOutput(file, model)}${loss === 'sparseCategoricalCrossentropy' ? ' (sparseCategoricalCrossentropy wants labels ' + formatShape(expected) + ')' : ''}: ${method} throws "${bad}"` +
          (flatten ? `. ${flatten.why}` : ''),
        atBuild: false,
        ...(labelForm ? { labelForm: true } : {}),
        model,
        expected,
        actual: y.shape,
        fix: flatten ? { kind: 'insert-flatten', model, beforeIndex: flatten.index } : undefined,
      });
    });
  }
  // Examples in x and y.
  const x0 = xs?.map((x) => x?.shape[0]).filter((n): n is number => typeof n === 'number');
  const y0 = ys?.map((y) => y?.shape[0]).filter((n): n is number => typeof n === 'number');
  if (x0?.length && y0?.length && new Set(x0).size === 1 && new Set(y0).size === 1 && x0[0] !== y0[0]) {
    report({
      kind: 'batch-size',
      node: yNode,
      message: `${label}x has ${x0[0]} examples but ${label}y has ${y0[0]}: ${method} throws "Input Tensors should have the same number of samples as target Tensors. Found ${x0[0]} input sample(s) and ${y0[0]} target sample(s)."`,
      atBuild: false,
      model,
    });
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
        kind: 'fit-x',
        node: ds,
        message:
          `the dataset passed to ${method} is not batched: each element's xs is a plain array of ${xs.shape[0]} numbers, which tfjs reads as ${xs.shape[0]} separate tensors ` +
          `("Received an array of ${xs.shape[0]} Tensors, but expected 1 to match the input keys ${inputName(shapes, model, 0)}."). Call .batch(n) on the dataset`,
        atBuild: false,
        model,
        expected: inputs[0],
        actual: xs.shape,
      });
    }
    return;
  }
  const bad = mismatch({ shape: xs.shape, checked: xs.shape }, inputs[0], inputName(shapes, model, 0), 'fit', 'input');
  if (!bad) return;
  report({
    kind: 'fit-x',
    node: ds,
    message: `the dataset passed to ${method} yields xs batches of shape ${formatShape(xs.shape)}, but the model's input is ${formatShape(inputs[0])}${describeInput(file, model, 0)}: ${method} throws when the first batch reaches the model`,
    atBuild: false,
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
 * tfjs's message when `data` does not fit `ref` (the batch dim is not checked), as fit /
 * evaluate (standardizeInputData, prefix 'input' or 'target') and predict (checkInputData)
 * word it; long messages are cut with "...". Undefined when the data fits.
 */
function mismatch(data: DataShape, ref: Shape, name: string, method: string, prefix: 'input' | 'target'): string | undefined {
  const s = data.checked;
  const predict = method === 'predict' || method === 'predictOnBatch';
  // tfjs prints the data's real sizes; a size we do not know prints as ?.
  const dims = s.map((d) => (d === null ? '?' : String(d)));
  if (s.length !== ref.length) {
    return predict
      ? `Error when checking : expected ${name} to have ${ref.length} dimension(s), but got array with shape [${dims.join(',')}]`
      : `Error when checking ${prefix}: expected ${name} to have ${ref.length} dimension(s). but got array with shape ${dims.join(',')}`;
  }
  for (let j = 1; j < ref.length; j++) {
    const r = ref[j];
    if (r !== null && r >= 0 && s[j] !== null && s[j] !== r) {
      return predict
        ? `Error when checking : expected ${name} to have shape ${JSON.stringify(ref)} but got array with shape [${dims.join(',')}].`
        : `${prefix} expected a batch of elements where each example has shape [${ref.slice(1).join(',')}] ...`;
    }
  }
  return undefined;
}

/** The names tfjs uses in these messages: `<first layer>_input`, the input layer, the output layer. */
function inputName(shapes: ShapeInference, model: ModelValue, i: number): string {
  const namer = shapes.namer();
  if (model.modelType === 'sequential') {
    const first = model.layers[0]?.layer;
    if (first instanceof LayerValue) return first.layerType === 'inputLayer' ? namer.nameOf(first) : `${namer.nameOf(first)}_input`;
  } else if (model.config instanceof ObjectValue) {
    const ins = model.config.get('inputs');
    const t = Array.isArray(ins) ? ins[i] : ins;
    if (t instanceof TensorValue) return namer.nameOfInput(t);
  }
  return 'the input';
}

function outputName(shapes: ShapeInference, model: ModelValue, i: number): string {
  const namer = shapes.namer();
  if (model.modelType === 'sequential') {
    const last = model.layers[model.layers.length - 1]?.layer;
    if (last instanceof LayerValue) return namer.nameOf(last);
  } else if (model.config instanceof ObjectValue) {
    const outs = model.config.get('outputs');
    const t = Array.isArray(outs) ? outs[i] : outs;
    if (t instanceof TensorValue && t.producer instanceof LayerValue) return namer.nameOf(t.producer);
  }
  return 'the output';
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

function describeInput(file: FileAnalysis, model: ModelValue, i: number): string {
  if (model.signature) return ` (the model from ${baseName(model.signature.fileName)})`;
  if (model.modelType !== 'sequential') return '';
  const first = model.layers[0]?.layer;
  if (!(first instanceof LayerValue) || i !== 0) return '';
  return ` (inputShape of ${first.layerType}, layer 1, line ${file.lineOf(first.call)})`;
}

function describeOutput(file: FileAnalysis, model: ModelValue): string {
  if (model.signature) return ` (the model from ${baseName(model.signature.fileName)})`;
  if (model.modelType !== 'sequential') return '';
  const n = model.layers.length;
  const last = model.layers[n - 1]?.layer;
  if (!(last instanceof LayerValue)) return '';
  return ` (from ${last.layerType}, layer ${n}, line ${file.lineOf(last.call)})`;
}

/**
 * Dense layers after a conv/pooling stack keep the rank (tfjs applies dense to the last axis).
 * When y has rank 2, the output rank is higher, and everything from the first such dense on
 * keeps the rank, a flatten before that dense is the evident intent.
 */
function flattenHint(shapes: ShapeInference, model: ModelValue, output: Shape, y: Shape): { index: number; why: string } | undefined {
  if (model.modelType !== 'sequential' || !model.exact || y.length !== 2 || output.length <= 2) return undefined;
  const flow = shapes.sequentialFlow(model);
  const index = flow.steps.findIndex((s) => s.entry.layer instanceof LayerValue && s.entry.layer.layerType === 'dense' && (s.input?.length ?? 0) > 2);
  if (index <= 0) return undefined;
  const rest = model.layers.slice(index);
  if (!rest.every((e) => e.layer instanceof LayerValue && RANK_KEEPING.has(e.layer.layerType))) return undefined;
  const input = flow.steps[index].input as Shape;
  return {
    index,
    why: `dense (layer ${index + 1}) gets ${formatShape(input)} and works on its last axis only, so the output keeps rank ${input.length}; add a flatten layer before it`,
  };
}

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}
