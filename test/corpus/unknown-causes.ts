// Why a model's --summary is not fully known: the first thing the engine could not follow, as
// a short cause ("layer added in a loop", "units from a parameter", ...). Used by
// `npm run corpus -- --unknown` to rank what keeps summaries unknown. Reads the engine's
// facts (the graph, the sequential flow, evaluated configs) and names the syntax where a
// value was lost; it changes nothing and decides nothing.
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts, SK } from '../../server/src/engine/ts';
import { layerRules } from '../../server/src/engine/shapes/layers';
import { hostKindOf, scriptBlocks } from '../../server/src/engine/script-blocks';
import { mayUseTfjs } from '../../server/src/engine/prefilter';
import type { Modules } from '../../server/src/engine/modules';
import { LayerValue, ListValue, ModelValue, ObjectValue, TensorValue, UNKNOWN, type Value } from '../../server/src/engine/values';

const RULES = layerRules(() => undefined);

/** Where a value the engine reads as UNKNOWN comes from: the syntax that first loses it. */
export function originOf(file: FileAnalysis, expr: ts.Expression, depth = 0): string {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (depth > 12) return 'deep chain';
  // A child that is itself unknown explains more than the node.
  const unknownChild = (children: readonly (ts.Expression | undefined)[]): ts.Expression | undefined =>
    children.find((c): c is ts.Expression => !!c && file.evaluate(c) === UNKNOWN);
  if (ts.isIdentifier(e)) {
    const decl = file.scopes.resolve(e);
    if (!decl) return e.text === 'tf' ? 'tf not recognised' : 'undeclared global';
    if (ts.isParameter(decl)) return 'parameter';
    if (ts.isBindingElement(decl)) {
      let root: ts.Node = decl;
      while (ts.isBindingElement(root) || ts.isObjectBindingPattern(root) || ts.isArrayBindingPattern(root)) root = root.parent;
      if (ts.isParameter(root)) return 'parameter (destructured)';
      if (ts.isVariableDeclaration(root) && root.initializer) return originOf(file, root.initializer, depth + 1);
      return 'destructured';
    }
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl)) return 'import from another file';
    if (ts.isVariableDeclaration(decl)) {
      const list = decl.parent;
      if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) return 'loop variable (for..of/in)';
      if (ts.isVariableDeclarationList(list) && ts.isForStatement(list.parent)) return 'loop counter';
      const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      if (!isConst && file.scopes.isReassigned(decl)) return 'reassigned let/var';
      if (!decl.initializer) return 'declared without value';
      if (file.evaluate(decl.initializer) !== UNKNOWN) return 'contents changed after declaration';
      return originOf(file, decl.initializer, depth + 1);
    }
    if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return 'function/class value';
    return `declared as ${SK[decl.kind]}`;
  }
  if (ts.isPropertyAccessExpression(e)) {
    if (e.expression.kind === SK.ThisKeyword) return 'class field (this.x)';
    const recv = file.evaluate(e.expression);
    if (recv === UNKNOWN) return originOf(file, e.expression, depth + 1);
    if (recv instanceof TensorValue && e.name.text === 'shape') return 'tensor .shape';
    return `property .${e.name.text} of a known value`;
  }
  if (ts.isElementAccessExpression(e)) {
    const child = unknownChild([e.expression, e.argumentExpression]);
    if (child) return originOf(file, child, depth + 1);
    return 'element of a known value';
  }
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isIdentifier(callee) && callee.text === 'require') return 'require of another file';
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math') {
      const child = unknownChild(e.arguments);
      return child ? originOf(file, child, depth + 1) : 'Math call';
    }
    if (ts.isPropertyAccessExpression(callee) && ['parseInt', 'parseFloat', 'Number'].includes(callee.name.text)) return 'parsed number';
    if (ts.isIdentifier(callee) && ['parseInt', 'parseFloat', 'Number'].includes(callee.text)) return 'parsed number';
    const fn = file.evaluate(callee);
    if (fn === UNKNOWN) return 'call of unknown function';
    return 'call result';
  }
  if (ts.isBinaryExpression(e) || ts.isConditionalExpression(e) || ts.isPrefixUnaryExpression(e) || ts.isTemplateExpression(e)) {
    const kids = ts.isBinaryExpression(e) ? [e.left, e.right] : ts.isConditionalExpression(e) ? [e.condition, e.whenTrue, e.whenFalse] : ts.isPrefixUnaryExpression(e) ? [e.operand] : e.templateSpans.map((s) => s.expression);
    const child = unknownChild(kids);
    if (child) return originOf(file, child, depth + 1);
    return ts.isConditionalExpression(e) ? 'conditional with two values' : 'operator on known values';
  }
  if (ts.isArrayLiteralExpression(e)) {
    const el = e.elements.find((x) => containsUnknown(file.evaluate(ts.isSpreadElement(x) ? x.expression : x)));
    if (el) return originOf(file, ts.isSpreadElement(el) ? el.expression : el, depth + 1);
    return 'array literal';
  }
  if (ts.isObjectLiteralExpression(e)) return 'object literal with unknown part';
  return `syntax ${SK[e.kind]}`;
}

/** The first config key of a layer the engine cannot read, with where its value comes from. */
function unknownConfig(file: FileAnalysis, layer: LayerValue, keys?: readonly string[]): string | undefined {
  const arg = layer.call.arguments?.[0];
  if (layer.config === UNKNOWN) return `layer config unknown: ${arg ? originOf(file, arg) : '?'}`;
  if (!(layer.config instanceof ObjectValue)) return undefined;
  for (const [key, value] of layer.config.props) {
    if (keys && !keys.includes(key)) continue;
    if (!containsUnknown(value)) continue;
    const node = layer.config.propNodes.get(key);
    const init = node && ts.isPropertyAssignment(node) ? node.initializer : node && ts.isShorthandPropertyAssignment(node) ? node.name : undefined;
    return `${keyClass(key)} ${init ? originOf(file, init) : 'spread'}`;
  }
  if (layer.config.open) return 'layer config spread of unknown object';
  return undefined;
}

function keyClass(key: string): string {
  if (['inputShape', 'batchInputShape', 'inputDim', 'inputLength'].includes(key)) return 'input shape from';
  return `${key} from`;
}

function containsUnknown(v: Value): boolean {
  if (v === UNKNOWN || v instanceof ListValue) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  return false;
}

/** Why an add() or layers-list entry's place is not certain. */
function uncertainPlace(node: ts.Node, modelCall: ts.Node): string {
  const fnOf = (n: ts.Node): ts.Node | undefined => {
    for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
    return undefined;
  };
  const home = fnOf(modelCall);
  for (let n: ts.Node = node.parent; n && n !== home; n = n.parent) {
    switch (n.kind) {
      case SK.ForStatement:
      case SK.ForOfStatement:
      case SK.ForInStatement:
      case SK.WhileStatement:
      case SK.DoStatement:
        return 'layer added in a loop';
      case SK.IfStatement:
      case SK.ConditionalExpression:
      case SK.SwitchStatement:
        return 'layer added under a branch';
      case SK.TryStatement:
        return 'layer added in a try block';
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['forEach', 'map'].includes(n.expression.name.text)) return 'layer added in a forEach/map callback';
    if (ts.isFunctionLike(n)) return 'layer added in another function';
  }
  return 'layer added under && / ||';
}

/** The cause of a model's summary not being fully known; undefined when it is. */
export function unknownCause(file: FileAnalysis, model: ModelValue): string | undefined {
  const shapes = file.shapes;
  if (model.modelType === 'sequential') return sequentialCause(file, model);
  if (model.modelType !== 'functional') return undefined;
  const s = shapes.summary(model, shapes.namer());
  if (!s) return 'no summary';
  if (!(model.config instanceof ObjectValue)) return `functional config unknown: ${model.call.arguments[0] ? originOf(file, model.call.arguments[0]) : 'none'}`;
  const outs = model.config.get('outputs');
  const list = Array.isArray(outs) ? outs : [outs];
  if (!list.every((t) => t instanceof TensorValue)) {
    const node = model.config.propNodes.get('outputs');
    const init = node && ts.isPropertyAssignment(node) ? node.initializer : node && ts.isShorthandPropertyAssignment(node) ? node.name : undefined;
    return `functional outputs unknown: ${init ? originOf(file, init) : '?'}`;
  }
  const row = s.rows.find((r) => r.outputShape === undefined || r.params === undefined);
  if (!row) {
    if (s.totalParams !== undefined) return undefined;
    return file.shapes.trainableSetting(model) === 'default' ? 'functional graph reaches unseen layers' : 'trainable set by code on the model or its layers';
  }
  if (row.model) return `functional: model used as a layer, ${row.params === undefined ? 'its summary not known' : 'its input or output shape not known'}`;
  if (!row.layer) {
    const input = file.graph.tensors.find((t) => t.op === 'input' && shapes.namer().nameOfInput(t) === row.name);
    const arg = input?.operands[0];
    return `functional input shape unknown${arg ? `: ${originOf(file, arg)}` : ''}`;
  }
  return layerCause(file, row.layer, row.inputShapes?.every((x) => x !== undefined) ?? false, 'functional');
}

function layerCause(file: FileAnalysis, layer: LayerValue, inputKnown: boolean, kind: string): string {
  if (!RULES[layer.layerType]) return `${kind}: layer type without a shape rule (${layer.layerType})`;
  const cfg = unknownConfig(file, layer);
  if (cfg) return `${kind}: ${cfg}`;
  if (!inputKnown) return `${kind}: input of layer unknown (applied to unknown tensor)`;
  return `${kind}: layer rule answers unknown (${layer.layerType})`;
}

function sequentialCause(file: FileAnalysis, model: ModelValue): string | undefined {
  const shapes = file.shapes;
  const s = shapes.summary(model, shapes.namer());
  if (!s) return 'no summary';
  const fully = s.rows.length > 0 && s.rows.every((r) => r.outputShape !== undefined && r.params !== undefined) && s.totalParams !== undefined && s.nonTrainableParams !== undefined;
  if (fully) return undefined;
  if (model.layers.length === 0) {
    if (model.config === UNKNOWN) return `sequential config unknown: ${model.call.arguments[0] ? originOf(file, model.call.arguments[0]) : '?'}`;
    return model.escapes ? 'no layers seen: model handed to code we do not follow' : 'no layers seen';
  }
  const flow = shapes.sequentialFlow(model);
  if (model.escapes && shapes.escapesBeforeLayers(model)) return `model escapes before its layers are added: ${escapeKind(model)}`;
  for (const [i, entry] of model.layers.entries()) {
    if (entry.layer === UNKNOWN) {
      const arg = entry.node as ts.Expression;
      return `layer value unknown: ${ts.isExpression(arg) ? originOf(file, arg) : '?'}`;
    }
    if (!entry.certain) return uncertainPlace(entry.node, model.call);
    const step = flow.steps.find((st) => st.entry === entry);
    if (i === 0 && !flow.input) {
      const cfg = unknownConfig(file, entry.layer, ['inputShape', 'batchInputShape', 'inputDim', 'batchSize', 'inputLength']);
      if (cfg) return `first layer: ${cfg}`;
      if (entry.layer.config === UNKNOWN || (entry.layer.config instanceof ObjectValue && entry.layer.config.open)) return `first layer: ${unknownConfig(file, entry.layer) ?? 'config unknown'}`;
      return 'first layer has no input shape';
    }
    if (!step || !step.outcome || step.outcome.shape === undefined || step.outcome.params === undefined || step.outcome.problem?.when === 'build') {
      if (step?.outcome?.problem?.when === 'build') return `build-time shape problem (${step.outcome.problem.fault.kind})`;
      return layerCause(file, entry.layer, !!step?.input, 'sequential');
    }
  }
  if (model.escapes) return 'model escapes (totals unknown)';
  if (shapes.trainableSetting(model) !== 'default') return 'trainable set by code on the model or its layers';
  return 'totals unknown';
}

/** Cause per model of one file, in --summary's order and lines (script blocks of HTML, Vue, Svelte files too). */
export function unknownCausesOf(fileName: string, text: string, modules?: Modules): { line: number; cause: string | undefined }[] {
  const kind = hostKindOf(fileName);
  if (!kind) return causesOfScript(fileName, text, 0, modules);
  return scriptBlocks(text, kind)
    .filter((b) => b.tfLoaded)
    .flatMap((b) => causesOfScript(`${fileName}${b.extension}`, text.slice(b.start, b.end), text.slice(0, b.start).split('\n').length - 1, modules));
}

function causesOfScript(fileName: string, text: string, lineOffset: number, modules: Modules | undefined): { line: number; cause: string | undefined }[] {
  if (!mayUseTfjs(text)) return [];
  const file = modules ? modules.analysisFor(fileName, text) : FileAnalysis.parse(fileName, text);
  return file.graph.models.filter((m) => m.modelType !== 'loaded').map((m) => ({ line: file.lineOf(m.call) + lineOffset, cause: unknownCause(file, m) }));
}

/** How a model escapes before its layers are known: not bound to a local variable, or which use. */
function escapeKind(model: ModelValue): string {
  let n: ts.Node = model.call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isAwaitExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isVariableDeclaration(p)) return 'a local variable used before its last layer';
  if (ts.isBinaryExpression(p) && ts.isIdentifier(p.left)) return 'assigned to an outer variable';
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left) && p.left.expression.kind === SK.ThisKeyword) return 'held in this.field';
  if (ts.isReturnStatement(p)) return 'returned directly';
  if (ts.isPropertyDeclaration(p)) return 'class field initializer';
  return `created in ${SK[p.kind]}`;
}
