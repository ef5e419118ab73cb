// unnormalized-input: raw 0-255 pixel values (int32 from fromPixels / decodeImage, or
// Uint8Array data) fed to a model built in this file with no float cast and scaling on the
// way. Inputs in the hundreds saturate activations and swamp the gradients.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Fix } from '../server/src/engine/types';
import { FunctionValue, LayerValue, ModelValue, ObjectValue, TensorValue, TypedArrayValue } from '../server/src/engine/values';
import { consumerOf, methodName, receiverOf, unwrap } from './support/call-shape';
import { followBinding } from './support/follow';
import { opRecord, opsWhere } from '../server/src/engine/tfjs/catalog';
import { formatNumber } from './support/format';

/** Calls whose first argument is the model's input. */
const SINKS = new Set(['fit', 'predict', 'evaluate', 'apply', 'execute', 'predictOnBatch', 'trainOnBatch']);

/** tfjs functions that decode an image into int32 values in 0..255 (from the tfjs catalog). */
const PIXEL_SOURCES = opsWhere((r) => r.dtype === 'int32' && r.range?.lo === 0 && r.range.hi === 255);

/** Tensor creators (not tf.scalar) and where their dtype argument sits. */
const CREATORS = opsWhere((r) => r.shape === 'constructor' && r.rank !== 0);

/**
 * Ops that move, reshape, cast, resize, average or round values but keep their scale: raw
 * pixels stay raw through them (the catalog's `preserves`; creators are handled above).
 */
const SCALE_PRESERVING = opsWhere((r) => r.preserves !== undefined && r.shape !== 'constructor');

/** Input layers that rescale or do not want scaled floats (ids, categories). */
const INPUT_HANDLING_LAYERS = new Set(['rescaling', 'embedding', 'categoryEncoding', 'batchNormalization', 'layerNormalization']);
/** Layers that may come before such a layer without changing values' scale. */
const PASS_THROUGH_LAYERS = new Set(['inputLayer', 'resizing', 'centerCrop']);

interface RawSource {
  /** The call that produced the raw values. */
  call: ts.CallExpression;
  /** How the message describes them. */
  what: string;
  /** The largest value they are known to reach: the fix divides by it. */
  scale: number;
}

/** int32 values known to reach above this are treated as raw magnitudes (pixels, counts). */
const LARGE_INT = 10;

export const rule: Rule = {
  meta: {
    id: 'unnormalized-input',
    description: 'Raw 0-255 pixel values reach the model without a float cast and scaling.',
    defaultSeverity: 'warning',
    source: 'T2-5',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    const reported = new Set<ts.CallExpression>();
    for (const call of file.graph.calls) {
      const method = methodName(call);
      if (!method || !SINKS.has(method) || !call.arguments[0]) continue;
      const model = file.evaluate(receiverOf(call));
      if (!(model instanceof ModelValue) || model.modelType === 'loaded' || !takesScaledInput(file, model)) continue;
      const value = file.evaluate(call.arguments[0]);
      const source = (value instanceof TensorValue ? rawSource(file, value, 0) : undefined) ?? rawSourceThroughHelper(file, call.arguments[0]);
      if (!source || reported.has(source.call)) continue;
      reported.add(source.call);
      const receiverText = file.textOf(receiverOf(call)!);
      const fix = scaleFix(context, source);
      context.report({
        node: source.call,
        message:
          `${source.what} reach ${receiverText}.${method}() on line ${file.lineOf(call)} without a float cast and scaling: ` +
          `inputs in the hundreds saturate activations and swamp the gradients, so the model trains badly. ` +
          `Append .toFloat().div(${formatNumber(source.scale)}).`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/**
 * Does this model expect scaled float input? Unknown first layers, and inputs that go to a
 * rescaling, normalisation, embedding or category-encoding layer, say no (or "cannot know").
 */
function takesScaledInput(file: FileAnalysis, model: ModelValue): boolean {
  if (model.modelType === 'functional') {
    // Inputs taken from another (loaded) model keep that model's preprocessing, unknown here.
    if (!(model.config instanceof ObjectValue)) return false;
    const inputs = model.config.get('inputs');
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (!list.every((i) => i instanceof TensorValue && i.op === 'input')) return false;
    return !file.graph.layers.some((l) => INPUT_HANDLING_LAYERS.has(l.layerType));
  }
  for (const entry of model.layers) {
    if (!entry.certain || !(entry.layer instanceof LayerValue)) return false;
    if (PASS_THROUGH_LAYERS.has(entry.layer.layerType)) continue;
    return !INPUT_HANDLING_LAYERS.has(entry.layer.layerType);
  }
  return false;
}

/** Follows a tensor back through scale-preserving ops to a raw pixel source, if that is where it starts. */
function rawSource(file: FileAnalysis, t: TensorValue, depth: number): RawSource | undefined {
  if (depth > 50) return undefined;
  const pixels = PIXEL_SOURCES.has(t.op) ? `tf.${t.op}` : undefined;
  if (pixels && ts.isCallExpression(t.node)) return { call: t.node, what: `int32 pixel values (0-255) from ${pixels}`, scale: 255 };
  if (CREATORS.has(t.op) && ts.isCallExpression(t.node)) return createdRaw(file, t, t.node);
  if (!SCALE_PRESERVING.has(t.op) || !t.operands[0]) return undefined;
  const input = file.evaluate(t.operands[0]);
  if (input instanceof TensorValue) return rawSource(file, input, depth + 1);
  // stack / concat of a list: raw when every element is raw.
  if (Array.isArray(input) && input.length > 0) {
    const sources = input.map((el) => (el instanceof TensorValue ? rawSource(file, el, depth + 1) : undefined));
    return sources.every((s) => s !== undefined) ? sources[0] : undefined;
  }
  return undefined;
}

/** Parameters of a same-file helper mapped to the arguments of the call that feeds the model. */
type HelperArguments = Map<ts.Node, ts.Expression>;

/**
 * `prep(tf.browser.fromPixels(img))`, directly or through a const, where `prep` returns one
 * expression built from its parameter. The evaluator leaves parameters unknown, so the helper's
 * return expression is walked as syntax, with each parameter standing for its argument.
 */
function rawSourceThroughHelper(file: FileAnalysis, expr: ts.Expression): RawSource | undefined {
  const call = followBinding(file, expr);
  if (!ts.isCallExpression(call)) return undefined;
  const fn = file.evaluate(call.expression);
  if (!(fn instanceof FunctionValue)) return undefined;
  const returned = singleReturn(fn.declaration);
  if (!returned) return undefined;
  const args: HelperArguments = new Map();
  fn.declaration.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && !p.dotDotDotToken && call.arguments[i]) args.set(p, call.arguments[i]);
  });
  return args.size ? rawSourceInSyntax(file, returned, args, 0) : undefined;
}

/** The one expression a function returns: an arrow's expression body or a lone `return`. */
function singleReturn(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  if (!fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return fn.body;
  const returns = fn.body.statements.filter(ts.isReturnStatement);
  return returns.length === 1 ? returns[0].expression : undefined;
}

function rawSourceInSyntax(file: FileAnalysis, expr: ts.Expression, args: HelperArguments, depth: number): RawSource | undefined {
  if (depth > 50) return undefined;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const decl = file.scopes.resolve(e);
    const arg = decl && args.get(decl);
    if (arg) return rawSourceInSyntax(file, arg, new Map(), depth + 1); // the caller's argument
    const init = followBinding(file, e);
    if (init !== e) return rawSourceInSyntax(file, init, args, depth + 1);
  } else if (ts.isCallExpression(e)) {
    const path = file.tfCallPath(e);
    const op = path ?? methodName(e);
    if (op !== undefined && SCALE_PRESERVING.has(op)) {
      const next = path !== undefined ? e.arguments[0] : receiverOf(e);
      return next ? rawSourceInSyntax(file, next, args, depth + 1) : undefined;
    }
  }
  const value = file.evaluate(e);
  return value instanceof TensorValue ? rawSource(file, value, depth + 1) : undefined;
}

/**
 * tf.tensor(new Uint8Array(...)) (image bytes); tf.tensor(data, shape, 'int32') or of an
 * Int32Array only when its values are known to reach well above 1: small int32 values (class
 * ids, counts 0-3) are not pixels, and dividing them by 255 stops learning.
 */
function createdRaw(file: FileAnalysis, t: TensorValue, call: ts.CallExpression): RawSource | undefined {
  const data = file.evaluate(t.operands[0]);
  const dtypeArg = call.arguments[opRecord(t.op)!.dtypeArg!];
  const dtype = dtypeArg ? file.evaluate(dtypeArg) : undefined;
  if (dtype !== undefined && typeof dtype !== 'string') return undefined;
  if (data instanceof TypedArrayValue && data.dtype === 'uint8') {
    return { call, what: `0-255 values from a Uint8Array (tf.${t.op}${dtype ? `, dtype '${dtype}'` : ''})`, scale: 255 };
  }
  const int32 = dtype === 'int32' ? `tf.${t.op} with dtype 'int32'` : dtype === undefined && data instanceof TypedArrayValue && data.dtype === 'int32' ? `an Int32Array, tf.${t.op}` : undefined;
  if (!int32) return undefined;
  const range = file.valueRange(call);
  if (!range?.exact || range.lo < 0 || !(range.hi > LARGE_INT) || !Number.isFinite(range.hi)) return undefined;
  const hi = formatNumber(range.hi);
  return { call, what: `int32 values up to ${hi} (${int32})`, scale: range.hi };
}

/** Appends .toFloat().div(<scale>) to the source (wrapping an awaited fromPixelsAsync). */
function scaleFix(context: RuleContext, source: RawSource): Fix {
  const file = context.file;
  const call = source.call;
  const scaled = `.toFloat().div(${formatNumber(source.scale)})`;
  const { parent } = consumerOf(call);
  const title = `Cast to float and scale to [0, 1] with ${scaled}`;
  // Not safe: data fed to the same model from another source must be scaled the same way.
  if (ts.isAwaitExpression(parent)) {
    const start = parent.getStart(file.sourceFile);
    return { title, safe: false, edits: [{ start, end: parent.getEnd(), newText: `(${file.textOf(parent)})${scaled}` }] };
  }
  return { title, safe: false, edits: [{ start: call.getEnd(), end: call.getEnd(), newText: scaled }] };
}
