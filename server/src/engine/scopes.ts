// Name resolution within one file: which declaration an identifier refers to, and every
// reference to a declaration. Lexical scoping as JavaScript has it (let/const per block,
// var and functions hoisted to the function), without a type checker: fast and good enough
// for following values through variables. Everything is computed on demand and cached.
import { ts, SK } from './ts';
import { nodeId, type TreeIndex } from './tree-index';
import { NodeTable } from './node-table';

const EMPTY: ReadonlyMap<string, Declaration> = new Map();
const scratch = new Map<string, Declaration>();

export type Declaration = ts.Node; // the name-bearing node: VariableDeclaration, Parameter, BindingElement, ...

export interface Reference {
  identifier: ts.Identifier;
  /** True when the reference is written to (assignment target, ++, --). */
  write: boolean;
}

export class Scopes {
  /** Declarations per scope node, indexed by node number (see tree-index). */
  private readonly scopeTable = new NodeTable<ReadonlyMap<string, Declaration>>();
  /** The same for nodes made after indexing (number 0), such as probes built by rules. */
  private readonly scopeCache = new Map<ts.Node, ReadonlyMap<string, Declaration>>();
  private readonly refCache = new Map<Declaration, Reference[]>();
  private readonly reassignedCache = new Map<Declaration, boolean>();
  private readonly resolvedNames = new Set<string>();
  private identifiersByName: Map<string, ts.Identifier[]> | undefined;
  private varsByFunction: Map<ts.Node, ts.VariableDeclarationList[]> | undefined;

  constructor(
    readonly sourceFile: ts.SourceFile,
    private readonly index: TreeIndex,
  ) {}

  /** The declaration `id` refers to, or undefined for globals and unresolvable names. */
  resolve(id: ts.Identifier): Declaration | undefined {
    const name = id.escapedText as string;
    for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
      if (!isScope(node)) continue;
      const found = this.declarationsOf(node).get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** Every identifier in the file that resolves to `decl`. */
  referencesOf(decl: Declaration): readonly Reference[] {
    const cached = this.refCache.get(decl);
    if (cached) return cached;
    const name = declaredName(decl);
    if (name !== undefined && !this.resolvedNames.has(name)) {
      // Resolve every identifier of this name once, filing each under its declaration.
      this.resolvedNames.add(name);
      for (const id of this.identifiersNamed(name)) {
        if (!isReferencePosition(id)) continue;
        const target = this.resolve(id);
        if (!target) continue;
        const list = this.refCache.get(target);
        const ref = { identifier: id, write: isWritePosition(id) };
        if (list) list.push(ref);
        else this.refCache.set(target, [ref]);
      }
    }
    const refs = this.refCache.get(decl) ?? [];
    this.refCache.set(decl, refs);
    return refs;
  }

  /** True when the variable is assigned after its declaration. */
  isReassigned(decl: Declaration): boolean {
    let known = this.reassignedCache.get(decl);
    if (known === undefined) this.reassignedCache.set(decl, (known = this.referencesOf(decl).some((r) => r.write)));
    return known;
  }

  /**
   * The identifiers spelled `name`, from one index of all names made on the first question:
   * most files ask about more than a few names, and one scan per name (a file's first eight
   * names were found so) cost twice the index, over the whole corpus and the examples alike.
   */
  private identifiersNamed(name: string): readonly ts.Identifier[] {
    let index = this.identifiersByName;
    if (!index) {
      index = this.identifiersByName = new Map();
      for (const id of this.index.identifiers) {
        const key = id.escapedText as string;
        const ids = index.get(key);
        if (ids) ids.push(id);
        else index.set(key, [id]);
      }
    }
    return index.get(name) ?? [];
  }

  private declarationsOf(scope: ts.Node): ReadonlyMap<string, Declaration> {
    const id = nodeId(scope);
    let map = id ? this.scopeTable.get(id) : this.scopeCache.get(scope);
    if (!map) {
      // Most blocks declare nothing: collect into a scratch map and share one empty map.
      this.collectScope(scope, scratch);
      map = scratch.size === 0 ? EMPTY : new Map(scratch);
      scratch.clear();
      if (id) this.scopeTable.set(id, map);
      else this.scopeCache.set(scope, map);
    }
    return map;
  }

  private collectScope(scope: ts.Node, map: Map<string, Declaration>): void {
    switch (scope.kind) {
      case SK.SourceFile:
        collectStatements((scope as ts.SourceFile).statements, map);
        this.hoistVars(scope, map);
        return;
      case SK.Block:
      case SK.ModuleBlock:
        collectStatements((scope as ts.Block).statements, map);
        return;
      case SK.CaseBlock:
        for (const clause of (scope as ts.CaseBlock).clauses) collectStatements(clause.statements, map);
        return;
      case SK.ForStatement:
      case SK.ForInStatement:
      case SK.ForOfStatement: {
        const init = (scope as ts.ForStatement).initializer;
        if (init && init.kind === SK.VariableDeclarationList) {
          for (const d of (init as ts.VariableDeclarationList).declarations) addBindingNames(d.name, map);
        }
        return;
      }
      case SK.CatchClause: {
        const v = (scope as ts.CatchClause).variableDeclaration;
        if (v) addBindingNames(v.name, map);
        return;
      }
      case SK.ClassDeclaration:
      case SK.ClassExpression:
        return;
    }
    // function-like
    const fn = scope as ts.FunctionLikeDeclaration;
    for (const p of fn.parameters) addBindingNames(p.name, map);
    if (fn.kind === SK.FunctionExpression && fn.name) map.set(fn.name.escapedText as string, fn);
    if (fn.body && fn.body.kind === SK.Block) {
      collectStatements((fn.body as ts.Block).statements, map);
      this.hoistVars(fn, map);
    }
  }

  /** `var` declarations anywhere in a function (not in nested functions) belong to it. */
  private hoistVars(fn: ts.Node, map: Map<string, Declaration>): void {
    if (!this.varsByFunction) {
      this.varsByFunction = new Map();
      for (const list of this.index.varLists) {
        const owner = functionScopeOf(list);
        const lists = this.varsByFunction.get(owner);
        if (lists) lists.push(list);
        else this.varsByFunction.set(owner, [list]);
      }
    }
    for (const list of this.varsByFunction.get(fn) ?? []) {
      for (const d of list.declarations) addBindingNames(d.name, map);
    }
  }
}

function functionScopeOf(node: ts.Node): ts.Node {
  let n = node.parent;
  while (n && n.kind !== SK.SourceFile && !ts.isFunctionLike(n)) n = n.parent;
  return n ?? node;
}

function declaredName(decl: Declaration): string | undefined {
  const name = (decl as { name?: ts.Node }).name;
  return name && name.kind === SK.Identifier ? ((name as ts.Identifier).escapedText as string) : undefined;
}

function isScope(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.SourceFile:
    case SK.Block:
    case SK.ModuleBlock:
    case SK.CaseBlock:
    case SK.ForStatement:
    case SK.ForInStatement:
    case SK.ForOfStatement:
    case SK.CatchClause:
    case SK.FunctionDeclaration:
    case SK.FunctionExpression:
    case SK.ArrowFunction:
    case SK.MethodDeclaration:
    case SK.Constructor:
    case SK.GetAccessor:
    case SK.SetAccessor:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
      return true;
  }
  return false;
}

function addBindingNames(name: ts.BindingName, map: Map<string, Declaration>): void {
  if (name.kind === SK.Identifier) {
    if (!map.has(name.escapedText as string)) map.set(name.escapedText as string, name.parent);
    return;
  }
  for (const element of name.elements) {
    if (element.kind === SK.BindingElement) addBindingNames(element.name, map);
  }
}

function collectStatements(statements: ts.NodeArray<ts.Statement>, map: Map<string, Declaration>): void {
  for (const st of statements) {
    switch (st.kind) {
      case SK.VariableStatement:
        for (const d of (st as ts.VariableStatement).declarationList.declarations) addBindingNames(d.name, map);
        break;
      case SK.FunctionDeclaration:
      case SK.ClassDeclaration:
      case SK.EnumDeclaration: {
        const name = (st as ts.FunctionDeclaration).name;
        if (name && !map.has(name.escapedText as string)) map.set(name.escapedText as string, st);
        break;
      }
      case SK.ImportDeclaration: {
        const clause = (st as ts.ImportDeclaration).importClause;
        if (!clause) break;
        if (clause.name) map.set(clause.name.escapedText as string, clause);
        const bindings = clause.namedBindings;
        if (bindings && bindings.kind === SK.NamespaceImport) map.set(bindings.name.escapedText as string, bindings);
        if (bindings && bindings.kind === SK.NamedImports) {
          for (const spec of bindings.elements) map.set(spec.name.escapedText as string, spec);
        }
        break;
      }
      case SK.ImportEqualsDeclaration:
        map.set((st as ts.ImportEqualsDeclaration).name.escapedText as string, st);
        break;
    }
  }
}

/** Is this identifier a use of a variable (not a property name, a declaration name, a label)? */
export function isReferencePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  switch (p.kind) {
    case SK.PropertyAccessExpression:
      return (p as ts.PropertyAccessExpression).name !== id;
    case SK.QualifiedName:
      return (p as ts.QualifiedName).right !== id;
    case SK.PropertyAssignment:
    case SK.PropertyDeclaration:
    case SK.MethodDeclaration:
    case SK.VariableDeclaration:
    case SK.Parameter:
    case SK.FunctionDeclaration:
    case SK.FunctionExpression:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
    case SK.GetAccessor:
    case SK.SetAccessor:
    case SK.EnumMember:
      return (p as ts.NamedDeclaration).name !== id;
    case SK.BindingElement:
      return (p as ts.BindingElement).name !== id && (p as ts.BindingElement).propertyName !== id;
    case SK.PropertySignature:
    case SK.MethodSignature:
    case SK.ImportSpecifier:
    case SK.ImportClause:
    case SK.NamespaceImport:
    case SK.ExportSpecifier:
    case SK.LabeledStatement:
    case SK.BreakStatement:
    case SK.ContinueStatement:
    case SK.TypeReference:
    case SK.InterfaceDeclaration:
    case SK.TypeAliasDeclaration:
    case SK.TypeParameter:
    case SK.ImportEqualsDeclaration:
    case SK.EnumDeclaration:
    case SK.ModuleDeclaration:
      return false;
  }
  return true;
}

function isWritePosition(id: ts.Identifier): boolean {
  let node: ts.Node = id;
  while (node.parent.kind === SK.ParenthesizedExpression) node = node.parent;
  const p = node.parent;
  switch (p.kind) {
    case SK.BinaryExpression: {
      const b = p as ts.BinaryExpression;
      const k = b.operatorToken.kind;
      return b.left === node && k >= SK.FirstAssignment && k <= SK.LastAssignment;
    }
    case SK.PrefixUnaryExpression:
    case SK.PostfixUnaryExpression: {
      const op = (p as ts.PrefixUnaryExpression).operator;
      return op === SK.PlusPlusToken || op === SK.MinusMinusToken;
    }
    case SK.ArrayLiteralExpression:
    case SK.ShorthandPropertyAssignment: {
      // Destructuring assignment targets: [a, b] = ..., ({a} = ...)
      let top: ts.Node = p;
      while (
        top.parent.kind === SK.ArrayLiteralExpression ||
        top.parent.kind === SK.ObjectLiteralExpression ||
        top.parent.kind === SK.ShorthandPropertyAssignment ||
        top.parent.kind === SK.PropertyAssignment
      ) {
        top = top.parent;
      }
      const t = top.parent as ts.BinaryExpression;
      return t.kind === SK.BinaryExpression && t.left === top && t.operatorToken.kind === SK.EqualsToken;
    }
    case SK.ForInStatement:
    case SK.ForOfStatement:
      return (p as ts.ForInStatement).initializer === node;
  }
  return false;
}
