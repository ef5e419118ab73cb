// Reading a layer's evaluated config the way tfjs reads it. Any value that cannot be known,
// or that has a form we do not model, throws `Unknowable`: the caller turns that into "shape
// unknown" rather than guessing.
import { LayerValue, ObjectValue, UNKNOWN, type Value } from '../values';

export class Unknowable extends Error {
  constructor(what: string) {
    super(`cannot know ${what}`);
  }
}

export class LayerConfig {
  constructor(
    private readonly read: (key: string) => Value,
    readonly layerType: string,
  ) {}

  static of(layer: LayerValue): LayerConfig {
    return new LayerConfig((k) => layer.option(k), layer.layerType);
  }

  static fromObject(layerType: string, config: ObjectValue | typeof UNKNOWN | undefined): LayerConfig {
    return new LayerConfig((k) => (config === undefined ? undefined : config === UNKNOWN ? UNKNOWN : config.get(k)), layerType);
  }

  /** The raw value; undefined and null both mean "not given", as in tfjs (`!= null`). */
  raw(key: string): Value {
    const v = this.read(key);
    if (v === UNKNOWN) throw new Unknowable(key);
    return v === null ? undefined : v;
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  num(key: string, fallback?: number): number {
    const v = this.raw(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Unknowable(key);
    return v;
  }

  /** A positive integer (units, filters, ...). */
  posInt(key: string, fallback?: number): number {
    const v = this.num(key, fallback);
    if (!Number.isInteger(v) || v <= 0) throw new Unknowable(key);
    return v;
  }

  str(key: string, fallback: string): string {
    const v = this.raw(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'string') throw new Unknowable(key);
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw new Unknowable(key);
    return v;
  }

  /** A number or a list of `n` positive integers, as tfjs's normalizeArray accepts. */
  tuple(key: string, n: number, fallback?: number | number[]): number[] {
    let v = this.raw(key);
    if (v === undefined) v = fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return new Array<number>(n).fill(v);
    if (Array.isArray(v) && v.length === n && v.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0)) {
      return v as number[];
    }
    throw new Unknowable(key);
  }

  /** A list of integers (or nulls where `allowNull`), e.g. targetShape, inputShape. */
  intList(key: string, allowNull = false): (number | null)[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new Unknowable(key);
    return v.map((d) => {
      if (d === null && allowNull) return null;
      if (typeof d === 'number' && Number.isInteger(d)) return d;
      throw new Unknowable(key);
    });
  }

  /** A nested layer (timeDistributed / bidirectional `layer`). */
  layer(key: string): LayerValue {
    const v = this.raw(key);
    if (!(v instanceof LayerValue)) throw new Unknowable(key);
    return v;
  }
}
