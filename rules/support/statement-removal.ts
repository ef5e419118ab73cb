// Removing a whole statement as a fix: only where a statement list holds it (removing the body
// of `if (c) stmt;` would leave code that does not parse), taking its line with it when the
// statement is alone on its lines, so no blank line is left behind.
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import type { TextEdit } from '../../server/src/engine/types';

export function removeStatementEdit(statement: ts.Statement, file: FileAnalysis): TextEdit | undefined {
  const holder = statement.parent;
  if (!holder || !(ts.isBlock(holder) || ts.isSourceFile(holder) || ts.isModuleBlock(holder) || ts.isCaseClause(holder) || ts.isDefaultClause(holder))) {
    return undefined;
  }
  const text = file.text;
  const start = statement.getStart(file.sourceFile);
  const end = statement.getEnd();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const aloneOnLines = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?$/.test(text.slice(end, lineEnd));
  if (aloneOnLines) return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
  // Sharing its line with other code: take the statement and the blanks after it.
  let after = end;
  while (after < lineEnd && (text[after] === ' ' || text[after] === '\t')) after++;
  return { start, end: after, newText: '' };
}

/**
 * An expression whose evaluation cannot run user code or change state: literals, names,
 * property reads of those, object and array literals built from them, and arithmetic.
 * (Property reads could hit a getter; config objects written in place do not have them.)
 */
export function isSideEffectFree(node: ts.Node): boolean {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
    return isSideEffectFree(node.expression);
  }
  if (ts.isIdentifier(node) || ts.isLiteralExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  switch (node.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
  }
  if (ts.isPropertyAccessExpression(node)) return isSideEffectFree(node.expression);
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((s) => isSideEffectFree(s.expression));
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => !ts.isSpreadElement(e) && isSideEffectFree(e));
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (p) =>
        (ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isSideEffectFree(p.initializer)) ||
        ts.isShorthandPropertyAssignment(p),
    );
  }
  if (ts.isPrefixUnaryExpression(node)) {
    return (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken || node.operator === ts.SyntaxKind.ExclamationToken) &&
      isSideEffectFree(node.operand);
  }
  if (ts.isBinaryExpression(node)) {
    const k = node.operatorToken.kind;
    if (k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment) return false;
    return isSideEffectFree(node.left) && isSideEffectFree(node.right);
  }
  return false;
}
