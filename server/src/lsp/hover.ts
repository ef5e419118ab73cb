// Hover: the inferred shape and dtype of the layer, model or tensor under the cursor, and
// for a diagnostic under the cursor, why it matters (from the rule's doc page).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine/rule';
import { DIRECTIVE_ID } from '../engine/suppressions';
import type { LintResult, ShapeFact } from '../engine/types';
import { formatShape } from '../engine/shapes/shape';
import type { RuleDocs } from '../workspace/package';

export { formatShape };

/** The innermost fact whose range holds the offset. */
export function factAt(facts: readonly ShapeFact[], offset: number): ShapeFact | undefined {
  let best: ShapeFact | undefined;
  for (const f of facts) {
    if (f.range.start <= offset && offset <= f.range.end) {
      if (!best || f.range.end - f.range.start < best.range.end - best.range.start) best = f;
    }
  }
  return best;
}

export function hoverAt(doc: TextDocument, offset: number, result: LintResult, docs: RuleDocs, docLink: (ruleId: string) => string = docsUrl): Hover | null {
  const sections: string[] = [];
  let range: { start: number; end: number } | undefined;
  for (const finding of result.findings) {
    if (finding.range.start <= offset && offset <= finding.range.end) {
      const why = docs.why(finding.ruleId);
      sections.push(
        // The editor shows the diagnostic's message in the same hover; this adds why it matters.
        [`**tfjs-lint: ${finding.ruleId}**`, why ? `*Why it matters:* ${why}` : undefined, finding.ruleId === DIRECTIVE_ID ? undefined : `[Documentation](${docLink(finding.ruleId)})`]
          .filter(Boolean)
          .join('\n\n'),
      );
      range ??= finding.range;
    }
  }
  const fact = factAt(result.facts, offset);
  if (fact) {
    sections.unshift(describeFact(fact));
    range = fact.range;
  }
  if (sections.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    ...(range ? { range: { start: doc.positionAt(range.start), end: doc.positionAt(range.end) } } : {}),
  };
}

export function describeFact(fact: ShapeFact): string {
  const made = fact.kind === 'layer' || fact.kind === 'model' ? `${fact.label} ${fact.kind}` : fact.label;
  const title = fact.variable ? `\`${fact.variable}\`: ${made}` : made;
  const lines = [`**${title}** (${fact.kind === 'symbolic' ? 'symbolic tensor' : fact.kind})`];
  // A layer's or model's shape is what it outputs; a tensor's is its own.
  const what = fact.kind === 'layer' || fact.kind === 'model' ? 'output shape' : 'shape';
  lines.push(fact.shape ? `${what}: \`${formatShape(fact.shape)}\`` : `${what}: not inferred`);
  if (fact.dtype) lines.push(`dtype: \`${fact.dtype}\``);
  else if (fact.kind !== 'model' && fact.kind !== 'layer') lines.push('dtype: not inferred');
  const detail = describeDetail(fact);
  if (detail) lines.push(detail);
  return lines.join('  \n');
}

/** A layer's class and parameter count; a model's inputs, outputs (when several) and parameter count. */
function describeDetail(fact: ShapeFact): string | undefined {
  if (fact.kind === 'layer') {
    if (fact.params === undefined || !fact.className) return undefined;
    return `${fact.className}, ${fact.params} params${fact.nonTrainable ? ` (${fact.nonTrainable} non-trainable)` : ''}`;
  }
  if (fact.kind !== 'model') return undefined;
  const details: string[] = [];
  if (fact.inputShapes) details.push(`input ${fact.inputShapes.map(formatShape).join(', ')}`);
  if (fact.outputShapes && fact.outputShapes.length > 1) details.push(`outputs ${fact.outputShapes.map(formatShape).join(', ')}`);
  if (fact.params !== undefined) details.push(`${fact.params} params`);
  return details.length ? details.join('; ') : undefined;
}
