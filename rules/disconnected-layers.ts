// disconnected-layers (post cause T4-1, "the model is built wrong"): functional models whose
// outputs depend on an input they do not list (tfjs throws "Graph disconnected"), inputs no
// output depends on, layer branches computed and never used, and layers created and never
// used at all. Only certain facts are reported: every edge walked is one the evaluator knows,
// and a value counts as unused only when every place it could go is visible in this file.
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import { ts } from '../server/src/engine/ts';
import type { Fix } from '../server/src/engine/types';
import { LayerValue, ObjectValue, TensorValue, tensorList } from '../server/src/engine/values';
import { applyCallOnReceiver, isInertRead, outermostWrapper } from '../server/src/engine/bindings';
import { removeStatementEdit, isSideEffectFree } from './support/statement-removal';

export const rule: Rule = {
  meta: {
    id: 'disconnected-layers',
    description: 'Functional models whose outputs do not reach their inputs, unused inputs, and layers or branches that are built but never used.',
    defaultSeverity: 'warning',
    source: 'T4-1',
    fixable: true,
  },
  check(context) {
    const { file } = context;
    for (const model of file.graph.models) {
      if (model.modelType === 'functional') checkModelWiring(context, model.config);
    }
    checkDeadBranches(context);
    checkDeadLayers(context);
  },
};

// ---- tf.model({inputs, outputs}) ----------------------------------------------------------

function checkModelWiring(context: RuleContext, config: unknown): void {
  const { file } = context;
  if (!(config instanceof ObjectValue) || config.open) return;
  const inputs = tensorList(config.get('inputs'));
  const outputs = tensorList(config.get('outputs'));
  if (!inputs || !outputs || !inputs.every((t) => t.op === 'input')) return;
  const inputsNode = config.propNodes.get('inputs');
  const outputsNode = config.propNodes.get('outputs');
  if (!inputsNode || !outputsNode) return;
  const listed = new Set(inputs);
  const reach = file.ancestry(outputs);

  // Every reached input is a certain ancestor of an output: the edges walked are all known.
  const missing = reach.inputs.filter((t) => !listed.has(t));
  for (const input of missing) {
    context.report({
      node: outputsNode,
      message:
        `The model's outputs depend on ${describeInput(input, file)}, which is not in its inputs ` +
        `[${inputs.map((t) => shortName(t, file)).join(', ')}]: tfjs throws "Graph disconnected" when tf.model builds it. ` +
        `Add ${shortName(input, file)} to inputs, or compute the outputs from the listed inputs.`,
    });
  }
  // Some ancestors unknown: any input might be used. Disconnected: tfjs throws first, and the
  // listed input left over is most likely the one meant instead (one finding is enough).
  if (!reach.complete || missing.length > 0) return;
  const used = new Set(reach.inputs);
  inputs.forEach((input, i) => {
    if (used.has(input)) return;
    context.report({
      node: inputElementNode(inputsNode, i, inputs.length) ?? inputsNode,
      message:
        `${capitalise(describeInput(input, file))} is in the model's inputs, but no output depends on it: ` +
        `tfjs still demands data for it in fit, predict and evaluate, then ignores that data. ` +
        `Connect it to an output, or remove it from inputs.`,
    });
  });
}

/** The array element naming input number `i`, when `inputs: [a, b]` is written out. */
function inputElementNode(prop: ts.Node, i: number, count: number): ts.Node | undefined {
  if (!ts.isPropertyAssignment(prop) || !ts.isArrayLiteralExpression(prop.initializer)) return undefined;
  const elements = prop.initializer.elements;
  return elements.length === count && !elements.some(ts.isSpreadElement) ? elements[i] : undefined;
}

// ---- branches: layer.apply(...) results nothing uses ---------------------------------------

function checkDeadBranches(context: RuleContext): void {
  const { file } = context;
  const candidates = new Map<ts.Node, TensorValue>();
  for (const t of file.graph.tensors) {
    if (t.op !== 'apply' || !(t.producer instanceof LayerValue) || !layerOnlyApplied(t.producer, file)) continue;
    const operands = file.operandTensors(t);
    if (!operands) continue;
    const reach = file.ancestry(operands);
    if (!reach.complete || reach.inputs.length === 0) continue; // not certainly a symbolic graph step
    candidates.set(t.node, t);
  }
  // Which candidate consumes each read of a result (as its input, or inside its input array).
  const consumerOf = (read: ts.Identifier): TensorValue | undefined => {
    let n = outermostWrapper(read);
    if (n.parent && ts.isArrayLiteralExpression(n.parent)) n = outermostWrapper(n.parent);
    const call = n.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments[0] !== n) return undefined;
    return candidates.get(call);
  };
  const readsOf = new Map<TensorValue, ts.Identifier[]>();
  const dead = new Set<TensorValue>();
  for (const t of candidates.values()) {
    const uses = file.usesOf(t.node);
    if (uses.kind === 'escapes') continue;
    readsOf.set(t, uses.kind === 'variable' ? uses.reads : []);
    dead.add(t);
  }
  // Greatest fixpoint: a result is dead when every read of it feeds another dead result.
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of dead) {
      const reads = readsOf.get(t) ?? [];
      if (reads.every((r) => { const c = consumerOf(r); return isInertRead(r) || (c !== undefined && c !== t && dead.has(c)); })) continue;
      dead.delete(t);
      changed = true;
    }
  }
  for (const t of dead) {
    const operands = file.operandTensors(t) ?? [];
    if (operands.some((o) => dead.has(o))) continue; // reported at the start of its branch
    const branch = collectBranch(t, dead, readsOf, consumerOf);
    const layers = branch.map((b) => (b.producer as LayerValue).layerType);
    const what = branch.length === 1
      ? `This ${layers[0]} branch`
      : `This branch of ${branch.length} layers (${layers.join(' -> ')})`;
    context.report({
      node: t.node,
      message:
        `${what} is computed but never used: no model output depends on it and nothing else reads it, ` +
        `so its layers are in no model and are never trained. Add it to the outputs of tf.model, or remove it.`,
    });
  }
}

/** The dead results downstream of `start` (itself included), in source order. */
function collectBranch(
  start: TensorValue,
  dead: Set<TensorValue>,
  readsOf: Map<TensorValue, ts.Identifier[]>,
  consumerOf: (r: ts.Identifier) => TensorValue | undefined,
): TensorValue[] {
  const seen = new Set<TensorValue>([start]);
  const queue = [start];
  while (queue.length) {
    const t = queue.shift() as TensorValue;
    for (const r of readsOf.get(t) ?? []) {
      const c = consumerOf(r);
      if (c && dead.has(c) && !seen.has(c)) {
        seen.add(c);
        queue.push(c);
      }
    }
  }
  return [...seen].sort((a, b) => a.node.pos - b.node.pos);
}

/**
 * A layer whose only uses are `.apply(...)` calls: applying it has no effect anyone can see
 * besides the result. (A layer whose weights are read or set relies on being built.)
 */
function layerOnlyApplied(layer: LayerValue, file: FileAnalysis): boolean {
  if (applyCallOnReceiver(layer.call)) return true;
  const uses = file.usesOf(layer.call);
  return uses.kind === 'variable' && uses.reads.every((r) => applyCallOnReceiver(r) !== undefined || isInertRead(r));
}

// ---- layers created and never used ---------------------------------------------------------

function checkDeadLayers(context: RuleContext): void {
  const { file } = context;
  for (const layer of file.graph.layers) {
    if (layer.applications.length || layer.addedTo.length) continue;
    const uses = file.usesOf(layer.call);
    // Reading its name or shape (a log line) does not put a layer in a model.
    if (uses.kind === 'escapes' || (uses.kind === 'variable' && !uses.reads.every(isInertRead))) continue;
    context.report({
      node: layer.call,
      message:
        `This ${layer.kindName} layer is created but never used: it is not added to a model, applied, passed or stored, ` +
        `so it is in no model. Add it to the model (model.add, layers: [...]) or apply it, or remove it.`,
      // Removing it would leave those reads naming nothing.
      fixes: uses.kind === 'variable' && uses.reads.length > 0 ? [] : removalFix(layer, uses.statement, file),
    });
  }
}

/**
 * Removing the statement is offered, never marked safe: constructing a layer validates its
 * config (it can throw), and it takes a number from tfjs's global name counter, so removing it
 * renames every later auto-named layer of that class (dense_Dense3 becomes dense_Dense2),
 * which `getLayer(name)` calls and saved weight names can depend on.
 */
function removalFix(layer: LayerValue, statement: ts.Statement, file: FileAnalysis): Fix[] {
  if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length !== 1) return [];
  if (!(layer.call.arguments ?? []).every(isSideEffectFree)) return [];
  const edit = removeStatementEdit(statement, file);
  return edit ? [{ title: `Remove the unused ${layer.kindName} layer`, safe: false, edits: [edit] }] : [];
}

// ---- naming things in messages -------------------------------------------------------------

function shortName(t: TensorValue, file: FileAnalysis): string {
  const decl = outermostWrapper(t.node).parent;
  if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) return decl.name.text;
  return `the tf.input at line ${file.lineOf(t.node)}`;
}

function describeInput(t: TensorValue, file: FileAnalysis): string {
  const decl = outermostWrapper(t.node).parent;
  if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) return `input '${decl.name.text}' (line ${file.lineOf(t.node)})`;
  return `the tf.input at line ${file.lineOf(t.node)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
