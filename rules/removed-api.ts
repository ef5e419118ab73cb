// removed-api: tfjs names from older releases (tf.loadModel, tf.fromPixels, tensor.get, the
// *Strict ops) and Python Keras method names (model.predict_classes) that tfjs 4 does not
// have: the call throws "... is not a function". Quiet when the file or its project pins a
// release that still had the name.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Fix } from '../server/src/engine/types';
import { ModelValue, TensorValue, UNKNOWN } from '../server/src/engine/values';
import {
  KERAS_MODEL_METHODS,
  NOW_ASYNC_TENSOR_METHODS,
  REMOVED_TENSOR_METHODS,
  REMOVED_TF_PATHS,
  type RemovedApi,
} from '../server/src/engine/tfjs/history-and-configs';
import { pinnedTfjsMajor } from '../server/src/engine/tfjs/version-pins';

/** Every name any table knows: one set lookup per identifier of the file. */
const WATCHED: ReadonlySet<string> = new Set([
  ...REMOVED_TF_PATHS.keys(), ...REMOVED_TENSOR_METHODS.keys(), ...NOW_ASYNC_TENSOR_METHODS.keys(), ...KERAS_MODEL_METHODS.keys(),
]);

export const rule: Rule = {
  meta: {
    id: 'removed-api',
    description: 'A tfjs API removed in 1.0-3.0 (tf.loadModel, tf.fromPixels, tensor.get, addStrict) or a Keras method name tfjs never had (predict_classes): it throws "is not a function".',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    // A version written in the file (a CDN URL) wins over the project's declared one.
    const major = pinnedTfjsMajor(file.text) ?? context.project.tfjsMajor;
    const removed = (api: RemovedApi): boolean => major === undefined || major >= api.removedIn;
    let keras: Set<string> | undefined;
    for (const id of file.index.identifiers) {
      const name = id.text;
      if (!WATCHED.has(name)) continue;
      const top = REMOVED_TF_PATHS.get(name);
      if (top && removed(top)) checkTfPath(context, id, top);
      const method = REMOVED_TENSOR_METHODS.get(name) ?? NOW_ASYNC_TENSOR_METHODS.get(name);
      if (method && removed(method)) checkTensorMethod(context, id, method);
      const kerasName = KERAS_MODEL_METHODS.get(name);
      if (kerasName && (keras ??= kerasNamesInScope(file)).has(name)) checkKerasMethod(context, id, kerasName);
    }
  },
};

/** `tf.loadModel` (a namespace member), or a named import of it used in code. */
function checkTfPath(context: RuleContext, id: ts.Identifier, api: RemovedApi): void {
  const file = context.file;
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
    if (file.tfPath(parent.expression) !== '' || !isRun(parent)) return;
    const full = `${file.textOf(parent.expression)}.${api.name}`;
    const fixes = renameFix(file, id, api, parent);
    context.report({ node: id, message: message(full, api, fixes.length === 0), fixes });
    return;
  }
  // A named import (`import { loadModel } from '@tensorflow/tfjs'`), at each use: no fix, the
  // import would have to change too.
  if (!isExpressionUse(id) || !isRun(id) || file.tfPath(id) !== api.name) return;
  context.report({ node: id, message: message(api.name, api) });
}

/** `t.get(0)` and `t.buffer().get(0)` on a value the evaluator knows is a tensor. */
function checkTensorMethod(context: RuleContext, id: ts.Identifier, api: RemovedApi): void {
  const file = context.file;
  const access = id.parent;
  if (!ts.isPropertyAccessExpression(access) || access.name !== id) return;
  const call = access.parent;
  if (!ts.isCallExpression(call) || call.expression !== access) return;
  const tensor = file.evaluate(access.expression);
  // tf.data and tf.io calls are modelled as producers too, but they make datasets and handlers.
  if (!(tensor instanceof TensorValue) || /^(data|io)\./.test(tensor.op)) return;
  const full = `${file.textOf(access.expression)}.${api.name}()`;
  if (NOW_ASYNC_TENSOR_METHODS.has(api.name)) {
    // Only a synchronous use of the result fails: `await t.buffer()` is still right.
    const use = call.parent;
    if (!(ts.isPropertyAccessExpression(use) && use.expression === call) && !(ts.isElementAccessExpression(use) && use.expression === call)) return;
    context.report({
      node: id,
      message: `${full} returns a Promise since TensorFlow.js 1.0, so using its result right away throws ("... is not a function" or undefined values). Use ${api.instead} for the buffer now.`,
      fixes: [{ title: `Use ${api.rename!.to}()`, safe: true, edits: [{ start: id.getStart(file.sourceFile), end: id.end, newText: api.rename!.to }] }],
    });
    return;
  }
  context.report({ node: id, message: message(full, api), fixes: renameFix(file, id, api, access) });
}

/** `model.predict_classes(x)` on a model, or on a receiver the file cannot have given that method. */
function checkKerasMethod(context: RuleContext, id: ts.Identifier, api: RemovedApi): void {
  const file = context.file;
  const access = id.parent;
  if (!ts.isPropertyAccessExpression(access) || access.name !== id) return;
  const call = access.parent;
  if (!ts.isCallExpression(call) || call.expression !== access) return;
  const receiver = file.evaluate(access.expression);
  if (!(receiver instanceof ModelValue) && receiver !== UNKNOWN) return;
  const full = `${file.textOf(access.expression)}.${api.name}()`;
  const text =
    `${full} is Python Keras; a TensorFlow.js model has no such method, so the call throws "${file.textOf(access)} is not a function". ` +
    `Use ${api.instead}${KERAS_USE.get(api.name) ?? ''}.`;
  context.report({ node: id, message: text, fixes: renameFix(file, id, api, access) });
}

/** How the Keras method's replacement is used, where its name alone does not say it. */
const KERAS_USE: ReadonlyMap<string, string> = new Map([
  ['fit_generator', ' with a tf.data.Dataset'],
  ['evaluate_generator', ' with a tf.data.Dataset'],
  ['predict_generator', ' on each batch'],
  ['get_weights', ' (it returns tensors)'],
  ['set_weights', ' (it takes tensors)'],
]);

/** What differs from the replacement, when it is not a drop-in. */
function whatDiffers(api: RemovedApi): string | undefined {
  if (api.name.endsWith('Strict')) return `${api.instead} broadcasts where the strict op threw on different shapes`;
  if (api.name.startsWith('batchNormalization')) {
    return 'its arguments are (x, mean, variance, offset, scale, varianceEpsilon): offset and scale swap places and the epsilon moves last';
  }
  if (api.name === 'loadFrozenModel') return 'it loads the model.json that tfjs-converter 1.x writes, not the .pb and weights manifest URLs';
  if (api.name === 'FrozenModel') return 'loaded with tf.loadGraphModel';
  return undefined;
}

/** Why a call with more arguments than the rename takes gets no fix. */
const NOT_RENAMED: ReadonlyMap<string, string> = new Map([['loadModel', 'its second argument is an options object such as {strict: false}, not a boolean']]);

function message(what: string, api: RemovedApi, noFix = false): string {
  const differs = whatDiffers(api);
  const otherwise = noFix ? NOT_RENAMED.get(api.name) : undefined;
  const note = differs ? ` (${differs})` : otherwise ? ` (${otherwise})` : api.rename?.safe ? ' (same arguments)' : '';
  return `${what} was removed in TensorFlow.js ${api.removedIn}.0, so the call throws "${what} is not a function". Use ${api.instead}${note}.`;
}

function renameFix(file: FileAnalysis, id: ts.Identifier, api: RemovedApi, access: ts.PropertyAccessExpression): Fix[] {
  const rename = api.rename;
  if (!rename) return [];
  const call = access.parent;
  if (rename.onlyWithArgs !== undefined && !(ts.isCallExpression(call) && call.expression === access && call.arguments.length <= rename.onlyWithArgs)) return [];
  const newText = rename.to;
  return [{ title: `Use ${newText}`, safe: rename.safe, edits: [{ start: id.getStart(file.sourceFile), end: id.end, newText }] }];
}

/**
 * Is the name called, constructed, extended or tested with instanceof? Other reads are feature
 * checks (`tf.loadModel || tf.loadLayersModel`, `if (tf.fromPixels)`) that work on every version.
 */
function isRun(e: ts.Expression): boolean {
  let node: ts.Node = e;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const p = node.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === node) return true;
  if (ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return true;
  return ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent);
}

/** An identifier read as a value (not a declaration, property name, import specifier or type). */
function isExpressionUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isBindingElement(p)) && p.name === id) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isParameter(p) || ts.isClassDeclaration(p)) && p.name === id) return false;
  return true;
}

/**
 * Keras names the file uses but does not define itself: a class method, object property,
 * function or assignment named `predict_classes` makes a call of it the file's own.
 */
function kerasNamesInScope(file: FileAnalysis): Set<string> {
  const used = new Set<string>();
  const defined = new Set<string>();
  for (const id of file.index.identifiers) {
    if (KERAS_MODEL_METHODS.has(id.text)) (isDefinition(id) ? defined : used).add(id.text);
  }
  for (const d of defined) used.delete(d);
  return used;
}

function isDefinition(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isMethodDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isFunctionDeclaration(p) ||
    ts.isVariableDeclaration(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodSignature(p) || ts.isPropertySignature(p)) && p.name === id) return true;
  // `obj.predict_classes = ...`
  return ts.isPropertyAccessExpression(p) && p.name === id && ts.isBinaryExpression(p.parent) &&
    p.parent.left === p && p.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
