// ignored-config: config keys tfjs never reads (`lr` in compile, `epoch`/`batch_size` in fit,
// `input_shape` in a layer) and strings it rejects (loss 'mse', optimizer 'nadam', activation
// 'leaky_relu', restoreBestWeights: true), and a config object given to a tf.train factory that
// takes numbers. A misspelt key is silently ignored, so training runs with the default (1 epoch,
// batches of 32, the optimizer's own rate); a bad string throws; an object rate gives NaN.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Fix, TextEdit } from '../server/src/engine/types';
import { ModelValue, UNKNOWN } from '../server/src/engine/values';
import { followBinding } from './support/follow';
import {
  ACTIVATION_STRINGS, COMPILE_KEYS, EARLY_STOPPING_KEYS, FIT_DATASET_KEYS, FIT_KEYS, KERAS_ALIASES, LAYER_CONFIG_KEYS,
  LOSS_STRINGS, METRIC_STRINGS, OPTIMIZER_STRINGS, didYouMean,
} from '../server/src/engine/tfjs/history-and-configs';
import { optimizerRecord } from '../server/src/engine/tfjs/catalog';
import { methodName, receiverOf } from './support/call-shape';
import { quoted } from './support/output-edits';

/** What a fit key's default means when the misspelt key is ignored. */
const FIT_DEFAULTS: ReadonlyMap<string, string> = new Map([
  ['epochs', 'training runs 1 epoch (the default)'],
  ['batchSize', 'batches stay at 32 examples (the default)'],
  ['validationSplit', 'no data is held out for validation'],
  ['validationData', 'no validation runs'],
  ['callbacks', 'the callbacks never run'],
  ['shuffle', 'the data is shuffled (the default)'],
  ['classWeight', 'every class weighs the same'],
  ['initialEpoch', 'training starts at epoch 0'],
  ['batchesPerEpoch', 'each epoch runs until the dataset ends'],
]);
const RATE_KEYS = new Set(['lr', 'learningRate', 'learning_rate', 'learningrate']);
/** Callback hooks (tfjs CustomCallbackArgs). */
const CALLBACK_HOOKS = new Set(['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onYield']);

export const rule: Rule = {
  meta: {
    id: 'ignored-config',
    description: 'A config key tfjs ignores (lr in compile, epoch or batch_size in fit, input_shape in a layer), a string it rejects (loss \'mse\', an unknown optimizer or activation), or a config object passed to a tf.train optimizer, which takes numbers.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    for (const call of file.index.calls) {
      // Every check reads a config written in the call: skip calls without arguments at once.
      if (call.arguments.length === 0) continue;
      const method = methodName(call);
      if (method === 'compile') checkCompile(context, call);
      else if (method === 'fit') checkTraining(context, call, call.arguments[2], FIT_KEYS, 'fit');
      else if (method === 'fitDataset') checkTraining(context, call, call.arguments[1], FIT_DATASET_KEYS, 'fitDataset');
      else if (mayBeConfig(call.arguments[0])) {
        const path = file.tfCallPath(call);
        if (path === 'callbacks.earlyStopping') checkEarlyStopping(context, call);
        else if (path?.startsWith('layers.')) checkLayer(context, call, path);
        else if (path?.startsWith('train.')) checkOptimizerArguments(context, call, path);
      }
    }
  },
};

/** A layer or callback config is an object literal or a name for one; anything else needs no path lookup. */
function mayBeConfig(arg: ts.Expression): boolean {
  return ts.isObjectLiteralExpression(arg) || ts.isIdentifier(arg);
}

interface Entry {
  key: string;
  /** The property node (for removal) and its name node (for renames). */
  property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  nameNode: ts.PropertyName;
}

/** The entries of a config written as an object literal (here or in a const); undefined for spreads, computed keys, unknown objects. */
function literalConfig(file: FileAnalysis, arg: ts.Expression | undefined): { literal: ts.ObjectLiteralExpression; entries: Entry[] } | undefined {
  if (!arg) return undefined;
  const literal = followBinding(file, arg);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const entries: Entry[] = [];
  for (const p of literal.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return undefined;
    const n = p.name;
    if (!ts.isIdentifier(n) && !ts.isStringLiteral(n)) return undefined;
    entries.push({ key: n.text, property: p, nameNode: n });
  }
  return { literal, entries };
}

/** Is this call on a tfjs model? A model value, or an unknown receiver whose config speaks tfjs (one accepted key). */
function onModel(file: FileAnalysis, call: ts.CallExpression, entries: Entry[], accepted: ReadonlySet<string>): boolean {
  const receiver = receiverOf(call);
  if (!receiver) return false;
  const v = file.evaluate(receiver);
  if (v instanceof ModelValue) return true;
  // A tfjs key, or a misspelling of one (`epoch`, `batch_size`): a config written for tfjs.
  return v === UNKNOWN && entries.some((e) => accepted.has(e.key) || didYouMean(e.key, accepted) !== undefined);
}

function checkCompile(context: RuleContext, call: ts.CallExpression): void {
  const file = context.file;
  const config = literalConfig(file, call.arguments[0]);
  if (!config || !onModel(file, call, config.entries, COMPILE_KEYS)) return;
  const optimizer = config.entries.find((e) => e.key === 'optimizer');
  for (const e of config.entries) {
    if (COMPILE_KEYS.has(e.key)) continue;
    if (RATE_KEYS.has(e.key)) {
      reportRate(context, e, optimizer);
      continue;
    }
    reportKey(context, e, config.entries, COMPILE_KEYS, 'compile()', FIT_KEYS.has(e.key) ? `training never sees it: \`${e.key}\` is a fit() option` : undefined);
  }
  for (const e of config.entries) {
    if (!ts.isPropertyAssignment(e.property)) continue;
    if (e.key === 'loss') checkStrings(context, e.property.initializer, LOSS_STRINGS, 'loss', 'Unknown loss');
    if (e.key === 'metrics') checkStrings(context, e.property.initializer, METRIC_STRINGS, 'metric', 'Unknown metric');
    if (e.key === 'optimizer') checkStrings(context, e.property.initializer, OPTIMIZER_STRINGS, 'optimizer', 'Unknown Optimizer');
  }
}

function reportRate(context: RuleContext, rate: Entry, optimizer: Entry | undefined): void {
  const file = context.file;
  const value = optimizer && ts.isPropertyAssignment(optimizer.property) ? file.evaluate(optimizer.property.initializer) : undefined;
  const name = typeof value === 'string' && OPTIMIZER_STRINGS.has(value) ? value : undefined;
  const known = name?.toLowerCase();
  const defaultRate = known ? optimizerRecord(known)?.compileRate : undefined;
  const rateValue = ts.isPropertyAssignment(rate.property) ? rate.property.initializer : undefined;
  const stays = known && defaultRate !== undefined ? `the '${name}' optimizer keeps its default rate of ${defaultRate}` : 'the optimizer keeps its own rate';
  const advice = known && rateValue ? `tf.train.${known}(${file.textOf(rateValue)})` : 'an optimizer such as tf.train.adam(rate)';
  const message = `compile() has no \`${rate.key}\` option: tfjs ignores it and ${stays}. Pass ${advice} as the optimizer.`;
  const fixes: Fix[] = [];
  const factory = known ? file.tfName(`train.${known}`) : undefined;
  if (factory && rateValue && optimizer && ts.isPropertyAssignment(optimizer.property) && ts.isStringLiteralLike(optimizer.property.initializer)) {
    const init = optimizer.property.initializer;
    fixes.push({
      title: `Use ${factory}(${file.textOf(rateValue)}) as the optimizer`,
      // It changes the rate training runs with (to the one the author wrote): not applied unasked.
      safe: false,
      edits: [{ start: init.getStart(file.sourceFile), end: init.end, newText: `${factory}(${file.textOf(rateValue)})` }, removePropertyEdit(file, rate.property)],
    });
  }
  context.report({ node: rate.nameNode, message, fixes });
}

/**
 * `tf.train.adam({learningRate: 0.01})`: the factories take positional numbers, so tfjs uses the
 * object itself as the rate. Written often in public code (Keras and ml5 take a config there).
 */
function checkOptimizerArguments(context: RuleContext, call: ts.CallExpression, path: string): void {
  const file = context.file;
  const record = optimizerRecord(path.slice('train.'.length));
  const config = literalConfig(file, call.arguments[0]);
  if (!record || !config) return;
  const factory = file.textOf(call.expression);
  const positions = config.entries.map((e) => record.parameters.indexOf(RATE_KEYS.has(e.key) ? 'learningRate' : e.key));
  const values = config.entries.map((e) => (ts.isPropertyAssignment(e.property) ? file.textOf(e.property.initializer) : e.key));
  const args: string[] = [];
  positions.forEach((at, i) => (args[at] = values[i]));
  const fixable = config.literal === call.arguments[0] && call.arguments.length === 1 && positions.every((at) => at >= 0) &&
    (args[0] !== undefined || record.learningRate !== undefined);
  const positional = Array.from(args, (a) => a ?? 'undefined').join(', ');
  const advice = fixable ? ` Pass the numbers in order: ${factory}(${positional}).` : ` Pass the numbers in order: ${factory}(${record.parameters.join(', ')}).`;
  const message = `${factory}() takes numbers, not a config object: tfjs uses the object itself as the learning rate, so the loss turns NaN after the first step (or the step throws).${advice}`;
  const fixes: Fix[] = fixable
    ? [{ title: `Use ${factory}(${positional})`, safe: true, edits: [{ start: config.literal.getStart(file.sourceFile), end: config.literal.end, newText: positional }] }]
    : [];
  context.report({ node: config.literal === call.arguments[0] ? config.literal : call.arguments[0], message, fixes });
}

function checkTraining(context: RuleContext, call: ts.CallExpression, arg: ts.Expression | undefined, accepted: ReadonlySet<string>, what: string): void {
  const file = context.file;
  const config = literalConfig(file, arg);
  if (!config || !onModel(file, call, config.entries, accepted)) return;
  for (const e of config.entries) {
    if (accepted.has(e.key)) continue;
    if (CALLBACK_HOOKS.has(e.key) && accepted.has('callbacks')) {
      reportHook(context, e, config.entries, what);
      continue;
    }
    const meant = didYouMean(e.key, accepted);
    reportKey(context, e, config.entries, accepted, `${what}()`, meant ? FIT_DEFAULTS.get(meant) : undefined);
  }
}

function checkEarlyStopping(context: RuleContext, call: ts.CallExpression): void {
  const file = context.file;
  const config = literalConfig(file, call.arguments[0]);
  if (!config) return;
  for (const e of config.entries) {
    if (!EARLY_STOPPING_KEYS.has(e.key)) {
      reportKey(context, e, config.entries, EARLY_STOPPING_KEYS, 'earlyStopping()');
      continue;
    }
    if (e.key === 'restoreBestWeights' && ts.isPropertyAssignment(e.property) && file.evaluate(e.property.initializer) === true) {
      context.report({
        node: e.nameNode,
        message: 'tf.callbacks.earlyStopping throws "restoreBestWeights = True is not implemented in EarlyStopping yet." when restoreBestWeights is true. Remove it (training then keeps the last weights, not the best).',
        fixes: [{ title: 'Remove restoreBestWeights', safe: false, edits: [removePropertyEdit(file, e.property)] }],
      });
    }
  }
}

function checkLayer(context: RuleContext, call: ts.CallExpression, path: string): void {
  const file = context.file;
  const config = literalConfig(file, call.arguments[0]);
  if (!config) return;
  const layer = `tf.${path}()`;
  for (const e of config.entries) {
    // Only snake_case spellings of real layer keys: other unknown keys depend on the layer.
    if (!e.key.includes('_') || LAYER_CONFIG_KEYS.has(e.key)) continue;
    const meant = didYouMean(e.key, LAYER_CONFIG_KEYS);
    if (!meant) continue;
    reportKey(context, e, config.entries, LAYER_CONFIG_KEYS, layer);
  }
  for (const e of config.entries) {
    if ((e.key === 'activation' || e.key === 'recurrentActivation') && ts.isPropertyAssignment(e.property)) {
      checkStrings(context, e.property.initializer, ACTIVATION_STRINGS, 'activation', 'Unknown activation:');
    }
  }
}

/** A key the call does not read: what is lost, the likely spelling, and the rename when it is free. */
function reportKey(context: RuleContext, e: Entry, entries: Entry[], accepted: ReadonlySet<string>, where: string, consequence?: string): void {
  const file = context.file;
  const meant = didYouMean(e.key, accepted);
  const taken = meant !== undefined && entries.some((o) => o.key === meant);
  const hint = meant ? (taken ? ` (\`${meant}\` is already set)` : ` Did you mean \`${meant}\`?`) : '';
  const message = `${where} has no \`${e.key}\` option: tfjs ignores it${consequence ? `, so ${consequence}` : ''}.${hint}`;
  const fixes: Fix[] = [];
  if (meant && !taken && ts.isPropertyAssignment(e.property)) {
    fixes.push({ title: `Rename to ${meant}`, safe: true, edits: [{ start: e.nameNode.getStart(file.sourceFile), end: e.nameNode.end, newText: renamed(e.nameNode, meant) }] });
  }
  context.report({ node: e.nameNode, message, fixes });
}

/** `onEpochEnd: fn` written straight into the fit config: tfjs only calls hooks given in `callbacks`. */
function reportHook(context: RuleContext, e: Entry, entries: Entry[], what: string): void {
  const file = context.file;
  const hasCallbacks = entries.some((o) => o.key === 'callbacks');
  const message = `${what}() has no \`${e.key}\` option: tfjs ignores it, so the hook never runs. Pass it inside \`callbacks\`: {callbacks: {${e.key}: ...}}.`;
  const fixes: Fix[] = hasCallbacks
    ? []
    : [{ title: `Move ${e.key} into callbacks`, safe: true, edits: [{ start: e.property.getStart(file.sourceFile), end: e.property.end, newText: `callbacks: {${file.textOf(e.property)}}` }] }];
  context.report({ node: e.nameNode, message, fixes });
}

/** Strings tfjs looks up by name (a value, an array of them, or a map of them for multi-output models). */
function checkStrings(context: RuleContext, value: ts.Expression, accepted: ReadonlySet<string>, kind: string, thrown: string): void {
  const file = context.file;
  const node = followBinding(file, value);
  if (ts.isArrayLiteralExpression(node)) {
    for (const el of node.elements) checkStrings(context, el, accepted, kind, thrown);
    return;
  }
  if (ts.isObjectLiteralExpression(node)) {
    for (const p of node.properties) if (ts.isPropertyAssignment(p)) checkStrings(context, p.initializer, accepted, kind, thrown);
    return;
  }
  const v = file.evaluate(value);
  if (typeof v !== 'string' || accepted.has(v)) return;
  const meant = didYouMean(v, accepted, kind === 'metric' ? undefined : KERAS_ALIASES);
  const keras = kind === 'loss' && METRIC_STRINGS.has(v) ? ` ('${v}' names a metric in tfjs, not a loss)` : '';
  const advice = meant ? ` Use '${meant}'.` : kind === 'optimizer' ? ` Use one of ${[...OPTIMIZER_STRINGS].filter((k) => k === k.toLowerCase()).map((k) => `'${k}'`).join(', ')}, or a tf.train optimizer.` : '';
  const message = `${file.textOf(value)} is not ${kind === 'activation' || kind === 'optimizer' ? 'an' : 'a'} ${kind} tfjs knows${keras}: the call throws "${thrown} ${v}".${advice}`;
  const fixes: Fix[] = meant && ts.isStringLiteralLike(value)
    ? [{ title: `Use '${meant}'`, safe: true, edits: [{ start: value.getStart(file.sourceFile), end: value.end, newText: quoted(file, meant, value) }] }]
    : [];
  context.report({ node: value, message, fixes });
}

function renamed(nameNode: ts.PropertyName, to: string): string {
  if (ts.isStringLiteral(nameNode)) return nameNode.getText().charAt(0) + to + nameNode.getText().charAt(0);
  return to;
}

/** Deletes a property and the comma after it (or before it, for the last one). */
function removePropertyEdit(file: FileAnalysis, property: ts.ObjectLiteralElementLike): TextEdit {
  const list = (property.parent as ts.ObjectLiteralExpression).properties;
  const i = list.indexOf(property);
  if (i < list.length - 1) return { start: property.getStart(file.sourceFile), end: list[i + 1].getStart(file.sourceFile), newText: '' };
  if (i > 0) return { start: list[i - 1].end, end: property.end, newText: '' };
  return { start: property.getStart(file.sourceFile), end: property.end, newText: '' };
}
