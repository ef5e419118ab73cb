// no-early-stopping: a long fit with validation data but nothing that stops it when the
// validation loss turns. The model trains on past its best epoch and overfits unnoticed.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { Fix } from '../server/src/engine/types';
import { CallbackValue, ImportedFunction, ModelValue, ObjectValue, UNKNOWN, type Value } from '../server/src/engine/values';
import { fitConfigArgument, indentationAt, methodName, methodNameNode, receiverOf, unwrap } from './support/call-shape';
import { declarationOf, followBinding, isTfvisNamespace } from './support/follow';

const EARLY_STOPPING_ARGS = "{monitor: 'val_loss', patience: 5}";

export const rule: Rule = {
  meta: {
    id: 'no-early-stopping',
    description: 'A long fit with validation data has no tf.callbacks.earlyStopping: training runs on after validation loss stops improving.',
    defaultSeverity: 'info',
    source: 'T3-1',
    fixable: true,
    defaultOptions: { minEpochs: 20 },
  },
  check(context) {
    const file = context.file;
    const minEpochs = typeof context.options.minEpochs === 'number' ? context.options.minEpochs : 20;
    let esName: string | undefined | null = null;
    for (const call of file.graph.calls) {
      const method = methodName(call);
      if (method !== 'fit' && method !== 'fitDataset') continue;
      const receiver = file.evaluate(receiverOf(call));
      // A model built here, or one we cannot see (a parameter): the config shape decides.
      if (!(receiver instanceof ModelValue) && receiver !== UNKNOWN) continue;
      const configNode = fitConfigArgument(call);
      if (!configNode) continue;
      const config = file.evaluate(configNode);
      if (!(config instanceof ObjectValue)) continue;
      const epochs = config.get('epochs');
      if (typeof epochs !== 'number' || epochs < minEpochs) continue;
      const validation = validationSource(config, method);
      if (!validation) continue;
      // Validation data that is the training data cannot show overfitting; early stopping on it
      // would only stop at the training loss's plateau.
      if (validatesOnTrainingData(context, call, config, method)) continue;
      if (tooSmallToOverfit(context, call, receiver, config, method)) continue;
      const callbacksNode = propertyValueNode(config, 'callbacks');
      // A fit whose callbacks plot or print the validation metrics is watched: overfitting shows.
      if (callbacksNode && readsValidationMetrics(context, callbacksNode)) continue;
      const verdict = config.has('callbacks') === false ? 'none' : callbacksNode ? classify(context, callbacksNode) : 'unknown';
      if (verdict !== 'none') continue;
      if (esName === null) esName = file.tfName('callbacks.earlyStopping'); // once per file: it walks the tree
      const fix = esName ? buildFix(context, config, `${esName}(${EARLY_STOPPING_ARGS})`) : undefined;
      context.report({
        node: methodNameNode(call),
        message:
          `${method} runs ${epochs} epochs with ${validation} but no tf.callbacks.earlyStopping: ` +
          `training goes on after the validation loss stops improving, and the model overfits unnoticed. ` +
          `Add tf.callbacks.earlyStopping(${EARLY_STOPPING_ARGS}).`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/** What validation data the config carries ('validationSplit 0.2'), or undefined for none or unknown. */
function validationSource(config: ObjectValue, method: string): string | undefined {
  if (method === 'fit') {
    const split = config.get('validationSplit');
    if (typeof split === 'number' && split > 0 && split < 1) return `validationSplit ${split}`;
  }
  if (config.has('validationData') === true) {
    const data = config.get('validationData');
    const node = config.propNodes.get('validationData');
    // Written out but unknowable is still validation data; a literal undefined/null is not.
    if (data !== undefined && data !== null && node && !ts.isSpreadAssignment(node)) return 'validationData';
  }
  return undefined;
}

/** `fit(x, y, {validationData: [x, y]})`, `fitDataset(ds, {validationData: ds})`: the same bindings. */
function validatesOnTrainingData(context: RuleContext, call: ts.CallExpression, config: ObjectValue, method: string): boolean {
  const node = propertyValueNode(config, 'validationData');
  if (!node) return false;
  const file = context.file;
  const same = (a: ts.Expression | undefined, b: ts.Expression | undefined): boolean => {
    const da = a && declarationOf(file, a);
    return !!da && da === (b && declarationOf(file, b));
  };
  if (method === 'fitDataset') return same(node, call.arguments[0]);
  const data = followBinding(file, node);
  if (!ts.isArrayLiteralExpression(data) || data.elements.length < 2) return false;
  return same(data.elements[0], call.arguments[0]) && same(data.elements[1], call.arguments[1]);
}

/**
 * Training rows per trainable weight from which a model has too little capacity to overfit in
 * a way early stopping would catch: its validation loss follows the training loss (a 3-weight
 * linear regression on 8,000 rows, in the corpus).
 */
const ROWS_PER_WEIGHT = 100;

/**
 * `fit(x, ...)` of a model whose every layer and weight count is known, with at least
 * ROWS_PER_WEIGHT training rows of x (after validationSplit) per trainable weight.
 */
function tooSmallToOverfit(context: RuleContext, call: ts.CallExpression, receiver: Value, config: ObjectValue, method: string): boolean {
  if (method !== 'fit' || !(receiver instanceof ModelValue) || !call.arguments[0]) return false;
  const shapes = context.file.shapes;
  const summary = shapes.summary(receiver, shapes.namer());
  if (!summary || !summary.rowsComplete || summary.rows.some((r) => r.certain !== true)) return false;
  const weights = summary.trainableParams;
  const rows = shapes.tensorShape(call.arguments[0])?.[0];
  if (weights === undefined || typeof rows !== 'number') return false;
  const split = config.get('validationSplit');
  const training = typeof split === 'number' && split > 0 && split < 1 ? Math.floor(rows * (1 - split)) : rows;
  return weights * ROWS_PER_WEIGHT <= training;
}

/** Metric names tfjs gives validation results in the epoch logs: val_loss, val_acc, val_mse... */
const VALIDATION_METRIC = /^val_/;
/** How far the search follows names (a callback held in a const, a function declared elsewhere). */
const MAX_FOLLOW = 3;

/**
 * Do these callbacks read a validation metric: `logs.val_loss`, `tfvis.show.history(c, logs,
 * ['loss', 'val_loss'])`, `tfvis.show.fitCallbacks(c, ['val_loss'])`? Follows names to
 * same-file consts and functions; a callback it cannot see into counts as not reading one.
 */
function readsValidationMetrics(context: RuleContext, expr: ts.Node): boolean {
  const file = context.file;
  const seen = new Set<ts.Node>();
  const visit = (node: ts.Node, depth: number): boolean => {
    if (seen.has(node)) return false;
    seen.add(node);
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && VALIDATION_METRIC.test(node.text)) return true;
    if (ts.isPropertyAccessExpression(node) && VALIDATION_METRIC.test(node.name.text)) return true;
    if (ts.isIdentifier(node) && depth < MAX_FOLLOW) {
      const decl = file.scopes.resolve(node);
      const target = decl && (ts.isVariableDeclaration(decl) ? decl.initializer : ts.isFunctionDeclaration(decl) ? decl.body : undefined);
      if (target && visit(target, depth + 1)) return true;
      // `const { onEpochEnd } = tfvis.show.fitCallbacks(...)`: the initializer of the pattern.
      if (decl && ts.isBindingElement(decl)) {
        let holder: ts.Node = decl;
        while (holder && !ts.isVariableDeclaration(holder)) holder = holder.parent;
        if (holder && holder.initializer && visit(holder.initializer, depth + 1)) return true;
      }
    }
    return ts.forEachChild(node, (child) => visit(child, depth) || undefined) ?? false;
  };
  return visit(expr, 0);
}

/** The expression a config property is set to (the shorthand's name for `{callbacks}`). */
function propertyValueNode(config: ObjectValue, key: string): ts.Expression | undefined {
  const node = config.propNodes.get(key);
  if (!node) return undefined;
  if (ts.isPropertyAssignment(node)) return node.initializer;
  if (ts.isShorthandPropertyAssignment(node)) return node.name;
  return undefined;
}

type Verdict = 'early-stopping' | 'none' | 'unknown';

/** Does this callbacks expression include an early stop? Unknown parts make the answer unknown. */
function classify(context: RuleContext, expr: ts.Expression): Verdict {
  const file = context.file;
  const e = followBinding(file, expr);
  if (ts.isArrayLiteralExpression(e)) {
    let verdict: Verdict = 'none';
    for (const el of e.elements) {
      const v = ts.isSpreadElement(el) ? classify(context, el.expression) : classify(context, el);
      if (v === 'early-stopping') return v;
      if (v === 'unknown') verdict = 'unknown';
    }
    return verdict;
  }
  // tfvis.show.fitCallbacks(...) draws charts and never stops training.
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fitCallbacks') {
      const show = unwrap(callee.expression);
      if (ts.isPropertyAccessExpression(show) && show.name.text === 'show' && isTfvisNamespace(file, show.expression)) return 'none';
    }
  }
  return classifyValue(context, file.evaluate(e));
}

function classifyValue(context: RuleContext, v: Value): Verdict {
  if (v === undefined || v === null) return 'none';
  if (v instanceof CallbackValue) return v.name === 'earlyStopping' ? 'early-stopping' : 'unknown';
  if (Array.isArray(v)) {
    let verdict: Verdict = 'none';
    for (const el of v) {
      const c = classifyValue(context, el);
      if (c === 'early-stopping') return c;
      if (c === 'unknown') verdict = 'unknown';
    }
    return verdict;
  }
  // A hand-written callback object: it may stop training itself through model.stopTraining.
  if (v instanceof ObjectValue) {
    if (v.open || context.file.text.includes('stopTraining')) return 'unknown';
    // Its methods are written in another file, whose text this one does not show.
    if ([...v.props.values()].some((p) => p instanceof ImportedFunction)) return 'unknown';
    return 'none';
  }
  return 'unknown';
}

/** Adds the early-stopping callback to the config literal, merged with what is there. */
function buildFix(context: RuleContext, config: ObjectValue, earlyStopping: string): Fix | undefined {
  const file = context.file;
  const literal = config.node;
  if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
  // Mid-typing the parser closes an unfinished literal itself: an edit inside it would land
  // where the author is still writing (found by the fuzz run without the fix guard).
  if (!closedBy(file.text, literal, '}')) return undefined;
  const prop = config.propNodes.get('callbacks');
  const edit = (start: number, end: number, newText: string): Fix => ({
    title: 'Add tf.callbacks.earlyStopping to the callbacks',
    safe: false, // it changes how long training runs: a choice the author should see
    edits: [{ start, end, newText }],
  });
  if (!prop) {
    if (config.props.size === 0 || literal.properties.length === 0) return undefined;
    const last = literal.properties[literal.properties.length - 1];
    const lastEnd = last.getEnd();
    const multiline = file.positionAt(literal.properties[0].getStart(file.sourceFile)).line !== file.positionAt(literal.getStart(file.sourceFile)).line;
    const separator = multiline ? `,\n${indentationAt(file.text, last.getStart(file.sourceFile))}` : ', ';
    return edit(lastEnd, lastEnd, `${separator}callbacks: [${earlyStopping}]`);
  }
  // Only edit a property written in this literal, not one that came in through a spread.
  if (prop.parent !== literal) return undefined;
  if (ts.isShorthandPropertyAssignment(prop)) {
    return edit(prop.getStart(file.sourceFile), prop.getEnd(), `${prop.name.text}: [${prop.name.text}, ${earlyStopping}]`);
  }
  if (!ts.isPropertyAssignment(prop)) return undefined;
  const init = unwrap(prop.initializer);
  if (ts.isArrayLiteralExpression(init)) {
    if (!closedBy(file.text, init, ']')) return undefined;
    const elements = init.elements;
    if (elements.length === 0) return edit(init.getEnd() - 1, init.getEnd() - 1, earlyStopping);
    const lastEnd = elements[elements.length - 1].getEnd();
    return edit(lastEnd, lastEnd, `, ${earlyStopping}`);
  }
  const value = file.evaluate(init);
  const start = prop.initializer.getStart(file.sourceFile);
  const text = file.textOf(prop.initializer);
  // A variable holding an array is spread; a single callback becomes the first element.
  const spread = Array.isArray(value) ? `...${text}` : text;
  return edit(start, prop.initializer.getEnd(), `[${spread}, ${earlyStopping}]`);
}

/** True when the node's text really ends with its closing bracket (not one the parser assumed). */
function closedBy(text: string, node: ts.Node, bracket: string): boolean {
  return text[node.getEnd() - 1] === bracket;
}
