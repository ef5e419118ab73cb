// `tfjs-lint --summary PATHS...`: for every model the files build, what tfjs's own
// model.summary() would print (layer names, types, shapes, parameter counts, totals),
// computed statically by the engine's shape inference; nothing is run. Unknowns print as `?`
// (and are null in `--format json`).
import * as path from 'node:path';
import { FileAnalysis } from '../engine/analysis';
import { mayUseTfjs } from '../engine/prefilter';
import { hostKindOf, scriptBlocks } from '../engine/script-blocks';
import type { ModelSummary } from '../engine/shapes';
import { ts } from '../engine/ts';
import type { Shape } from '../engine/types';
import type { ModelValue } from '../engine/values';
import type { CliOptions } from './args';
import { collectFiles } from '../workspace/files';
import { readSource } from '../workspace/source';
import { displayPath } from './formatters/stylish';
import { emptyConfig } from '../engine/config';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/linter';
import type { LoadedConfig } from '../workspace/config-files';
import { Modules } from '../engine/modules';
import { WorkspaceModuleHost } from '../workspace/module-host';

export interface SummaryLayer {
  name: string;
  className: string;
  /** Input shapes the layer receives; null when unknown. */
  inputShapes: (Shape | null)[] | null;
  outputShape: Shape | null;
  params: number | null;
  /** Layers (name[node][tensor]) feeding this one, for functional models. */
  receives: string[];
  /** A model used as a layer: its own input shapes (null: unknown), printed as a node before the application's. */
  modelInputShapes?: Shape[] | null;
  /**
   * False for a layer added in a loop, a branch, a try block or another function: the model may
   * hold it any number of times. Null for a row whose value is unknown (`?`).
   */
  certain: boolean | null;
}

export interface ModelSummaryData {
  file: string;
  /** The variable the model is bound to, or `<anonymous>`. */
  model: string;
  line: number;
  kind: 'sequential' | 'functional';
  layers: SummaryLayer[];
  /** False when the model may have layers the rows do not list (code the engine does not follow). */
  rowsComplete: boolean;
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
}

/**
 * The static summaries of every sequential and functional model in one file. In an HTML, Vue
 * or Svelte file, the models of each `<script>` block the linter lints, with host-file lines.
 * With the workspace's modules (as the linter has them), values imported from other files are
 * followed (an input shape from `./config`); without, they are unknown.
 */
export function summarizeSource(file: string, text: string, modules?: Modules): ModelSummaryData[] {
  if (!mayUseTfjs(text)) return [];
  const kind = hostKindOf(file);
  if (!kind) return summarizeScript(file, file, text, 0, modules);
  const out: ModelSummaryData[] = [];
  for (const block of scriptBlocks(text, kind)) {
    if (!block.tfLoaded) continue;
    const linesBefore = text.slice(0, block.start).split('\n').length - 1;
    out.push(...summarizeScript(file, `${file}${block.extension}`, text.slice(block.start, block.end), linesBefore, modules));
  }
  return out;
}

/** `parseName` gives the parser its script kind; lines are shifted by `lineOffset` into the host file. */
function summarizeScript(file: string, parseName: string, text: string, lineOffset: number, modules: Modules | undefined): ModelSummaryData[] {
  if (!mayUseTfjs(text)) return [];
  const analysis = modules ? modules.analysisFor(parseName, text) : FileAnalysis.parse(parseName, text);
  const shapes = analysis.shapes;
  const namer = shapes.namer();
  const out: ModelSummaryData[] = [];
  for (const model of analysis.graph.models) {
    if (model.modelType === 'loaded') continue;
    const s = shapes.summary(model, namer);
    if (!s) continue;
    const data = toData(file, analysis, model, s);
    out.push({ ...data, line: data.line + lineOffset });
  }
  return out;
}

function toData(file: string, analysis: FileAnalysis, model: ModelValue, s: ModelSummary): ModelSummaryData {
  return {
    file,
    model: bindingName(model.call),
    line: analysis.lineOf(model.call),
    kind: model.modelType === 'sequential' ? 'sequential' : 'functional',
    layers: s.rows.map((r) => ({
      name: r.name,
      className: r.className,
      inputShapes: r.inputShapes ? r.inputShapes.map((x) => x ?? null) : null,
      outputShape: r.outputShape ?? null,
      params: r.params ?? null,
      receives: r.receives,
      ...(r.model ? { modelInputShapes: r.modelInputShapes ?? null } : {}),
      certain: r.certain,
    })),
    rowsComplete: s.rowsComplete,
    totalParams: s.totalParams ?? null,
    trainableParams: s.trainableParams ?? null,
    nonTrainableParams: s.nonTrainableParams ?? null,
  };
}

function bindingName(call: ts.CallExpression): string {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAwaitExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return p.left.getText();
  if (p && ts.isPropertyAssignment(p)) return p.name.getText();
  if (p && ts.isReturnStatement(p)) {
    for (let f: ts.Node | undefined = p.parent; f; f = f.parent) {
      if (ts.isFunctionDeclaration(f) && f.name) return `${f.name.text}()`;
    }
  }
  return '<anonymous>';
}

// ---- text, laid out like tfjs's printSummary -----------------------------------------------

/** tfjs prints shapes as JSON: `[null,26,26,8]`. */
function shapeText(s: Shape | null): string {
  return s ? JSON.stringify(s) : '?';
}

/** One row in fixed columns; a field that reaches the next column is cut, as tfjs does. */
function row(fields: string[], positions: number[]): string {
  let line = '';
  fields.forEach((field, i) => {
    if (i > 0) line = `${line.slice(0, -1)} `;
    line = (line + field).slice(0, positions[i]);
    line += ' '.repeat(positions[i] - line.length);
  });
  return line;
}

/** A chain of layers, each fed by the one before (tfjs's "sequential-like" layout). */
function isChain(m: ModelSummaryData): boolean {
  if (m.kind === 'sequential') return true;
  return m.layers.every((l, i) => (i === 0 ? l.receives.length === 0 : l.receives.length === 1 && l.receives[0].startsWith(`${m.layers[i - 1].name}[`)));
}

export function formatSummaryText(models: readonly ModelSummaryData[], cwd: string): string {
  const parts: string[] = [];
  for (const m of models) {
    const lines: string[] = [`${displayPath(m.file, cwd)}:${m.line}: ${m.kind} model '${m.model}'`];
    const chain = isChain(m);
    const width = chain ? 90 : 115;
    const positions = (chain ? [0.32, 0.61, 0.89, 1] : [0.24, 0.48, 0.7, 0.8, 1]).map((p) => Math.floor(width * p));
    const head = ['Layer (type)', 'Input Shape', 'Output shape', 'Param #', ...(chain ? [] : ['Receives inputs'])];
    lines.push('_'.repeat(width), row(head, positions), '='.repeat(width));
    m.layers.forEach((l, i) => {
      const node = (shapes: (Shape | null)[] | null): string => (shapes ? `[${shapes.map(shapeText).join(',')}]` : '?');
      const inputs = l.modelInputShapes !== undefined ? `${node(l.modelInputShapes)},${node(l.inputShapes)}` : node(l.inputShapes);
      const fields = [`${l.name} (${l.className})`, inputs, shapeText(l.outputShape), l.params === null ? '?' : String(l.params)];
      if (chain) lines.push(row(fields, positions));
      else {
        lines.push(row([...fields, l.receives[0] ?? ''], positions));
        for (const r of l.receives.slice(1)) lines.push(row(['', '', '', '', r], positions));
      }
      lines.push((i === m.layers.length - 1 ? '=' : '_').repeat(width));
    });
    const n = (v: number | null): string => (v === null ? '?' : String(v));
    lines.push(`Total params: ${n(m.totalParams)}`, `Trainable params: ${n(m.trainableParams)}`, `Non-trainable params: ${n(m.nonTrainableParams)}`, '_'.repeat(width));
    lines.push(...rowNotes(m));
    parts.push(lines.join('\n'));
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}

/**
 * What the rows cannot promise, said under the table: tfjs prints one row per layer the model
 * holds, and a row the model may hold any number of times, or layers never seen, would make the
 * list itself a claim the linter does not know.
 */
function rowNotes(m: ModelSummaryData): string[] {
  const notes: string[] = [];
  const uncertain = m.layers.filter((l) => l.certain === false).map((l) => l.name);
  if (uncertain.length) notes.push(`Added in a loop, a branch, a try block or another function (the model may hold each any number of times): ${uncertain.join(', ')}`);
  if (!m.rowsComplete) notes.push('The model may have more layers than listed: some come from code the linter does not follow.');
  // tfjs builds a sequential model before printing it, and an empty one cannot be built.
  if (m.kind === 'sequential' && m.rowsComplete && m.layers.length === 0) notes.push("The model has no layers: tfjs's model.summary() throws 'Sequential model cannot be built: model is empty.'");
  return notes;
}

/** `[{file, model, line, layers: [{name, className, outputShape, params, certain}], rowsComplete, totalParams}]`. */
export function formatSummaryJson(models: readonly ModelSummaryData[]): string {
  const data = models.map((m) => ({
    file: m.file,
    model: m.model,
    line: m.line,
    layers: m.layers.map((l) => ({ name: l.name, className: l.className, outputShape: l.outputShape, params: l.params, certain: l.certain })),
    rowsComplete: m.rowsComplete,
    totalParams: m.totalParams,
    trainableParams: m.trainableParams,
    nonTrainableParams: m.nonTrainableParams,
  }));
  return `${JSON.stringify(data, null, 2)}\n`;
}

// ---- the mode -------------------------------------------------------------------------------

export interface SummaryIo {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/** Runs `--summary`: 0 when done, 2 on a usage error (missing paths, sarif). */
export function runSummary(options: CliOptions, io: SummaryIo): number {
  if (options.format === 'sarif') {
    io.err('tfjs-lint: --summary prints text or json, not sarif\n');
    return 2;
  }
  const defaults: LoadedConfig = { baseDir: io.cwd, config: emptyConfig(), problems: [] };
  const paths = options.paths.length ? options.paths : ['.'];
  const collected = collectFiles(paths, io.cwd, () => defaults);
  if (collected.missing.length) {
    io.err(`tfjs-lint: no such file or folder: ${collected.missing.join(', ')}\n`);
    return 2;
  }
  const models: ModelSummaryData[] = [];
  // As the lint does: one module cache for the run, so local imports (and importers) are followed.
  const modules = new Modules(new WorkspaceModuleHost(undefined, undefined, io.cwd));
  for (const target of collected.files) {
    const read = readSource(target.path, options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES);
    if (!('text' in read)) continue;
    try {
      models.push(...summarizeSource(path.resolve(target.path), read.text, modules));
    } catch (error) {
      io.err(`tfjs-lint: ${displayPath(target.path, io.cwd)}: no summary (internal error: ${(error as Error).message})\n`);
    }
  }
  io.out(options.format === 'json' ? formatSummaryJson(models) : formatSummaryText(models, io.cwd));
  return 0;
}
