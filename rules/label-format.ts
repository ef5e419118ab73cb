// label-format (post cause T4-2, labels in the wrong form): labels whose form does not match
// the classification loss: class indices with categoricalCrossentropy, one-hot rows with
// sparseCategoricalCrossentropy, a label width other than the output's units, and literal
// binaryCrossentropy labels outside [0, 1]. Needs the model's output shape and the labels'
// shape, both known; otherwise quiet.
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import { ts } from '../server/src/engine/ts';
import type { Fix, Shape } from '../server/src/engine/types';
import type { ModelValue } from '../server/src/engine/values';
import { isClassIndexRows, isOneHotRows, labelFacts, singleOutputShape, type LabelFacts } from './support/label-values';

const CCE = 'categoricalCrossentropy';
const SCCE = 'sparseCategoricalCrossentropy';
const BCE = 'binaryCrossentropy';
/** Model methods whose second argument is the labels. */
const LABEL_METHODS = new Set(['fit', 'evaluate', 'trainOnBatch']);

export const rule: Rule = {
  meta: {
    id: 'label-format',
    description: 'Labels whose form does not fit the loss: class indices vs one-hot, label width vs output units, binary labels outside [0, 1].',
    defaultSeverity: 'error',
    source: 'T4-2',
    fixable: true,
  },
  check(context) {
    for (const model of context.file.graph.models) checkModel(context, model);
  },
};

interface LabelUse {
  call: ts.CallExpression;
  labels: ts.Expression;
  facts: LabelFacts | undefined;
}

function checkModel(context: RuleContext, model: ModelValue): void {
  const { file } = context;
  const compiles = file.compiles(model);
  if (compiles.length === 0 || compiles.some((c) => !c.loss || c.loss.name !== compiles[0].loss?.name)) return;
  const loss = compiles[0].loss?.name;
  if (loss !== CCE && loss !== SCCE && loss !== BCE) return;
  // Loss strings only: with a loss function (tf.metrics.*, custom) tfjs checks the targets
  // against the output shape whatever the function does, which is shape-mismatch's concern.
  if (!compiles[0].loss?.written.startsWith("'")) return;
  const output = singleOutputShape(file, model);
  if (!output || output.length !== 2 || typeof output[1] !== 'number') return;
  const units = output[1];

  const uses: LabelUse[] = model.calls
    .filter((c) => LABEL_METHODS.has(c.method) && c.call.arguments.length >= 2)
    .map((c) => ({ call: c.call, labels: c.call.arguments[1], facts: labelFacts(file, c.call.arguments[1]) }));
  const outputText = `model output is ${fmt(output)}${describeOutput(file, model)}`;

  for (const use of uses) {
    const shape = use.facts?.shape;
    if (!use.facts || !shape || (shape.length !== 1 && shape.length !== 2)) continue;
    const width = shape.length === 1 ? 1 : shape[1];
    if (typeof width !== 'number') continue;
    const { rows } = use.facts;
    const labelsText = `labels are ${fmt(shape)}`;

    if (loss === CCE) {
      if (units === 1 || width === units) continue; // one unit: loss-activation-mismatch's case
      if (width === 1 && !(rows && !rows.every((r) => Number.isInteger(r[0])))) {
        const oneHot = oneHotExpression(file, use.labels, units);
        context.report({
          node: use.labels,
          message:
            `${outputText} but ${labelsText}: ${CCE} needs one-hot labels of width ${units}. ` +
            `Use ${oneHot?.display ?? `tf.oneHot(labels, ${units})`}, or loss '${SCCE}'.`,
          fixes: [
            ...lossSwitch(file, model, uses, SCCE, (u) => widthOf(u) === 1, (u) => !!u.facts?.rows && isClassIndexRows(u.facts.rows, units)),
            ...(oneHot ? [oneHot.fix] : []),
          ],
        });
        continue;
      }
      context.report({
        node: use.labels,
        message: `${outputText} but ${labelsText}: ${CCE} needs labels of width ${units}, one column per output unit. Give the last layer ${width} units, or fix the labels.`,
      });
    } else if (loss === SCCE) {
      if (width === 1) continue;
      if (width === units && (use.facts.fromOneHot || (rows && isOneHotRows(rows)))) {
        context.report({
          node: use.labels,
          message: `${outputText} but labels are one-hot ${fmt(shape)}: ${SCCE} needs one class index per example (labels of shape [n] or [n, 1]). Use loss '${CCE}'.`,
          fixes: lossSwitch(file, model, uses, CCE, (u) => widthOf(u) === units, (u) => !!u.facts && (u.facts.fromOneHot || (!!u.facts.rows && isOneHotRows(u.facts.rows)))),
        });
        continue;
      }
      context.report({
        node: use.labels,
        message: `${outputText} but ${labelsText}: ${SCCE} needs one class index per example, labels of shape [n] or [n, 1].`,
      });
    } else {
      if (width !== units) {
        context.report({
          node: use.labels,
          message: `${outputText} but ${labelsText}: ${BCE} needs labels of width ${units}, one 0/1 column per output unit.`,
        });
        continue;
      }
      const outside = rows ? [...new Set(rows.flat().filter((x) => x < 0 || x > 1))] : [];
      if (outside.length === 0) continue;
      context.report({
        node: use.labels,
        message:
          `${outputText} but the labels hold ${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ', ...' : ''}: ` +
          `${BCE} needs labels between 0 and 1; outside that range the loss has no minimum and training runs away. ` +
          `Map the labels to 0 and 1, or use '${CCE}' with one-hot labels for more than two classes.`,
      });
    }
  }
}

function widthOf(u: LabelUse): number | undefined {
  const s = u.facts?.shape;
  if (!s) return undefined;
  if (s.length === 1) return 1;
  return s.length === 2 && typeof s[1] === 'number' ? s[1] : undefined;
}

/**
 * Switching the loss string to its twin: offered when the model is compiled once with a
 * written string and every fit/evaluate on it passes labels of the twin's form (otherwise the
 * switch would break another call). Safe when every label's values are known to suit the twin.
 */
function lossSwitch(
  file: FileAnalysis,
  model: ModelValue,
  uses: readonly LabelUse[],
  twin: string,
  fits: (u: LabelUse) => boolean,
  certain: (u: LabelUse) => boolean,
): Fix[] {
  const compiles = file.compiles(model);
  const node = compiles.length === 1 ? compiles[0].loss?.node : undefined;
  if (!node || model.escapes || !(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return [];
  if (!uses.every(fits)) return [];
  const quote = file.text.charAt(node.getStart(file.sourceFile));
  const range = file.rangeOf(node);
  return [{
    title: `Use loss '${twin}'`,
    safe: uses.every(certain),
    edits: [{ start: range.start, end: range.end, newText: `${quote}${twin}${quote}` }],
  }];
}

/** `tf.oneHot(labels.flatten().toInt(), units)`: tf.oneHot wants 1-D int32 indices. */
function oneHotExpression(file: FileAnalysis, labels: ts.Expression, units: number): { display: string; fix: Fix } | undefined {
  const name = file.tfName('oneHot');
  if (!name) return undefined;
  const text = file.textOf(labels);
  const simple = ts.isIdentifier(labels) || ts.isPropertyAccessExpression(labels) || ts.isCallExpression(labels) || ts.isElementAccessExpression(labels);
  const expr = `${name}(${simple ? text : `(${text})`}.flatten().toInt(), ${units})`;
  const range = file.rangeOf(labels);
  return {
    display: expr.length <= 60 ? expr : `${name}(labels.flatten().toInt(), ${units})`,
    fix: { title: `Wrap the labels in ${name}(..., ${units})`, safe: false, edits: [{ start: range.start, end: range.end, newText: expr }] },
  };
}

function describeOutput(file: FileAnalysis, model: ModelValue): string {
  const act = file.outputActivation(model);
  return act ? ` (${act.layer.layerType} '${act.activation}')` : '';
}

function fmt(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}
