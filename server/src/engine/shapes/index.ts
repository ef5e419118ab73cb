// Shape inference: the public surface rules, facts and the CLI summary use.
export { ShapeInference, LayerNamer, type ShapeProblem, type FixHint, type ModelSummary, type SummaryRow } from './inference';
export { formatShape, sameShape, elementCount, resolveTargetShape } from './shape';
export { layerClassName, type ProblemKind } from './layers';
export type { ElementSpec } from './datasets';
