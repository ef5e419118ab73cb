// Where the value an expression computes goes: thrown away by an expression statement, bound
// to a variable (and then read at these places), or somewhere we do not follow (an argument,
// a property, an array, a return, an export, another script). Rules that call something
// "unused" rely on this answering `escapes` whenever there is any doubt.
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';

export type ValueUses =
  | { kind: 'discarded'; statement: ts.ExpressionStatement }
  | { kind: 'variable'; declaration: ts.VariableDeclaration; statement: ts.VariableStatement; reads: ts.Identifier[] }
  | { kind: 'escapes' };

const ESCAPES: ValueUses = { kind: 'escapes' };

/** Skips parentheses and type-only wrappers around an expression, upwards. */
export function outermostWrapper(node: ts.Node): ts.Node {
  let n = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) ||
      ts.isSatisfiesExpression(n.parent) || ts.isTypeAssertionExpression(n.parent))
  ) {
    n = n.parent;
  }
  return n;
}

export function usesOf(expr: ts.Expression, file: FileAnalysis): ValueUses {
  if (hasDynamicScope(file)) return ESCAPES;
  const node = outermostWrapper(expr);
  const parent = node.parent;
  if (!parent) return ESCAPES;
  if (ts.isExpressionStatement(parent)) return { kind: 'discarded', statement: parent };
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== node || !ts.isIdentifier(parent.name)) return ESCAPES;
  const list = parent.parent;
  const statement = list?.parent;
  if (!ts.isVariableDeclarationList(list) || !statement || !ts.isVariableStatement(statement)) return ESCAPES;
  if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DeclareKeyword)) return ESCAPES;
  if (ts.isSourceFile(statement.parent) && (!isModuleFile(file) || exportedByName(file.sourceFile, parent.name.text))) return ESCAPES;
  const reads: ts.Identifier[] = [];
  for (const ref of file.scopes.referencesOf(parent)) {
    if (ref.write) return ESCAPES;
    reads.push(ref.identifier);
  }
  return { kind: 'variable', declaration: parent, statement, reads };
}

/** `eval`, `with` and `new Function` can read any variable by a name we cannot see. */
function hasDynamicScope(file: FileAnalysis): boolean {
  return /\beval\s*\(|\bwith\s*\(|\bnew\s+Function\s*\(/.test(file.text);
}

/**
 * A module's top-level names are its own. A classic browser script's top-level names are
 * globals that other scripts on the page may read, so there nothing top-level is "unused".
 */
export function isModuleFile(file: FileAnalysis): boolean {
  if (/\.(mjs|cjs|mts|cts)$/i.test(file.fileName)) return true;
  for (const st of file.sourceFile.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st)) return true;
    if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  }
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(file.text);
}

/** `export { name }` / `export { name as other }` at the top of the file. */
function exportedByName(sf: ts.SourceFile, name: string): boolean {
  return sf.statements.some(
    (st) =>
      ts.isExportDeclaration(st) &&
      !st.moduleSpecifier &&
      st.exportClause !== undefined &&
      ts.isNamedExports(st.exportClause) &&
      st.exportClause.elements.some((e) => (e.propertyName ?? e.name).text === name),
  );
}

/** True when `id` is the receiver of a `.apply(...)` call: `id.apply(x)`. Returns that call. */
export function applyCallOnReceiver(id: ts.Node): ts.CallExpression | undefined {
  const n = outermostWrapper(id);
  const access = n.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== n || access.name.text !== 'apply') return undefined;
  const call = access.parent;
  return call && ts.isCallExpression(call) && call.expression === access ? call : undefined;
}

/** Properties whose read only looks at a layer or tensor (logging, a shape check): it connects nothing. */
const INERT_PROPERTIES = new Set(['name', 'shape', 'outputShape', 'inputShape', 'dtype', 'rank', 'size', 'id', 'batchInputShape']);

/**
 * True when `id` is only read for an inert property (`dense.name`, `h.shape` in a log or a
 * check): not assigned, not called. Such a read does not use the layer or tensor.
 */
export function isInertRead(id: ts.Node): boolean {
  const n = outermostWrapper(id);
  const access = n.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== n || !INERT_PROPERTIES.has(access.name.text)) return false;
  const p = outermostWrapper(access).parent;
  if (!p) return true;
  if (ts.isCallExpression(p) && p.expression === outermostWrapper(access)) return false;
  if (ts.isBinaryExpression(p) && p.left === outermostWrapper(access) && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
  if (ts.isDeleteExpression(p)) return false;
  return true;
}
