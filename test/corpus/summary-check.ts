// The pure half of `npm run corpus:summaries`: what tfjs itself says of a built model (its
// layers, output shapes, parameter counts, totals, as model.summary() prints them), the
// comparison with the linter's `--summary --format json` entry for the same model, where a
// model's hand-written snippet lives, and the seeded sample. check-summaries.ts feeds it;
// test/corpus/summary-check.test.ts checks it without the corpus.
import * as path from 'node:path';
import { rng } from '../shapes/generator';

/** One model as `--summary --format json` prints it (null is the `?` of the text output). */
export interface LinterSummary {
  file: string;
  model: string;
  line: number;
  layers: { name: string; className: string; outputShape: unknown; params: number | null; certain?: boolean | null }[];
  /** False when the linter says the model may have layers its rows do not list. */
  rowsComplete?: boolean;
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
}

/**
 * Does the summary say its row list may differ from the model's (a row the model may hold any
 * number of times, an unknown `?` row, layers it could not follow)? Only then may rows differ.
 */
export function rowsAnnounced(s: LinterSummary): boolean {
  return s.rowsComplete === false || s.layers.some((l) => l.certain === false || l.certain === null);
}

/** The same facts read from a real tfjs model. */
export interface TfjsSummary {
  layers: { name: string; className: string; outputShape: unknown; params: number }[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

/** What the check needs of a tfjs LayersModel (kept structural: no tfjs types here). */
export interface TfjsModelLike {
  layers: { name: string; getClassName(): string; readonly outputShape: unknown; countParams(): number }[];
  countParams(): number;
  trainableWeights: { shape: number[] }[];
  nonTrainableWeights: { shape: number[] }[];
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The rows tfjs's printSummary prints: model.layers, each with its class, output shape ("multiple"
 * when the layer has several inbound nodes, as tfjs prints it) and countParams(); trainable and
 * non-trainable totals from the model's weights, as printSummary counts them.
 */
export function tfjsSummaryOf(model: TfjsModelLike): TfjsSummary {
  const layers = model.layers.map((l) => {
    let outputShape: unknown;
    try {
      outputShape = l.outputShape;
    } catch {
      outputShape = 'multiple';
    }
    return { name: l.name, className: l.getClassName(), outputShape, params: l.countParams() };
  });
  const trainableParams = model.trainableWeights.reduce((n, w) => n + sizeOf(w.shape), 0);
  const nonTrainableParams = model.nonTrainableWeights.reduce((n, w) => n + sizeOf(w.shape), 0);
  return { layers, totalParams: model.countParams(), trainableParams, nonTrainableParams };
}

/** tfjs numbers auto-generated names with a process-wide counter: compare them without digits. */
const nameKey = (name: string): string => name.replace(/\d+/g, '#');

export interface Comparison {
  /** Values the linter states that differ from tfjs (empty when the summary is right). */
  mismatches: string[];
  /** Values the linter leaves unknown (`?`), with what tfjs says they are. */
  unknown: string[];
  /**
   * Rows only one side has: layers the linter lists that the model does not have (e.g. each
   * alternative of a switch), or layers it never saw (a graph through code it does not follow).
   */
  rowDiffs: string[];
}

/**
 * Pairs the linter's rows with tfjs's by class, in order (longest common subsequence), so a row
 * one side lacks does not shift every row after it. Returns [linter index, tfjs index] pairs.
 */
function alignRows(ours: readonly { className: string }[], theirs: readonly { className: string }[]): [number, number][] {
  const n = ours.length;
  const m = theirs.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      best[i][j] = ours[i].className === theirs[j].className ? best[i + 1][j + 1] + 1 : Math.max(best[i + 1][j], best[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (ours[i].className === theirs[j].className) pairs.push([i++, j++]);
    else if (best[i + 1][j] >= best[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/**
 * The linter's summary against tfjs's: rows paired by class in order, then per pair name, output
 * shape and parameters, then the three totals. A `?` (null) is never a mismatch, only listed;
 * any number or shape the linter does state must equal tfjs's. Rows only one side has are
 * listed apart (rowDiffs): for a fully known summary they are wrong, for a partly known one
 * they say how far its row list is from the real model.
 */
export function compareSummaries(ours: LinterSummary, theirs: TfjsSummary): Comparison {
  const mismatches: string[] = [];
  const unknown: string[] = [];
  const rowDiffs: string[] = [];
  const pairs = alignRows(ours.layers, theirs.layers);
  const pairedOurs = new Set(pairs.map(([i]) => i));
  const pairedTheirs = new Set(pairs.map(([, j]) => j));
  ours.layers.forEach((l, i) => {
    if (!pairedOurs.has(i)) rowDiffs.push(`linter row ${i + 1} ${l.name} (${l.className}): tfjs has no such layer there`);
  });
  theirs.layers.forEach((l, j) => {
    if (!pairedTheirs.has(j)) rowDiffs.push(`tfjs row ${j + 1} ${l.name} (${l.className}): missing from the linter's rows`);
  });
  for (const [i, j] of pairs) {
    const a = ours.layers[i];
    const b = theirs.layers[j];
    const at = `row ${j + 1} ${b.name} (${b.className})`;
    if (nameKey(a.name) !== nameKey(b.name)) mismatches.push(`${at}: name: linter ${a.name}, tfjs ${b.name}`);
    const shape = JSON.stringify(b.outputShape);
    if (a.outputShape === null) unknown.push(`${at}: output shape ? (tfjs ${shape})`);
    else if (JSON.stringify(a.outputShape) !== shape) mismatches.push(`${at}: output shape: linter ${JSON.stringify(a.outputShape)}, tfjs ${shape}`);
    if (a.params === null) unknown.push(`${at}: params ? (tfjs ${b.params})`);
    else if (a.params !== b.params) mismatches.push(`${at}: params: linter ${a.params}, tfjs ${b.params}`);
  }
  for (const key of ['totalParams', 'trainableParams', 'nonTrainableParams'] as const) {
    if (ours[key] === null) unknown.push(`${key} ? (tfjs ${theirs[key]})`);
    else if (ours[key] !== theirs[key]) mismatches.push(`${key}: linter ${ours[key]}, tfjs ${theirs[key]}`);
  }
  return { mismatches, unknown, rowDiffs };
}

/**
 * Where the hand-written tfjs snippet of a corpus model lives: `<snippets>/<owner+name>/<file>-<line>.js`,
 * e.g. `corpus/.summary-checks/tensorflow+tfjs-examples/mnist/index.js-39.js`.
 */
export function snippetPathOf(snippetsDir: string, repo: string, file: string, line: number): string {
  return path.join(snippetsDir, repo.replace('/', '+'), ...`${file}-${line}.js`.split('/'));
}

/** The inverse of snippetPathOf for a path relative to the snippets folder; undefined for other files. */
export function modelKeyOfSnippet(relative: string): { repo: string; file: string; line: number } | undefined {
  const parts = relative.split(/[\\/]/);
  const m = /^(.*)-(\d+)\.js$/.exec(parts.slice(1).join('/'));
  if (parts.length < 2 || !parts[0].includes('+') || !m) return undefined;
  return { repo: parts[0].replace('+', '/'), file: m[1], line: Number(m[2]) };
}

/** `n` of `items` chosen by a seeded shuffle (Fisher-Yates on mulberry32), in their original order. */
export function seededSample<T>(items: readonly T[], n: number, seed: number): T[] {
  const next = rng(seed);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order
    .slice(0, Math.min(n, items.length))
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}
