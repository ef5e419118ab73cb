// Differential test of shape inference against tfjs itself. A seeded generator makes random
// sequential and functional models (valid and invalid); each is linted as source text and
// built with the real @tensorflow/tfjs from the same data. Wherever the engine claims to know
// a shape or a parameter count it must equal what tfjs computes, and wherever it says tfjs
// will throw building the model, tfjs must throw. The rate of "unknown" answers is printed.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { LayerValue, UNKNOWN } from '../../server/src/engine/values';
import type { Shape } from '../../server/src/engine/types';
import { realTf } from '../harness/run-snippet';
import { messageOf } from '../../rules/shape-mismatch';
import { modelSource, omitsArgument, randomModel, type Json, type LayerSpec, type ModelSpec } from './generator';

type Tf = Awaited<ReturnType<typeof realTf>>;
type TfLayer = ReturnType<Tf['layers']['dense']>;

const COUNT = Number(process.env.SHAPES_DIFF_COUNT ?? 2500);
const SEED0 = Number(process.env.SHAPES_DIFF_SEED ?? 20261128);

function isLayerSpec(v: Json): v is LayerSpec {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && 'config' in v;
}

function materialize(tf: Tf, v: Json): unknown {
  if (isLayerSpec(v)) return buildLayer(tf, v);
  if (Array.isArray(v)) return v.map((x) => materialize(tf, x));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(tf, x as Json)]));
  return v;
}

function buildLayer(tf: Tf, spec: LayerSpec): TfLayer {
  const factory = (tf.layers as unknown as Record<string, (c: unknown) => TfLayer>)[spec.kind];
  return factory(omitsArgument(spec) ? undefined : materialize(tf, spec.config));
}

interface Built {
  model?: { outputs: { shape: Shape }[]; countParams(): number; dispose(): unknown; predict(x: unknown): unknown };
  /** The top-level layer objects in spec order (sequential layers or functional nodes). */
  layers: (TfLayer | undefined)[];
  error?: string;
}

function buildModel(tf: Tf, spec: ModelSpec): Built {
  const layers: (TfLayer | undefined)[] = [];
  try {
    if (spec.type === 'sequential') {
      const objs = spec.layers.map((l) => {
        const o = buildLayer(tf, l);
        layers.push(o);
        return o;
      });
      if (spec.useAdd) {
        const m = tf.sequential();
        for (const o of objs) m.add(o);
        return { model: m as unknown as Built['model'], layers };
      }
      return { model: tf.sequential({ layers: objs }) as unknown as Built['model'], layers };
    }
    const tensors: unknown[] = spec.inputs.map((i) => tf.input({ shape: i.shape }));
    const inputs = [...tensors];
    for (const node of spec.nodes) {
      const layer = buildLayer(tf, node.layer);
      layers.push(layer);
      const arg = node.from.length === 1 ? tensors[node.from[0]] : node.from.map((f) => tensors[f]);
      tensors.push(layer.apply(arg as never));
    }
    const outputs = spec.outputs.map((o) => tensors[o]);
    const m = tf.model({ inputs: inputs as never, outputs: (outputs.length === 1 ? outputs[0] : outputs) as never });
    return { model: m as unknown as Built['model'], layers };
  } catch (e) {
    return { layers, error: (e as Error).message };
  }
}

function shapeText(s: readonly (number | null)[] | undefined): string {
  return s ? JSON.stringify(s) : '?';
}

describe('shape inference agrees with tfjs (differential)', function () {
  this.timeout(240_000);

  it(`${COUNT} random models from seed ${SEED0}`, async () => {
    const tf = await realTf();
    const stats = {
      models: 0, sequential: 0, functional: 0, tfThrew: 0,
      outputKnown: 0, outputUnknown: 0, unknownWhereTfBuilt: 0, unknownWhereTfThrew: 0,
      predictedThrow: 0, layerChecks: 0, layerUnknown: 0, paramChecks: 0,
      runProblems: 0, runProblemsConfirmed: 0, uncheckable: 0, runtimeChecks: 0, emptyProblems: 0, emptyConfirmed: 0,
    };
    const disagreements: string[] = [];
    const unconfirmed: string[] = [];
    const otherRuntimeErrors = new Map<string, number>();
    const tensorsBefore = tf.memory().numTensors;
    for (let i = 0; i < COUNT; i++) {
      const seed = SEED0 + i;
      const spec = randomModel(seed);
      const source = modelSource(spec, seed);
      const file = FileAnalysis.parse('model.ts', source);
      const shapes = file.shapes;
      const model = file.graph.models[file.graph.models.length - 1];
      const built = buildModel(tf, spec);
      stats.models++;
      stats[spec.type]++;
      const disagree = (what: string): void => {
        disagreements.push(`seed ${seed}: ${what}\n${source}`);
      };

      const buildProblem = shapes.problems.find((p) => p.atBuild);
      const engineLayers = layerValuesInOrder(file, spec);
      const outs = model ? shapes.modelOutputShapes(model) : undefined;
      if (built.error) stats.tfThrew++;
      if (buildProblem) {
        // The file throws where the engine says; nothing after that point runs.
        stats.predictedThrow++;
        if (!built.error) disagree(`engine says tfjs throws (${messageOf(file, buildProblem)}) but tfjs built the model`);
        built.model?.dispose();
        continue;
      }
      // In a functional model a throw in one branch stops the script before other branches
      // are built; the engine's claims about those other branches cannot be checked then.
      const failing = built.error && spec.type === 'functional' ? engineLayers[built.layers.length - 1] : undefined;
      const checkable = !built.error || spec.type === 'sequential' || (failing !== undefined && shapes.layerOutput(failing) !== undefined);
      if (outs) {
        stats.outputKnown++;
        if (built.error && checkable) disagree(`engine knows outputs ${outs.map(shapeText).join(' ')} but tfjs threw: ${built.error}`);
        else if (built.error) stats.uncheckable++;
        else {
          const tfOuts = built.model!.outputs.map((o) => o.shape);
          if (JSON.stringify(tfOuts) !== JSON.stringify(outs)) disagree(`outputs: engine ${outs.map(shapeText).join(' ')}, tfjs ${tfOuts.map(shapeText).join(' ')}`);
          const summary = shapes.summary(model, shapes.namer());
          if (summary?.totalParams !== undefined) {
            stats.paramChecks++;
            const n = built.model!.countParams();
            if (n !== summary.totalParams) disagree(`countParams: engine ${summary.totalParams}, tfjs ${n}`);
          }
        }
      } else {
        stats.outputUnknown++;
        if (built.error) stats.unknownWhereTfThrew++;
        else stats.unknownWhereTfBuilt++;
      }

      // Every layer whose output the engine claims to know.
      engineLayers.forEach((lv, j) => {
        const tfLayer = built.layers[j];
        if (!lv) return;
        const s = shapes.layerOutput(lv);
        if (!s) {
          stats.layerUnknown++;
          return;
        }
        stats.layerChecks++;
        if (!checkable) return;
        if (!tfLayer) return disagree(`layer ${j + 1} (${lv.layerType}): engine ${shapeText(s)}, tfjs never built it (${built.error})`);
        let tfShape: unknown;
        try {
          tfShape = (tfLayer as unknown as { outputShape: unknown }).outputShape;
        } catch (e) {
          return disagree(`layer ${j + 1} (${lv.layerType}): engine ${shapeText(s)}, tfjs has no output shape (${(e as Error).message.slice(0, 80)}; model ${built.error ?? 'built'})`);
        }
        if (JSON.stringify(tfShape) !== JSON.stringify(s)) disagree(`layer ${j + 1} (${lv.layerType}): engine ${shapeText(s)}, tfjs ${JSON.stringify(tfShape)}`);
        const p = shapes.layerParams(lv);
        if (p && !built.error) {
          const n = (tfLayer as unknown as { countParams(): number }).countParams();
          if (n !== p.params) disagree(`layer ${j + 1} (${lv.layerType}) params: engine ${p.params}, tfjs ${n}`);
        }
      });

      // Problems the engine says appear only once data flows: run data through. A throw is
      // predicted unless the problem is an empty layer output, where the prediction is that
      // the input never reaches the output (checked on sequential models: zeros and random
      // inputs give the same prediction).
      // The symbolic shape must also be what tfjs computes on data: predict a batch of zeros.
      const anyProblem = shapes.problems.length > 0;
      const inShapes = model && outs ? shapes.modelInputShapes(model) : undefined;
      if (outs && !anyProblem && built.model && inShapes && inShapes.length === 1 && inShapes[0][0] === null && inShapes[0].slice(1).every((d) => d !== null)) {
        stats.runtimeChecks++;
        const x = tf.zeros([2, ...(inShapes[0].slice(1) as number[])]);
        try {
          const y = built.model.predict(x) as ReturnType<Tf['zeros']> | ReturnType<Tf['zeros']>[];
          const got = (Array.isArray(y) ? y : [y]).map((t) => t.shape);
          const want = outs.map((o) => [2, ...o.slice(1)]);
          // null is the engine's "not known" for a dim (tfjs's own symbolic shape has it too).
          const fits = got.length === want.length && got.every((g, i) => g.length === want[i].length && g.every((d, j) => want[i][j] === null || want[i][j] === d));
          if (!fits) disagree(`on data: engine ${JSON.stringify(want)}, tfjs predict ${JSON.stringify(got)}`);
          tf.dispose(y as never);
        } catch (e) {
          // Not a shape claim (e.g. tfjs's softmax on a non-last axis): counted, listed, not a disagreement.
          const m = (e as Error).message.slice(0, 90);
          otherRuntimeErrors.set(m, (otherRuntimeErrors.get(m) ?? 0) + 1);
        }
        x.dispose();
      }

      // Only problems in layers the model's outputs depend on run when the model predicts.
      const inModel = modelLayers(spec, engineLayers);
      const runProblem = shapes.problems.find((p) => !p.atBuild && p.layer !== undefined && inModel.has(p.layer));
      const ins = model ? shapes.modelInputShapes(model) : undefined;
      if (runProblem && built.model && ins && ins.length === 1 && ins[0].slice(1).every((d) => d !== null)) {
        const dims = [1, ...(ins[0].slice(1) as number[])];
        if (!(runProblem.kind === 'layer-input' && runProblem.empty)) {
          stats.runProblems++;
          const x = tf.zeros(dims);
          try {
            tf.dispose(built.model.predict(x) as never);
            unconfirmed.push(`seed ${seed}: ${messageOf(file, runProblem)}`);
          } catch {
            stats.runProblemsConfirmed++;
          }
          x.dispose();
        } else if (spec.type === 'sequential') {
          stats.emptyProblems++;
          const a = tf.zeros(dims);
          const b = tf.randomNormal(dims, 0, 1, 'float32', seed);
          try {
            const ya = built.model.predict(a) as ReturnType<Tf['zeros']>;
            const yb = built.model.predict(b) as ReturnType<Tf['zeros']>;
            if (sameValues(ya.dataSync(), yb.dataSync())) stats.emptyConfirmed++;
            else unconfirmed.push(`seed ${seed} (empty): ${messageOf(file, runProblem)}`);
            tf.dispose([ya, yb]);
          } catch {
            stats.emptyConfirmed++;
          }
          tf.dispose([a, b]);
        }
      }
      built.model?.dispose();
    }
    const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
    console.log(
      [
        `      differential: ${stats.models} models (${stats.sequential} sequential, ${stats.functional} functional); tfjs threw building ${stats.tfThrew}`,
        `      engine: output known ${stats.outputKnown}, build error predicted ${stats.predictedThrow}, unknown ${stats.outputUnknown} (${pct(stats.outputUnknown, stats.models)}; ${stats.unknownWhereTfBuilt} where tfjs built, ${stats.unknownWhereTfThrew} where it threw)`,
        `      layers: ${stats.layerChecks} output shapes checked, ${stats.layerUnknown} unknown (${pct(stats.layerUnknown, stats.layerChecks + stats.layerUnknown)}); ${stats.paramChecks} model param counts checked`,
        `      output shapes checked on data (predict): ${stats.runtimeChecks}; predict threw for reasons other than shapes: ${[...otherRuntimeErrors.values()].reduce((a, b) => a + b, 0)} ${JSON.stringify([...otherRuntimeErrors.keys()])}`,
        `      run-time throws predicted ${stats.runProblems}, confirmed by predict ${stats.runProblemsConfirmed}; empty outputs predicted ${stats.emptyProblems}, input ignored confirmed ${stats.emptyConfirmed}`,
        `      claims not checkable (tfjs stopped in another branch): ${stats.uncheckable}`,
        `      tensors leaked: ${tf.memory().numTensors - tensorsBefore}; disagreements: ${disagreements.length}`,
      ].join('\n'),
    );
    assert.equal(disagreements.length, 0, `${disagreements.length} disagreements, first ones:\n\n${disagreements.slice(0, 8).join('\n')}`);
    assert.ok(stats.outputKnown + stats.predictedThrow > stats.models / 2, 'the engine should know most generated models');
    assert.equal(stats.runProblemsConfirmed + stats.emptyConfirmed, stats.runProblems + stats.emptyProblems, `every run-time problem should fail when data flows:\n${unconfirmed.slice(0, 10).join('\n')}`);
  });
});

/** Same values, NaN equal to NaN (reductions over an empty tensor give NaN). */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The engine layers the model's outputs depend on (every layer, for a sequential model). */
function modelLayers(spec: ModelSpec, engineLayers: (LayerValue | undefined)[]): Set<LayerValue> {
  const out = new Set<LayerValue>();
  if (spec.type === 'sequential') {
    for (const l of engineLayers) if (l) out.add(l);
    return out;
  }
  const nIn = spec.inputs.length;
  const stack = [...spec.outputs];
  const seen = new Set<number>();
  while (stack.length) {
    const n = stack.pop()!;
    if (n < nIn || seen.has(n)) continue;
    seen.add(n);
    const l = engineLayers[n - nIn];
    if (l) out.add(l);
    stack.push(...spec.nodes[n - nIn].from);
  }
  return out;
}

/** The engine's LayerValue for each top-level layer of the spec, in the same order. */
function layerValuesInOrder(file: FileAnalysis, spec: ModelSpec): (LayerValue | undefined)[] {
  const model = file.graph.models[file.graph.models.length - 1];
  if (!model) return [];
  if (spec.type === 'sequential') return model.layers.map((e) => (e.layer === UNKNOWN ? undefined : e.layer));
  // functional: top-level layers are the ones applied, in source order (nested ones are never applied)
  return file.graph.layers.filter((l) => l.applications.length > 0);
}
