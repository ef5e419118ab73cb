// Which named arrays a data expression comes from. `tf.tensor2d(xs).reshape(...)`,
// `xs.map(f)`, `data[i]` and a const bound to any of these all come from `xs`. Rules use
// this to tell that two arrays end up as the x and y of one training call.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { unwrap } from './call-shape';

/**
 * A stable key for a named value: the declaration an identifier resolves to, extended by
 * property names (`data.xs`), or the global name. Undefined for anything else.
 */
export function valueKey(file: FileAnalysis, expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const decl = file.scopes.resolve(e);
    return decl ? `${decl.pos}:${e.text}` : `global:${e.text}`;
  }
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(e)) {
    const base = valueKey(file, e.expression);
    return base === undefined ? undefined : `${base}.${e.name.text}`;
  }
  return undefined;
}

/** The last name in a keyed expression: `xs` for `xs`, `ys` for `data.ys`. */
export function valueName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Keys of every named value `expr` is derived from (itself included). */
export function dataRoots(file: FileAnalysis, expr: ts.Expression | undefined, depth = 0, out = new Set<string>()): Set<string> {
  if (!expr || depth > 30) return out;
  const e = unwrap(expr);
  const key = valueKey(file, e);
  if (key !== undefined) {
    if (out.has(key)) return out;
    out.add(key);
  }
  if (ts.isIdentifier(e)) {
    const decl = file.scopes.resolve(e);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && !file.scopes.isReassigned(decl)) {
      dataRoots(file, decl.initializer, depth + 1, out);
    }
  } else if (ts.isPropertyAccessExpression(e)) {
    dataRoots(file, e.expression, depth + 1, out);
  } else if (ts.isElementAccessExpression(e) || ts.isAwaitExpression(e)) {
    dataRoots(file, e.expression, depth + 1, out);
  } else if (ts.isCallExpression(e)) {
    // tf.tensor2d(xs, shape): the data is the first argument; xs.map(f).batch(n): the receiver.
    if (file.tfCallPath(e) !== undefined) dataRoots(file, e.arguments[0], depth + 1, out);
    else if (ts.isPropertyAccessExpression(unwrap(e.expression))) dataRoots(file, (unwrap(e.expression) as ts.PropertyAccessExpression).expression, depth + 1, out);
  }
  return out;
}

/**
 * Pairs of (x, y) data expressions the file trains or evaluates on: fit/evaluate/trainOnBatch
 * arguments and the two parts of a tf.data.zip.
 */
export function trainingPairs(file: FileAnalysis): [ts.Expression, ts.Expression][] {
  const pairs: [ts.Expression, ts.Expression][] = [];
  for (const call of file.graph.calls) {
    const callee = unwrap(call.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if ((method === 'fit' || method === 'evaluate' || method === 'trainOnBatch') && call.arguments.length >= 2 && file.tfCallPath(call) === undefined) {
      pairs.push([call.arguments[0], call.arguments[1]]);
    } else if (file.tfCallPath(call) === 'data.zip' && call.arguments[0]) {
      const parts = zipParts(call.arguments[0]);
      if (parts.length === 2) pairs.push([parts[0].expr, parts[1].expr]);
    }
  }
  return pairs;
}

export interface ZipPart {
  /** The object key (`xs`) for an object zip; undefined for an array zip. */
  key?: string;
  expr: ts.Expression;
}

/** The components of `tf.data.zip({xs: a, ys: b})` or `tf.data.zip([a, b])`, as written. */
export function zipParts(arg: ts.Expression): ZipPart[] {
  const e = unwrap(arg);
  if (ts.isArrayLiteralExpression(e)) return e.elements.filter((el) => !ts.isSpreadElement(el)).map((el) => ({ expr: el }));
  if (ts.isObjectLiteralExpression(e)) {
    const parts: ZipPart[] = [];
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) parts.push({ key: p.name.text, expr: p.initializer });
      else if (ts.isShorthandPropertyAssignment(p)) parts.push({ key: p.name.text, expr: p.name });
    }
    return parts;
  }
  return [];
}

const FEATURE_WORDS = new Set(['x', 'xs', 'input', 'inputs', 'feature', 'features', 'image', 'images', 'img', 'imgs', 'data', 'sample', 'samples', 'pixels']);
const LABEL_WORDS = new Set(['y', 'ys', 'label', 'labels', 'target', 'targets', 'output', 'outputs', 'class', 'classes']);

/** Splits `trainXs`, `x_train`, `TRAIN_IMAGES` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * Names that say "features" and "labels" of the same set: they differ in exactly one word,
 * a feature word in one and a label word in the other (`trainXs`/`trainYs`, `images`/`labels`).
 */
export function namesLookLikeFeaturesAndLabels(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  if (wa.length !== wb.length || wa.length === 0) return false;
  let differing = -1;
  for (let i = 0; i < wa.length; i++) {
    if (wa[i] === wb[i]) continue;
    if (differing >= 0) return false;
    differing = i;
  }
  if (differing < 0) return false;
  const [p, q] = [wa[differing], wb[differing]];
  return (FEATURE_WORDS.has(p) && LABEL_WORDS.has(q)) || (LABEL_WORDS.has(p) && FEATURE_WORDS.has(q));
}
