// Everything the engine knows about one file, built lazily: the syntax tree, name
// resolution, constant evaluation and the model graph. Rules receive this object.
import { ts } from './ts';
import { Evaluator } from './evaluator';
import { ModelGraph } from './graph';
import { Scopes } from './scopes';
import { indexTree, type TreeIndex } from './tree-index';
import { compileInfo, outputActivation, outputLayers, type CompileInfo, type OutputActivation } from './model-facts';
import { TfRef, type ModelValue, type LayerValue, type TensorValue, type Value } from './values';
import type { Position, Range, ShapeFact } from './types';
import { collectFacts } from './facts';
import { ShapeInference } from './shapes';
import { RangeAnalysis, type ValueRange } from './ranges';
import { isModuleFile, usesOf, type ValueUses } from './value-uses';
import { ancestry, operandTensors, type Ancestry } from './symbolic-graph';
import { TensorOps } from './tensor-ops';
import { DtypeSources, type DtypeSource } from './dtype-sources';
import { parseErrorCount, parseSourceFile } from './parse';
import { Preprocessings, type Preprocessing } from './preprocessing';
import type { ModuleLink } from './modules';

export type { TensorOp } from './tensor-ops';
export type { DtypeCause, DtypeSource } from './dtype-sources';
export type { Preprocessing, PreprocessingSource, ScalingStep } from './preprocessing';

export class FileAnalysis {
  readonly scopes: Scopes;
  readonly evaluator: Evaluator;
  private graphCache: ModelGraph | undefined;
  private shapesCache: ShapeInference | undefined;
  private rangesCache: RangeAnalysis | undefined;
  private opsCache: TensorOps | undefined;
  private dtypesCache: DtypeSources | undefined;
  private preprocessingsCache: Preprocessings | undefined;
  private tfNames: Map<string, string | undefined> | undefined;
  private lineStarts: readonly number[] | undefined;

  readonly index: TreeIndex;

  constructor(
    readonly fileName: string,
    readonly text: string,
    readonly sourceFile: ts.SourceFile,
    /** The way to the workspace's other modules (relative imports); none: their values are unknown. */
    readonly modules?: ModuleLink,
    /** The syntax facts of another analysis of the same tree (see withOwnEvaluator). */
    shared?: { index: TreeIndex; scopes: Scopes },
  ) {
    this.index = shared?.index ?? indexTree(sourceFile);
    this.scopes = shared?.scopes ?? new Scopes(sourceFile, this.index);
    this.evaluator = new Evaluator(sourceFile, this.scopes, this.index, modules);
  }

  /** `previous`, the file's last tree, is consumed (see parseSourceFile). */
  static parse(fileName: string, text: string, modules?: ModuleLink, previous?: ts.SourceFile): FileAnalysis {
    return new FileAnalysis(fileName, text, parseSourceFile(fileName, text, previous), modules);
  }

  /** An analysis of the same syntax (tree, index, scopes) whose values are evaluated and remembered apart from this one's. */
  withOwnEvaluator(modules?: ModuleLink): FileAnalysis {
    return new FileAnalysis(this.fileName, this.text, this.sourceFile, modules, { index: this.index, scopes: this.scopes });
  }

  get graph(): ModelGraph {
    return (this.graphCache ??= new ModelGraph(this.sourceFile, this.index, this.evaluator, this.scopes));
  }

  /** Shape inference over the whole file (computed once, on first use). */
  get shapes(): ShapeInference {
    return (this.shapesCache ??= new ShapeInference(this).run());
  }

  /** Which tfjs op computes an expression, and whether an expression is known to be a tensor. */
  get ops(): TensorOps {
    return (this.opsCache ??= new TensorOps(this));
  }

  /** A tensor's dtype and what made it (an op, a cast, a dtype argument, typed or plain data); undefined when unknown. */
  dtypeSource(expr: ts.Expression | undefined): DtypeSource | undefined {
    return (this.dtypesCache ??= new DtypeSources(this)).of(expr);
  }

  /**
   * The values a tensor, a number or an array of numbers can hold: proven bounds, and whether
   * both ends are reached or negatives are present (see ranges/interval.ts); undefined when unknown.
   */
  valueRange(node: ts.Expression | undefined): ValueRange | undefined {
    return (this.rangesCache ??= new RangeAnalysis(this)).rangeOf(node);
  }

  /**
   * What scaling and resizing a tensor went through from where its values were made (pixels,
   * literal or parsed numbers): arithmetic steps and resize sizes; undefined when any part is unknown.
   */
  preprocessing(expr: ts.Expression | undefined): Preprocessing | undefined {
    return (this.preprocessingsCache ??= new Preprocessings(this)).of(expr);
  }

  evaluate(node: ts.Expression | undefined): Value {
    return this.evaluator.evaluate(node);
  }

  /** The tfjs API path an expression names ('layers.dense', 'log', '' for the namespace). */
  tfPath(node: ts.Expression | undefined): string | undefined {
    return this.evaluator.tfPath(node);
  }

  /** If `call` calls a tfjs function, its path ('log', 'layers.dense', 'util.shuffle'). */
  tfCallPath(call: ts.CallExpression): string | undefined {
    return this.tfPath(call.expression);
  }

  /**
   * Source text that names a tfjs API path in this file, for use in a fix: `tf.losses.logLoss`
   * with a namespace import, `losses.logLoss` with a named import of `losses`. Undefined when
   * the file has no binding that reaches it.
   */
  tfName(path: string): string | undefined {
    // Remembered: the lookup walks the file, and fixes ask it often.
    const names = (this.tfNames ??= new Map());
    if (!names.has(path)) names.set(path, this.findTfName(path));
    return names.get(path);
  }

  private findTfName(path: string): string | undefined {
    const [head, ...rest] = path.split('.');
    let best: string | undefined;
    const visit = (node: ts.Node): void => {
      if (best) return;
      if (ts.isIdentifier(node)) {
        const v = this.evaluator.evaluate(node);
        if (v instanceof TfRef) {
          if (v.path === '') best = `${node.text}.${path}`;
          else if (v.path === head) best = [node.text, ...rest].join('.');
        }
      }
      ts.forEachChild(node, visit);
    };
    // The global `tf` of a browser script.
    if (this.evaluator.globalTf) return `tf.${path}`;
    visit(this.sourceFile);
    return best;
  }

  /** Where the value `expr` computes goes: discarded, bound to a variable (and read where), or escapes. */
  usesOf(expr: ts.Expression): ValueUses {
    return usesOf(expr, this);
  }

  /** A module (imports, exports, require) rather than a classic script whose top-level names are globals. */
  isModule(): boolean {
    return isModuleFile(this);
  }

  /** The symbolic tensors `start` is computed from, walking back through layer and model applications. */
  ancestry(start: readonly TensorValue[]): Ancestry {
    return ancestry(start, this);
  }

  /** The tensors an `apply` step consumes; undefined when not known. */
  operandTensors(t: TensorValue): TensorValue[] | undefined {
    return operandTensors(t, this);
  }

  /** Syntax errors the parser recovered from (the tree is still usable). */
  syntaxErrorCount(): number {
    return parseErrorCount(this.sourceFile);
  }

  /** Inferred facts for the editor (hover, inlay hints). */
  facts(): ShapeFact[] {
    return collectFacts(this);
  }

  outputLayers(model: ModelValue): LayerValue[] | undefined {
    return outputLayers(model, this.evaluator);
  }

  outputActivation(model: ModelValue): OutputActivation | undefined {
    return outputActivation(model, this.evaluator);
  }

  compiles(model: ModelValue): CompileInfo[] {
    return model.callsOf('compile').map((c) => compileInfo(c, this.evaluator));
  }

  /** Offsets of a node's text (without leading trivia). */
  rangeOf(node: ts.Node): Range {
    return { start: node.getStart(this.sourceFile), end: node.getEnd() };
  }

  textOf(node: ts.Node): string {
    return this.text.slice(node.getStart(this.sourceFile), node.getEnd());
  }

  /** 1-based line and column of an offset. */
  positionAt(offset: number): Position {
    const starts = (this.lineStarts ??= this.sourceFile.getLineStarts());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** 1-based line of a node's start. */
  lineOf(node: ts.Node): number {
    return this.positionAt(node.getStart(this.sourceFile)).line;
  }
}
