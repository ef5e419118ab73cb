// Text edits that change a model's output activation or its compile loss, shared by the
// output/loss rules. An edit is offered only when it changes just the model at fault: a
// config object shared by several layers or compile calls gets no edit (undefined).
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import type { CompileInfo, OutputActivation } from '../../server/src/engine/model-facts';
import { ObjectValue } from '../../server/src/engine/values';
import type { TextEdit } from '../../server/src/engine/types';
import type { RuleContext } from '../../server/src/engine/rule';
import { unwrap } from './call-shape';

/** Recurrent layers: their `activation` is the cell's, so rewriting it is not the fix. */
const RECURRENT = new Set(['simpleRNN', 'lstm', 'gru']);

/** A string literal in the quote style of `like` (a string literal) or single quotes. */
export function quoted(file: FileAnalysis, text: string, like?: ts.Node): string {
  const q = like && ts.isStringLiteral(like) && file.text[like.getStart(file.sourceFile)] === '"' ? '"' : "'";
  return `${q}${text}${q}`;
}

/** Sets the output layer's `activation` to `activation`, replacing or inserting the property. */
export function setActivationEdit(file: FileAnalysis, out: OutputActivation, activation: string): TextEdit | undefined {
  const layer = out.layer;
  if (RECURRENT.has(layer.layerType)) return undefined;
  const prop = out.activationNode;
  if (prop) {
    const sharers = file.graph.layers.filter((l) => l.config instanceof ObjectValue && l.config.propNodes.get('activation') === prop);
    if (sharers.length !== 1) return undefined;
    if (ts.isPropertyAssignment(prop)) {
      const init = prop.initializer;
      return { start: init.getStart(file.sourceFile), end: init.getEnd(), newText: quoted(file, activation, unwrap(init)) };
    }
    if (ts.isShorthandPropertyAssignment(prop)) {
      return { start: prop.getStart(file.sourceFile), end: prop.getEnd(), newText: `activation: ${quoted(file, activation)}` };
    }
    return undefined; // e.g. a spread we would have to rewrite
  }
  // No `activation` written: insert one, but only into the layer's own config literal.
  if (!(layer.config instanceof ObjectValue) || layer.config.open) return undefined;
  const arg = layer.call.arguments?.[0];
  const literal = arg && unwrap(arg);
  if (!literal || !ts.isObjectLiteralExpression(literal) || layer.config.node !== literal) return undefined;
  const property = `activation: ${quoted(file, activation)}`;
  const props = literal.properties;
  if (props.length === 0) {
    const inside = literal.getStart(file.sourceFile) + 1;
    return { start: inside, end: inside, newText: property };
  }
  const last = props[props.length - 1];
  return { start: last.getEnd(), end: last.getEnd(), newText: `, ${property}` };
}

/** Replaces the compile call's `loss` with the loss string `loss`. */
export function setLossEdit(file: FileAnalysis, info: CompileInfo, loss: string): TextEdit | undefined {
  const node = info.loss?.node;
  if (!node) return undefined;
  const inCall = node.getStart(file.sourceFile) >= info.call.getStart(file.sourceFile) && node.getEnd() <= info.call.getEnd();
  if (!inCall) {
    // The config lives in a variable: edit it only when no other compile call reads it.
    const readers = file.graph.models.flatMap((m) => file.compiles(m)).filter((c) => c.loss?.node === node);
    if (readers.length !== 1) return undefined;
  }
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent)) {
    return { start: parent.getStart(file.sourceFile), end: parent.getEnd(), newText: `loss: ${quoted(file, loss)}` };
  }
  return { start: node.getStart(file.sourceFile), end: node.getEnd(), newText: quoted(file, loss, unwrap(node)) };
}

/** How a layer is described in messages: "dense 'sigmoid' with 3 units". */
export function describeOutput(out: OutputActivation): string {
  const units = out.units === undefined ? '' : ` with ${out.units} unit${out.units === 1 ? '' : 's'}`;
  return `${out.layer.layerType} '${out.activation}'${units}`;
}

/** Where to report an output-activation finding: the `activation` property, else the layer call. */
export function activationReportNode(out: OutputActivation): ts.Node {
  return out.activationNode ?? out.layer.call;
}

/** What to tell the user when the output activation should become linear. */
export function linearAdvice(out: OutputActivation): string {
  if (out.activationNode) return "Use activation 'linear'";
  if (RECURRENT.has(out.layer.layerType)) return `Add a final dense layer with activation 'linear' after the ${out.layer.layerType}`;
  if (out.layer.layerType !== 'dense') return `Remove the final ${out.layer.layerType} layer`;
  return "Use activation 'linear'";
}

/** Where to report an output's activation, unless that node was reported already (then undefined). */
function firstReportAt(out: OutputActivation, reported: Set<ts.Node>): ts.Node | undefined {
  const node = activationReportNode(out);
  if (reported.has(node)) return undefined;
  reported.add(node);
  return node;
}

/**
 * Reports a regression output's activation once (models built from one shared config point
 * at the same node), with the fix to 'linear' when it can be written safely there.
 * `message` receives the advice sentence to end with.
 */
export function reportLinearOutput(
  context: RuleContext,
  out: OutputActivation,
  reported: Set<ts.Node>,
  message: (advice: string) => string,
): void {
  const node = firstReportAt(out, reported);
  if (!node) return;
  const edit = setActivationEdit(context.file, out, 'linear');
  context.report({
    node,
    message: message(linearAdvice(out)),
    fixes: edit ? [{ title: "Use activation 'linear'", safe: false, edits: [edit] }] : [],
  });
}

/**
 * Reports a regression output whose targets are not known as a question, at most an info and
 * with no fix (the output may be right for targets we cannot see). Once per output node, as
 * reportLinearOutput; `message` receives the advice in lower case, to follow "If ...,".
 */
export function reportLinearQuestion(
  context: RuleContext,
  out: OutputActivation,
  reported: Set<ts.Node>,
  message: (advice: string) => string,
): void {
  const node = firstReportAt(out, reported);
  if (!node) return;
  const advice = linearAdvice(out);
  context.report({ node, message: message(advice[0].toLowerCase() + advice.slice(1)), maxSeverity: 'info' });
}
