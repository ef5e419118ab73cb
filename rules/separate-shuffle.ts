// separate-shuffle: features and labels shuffled each on its own. Each shuffle draws its own
// permutation, so example i no longer sits next to label i and the model learns noise.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { Fix, TextEdit } from '../server/src/engine/types';
import { enclosingFunction } from '../server/src/engine/bindings';
import { UNKNOWN } from '../server/src/engine/values';
import { consumerOf, methodName, receiverOf, unwrap } from './support/call-shape';
import { sameControlPath } from '../server/src/engine/control-paths';
import { followBinding } from './support/follow';
import { removeStatementEdit } from './support/statement-removal';
import { dataRoots, namesLookLikeFeaturesAndLabels, trainingPairs, valueKey, valueName, zipParts } from './support/data-roots';

export const rule: Rule = {
  meta: {
    id: 'separate-shuffle',
    description: 'Features and labels are shuffled each on its own, so examples no longer match their labels.',
    defaultSeverity: 'warning',
    source: 'T3-2',
    fixable: true,
  },
  check(context) {
    checkArrayShuffles(context);
    checkZippedDatasets(context);
  },
};

/** One array shuffled in place (tf.util.shuffle) or created shuffled (createShuffledIndices). */
interface Shuffled {
  call: ts.CallExpression;
  /** The shuffled array's expression (the argument, or the variable it is bound to). */
  target: ts.Expression;
  key: string;
  name: string;
  kind: 'shuffle' | 'indices';
}

function checkArrayShuffles(context: RuleContext): void {
  const file = context.file;
  const shuffled: Shuffled[] = [];
  for (const call of file.graph.calls) {
    const name = calleeName(call);
    if (name !== 'shuffle' && name !== 'createShuffledIndices') continue; // cheap test first
    const path = file.tfCallPath(call);
    if (path === 'util.shuffle' && call.arguments[0]) {
      const target = call.arguments[0];
      const key = valueKey(file, target);
      const name = valueName(target);
      if (key && name) shuffled.push({ call, target, key, name, kind: 'shuffle' });
    } else if (path === 'util.createShuffledIndices') {
      const { parent } = consumerOf(call);
      if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
        const key = valueKey(file, parent.name);
        if (key) shuffled.push({ call, target: parent.name, key, name: parent.name.text, kind: 'indices' });
      }
    }
  }
  if (shuffled.length < 2) return;
  const pairs = trainingPairs(file).map(([x, y]) => [dataRoots(file, x), dataRoots(file, y)] as const);
  const evidence = (a: string, b: string): boolean => pairs.some(([x, y]) => (x.has(a) && y.has(b)) || (x.has(b) && y.has(a)));
  const reported = new Set<Shuffled>();
  // Computed once per shuffled array: a file may shuffle many arrays.
  const functions = new Map<Shuffled, ts.Node>();
  const functionOf = (s: Shuffled): ts.Node => functions.get(s) ?? functions.set(s, enclosingFunction(s.call)).get(s)!;
  const indexed = new Map<Shuffled, { key: string; name: string }[]>();
  const indexedBy = (s: Shuffled) => indexed.get(s) ?? indexed.set(s, indexedArrays(file, s)).get(s)!;

  for (let i = 0; i < shuffled.length; i++) {
    const a = shuffled[i];
    for (let j = i + 1; j < shuffled.length && !reported.has(a); j++) {
      const b = shuffled[j];
      if (reported.has(b) || a.key === b.key) continue;
      if (functionOf(a) !== functionOf(b) || !sameControlPath(a.call, b.call)) continue;
      const ia = indexedBy(a);
      const ib = indexedBy(b);
      if (ia.length && ib.length) {
        // Two index arrays: out of step when they pick from the features and the labels.
        const hit = ia.flatMap((p) => ib.map((q) => [p, q] as const)).find(([p, q]) =>
          p.key !== q.key && (evidence(p.key, q.key) || namesLookLikeFeaturesAndLabels(p.name, q.name)));
        if (!hit) continue;
        reported.add(a).add(b);
        context.report({
          node: b.call,
          message:
            `${a.name} and ${b.name} are two index arrays shuffled separately (lines ${file.lineOf(a.call)} and ${file.lineOf(b.call)}), ` +
            `one picking from ${hit[0].name} and the other from ${hit[1].name}: each has its own random order, so examples no longer match their labels. ` +
            `Use one shuffled index array for both.`,
        });
        continue;
      }
      if (a.kind !== 'shuffle' || b.kind !== 'shuffle') continue;
      const proven = evidence(a.key, b.key);
      if (!proven && !namesLookLikeFeaturesAndLabels(a.name, b.name)) continue;
      reported.add(a).add(b);
      const combo = file.tfName('util.shuffleCombo');
      const fix = combo ? shuffleComboFix(file, a, b, combo, proven) : undefined;
      context.report({
        node: a.call,
        message:
          `${a.name} and ${b.name} are shuffled separately (tf.util.shuffle on lines ${file.lineOf(a.call)} and ${file.lineOf(b.call)}): ` +
          `each gets its own random order, so examples no longer match their labels. ` +
          `Shuffle them together: tf.util.shuffleCombo(${a.name}, ${b.name}).`,
        fixes: fix ? [fix] : [],
      });
    }
  }
}

/** The last name of a callee: `shuffle` for `tf.util.shuffle`, `zip` for a named import `zip`. */
function calleeName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

/** The arrays an index array picks from: `xs[idx[i]]`, `tf.gather(xs, idx)`, `xs.gather(idx)`. */
function indexedArrays(file: FileAnalysis, s: Shuffled): { key: string; name: string }[] {
  const decl = ts.isIdentifier(unwrap(s.target)) ? file.scopes.resolve(unwrap(s.target) as ts.Identifier) : undefined;
  if (!decl) return [];
  const out: { key: string; name: string }[] = [];
  const add = (array: ts.Expression): void => {
    const key = valueKey(file, array);
    const name = valueName(array);
    if (key && name && !out.some((o) => o.key === key)) out.push({ key, name });
  };
  for (const ref of file.scopes.referencesOf(decl)) {
    let { parent, child } = consumerOf(ref.identifier);
    // idx[i] used as an index: xs[idx[i]]
    if (ts.isElementAccessExpression(parent) && parent.expression === child) ({ parent, child } = consumerOf(parent));
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) {
      add(parent.expression);
    } else if (ts.isCallExpression(parent) && file.tfCallPath(parent) === 'gather' && parent.arguments[1] === child) {
      add(parent.arguments[0]);
    } else if (ts.isCallExpression(parent) && methodName(parent) === 'gather' && parent.arguments[0] === child) {
      add(receiverOf(parent)!);
    }
  }
  return out;
}

/** Replaces the first shuffle with shuffleCombo(a, b) and deletes the second statement. */
function shuffleComboFix(file: FileAnalysis, a: Shuffled, b: Shuffled, combo: string, safe: boolean): Fix | undefined {
  const statement = consumerOf(b.call).parent;
  if (!ts.isExpressionStatement(statement) || !ts.isExpressionStatement(consumerOf(a.call).parent)) return undefined;
  const removal = removeStatementEdit(statement, file);
  if (!removal) return undefined;
  const edits: TextEdit[] = [
    { start: a.call.getStart(file.sourceFile), end: a.call.getEnd(), newText: `${combo}(${file.textOf(a.target)}, ${file.textOf(b.target)})` },
    removal,
  ];
  // Proven pairs (they meet in one fit or zip) are safe; pairs known only by name are not.
  return { title: `Shuffle ${a.name} and ${b.name} together with tf.util.shuffleCombo`, safe, edits };
}

/** A `.shuffle(...)` found on the way back from a zipped component to its source. */
interface DatasetShuffle {
  call: ts.CallExpression;
  part: { key?: string; expr: ts.Expression };
}

function checkZippedDatasets(context: RuleContext): void {
  const file = context.file;
  for (const zip of file.graph.calls) {
    if (calleeName(zip) !== 'zip' || file.tfCallPath(zip) !== 'data.zip' || !zip.arguments[0]) continue;
    const argument = followBinding(file, zip.arguments[0]);
    const parts = zipParts(argument);
    const shuffles: DatasetShuffle[] = [];
    for (const part of parts) {
      const s = shuffleInChain(file, part.expr);
      if (s) shuffles.push({ call: s, part });
    }
    if (shuffles.length < 2) continue;
    // One shuffled dataset read by two zipped parts: every read is a new iterator with its own
    // order, even with a seed (checked in tfjs 4.22). Two datasets with the same buffer and seed
    // draw the same order.
    const shared = new Set(shuffles.map((s) => s.call)).size < shuffles.length;
    if (!shared && sameSeededShuffles(file, shuffles)) continue;
    const [first, second] = shuffles;
    if (!zippedPairLooksLikeData(file, zip, first, second)) continue;
    const lines = [...new Set(shuffles.map((s) => file.lineOf(s.call)))].join(' and ');
    const message = shared
      ? `the parts zipped here read the same shuffled dataset (.shuffle() on line ${lines}) through separate iterators: ` +
        `each read draws its own order, so examples no longer match their labels. ` +
        `Shuffle one dataset of {xs, ys} elements instead (map after the shuffle), or shuffle after tf.data.zip.`
      : `the datasets zipped here are shuffled separately (.shuffle() on lines ${lines}): ` +
        `each draws its own order, so examples no longer match their labels. Shuffle once, after tf.data.zip.`;
    const fix = shared ? undefined : zipFix(file, zip, argument, shuffles);
    context.report({ node: zip, message, fixes: fix ? [fix] : [] });
  }
}

/** The first `.shuffle(...)` on a dataset's method chain, through const bindings. */
function shuffleInChain(file: FileAnalysis, expr: ts.Expression): ts.CallExpression | undefined {
  let e = followBinding(file, expr);
  for (let steps = 0; steps < 50 && ts.isCallExpression(e); steps++) {
    if (file.tfCallPath(e) !== undefined) return undefined; // reached the source (tf.data.array, ...)
    const receiver = receiverOf(e);
    if (!receiver) return undefined;
    if (methodName(e) === 'shuffle') return e;
    e = followBinding(file, receiver);
  }
  return undefined;
}

/** Equal buffer sizes and equal explicit seeds draw equal permutations (checked in tfjs 4.22). */
function sameSeededShuffles(file: FileAnalysis, shuffles: DatasetShuffle[]): boolean {
  const sig = (c: ts.CallExpression): string | undefined => {
    const buffer = file.evaluate(c.arguments[0]);
    const seed = file.evaluate(c.arguments[1]);
    if (c.arguments.length < 2 || buffer === UNKNOWN || seed === UNKNOWN) return undefined;
    if ((typeof seed !== 'string' && typeof seed !== 'number') || typeof buffer !== 'number') return undefined;
    return `${buffer}/${seed}`;
  };
  const first = sig(shuffles[0].call);
  return first !== undefined && shuffles.every((s) => sig(s.call) === first);
}

/**
 * Two zipped, separately shuffled datasets are features and labels when zipped as {xs, ys}
 * (what fitDataset takes), when their names say so, or when the zip reaches fitDataset.
 */
function zippedPairLooksLikeData(file: FileAnalysis, zip: ts.CallExpression, a: DatasetShuffle, b: DatasetShuffle): boolean {
  if (a.part.key !== undefined && b.part.key !== undefined) {
    if (namesLookLikeFeaturesAndLabels(a.part.key, b.part.key)) return true;
  }
  const na = valueName(a.part.expr);
  const nb = valueName(b.part.expr);
  if (na && nb && namesLookLikeFeaturesAndLabels(na, nb)) return true;
  return reachesFitDataset(file, zip);
}

function reachesFitDataset(file: FileAnalysis, zip: ts.CallExpression): boolean {
  return file.graph.calls.some((c) => {
    if (methodName(c) !== 'fitDataset' || !c.arguments[0]) return false;
    let e = followBinding(file, c.arguments[0]);
    for (let steps = 0; steps < 50 && ts.isCallExpression(e); steps++) {
      if (e === zip) return true;
      const receiver = receiverOf(e);
      if (!receiver) return false;
      e = followBinding(file, receiver);
    }
    return false;
  });
}

/** Moves the shuffle after the zip, when every shuffle is written inside the zip call itself. */
function zipFix(file: FileAnalysis, zip: ts.CallExpression, argument: ts.Expression, shuffles: DatasetShuffle[]): Fix | undefined {
  if (argument !== unwrap(zip.arguments[0])) return undefined;
  if (!shuffles.every((s) => s.call.pos >= zip.pos && s.call.end <= zip.end)) return undefined;
  const edits: TextEdit[] = shuffles.map((s) => {
    const receiver = receiverOf(s.call)!;
    return { start: receiver.getEnd(), end: s.call.getEnd(), newText: '' };
  });
  const { parent, child } = consumerOf(zip);
  const alreadyShuffled = ts.isPropertyAccessExpression(parent) && parent.expression === child && parent.name.text === 'shuffle';
  if (!alreadyShuffled) {
    const args = shuffles[0].call.arguments.map((a) => file.textOf(a)).join(', ');
    edits.push({ start: zip.getEnd(), end: zip.getEnd(), newText: `.shuffle(${args})` });
  }
  return { title: 'Shuffle once, after tf.data.zip', safe: true, edits };
}
