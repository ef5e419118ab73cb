// Inlay hints: the output shape after each layer whose shape the engine inferred.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ShapeFact } from '../engine/types';
import { formatShape } from './hover';

export function layerShapeHints(doc: TextDocument, facts: readonly ShapeFact[], range: Range): InlayHint[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'layer' || !fact.shape || fact.variable) continue; // hints where layers are made
    if (fact.range.end < from || fact.range.end > to) continue;
    hints.push({
      position: doc.positionAt(fact.range.end),
      label: `→ ${formatShape(fact.shape)}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: `${fact.label} layer output shape`,
    });
  }
  return hints;
}
