// Where a module's exports are in its syntax: ES exports (declarations, lists, defaults,
// re-exports) and CommonJS assignments (`module.exports = ...`, `exports.name = ...` at the
// top level). Each is evaluated by the module's own analysis; modules.ts ports the value.
import { ts, SK } from './ts';
import { FunctionValue, UNKNOWN, type Value } from './values';
import { isRelativeSpecifier, type ModuleRecord } from './modules';

/** The syntax that gives export `name` of a module its value, evaluated in that module. */
export function findExport(r: ModuleRecord, name: string, namespace: () => Value): Value {
  const sf = r.analysis.sourceFile;
  const ev = r.analysis.evaluator;
  const stars: string[] = [];
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && hasModifier(st, SK.ExportKeyword)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name) return ev.valueOfDeclaration(d);
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && hasModifier(st, SK.ExportKeyword)) {
      const isDefault = hasModifier(st, SK.DefaultKeyword);
      if (isDefault ? name === 'default' : st.name?.text === name) return ts.isFunctionDeclaration(st) ? new FunctionValue(st) : UNKNOWN;
    } else if (ts.isExportAssignment(st)) {
      if (!st.isExportEquals && name === 'default') return ev.evaluate(st.expression);
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const clause = st.exportClause;
      if (!clause) {
        if (from && name !== 'default') stars.push(from);
      } else if (ts.isNamespaceExport(clause)) {
        if (clause.name.text === name && from && isRelativeSpecifier(from)) return r.link.namespaceOf(from);
      } else {
        for (const el of clause.elements) {
          if (el.name.text !== name || el.isTypeOnly) continue;
          const local = el.propertyName ?? el.name;
          if (!ts.isIdentifier(local)) return UNKNOWN;
          if (from) return isRelativeSpecifier(from) ? r.link.importOf(from, local.text) : UNKNOWN;
          const decl = r.analysis.scopes.resolve(local);
          return decl ? ev.valueOfDeclaration(decl) : UNKNOWN;
        }
      }
    }
  }
  const cjs = commonJsExports(sf);
  const assigned = cjs.named.get(name);
  if (assigned === null) return UNKNOWN; // assigned more than once
  if (assigned) return ev.evaluate(assigned);
  if (cjs.whole) {
    const whole = ev.evaluate(cjs.whole);
    return name === 'default' ? whole : ev.member(whole, name);
  }
  if (name === 'default' && cjs.named.size) return namespace();
  for (const from of stars) {
    if (!isRelativeSpecifier(from)) continue;
    const v = r.link.importOf(from, name);
    if (v !== UNKNOWN) return v;
  }
  return UNKNOWN;
}

/** The class a module exports as `name` (`export class`, `export default class`, `export { C as name }`, `exports.name = C`), if it is one. */
export function exportedClass(analysis: { sourceFile: ts.SourceFile; scopes: { resolve(id: ts.Identifier): ts.Node | undefined } }, name: string): ts.ClassDeclaration | undefined {
  const classOf = (e: ts.Node | undefined): ts.ClassDeclaration | undefined => {
    if (!e || !ts.isIdentifier(e)) return undefined;
    const decl = analysis.scopes.resolve(e);
    return decl && ts.isClassDeclaration(decl) ? decl : undefined;
  };
  for (const st of analysis.sourceFile.statements) {
    if (ts.isClassDeclaration(st) && hasModifier(st, SK.ExportKeyword)) {
      if (hasModifier(st, SK.DefaultKeyword) ? name === 'default' : st.name?.text === name) return st;
    } else if (ts.isExportAssignment(st) && !st.isExportEquals && name === 'default') {
      return classOf(st.expression);
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      const el = st.exportClause.elements.find((e) => e.name.text === name);
      if (el) return classOf(el.propertyName ?? el.name);
    }
  }
  const assigned = commonJsExports(analysis.sourceFile).named.get(name);
  return assigned ? classOf(assigned) : undefined;
}

/** Top-level `module.exports = x` (or TypeScript's `export = x`), when there is exactly one. */
export function commonJsWhole(sf: ts.SourceFile): ts.Expression | undefined {
  return commonJsExports(sf).whole;
}

interface CommonJsExports {
  whole: ts.Expression | undefined;
  /** `exports.name = x` / `module.exports.name = x`; null when assigned more than once. */
  named: Map<string, ts.Expression | null>;
}

const cjsCache = new WeakMap<ts.SourceFile, CommonJsExports>();
function commonJsExports(sf: ts.SourceFile): CommonJsExports {
  const cached = cjsCache.get(sf);
  if (cached) return cached;
  const named = new Map<string, ts.Expression | null>();
  let whole: ts.Expression | undefined;
  let wholeCount = 0;
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && st.isExportEquals) {
      whole = st.expression;
      wholeCount++;
      continue;
    }
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== SK.EqualsToken) continue;
    const { left, right } = st.expression;
    if (isModuleExports(left)) {
      whole = right;
      wholeCount++;
    } else if (ts.isPropertyAccessExpression(left) && (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
      const key = left.name.text;
      named.set(key, named.has(key) ? null : right);
    }
  }
  const result = { whole: wholeCount === 1 ? whole : undefined, named };
  cjsCache.set(sf, result);
  return result;
}

export function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((m) => m.kind === kind) ?? false;
}
