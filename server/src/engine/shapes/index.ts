// Shape inference: the public surface rules, facts and the CLI summary use.
export { ShapeInference, LayerNamer, type ModelSummary, type SummaryRow } from './inference';
export type { ShapeProblem, ShapeProblemKind, FixHint, DataCheck, InputSource, LayerSite } from './problems';
export { formatShape, sameShape, elementCount, resolveTargetShape } from './shape';
export { layerClassName, type LayerFault } from './layers';
export type { ElementSpec } from './datasets';
