// Mid-typing, the parser guesses around what it cannot read (`cons` of a half-typed `const`
// swallows the next statement; an unclosed call swallows the rest of the file). A finding
// that depends on that code would be about code that is not there: "the first layer has no
// inputShape" when the layer that had it was swallowed, "layer never used" when its use was.
// So, in a file with syntax errors, a finding stays quiet when an error lies inside its own
// range (or right after it), or before it in the same function body (or at top level);
// findings before the error, or in other function bodies, are reported as usual ("linted as
// far as it parses").
import { ts } from './ts';
import type { Finding } from './types';

export function quietNearSyntaxErrors(sourceFile: ts.SourceFile, findings: Finding[]): Finding[] {
  const errors = ((sourceFile as unknown as { parseDiagnostics?: { start?: number }[] }).parseDiagnostics ?? [])
    .map((d) => d.start)
    .filter((s): s is number => s !== undefined);
  if (errors.length === 0) return findings;
  const errorScopes = errors.map((e) => ({ at: e, scope: scopeAt(sourceFile, e) }));
  const text = sourceFile.text;
  return findings.filter((f) => {
    const scope = scopeAt(sourceFile, f.range.start);
    // An error right after the finding (only blanks between) is where its own code broke off.
    let end = f.range.end;
    while (end < text.length && /\s/.test(text[end])) end++;
    return !errorScopes.some((e) => (f.range.start <= e.at && e.at <= end) || (e.at < f.range.start && e.scope === scope));
  });
}

/** The innermost function body (or the file) that holds the offset; a function's parameters belong to the outer one. */
function scopeAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let scope: ts.Node = sourceFile;
  let node: ts.Node = sourceFile;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (next === undefined && child.pos <= offset && offset < child.end) next = child;
    });
    if (!next) return scope;
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body === next) scope = next;
    node = next;
  }
}
