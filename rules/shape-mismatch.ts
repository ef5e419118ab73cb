// shape-mismatch (post cause T4-2, data in the wrong form): shapes that tfjs rejects, found by
// the engine's shape inference (server/src/engine/shapes): a first sequential layer with no
// input shape, the batch dimension written into inputShape, a layer given a rank it cannot
// take, sizes shrinking to zero or below, merge layers with incompatible inputs, reshape to a
// different element count, x / y of fit, evaluate and predict against the model's input and
// output shapes, x and y example counts, matMul inner sizes, concat of unequal tensors.
// Everything reported was computed from known values; unknown shapes stay quiet. The engine
// gives each problem as data (a kind and its operands); the words are here (messageOf).
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Rule } from '../server/src/engine/rule';
import { formatShape, type DataCheck, type FixHint, type InputSource, type LayerFault, type LayerSite, type ShapeProblem } from '../server/src/engine/shapes';
import { ts } from '../server/src/engine/ts';
import type { Fix, Shape } from '../server/src/engine/types';
import { LayerValue, ObjectValue, type ModelValue } from '../server/src/engine/values';

/** Problems about the data handed to a model (several may be reported per model). */
const DATA_KINDS = new Set<ShapeProblem['kind']>(['fit-x', 'fit-y', 'batch-size', 'dataset-unbatched', 'dataset-x']);

export const rule: Rule = {
  meta: {
    id: 'shape-mismatch',
    description: 'Shapes and dtypes tfjs will reject: missing or wrong input shapes, layers given a rank they cannot take, data that does not fit the model, mismatched tensor ops, softmax off the last axis, stride with dilation, float-only ops on int32, oneHot of floats.',
    defaultSeverity: 'error',
    source: 'T4-2',
    fixable: true,
    // A y of the wrong width under a classification loss: label-format names the labels' form.
    deferTo: ['label-format'],
  },
  check(context) {
    const { file } = context;
    const { problems } = file.shapes;
    // The batch dimension in inputShape explains what goes wrong after it (a rank the next
    // layers cannot take, x that does not fit): report it alone.
    const batchInShape = new Set(problems.filter((p) => p.kind === 'batch-in-input-shape').map((p) => p.model));
    const reported = new Set<ModelValue>();
    for (const p of problems) {
      if (p.model && DATA_KINDS.has(p.kind)) {
        if (batchInShape.has(p.model)) continue;
      } else if (p.model) {
        if (batchInShape.has(p.model) && p.kind !== 'batch-in-input-shape') continue;
        // tfjs stops at the first thing wrong with a model's structure; so do we.
        if (reported.has(p.model)) continue;
        reported.add(p.model);
      }
      const fix = p.fix ? fixFor(file, p.fix) : undefined;
      const labelForm = p.kind === 'fit-y' && p.labelForm;
      context.report({ node: p.node, message: messageOf(file, p), fixes: fix ? [fix] : [], ...(labelForm ? { deferTo: 'label-format' } : {}) });
    }
  },
};

function fixFor(file: FileAnalysis, hint: FixHint): Fix | undefined {
  switch (hint.kind) {
    case 'add-input-shape':
      return ts.isCallExpression(hint.layer.call) ? addInputShape(file, hint.layer.call, hint.inputShape) : undefined;
    case 'drop-batch-dim': {
      const [first, second] = hint.arrayNode.elements;
      if (!second) return undefined;
      return {
        title: 'Remove the batch dimension from inputShape',
        safe: true,
        edits: [{ start: first.getStart(file.sourceFile), end: second.getStart(file.sourceFile), newText: '' }],
      };
    }
    case 'insert-flatten':
      return insertFlatten(file, hint.model, hint.beforeIndex);
  }
}

/** `tf.layers.dense({units: 10})` -> `tf.layers.dense({inputShape: [784], units: 10})`. */
function addInputShape(file: FileAnalysis, call: ts.CallExpression, shape: number[]): Fix | undefined {
  const text = `inputShape: [${shape.join(', ')}]`;
  const arg = call.arguments[0];
  let edit: { start: number; end: number; newText: string };
  if (!arg) {
    // `tf.layers.flatten()`: the closing parenthesis is the call's last character.
    const end = call.getEnd() - 1;
    if (file.text[end] !== ')') return undefined;
    edit = { start: end, end, newText: `{${text}}` };
  } else if (ts.isObjectLiteralExpression(arg)) {
    const firstProp = arg.properties[0];
    if (!firstProp) {
      const open = arg.getStart(file.sourceFile) + 1;
      edit = { start: open, end: open, newText: text };
    } else {
      const at = firstProp.getStart(file.sourceFile);
      const sameLine = file.lineOf(firstProp) === file.lineOf(arg);
      const indent = sameLine ? ' ' : `\n${indentAt(file, at)}`;
      edit = { start: at, end: at, newText: `${text},${indent}` };
    }
  } else {
    return undefined; // a config held elsewhere: not ours to rewrite
  }
  return { title: `Add inputShape [${shape.join(', ')}] to the first layer`, safe: true, edits: [edit] };
}

/** Inserts `tf.layers.flatten()` before layer `index` of a sequential model. */
function insertFlatten(file: FileAnalysis, model: ModelValue, index: number): Fix | undefined {
  const tfFlatten = file.tfName('layers.flatten');
  const entry = model.layers[index];
  if (!tfFlatten || !entry) return undefined;
  const title = `Insert ${tfFlatten}() before layer ${index + 1}`;
  const node = entry.node;
  // An element of `layers: [...]`.
  if (ts.isArrayLiteralExpression(node.parent) && model.config instanceof ObjectValue) {
    const at = node.getStart(file.sourceFile);
    const sameLine = index > 0 && file.lineOf(node.parent.elements[index - 1] ?? node) === file.lineOf(node);
    const sep = sameLine || file.lineOf(node.parent) === file.lineOf(node) ? ' ' : `\n${indentAt(file, at)}`;
    return { title, safe: false, edits: [{ start: at, end: at, newText: `${tfFlatten}(),${sep}` }] };
  }
  // `model.add(layer);` as a statement of its own.
  const call = node.parent;
  if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && ts.isExpressionStatement(call.parent)) {
    const stmt = call.parent;
    const at = stmt.getStart(file.sourceFile);
    const receiver = file.textOf(call.expression.expression);
    return { title, safe: false, edits: [{ start: at, end: at, newText: `${receiver}.add(${tfFlatten}());\n${indentAt(file, at)}` }] };
  }
  return undefined;
}

/** The whitespace before `offset` on its line. */
function indentAt(file: FileAnalysis, offset: number): string {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^[ \t]*/.exec(file.text.slice(lineStart, offset));
  return m ? m[0] : '';
}

// ---- messages -------------------------------------------------------------------------------

/** The message for a shape problem: what is wrong, with the layers, shapes and tfjs's own error. */
export function messageOf(file: FileAnalysis, p: ShapeProblem): string {
  switch (p.kind) {
    case 'layer-input': {
      const gets = `${describeLayer(file, p)} needs ${needs(p.fault, !!p.empty)} but gets ${p.inputs.map(formatShape).join(' and ')}${describeSource(file, p.from)}`;
      if (p.atBuild) return `${gets}: tfjs throws when ${p.model ? 'the layer is added to the model' : 'apply() is called'}`;
      return p.empty ? gets : `${gets}: tfjs builds the model but throws once data flows (fit, predict)`;
    }
    case 'negative-output':
      return `${describeLayer(file, p)} gets ${formatShape(p.input)}${describeSource(file, p.from)} and its output would be ${formatShape(p.output)}: tfjs throws "Negative dimension size caused by adding layer" when the layer is added`;
    case 'no-input-shape': {
      const how = p.builtBy === 'sequential-config' ? 'when tf.sequential() builds the model' : 'when model.add() adds it';
      const fix = p.fix?.kind === 'add-input-shape' ? p.fix : undefined;
      return (
        `${describeLayer(file, { layer: p.layer, position: 1 })} is the first layer of the sequential model but has no inputShape (or batchInputShape${p.layer.layerType === 'dense' ? ', inputDim' : ''}): ` +
        `tfjs throws "The first layer in a Sequential model must get an \`inputShape\` or \`batchInputShape\` argument." ${how}` +
        (fix ? `. The x given to fit has shape ${formatShape(p.fitInput)}, so inputShape: ${formatShape(fix.inputShape)}` : '')
      );
    }
    case 'batch-in-input-shape':
      return (
        `${describeLayer(file, { layer: p.layer, position: 1 })} has inputShape ${formatShape(p.inputShape)}, which includes the batch dimension: tfjs adds the batch itself, so the model expects ${formatShape(p.declared)}` +
        (p.fitInput ? ` and the x given to fit (${formatShape(p.fitInput)}) does not fit` : '') +
        `. Use inputShape ${formatShape(p.inputShape.slice(1))}`
      );
    case 'fit-x':
      return (
        `${dataLabel(p.validation)}x passed to ${p.method} has shape ${formatShape(p.actual)}, but the model's input${p.index !== undefined ? ` ${p.index}` : ''} is ${formatShape(p.expected)}` +
        `${describeInput(file, p.model, (p.index ?? 1) - 1)}: ${p.method} throws "${tfjsDataError(p.check, p.expected, p.method, 'input')}"`
      );
    case 'fit-y': {
      const flatten = p.fix?.kind === 'insert-flatten' ? p.fix : undefined;
      const sparse = p.loss === 'sparseCategoricalCrossentropy' ? ` (sparseCategoricalCrossentropy wants labels ${formatShape(p.expected)})` : '';
      return (
        `${dataLabel(p.validation)}y passed to ${p.method} has shape ${formatShape(p.actual)}, but the model's output${p.index !== undefined ? ` ${p.index}` : ''} is ${formatShape(p.output)}` +
        `${describeOutput(file, p.model)}${sparse}: ${p.method} throws "${tfjsDataError(p.check, p.expected, p.method, 'target')}"` +
        (flatten
          ? `. dense (layer ${flatten.beforeIndex + 1}) gets ${formatShape(flatten.denseInput)} and works on its last axis only, so the output keeps rank ${flatten.denseInput.length}; add a flatten layer before it`
          : '')
      );
    }
    case 'batch-size': {
      const label = dataLabel(p.validation);
      return `${label}x has ${p.xExamples} examples but ${label}y has ${p.yExamples}: ${p.method} throws "Input Tensors should have the same number of samples as target Tensors. Found ${p.xExamples} input sample(s) and ${p.yExamples} target sample(s)."`;
    }
    case 'dataset-unbatched':
      return (
        `the dataset passed to ${p.method} is not batched: each element's xs is a plain array of ${p.length} numbers, which tfjs reads as ${p.length} separate tensors ` +
        `("Received an array of ${p.length} Tensors, but expected 1 to match the input keys ${p.tfjsName ?? 'the input'}."). Call .batch(n) on the dataset`
      );
    case 'dataset-x':
      return `the dataset passed to ${p.method} yields xs batches of shape ${formatShape(p.actual)}, but the model's input is ${formatShape(p.expected)}${describeInput(file, p.model, 0)}: ${p.method} throws when the first batch reaches the model`;
    case 'dtype':
      return p.op === 'oneHot'
        ? `oneHot of a ${p.dtype} tensor: tfjs throws "Argument 'indices' passed to 'oneHot' must be int32 tensor, but got ${p.dtype} tensor". Make the indices int32 (tf.tensor1d(labels, 'int32') or .toInt())`
        : `${p.op} of an ${p.dtype} tensor: tfjs throws "Argument passed to '${p.op}' must be float32 tensor, but got ${p.dtype} tensor". Cast it first (.toFloat() or tf.cast(x, 'float32'))`;
    case 'broadcast':
      return `${p.op} of shapes ${formatShape(p.shapes[0])} and ${formatShape(p.shapes[1])}: they cannot be broadcast together`;
    case 'reshape-count':
      return `reshape of ${formatShape(p.shape)} (${p.elements} elements) to [${p.targetShape.join(', ')}]: the element counts differ`;
    case 'concat':
      return `concat along axis ${p.axis} of ${p.shapes.map(formatShape).join(' and ')}: every other axis must match`;
    case 'matmul':
      return `matMul of ${formatShape(p.shapes[0])} and ${formatShape(p.shapes[1])}: inner sizes ${p.inner[0]} and ${p.inner[1]} differ`;
  }
}

const RANK_NAMES: Record<number, string> = {
  2: '[batch, features]',
  3: '[batch, steps, channels]',
  4: '[batch, height, width, channels]',
};

/** Completes "<layer> needs ...". */
function needs(fault: LayerFault, empty: boolean): string {
  switch (fault.kind) {
    case 'rank': {
      const names = fault.exact && RANK_NAMES[fault.rank] ? ` ${RANK_NAMES[fault.rank]}` : '';
      return `input of rank ${fault.exact ? '' : 'at least '}${fault.rank}${names}`;
    }
    case 'nonpositive': {
      const sizes = fault.outputSizes.map((d) => (d === null ? '?' : d)).join('x');
      return empty ? `a larger input (its output would be ${sizes}, an empty tensor, so nothing after it sees the data)` : `a larger input (its output size would be ${sizes})`;
    }
    case 'undefined-dim':
      return fault.dims === 'channel' ? 'a known channel dimension' : 'an input whose dimensions (after the batch) are all known';
    case 'stride-dilation':
      return `strides or dilationRate of 1 (it has strides ${fault.strides.join(', ')} and dilationRate ${fault.dilationRate.join(', ')}; tfjs cannot use both)`;
    case 'reshape-count':
      return `targetShape [${fault.targetShape.join(', ')}] to hold ${fault.elements} elements per example`;
    case 'axis': {
      const why = fault.axis !== undefined ? `its axis is ${fault.axis}` : 'its default axis is 1';
      return `axis: -1 for an input of rank ${fault.rank} (${why}, and tfjs computes softmax only along the last axis)`;
    }
    case 'merge':
      if (fault.concatAxis === undefined) return `inputs of compatible shapes (${fault.layerType} is elementwise)`;
      return `inputs that match on every axis except the concat axis (${fault.concatAxis === -1 ? 'the last axis' : `axis ${fault.concatAxis}`})`;
  }
}

/** `dense (layer 2, line 7)`, or `dense (line 7)` outside a sequential model. */
function describeLayer(file: FileAnalysis, site: LayerSite): string {
  return `${site.layer.kindName} (${site.position !== undefined ? `layer ${site.position}, ` : ''}line ${file.lineOf(site.layer.call)})`;
}

function describeSource(file: FileAnalysis, from: InputSource): string {
  if (from === 'model-input') return ' from the model input';
  return from.length ? ` from ${from.map((site) => describeLayer(file, site)).join(' and ')}` : '';
}

function dataLabel(validation: boolean): string {
  return validation ? 'validationData ' : '';
}

/**
 * tfjs's own error for data that does not fit `ref`, as fit / evaluate (standardizeInputData,
 * prefix 'input' or 'target') and predict (checkInputData) word it; long ones are cut with "...".
 */
function tfjsDataError(check: DataCheck, ref: Shape, method: string, prefix: 'input' | 'target'): string {
  const predict = method === 'predict' || method === 'predictOnBatch';
  // tfjs prints the data's real sizes; a size we do not know prints as ?.
  const dims = check.checked.map((d) => (d === null ? '?' : String(d)));
  const name = check.tfjsName ?? (prefix === 'input' ? 'the input' : 'the output');
  if (check.failure === 'rank') {
    return predict
      ? `Error when checking : expected ${name} to have ${ref.length} dimension(s), but got array with shape [${dims.join(',')}]`
      : `Error when checking ${prefix}: expected ${name} to have ${ref.length} dimension(s). but got array with shape ${dims.join(',')}`;
  }
  return predict
    ? `Error when checking : expected ${name} to have shape ${JSON.stringify(ref)} but got array with shape [${dims.join(',')}].`
    : `${prefix} expected a batch of elements where each example has shape [${ref.slice(1).join(',')}] ...`;
}

function describeInput(file: FileAnalysis, model: ModelValue, i: number): string {
  if (model.signature) return ` (the model from ${baseName(model.signature.fileName)})`;
  if (model.modelType !== 'sequential') return '';
  const first = model.layers[0]?.layer;
  if (!(first instanceof LayerValue) || i !== 0) return '';
  return ` (inputShape of ${first.kindName}, layer 1, line ${file.lineOf(first.call)})`;
}

function describeOutput(file: FileAnalysis, model: ModelValue): string {
  if (model.signature) return ` (the model from ${baseName(model.signature.fileName)})`;
  if (model.modelType !== 'sequential') return '';
  const n = model.layers.length;
  const last = model.layers[n - 1]?.layer;
  if (!(last instanceof LayerValue)) return '';
  return ` (from ${last.kindName}, layer ${n}, line ${file.lineOf(last.call)})`;
}

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}
