// Where the value an expression computes goes: thrown away by an expression statement, bound
// to a variable (and then read at these places), or somewhere we do not follow (an argument,
// a property, an array, a return, an export, another script). Rules that call something
// "unused" rely on this answering `escapes` whenever there is any doubt.
import type { FileAnalysis } from './analysis';
import { ts } from './ts';
import { outermostWrapper } from './bindings';

export type ValueUses =
  | { kind: 'discarded'; statement: ts.ExpressionStatement }
  | { kind: 'variable'; declaration: ts.VariableDeclaration; statement: ts.VariableStatement; reads: ts.Identifier[] }
  | { kind: 'escapes' };

const ESCAPES: ValueUses = { kind: 'escapes' };

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

/** hasDynamicScope's answer per tree: usesOf asks for every tensor a file makes, and the scan reads the whole text. */
const dynamicScopes = new WeakMap<ts.SourceFile, boolean>();

/** `eval`, `with` and `new Function` can read any variable by a name we cannot see. */
function hasDynamicScope(file: FileAnalysis): boolean {
  let known = dynamicScopes.get(file.sourceFile);
  if (known === undefined) dynamicScopes.set(file.sourceFile, (known = /\beval\s*\(|\bwith\s*\(|\bnew\s+Function\s*\(/.test(file.text)));
  return known;
}

/**
 * A module's top-level names are its own. A classic browser script's top-level names are
 * globals that other scripts on the page may read, so there nothing top-level is "unused".
 */
export function isModuleFile(file: FileAnalysis): boolean {
  return isModuleSource(file.fileName, file.sourceFile);
}

/** isModuleSource's answer per tree (the evaluator asks it for every undeclared name it reads). */
const moduleSources = new WeakMap<ts.SourceFile, boolean>();

/** isModuleFile, from a file's name and syntax. */
export function isModuleSource(fileName: string, sourceFile: ts.SourceFile): boolean {
  if (fileName !== sourceFile.fileName) return readsAsModule(fileName, sourceFile);
  let known = moduleSources.get(sourceFile);
  if (known === undefined) moduleSources.set(sourceFile, (known = readsAsModule(fileName, sourceFile)));
  return known;
}

function readsAsModule(fileName: string, sourceFile: ts.SourceFile): boolean {
  if (/\.(mjs|cjs|mts|cts)$/i.test(fileName)) return true;
  for (const st of sourceFile.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st)) return true;
    if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  }
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sourceFile.text);
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
