// The abstract values the evaluator computes. A value is either known exactly (a number, a
// string, an object literal, a tfjs layer created at a known call site, ...) or UNKNOWN.
// Rules must treat UNKNOWN as "stay quiet".
import type { ts } from 'ts-morph';
import type { Shape } from './types';
import type { CustomLayerClass } from './custom-layers';

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

export type Value =
  | number
  | string
  | boolean
  | null
  | undefined
  | Unknown
  | Value[]
  | ObjectValue
  | TfRef
  | LayerValue
  | ModelValue
  | TensorValue
  | OptimizerValue
  | CallbackValue
  | FunctionValue
  | TypedArrayValue
  | ListValue
  | ModuleValue
  | ImportedFunction
  | InstanceValue;

/**
 * An instance of a class of the workspace (`new Dataset()`): a field or getter reads as the
 * class's code makes it once the constructor has run (Evaluator.instanceMember), in the class's
 * own file; no syntax of another file.
 */
export class InstanceValue {
  readonly kind = 'instance';
  constructor(readonly member: (key: string) => Value) {}
}

/** An object literal. `open` means an unknown spread may have added keys we cannot see. */
export class ObjectValue {
  readonly kind = 'object';
  constructor(
    readonly props: Map<string, Value>,
    readonly open: boolean,
    /** The property assignment node for each key, so rules can point at it and fix it. */
    readonly propNodes: Map<string, ts.Node>,
    readonly node: ts.Node | undefined,
  ) {}
  get(key: string): Value {
    if (this.props.has(key)) return this.props.get(key);
    return this.open ? UNKNOWN : undefined;
  }
  has(key: string): boolean | Unknown {
    if (this.props.has(key)) return true;
    return this.open ? UNKNOWN : false;
  }
}

/** A reference to the tfjs namespace (path '') or one of its members ('layers.dense'). */
export class TfRef {
  readonly kind = 'tf';
  private readonly members = new Map<string, TfRef>();
  constructor(readonly path: string) {}
  /** The member `key` of this reference; one object per path, so no garbage per lookup. */
  member(key: string): TfRef {
    let ref = this.members.get(key);
    if (!ref) this.members.set(key, (ref = new TfRef(this.path ? `${this.path}.${key}` : key)));
    return ref;
  }
}

/** A same-file function the evaluator may look into (helpers that build models). */
export class FunctionValue {
  readonly kind = 'function';
  constructor(readonly declaration: ts.FunctionLikeDeclaration) {}
}

export class TypedArrayValue {
  readonly kind = 'typed-array';
  constructor(
    readonly dtype: 'uint8' | 'int32' | 'float32',
    readonly elements: Value[] | Unknown,
    readonly node: ts.Node,
  ) {}
}

/**
 * An array that code fills after its declaration (`const xs = []` then `xs.push(...)` in a
 * loop, a callback, ...): never its initializer. Its elements are the values of `elements`
 * (the expressions pushed, spliced or assigned in, and the initializer's own); `length` is
 * exact only where every push ran a known number of times before the read.
 */
export class ListValue {
  readonly kind = 'list';
  constructor(
    /** The element count where the read sees it; UNKNOWN otherwise. */
    readonly length: number | Unknown,
    /** Expressions every element is the value of; UNKNOWN when code we cannot see adds some. */
    readonly elements: readonly ts.Expression[] | Unknown,
    /** The declaration of the variable that holds the array. */
    readonly node: ts.Node,
  ) {}
}

/** `tf.layers.<kind>(config)` at one call site, or `new C(config)` of a layer class of the workspace (layerType 'custom'). */
export class LayerValue {
  readonly kind = 'layer';
  /** The models this layer was added to (sequential) and its `apply` calls (functional). */
  readonly applications: TensorValue[] = [];
  readonly addedTo: ModelValue[] = [];
  /** Filled by shape inference when known. */
  outputShape?: Shape;
  constructor(
    /** The tfjs factory name: 'dense', 'conv2d', ... */
    readonly layerType: string,
    readonly config: ObjectValue | Unknown | undefined,
    readonly call: ts.CallExpression | ts.NewExpression,
    /** For a layer class of the workspace: what is known of the class. */
    readonly custom?: CustomLayerClass,
  ) {}
  /** What kind of layer it is, for messages: the factory name ('dense'), or a layer class's className. */
  get kindName(): string {
    return this.custom ? (this.custom.className ?? this.layerType) : this.layerType;
  }
  /** A config key's value; undefined when absent, UNKNOWN when it cannot be known. */
  option(key: string): Value {
    if (this.config === undefined) return undefined;
    if (this.config === UNKNOWN) return UNKNOWN;
    return this.config.get(key);
  }
}

export interface LayerEntry {
  layer: LayerValue | Unknown;
  /** The expression that put it in the model (an element of `layers: [...]` or an `add` argument). */
  node: ts.Node;
  /** False when added in a loop, a branch or another function: its position is not certain. */
  certain: boolean;
}

export interface ModelCall {
  method: string;
  call: ts.CallExpression;
}

/**
 * What is known of a model whose layers this file does not hold: one built in another file of
 * the workspace (returned by an imported function) or loaded from a model.json there. Shapes
 * are batch shapes (batch dim null); an entry is undefined when not known.
 */
export interface ModelSignature {
  /** Where it was read: the builder's or the model.json's file. */
  fileName: string;
  inputShapes: Shape[] | undefined;
  outputShapes: Shape[] | undefined;
}

/** A model created at one call site: `tf.sequential(...)`, `tf.model(...)`, or loaded. */
export class ModelValue {
  readonly kind = 'model';
  readonly layers: LayerEntry[] = [];
  /** compile, fit, fitDataset, predict, evaluate, save, ... calls on this model, in source order. */
  readonly calls: ModelCall[] = [];
  /** True when the model was handed to code we cannot see (an unknown function, a property). */
  escapes = false;
  /** For a loaded model: what is known of it from the workspace (see ModelSignature). */
  signature?: ModelSignature;
  constructor(
    readonly modelType: 'sequential' | 'functional' | 'loaded',
    readonly call: ts.CallExpression,
    readonly config: ObjectValue | Unknown | undefined,
  ) {}
  callsOf(method: string): ts.CallExpression[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.call);
  }
  /** True when every layer, and its position, is known. */
  get exact(): boolean {
    return (
      this.modelType === 'sequential' &&
      !this.escapes &&
      this.layers.every((e) => e.certain && e.layer !== UNKNOWN)
    );
  }
}

/**
 * A tensor-like value produced by a tfjs op, a tensor method, a layer `apply`, `tf.input`,
 * a model's `predict`, or a tf.data pipeline step. `op` names what produced it; 'ported' is a
 * tensor another module's function returned (node: the call here), known by its shape and
 * dtype alone (set at creation; modules.ts).
 */
export class TensorValue {
  readonly kind = 'tensor';
  /** Filled by shape inference when known. */
  shape?: Shape;
  dtype?: string;
  constructor(
    /** 'sigmoid', 'log', 'tensor2d', 'input', 'apply', 'predict', 'data.array', 'ported', ... */
    readonly op: string,
    readonly node: ts.Expression,
    /** Operand expressions: for methods the receiver first, then the arguments. */
    readonly operands: readonly ts.Expression[],
    /** For layer applications: the layer. For predict: the model. */
    readonly producer?: LayerValue | ModelValue,
  ) {}
}

/**
 * A module of the workspace named by a relative import or require (`import * as cfg from
 * './config'`, `require('./data')`): its exports are read on demand (engine/modules.ts).
 */
export class ModuleValue {
  readonly kind = 'module';
  constructor(
    readonly fileName: string,
    /** The value an export has, as this file sees it (UNKNOWN when it cannot be known). */
    readonly exportValue: (name: string) => Value,
    /** For `require()`: the value given to `module.exports` as a whole (UNKNOWN when none is known). */
    readonly whole?: () => Value,
  ) {}
}

/**
 * A function exported by another module of the workspace. Calling it evaluates its return in
 * that module's own analysis; what comes back is ported to the calling file (modules.ts).
 */
export class ImportedFunction {
  readonly kind = 'imported-function';
  constructor(
    readonly fileName: string,
    /** The value a call returns, for the call node of the calling file. */
    readonly call: (site: ts.CallExpression) => Value,
  ) {}
}

export class OptimizerValue {
  readonly kind = 'optimizer';
  constructor(
    /** 'sgd', 'adam', ... (the tf.train factory name, or the compile string). */
    readonly name: string,
    readonly node: ts.Node,
    /** The learning-rate argument expression, when one was written. */
    readonly rateNode: ts.Expression | undefined,
  ) {}
}

export class CallbackValue {
  readonly kind = 'callback';
  constructor(
    readonly name: string,
    readonly node: ts.Node,
  ) {}
}

export function isKnown<T extends Value>(v: T): v is Exclude<T, Unknown> {
  return v !== UNKNOWN;
}
export function isObject(v: Value): v is ObjectValue {
  return v instanceof ObjectValue;
}
export function isLayer(v: Value): v is LayerValue {
  return v instanceof LayerValue;
}
export function isModel(v: Value): v is ModelValue {
  return v instanceof ModelValue;
}
export function isTensor(v: Value): v is TensorValue {
  return v instanceof TensorValue;
}
export function isList(v: Value): v is ListValue {
  return v instanceof ListValue;
}
export function isTfRef(v: Value): v is TfRef {
  return v instanceof TfRef;
}
export function asNumber(v: Value): number | undefined {
  return typeof v === 'number' ? v : undefined;
}
export function asString(v: Value): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A value that is one tensor or an array of tensors, as a list; undefined otherwise. */
export function tensorList(v: Value): TensorValue[] | undefined {
  if (v instanceof TensorValue) return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((e) => e instanceof TensorValue)) return v as TensorValue[];
  return undefined;
}
