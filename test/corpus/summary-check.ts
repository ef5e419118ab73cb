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
  layers: { name: string; className: string; outputShape: unknown; params: number | null }[];
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
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
}

/**
 * The linter's summary against tfjs's: row count, and per row name, class, output shape and
 * parameters, then the three totals. A `?` (null) is never a mismatch, only listed; any number
 * or shape the linter does state must equal tfjs's.
 */
export function compareSummaries(ours: LinterSummary, theirs: TfjsSummary): Comparison {
  const mismatches: string[] = [];
  const unknown: string[] = [];
  if (ours.layers.length !== theirs.layers.length) {
    mismatches.push(`rows: linter ${ours.layers.length} (${ours.layers.map((l) => l.className).join(', ')}), tfjs ${theirs.layers.length} (${theirs.layers.map((l) => l.className).join(', ')})`);
  }
  const rows = Math.min(ours.layers.length, theirs.layers.length);
  for (let i = 0; i < rows; i++) {
    const a = ours.layers[i];
    const b = theirs.layers[i];
    const at = `row ${i + 1} ${b.name} (${b.className})`;
    if (nameKey(a.name) !== nameKey(b.name)) mismatches.push(`${at}: name: linter ${a.name}, tfjs ${b.name}`);
    if (a.className !== b.className) mismatches.push(`${at}: class: linter ${a.className}, tfjs ${b.className}`);
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
  return { mismatches, unknown };
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
