// The call sites of an exported helper across the workspace: how a module exports a function
// (ES exports, `module.exports = f`, `exports.name = f`, `module.exports = { f }`), and where
// a file that imports the module calls it. Every use must be one we can see: a direct call
// (`createModel(4)`, `models.createModel(4)`, `require('./model')(4)`) or an export of it;
// anything else (re-exports, dynamic imports, the function or the namespace handed on) and
// the call sites are not all known. Syntax only: modules.ts evaluates the arguments.
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import { ABSENT } from './modules';
import { hasModifier, isModuleExports } from './module-exports';

/** How a module exports one function, and its direct calls in that module. */
export interface ExportedFunction {
  /** Export names (`default` for a default export). */
  readonly names: ReadonlySet<string>;
  /** Given to `module.exports` (or `export =`) as a whole. */
  readonly whole: boolean;
  readonly localCalls: readonly ts.CallExpression[];
}

/**
 * How `fn` (a function declaration, or a function in a top-level `const`) is exported, and
 * its calls in its own file; undefined when it is not exported, or some use of it is neither
 * a direct call nor an export.
 */
export function exportedFunction(fn: ts.SignatureDeclaration, scopes: Scopes): ExportedFunction | undefined {
  let declaration: ts.FunctionDeclaration | ts.VariableDeclaration;
  const names = new Set<string>();
  let whole = false;
  if (ts.isFunctionDeclaration(fn) && fn.name && ts.isSourceFile(fn.parent)) {
    declaration = fn;
    if (hasModifier(fn, SK.ExportKeyword)) names.add(hasModifier(fn, SK.DefaultKeyword) ? 'default' : fn.name.text);
  } else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn) {
    declaration = fn.parent;
    const list = declaration.parent;
    if (!ts.isIdentifier(declaration.name) || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
    if (!ts.isVariableStatement(list.parent) || !ts.isSourceFile(list.parent.parent)) return undefined;
    if (hasModifier(list.parent, SK.ExportKeyword)) names.add(declaration.name.text);
  } else {
    return undefined;
  }
  const localCalls: ts.CallExpression[] = [];
  for (const { identifier } of scopes.referencesOf(declaration)) {
    const call = directCall(identifier);
    if (call) {
      localCalls.push(call);
      continue;
    }
    const use = exportUse(identifier);
    if (use === undefined) return undefined;
    if (use === WHOLE) whole = true;
    else names.add(use);
  }
  if (!names.size && !whole) return undefined;
  // `import m from './model'` of a CommonJS module, or its `default` through a namespace, is the whole export.
  if (whole) names.add('default');
  return { names, whole, localCalls };
}

const WHOLE = Symbol('whole');

/** The export name an identifier's use gives the function, WHOLE for `module.exports = f`; undefined for any other use. */
function exportUse(id: ts.Identifier): string | typeof WHOLE | undefined {
  const p = id.parent;
  if (ts.isExportSpecifier(p) && (p.propertyName ?? p.name) === id && !p.parent.parent.moduleSpecifier) return p.name.text;
  if (ts.isExportAssignment(p) && ts.isSourceFile(p.parent)) return p.isExportEquals ? WHOLE : 'default';
  if (ts.isBinaryExpression(p) && p.right === id && p.operatorToken.kind === SK.EqualsToken && topLevel(p)) {
    if (isModuleExports(p.left)) return WHOLE;
    if (ts.isPropertyAccessExpression(p.left) && (isModuleExports(p.left.expression) || isExportsIdentifier(p.left.expression))) return p.left.name.text;
  }
  // module.exports = { createModel, build: createModel }
  const prop = ts.isShorthandPropertyAssignment(p) ? p : ts.isPropertyAssignment(p) && p.initializer === id ? p : undefined;
  if (prop && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
    const object = prop.parent;
    const assign = object.parent;
    if (ts.isBinaryExpression(assign) && assign.right === object && isModuleExports(assign.left) && topLevel(assign)) return prop.name.text;
  }
  return undefined;
}

function topLevel(e: ts.Expression): boolean {
  return ts.isExpressionStatement(e.parent) && ts.isSourceFile(e.parent.parent);
}

/** What an importer needs: its syntax, names, and which file a specifier names from it. */
export interface ImporterView {
  readonly sourceFile: ts.SourceFile;
  readonly scopes: Scopes;
  readonly calls: readonly ts.CallExpression[];
  /** True when the relative specifier names the exporting module from the importer. */
  names(specifier: string): boolean;
}

/**
 * The calls of the exported function in an importer; undefined when the importer uses the
 * module in a way whose calls we cannot all see.
 */
export function callsInImporter(importer: ImporterView, exported: ExportedFunction): ts.CallExpression[] | undefined {
  const calls: ts.CallExpression[] = [];
  const callsOf = (binding: ts.Node): boolean => {
    for (const { identifier } of importer.scopes.referencesOf(binding)) {
      const call = directCall(identifier);
      if (!call) return false;
      calls.push(call);
    }
    return true;
  };
  /** A binding of the whole module (namespace, `require` result): its members read, the function only called. */
  const moduleUses = (binding: ts.Node, callable: boolean): boolean => {
    for (const { identifier } of importer.scopes.referencesOf(binding)) {
      if (!memberUse(identifier, callable, calls, exported.names)) return false;
    }
    return true;
  };
  const named = (name: string): boolean => exported.names.has(name);

  for (const st of importer.sourceFile.statements) {
    if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) && importer.names(st.moduleSpecifier.text)) {
      return undefined; // a re-export: its own importers call it
    }
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !importer.names(st.moduleSpecifier.text)) continue;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    // A default import is the default export, or a CommonJS module's `module.exports`.
    if (clause.name && !(named('default') ? callsOf(clause) : moduleUses(clause, false))) return undefined;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && !moduleUses(bindings, false)) return undefined;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        if (!el.isTypeOnly && named((el.propertyName ?? el.name).text) && !callsOf(el)) return undefined;
      }
    }
  }
  for (const call of importer.calls) {
    const callee = call.expression;
    const arg = call.arguments[0];
    const loads = (ts.isIdentifier(callee) && callee.text === 'require' && !importer.scopes.resolve(callee)) || callee.kind === SK.ImportKeyword;
    if (!loads || !arg || !ts.isStringLiteralLike(arg) || !importer.names(arg.text)) continue;
    if (callee.kind === SK.ImportKeyword) return undefined; // import('./model'): a promise we do not follow
    if (!requireUse(call, exported, importer, calls, callsOf, moduleUses)) return undefined;
  }
  for (const st of importer.sourceFile.statements) {
    if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression) && importer.names(st.moduleReference.expression.text)) {
      if (!moduleUses(st, exported.whole)) return undefined;
    }
  }
  return calls;
}

/** `const m = require(...)`, `const { f } = require(...)`, `require(...)(...)`, `require(...).f(...)`. */
function requireUse(
  call: ts.CallExpression,
  exported: ExportedFunction,
  importer: ImporterView,
  calls: ts.CallExpression[],
  callsOf: (binding: ts.Node) => boolean,
  moduleUses: (binding: ts.Node, callable: boolean) => boolean,
): boolean {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isExpressionStatement(p)) return true; // loaded for its side effects
  if (ts.isVariableDeclaration(p) && p.initializer === n) {
    if (ts.isIdentifier(p.name)) return !importer.scopes.isReassigned(p) && moduleUses(p, exported.whole);
    if (!ts.isObjectBindingPattern(p.name)) return false;
    for (const el of p.name.elements) {
      if (el.dotDotDotToken) return false;
      const key = el.propertyName ?? el.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return false;
      if (!exported.names.has(key.text)) continue;
      if (!ts.isIdentifier(el.name) || !callsOf(el)) return false;
    }
    return true;
  }
  return memberUse(n as ts.Expression, exported.whole, calls, exported.names);
}

/**
 * A use of the module object: `m.other` (a read of another export), `m.f(...)` (a call,
 * collected when `f` is the function's name), `m(...)` when the function is the whole
 * export. Anything else hands the module on.
 */
function memberUse(use: ts.Expression, callable: boolean, calls: ts.CallExpression[], names: ReadonlySet<string>): boolean {
  let n: ts.Node = use;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isCallExpression(p) && p.expression === n) {
    if (!callable) return false;
    calls.push(p);
    return true;
  }
  if (!ts.isPropertyAccessExpression(p) || p.expression !== n) return false;
  const call = directCall(p.name);
  if (names.has(p.name.text)) {
    if (call) {
      calls.push(call);
      return true;
    }
    return !isValueUse(p);
  }
  return true;
}

/** `m.f` used other than by calling it: handed on, stored, aliased. A read inside a larger member chain (`m.f.length`) is not. */
function isValueUse(access: ts.PropertyAccessExpression): boolean {
  const p = access.parent;
  return !(ts.isPropertyAccessExpression(p) && p.expression === access) && !ts.isTypeOfExpression(p);
}

/** The argument a call (or `new`) passes at parameter `index`: ABSENT when none, undefined behind a spread. */
export function argumentAt(call: ts.CallExpression | ts.NewExpression, index: number): ts.Expression | typeof ABSENT | undefined {
  const args = call.arguments ?? []; // `new C` passes nothing
  if (args.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return undefined;
  return args[index] ?? ABSENT;
}

/** The call an identifier (or `x.name`'s name) is the callee of, through parentheses. */
function directCall(id: ts.Identifier | ts.MemberName): ts.CallExpression | undefined {
  let n: ts.Node = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  const call = n.parent;
  return ts.isCallExpression(call) && call.expression === n ? call : undefined;
}

function isExportsIdentifier(e: ts.Expression): boolean {
  return ts.isIdentifier(e) && e.text === 'exports';
}
