// The shape problems tfjs throws on (or silently loses data on), as data: a kind and its
// operands (layers and their places, shapes, axes, dtypes, the method and tfjs's names for
// the layers it checks). The engine never words them: the rules do.
import type { ts } from '../ts';
import type { Dim, Shape } from '../types';
import type { LayerValue, ModelValue } from '../values';
import type { LayerFault } from './layers';

/** A layer where it sits: its 1-based position in a sequential model, when it has one. */
export interface LayerSite {
  layer: LayerValue;
  position?: number;
}

/**
 * Where a layer's input comes from: the sequential model's input, or the layers that made it
 * (the previous layer of a sequential model, the layers applied before; empty when one of
 * them is not a layer we know).
 */
export type InputSource = 'model-input' | LayerSite[];

/** A hint the rule turns into a quick fix. */
export type FixHint =
  | { kind: 'add-input-shape'; layer: LayerValue; inputShape: number[] }
  | { kind: 'drop-batch-dim'; layer: LayerValue; arrayNode: ts.ArrayLiteralExpression }
  /** `denseInput`: the rank-keeping input of the dense layer at `beforeIndex`. */
  | { kind: 'insert-flatten'; model: ModelValue; beforeIndex: number; denseInput: Shape };

/**
 * How data fails tfjs's check against a model input or output (standardizeInputData in fit
 * and evaluate, checkInputData in predict): a wrong rank, or a wrong size after the batch dim.
 */
export interface DataCheck {
  failure: 'rank' | 'size';
  /** The shape tfjs checks: the data's, with rank-1 data read as [n, 1]. */
  checked: Shape;
  /** tfjs's name of the model input or output layer it checks against; undefined when unknown. */
  tfjsName?: string;
}

interface Common {
  /** Where to report it. */
  node: ts.Node;
  /** True when tfjs throws while building the model; false when it fails once data flows. */
  atBuild: boolean;
  layer?: LayerValue;
  model?: ModelValue;
  /** The shape expected and the shape found, where the problem is a comparison. */
  expected?: Shape;
  actual?: Shape;
  fix?: FixHint;
}

/** Data handed to a model: `validation` for fit's validationData; `index` (1-based) among several inputs or outputs. */
interface DataCall {
  method: string;
  validation: boolean;
  index?: number;
  model: ModelValue;
}

export type ShapeProblem = Common &
  (
    | {
        /** A layer given input it cannot take. `model` is set in a sequential model (tfjs throws on add), not for apply(). */
        kind: 'layer-input';
        layer: LayerValue;
        position?: number;
        fault: LayerFault;
        inputs: Shape[];
        from: InputSource;
        /** The layer outputs an empty tensor: no throw, but nothing after it sees the input. */
        empty?: boolean;
      }
    | {
        /** Sequential.add of a layer whose output has a size below 0. */
        kind: 'negative-output';
        layer: LayerValue;
        position: number;
        input: Shape;
        from: InputSource;
        output: Shape;
        model: ModelValue;
      }
    | {
        /** The first layer of a sequential model declares no input shape. `fitInput`: x of the model's first fit, when known. */
        kind: 'no-input-shape';
        layer: LayerValue;
        model: ModelValue;
        builtBy: 'sequential-config' | 'add';
        fitInput?: Shape;
      }
    | {
        /** inputShape written with the batch dimension in it. */
        kind: 'batch-in-input-shape';
        layer: LayerValue;
        model: ModelValue;
        inputShape: Dim[];
        /** The batch input shape tfjs makes of it. */
        declared: Shape;
        fitInput?: Shape;
      }
    | (DataCall & { kind: 'fit-x'; expected: Shape; actual: Shape; check: DataCheck })
    | (DataCall & {
        /** y against the model output `output`; `expected` is what the loss wants (sparse labels: width 1). */
        kind: 'fit-y';
        output: Shape;
        expected: Shape;
        actual: Shape;
        check: DataCheck;
        loss: string;
        /** Under a classification loss on a rank-2 output: the labels' form explains it better than shapes. */
        labelForm?: boolean;
      })
    | (DataCall & { kind: 'batch-size'; xExamples: number; yExamples: number })
    | (DataCall & {
        /** An unbatched dataset whose xs are plain arrays of `length` numbers: tfjs reads each as that many tensors. */
        kind: 'dataset-unbatched';
        length: Dim;
        tfjsName?: string;
      })
    | (DataCall & { kind: 'dataset-x'; expected: Shape; actual: Shape })
    /** An op given a dtype it rejects: oneHot of float32, a float-only op of int32. */
    | { kind: 'dtype'; op: string; dtype: string }
    | { kind: 'broadcast'; op: string; shapes: [Shape, Shape] }
    | { kind: 'reshape-count'; shape: Shape; elements: number; targetShape: number[] }
    | { kind: 'concat'; axis: number; shapes: Shape[] }
    | { kind: 'matmul'; shapes: [Shape, Shape]; inner: [number, number] }
  );

export type ShapeProblemKind = ShapeProblem['kind'];
