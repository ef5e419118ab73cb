// shape-mismatch (post cause T4-2, data in the wrong form): shapes that tfjs rejects, found by
// the engine's shape inference (server/src/engine/shapes): a first sequential layer with no
// input shape, the batch dimension written into inputShape, a layer given a rank it cannot
// take, sizes shrinking to zero or below, merge layers with incompatible inputs, reshape to a
// different element count, x / y of fit, evaluate and predict against the model's input and
// output shapes, x and y example counts, matMul inner sizes, concat of unequal tensors.
// Everything reported was computed from known values; unknown shapes stay quiet.
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Rule } from '../server/src/engine/rule';
import type { FixHint, ShapeProblem } from '../server/src/engine/shapes';
import { ts } from '../server/src/engine/ts';
import type { Fix } from '../server/src/engine/types';
import { ObjectValue, type ModelValue } from '../server/src/engine/values';

/** Problems about the data handed to a model (several may be reported per model). */
const DATA_KINDS = new Set(['fit-x', 'fit-y', 'batch-size']);

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
      context.report({ node: p.node, message: p.message, fixes: fix ? [fix] : [], ...(p.labelForm ? { deferTo: 'label-format' } : {}) });
    }
  },
};

function fixFor(file: FileAnalysis, hint: FixHint): Fix | undefined {
  switch (hint.kind) {
    case 'add-input-shape':
      return addInputShape(file, hint.layer.call, hint.inputShape);
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

export type { ShapeProblem };
