// Name resolution within one file: which declaration an identifier refers to, and every
// reference to a declaration. Lexical scoping as JavaScript has it (let/const per block,
// var and functions hoisted to the function), without a type checker: fast and good enough
// for following values through variables.
import { ts } from './ts';

export type Declaration = ts.Node; // the name-bearing node: VariableDeclaration, Parameter, BindingElement, ...

export interface Reference {
  identifier: ts.Identifier;
  /** True when the reference is written to (assignment target, ++, --). */
  write: boolean;
}

export class Scopes {
  private readonly scopeCache = new Map<ts.Node, Map<string, Declaration>>();
  private refIndex: Map<Declaration, Reference[]> | undefined;

  constructor(
    readonly sourceFile: ts.SourceFile,
    /** Every identifier in the file, from the tree index. */
    private readonly identifiers: readonly ts.Identifier[],
  ) {}

  /** The declaration `id` refers to, or undefined for globals and unresolvable names. */
  resolve(id: ts.Identifier): Declaration | undefined {
    const name = id.text;
    for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
      if (!isScope(node)) continue;
      const found = this.declarationsOf(node).get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** Every identifier in the file that resolves to `decl`. */
  referencesOf(decl: Declaration): readonly Reference[] {
    if (!this.refIndex) this.refIndex = this.buildReferenceIndex();
    return this.refIndex.get(decl) ?? [];
  }

  /** True when the variable is assigned after its declaration. */
  isReassigned(decl: Declaration): boolean {
    return this.referencesOf(decl).some((r) => r.write);
  }

  private declarationsOf(scope: ts.Node): Map<string, Declaration> {
    let map = this.scopeCache.get(scope);
    if (!map) {
      map = new Map();
      collectScope(scope, map);
      this.scopeCache.set(scope, map);
    }
    return map;
  }

  private buildReferenceIndex(): Map<Declaration, Reference[]> {
    const index = new Map<Declaration, Reference[]>();
    for (const id of this.identifiers) {
      if (!isReferencePosition(id)) continue;
      const decl = this.resolve(id);
      if (!decl) continue;
      let list = index.get(decl);
      if (!list) index.set(decl, (list = []));
      list.push({ identifier: id, write: isWritePosition(id) });
    }
    return index;
  }
}

function isScope(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.SourceFile:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
    case ts.SyntaxKind.CaseBlock:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.CatchClause:
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.ClassExpression:
      return true;
  }
  return false;
}

function isFunctionScope(node: ts.Node): boolean {
  return ts.isSourceFile(node) || ts.isFunctionLike(node);
}

function addBindingNames(name: ts.BindingName, map: Map<string, Declaration>): void {
  if (ts.isIdentifier(name)) {
    if (!map.has(name.text)) map.set(name.text, name.parent);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) addBindingNames(element.name, map);
  }
}

function collectScope(scope: ts.Node, map: Map<string, Declaration>): void {
  if (ts.isFunctionLike(scope)) {
    for (const p of scope.parameters) addBindingNames(p.name, map);
    // A named function expression can refer to itself.
    if (ts.isFunctionExpression(scope) && scope.name) map.set(scope.name.text, scope);
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body)) {
      collectStatements(body.statements, map);
      hoistVars(body, map);
    }
    return;
  }
  if (ts.isClassDeclaration(scope) || ts.isClassExpression(scope)) return;
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    collectStatements(scope.statements, map);
    if (ts.isSourceFile(scope)) hoistVars(scope, map);
    return;
  }
  if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) collectStatements(clause.statements, map);
    return;
  }
  if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) {
      for (const d of init.declarations) addBindingNames(d.name, map);
    }
    return;
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    addBindingNames(scope.variableDeclaration.name, map);
  }
}

function collectStatements(statements: ts.NodeArray<ts.Statement>, map: Map<string, Declaration>): void {
  for (const st of statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) addBindingNames(d.name, map);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      if (!map.has(st.name.text)) map.set(st.name.text, st);
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name) map.set(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) map.set(bindings.name.text, bindings);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const spec of bindings.elements) map.set(spec.name.text, spec);
      }
    } else if (ts.isImportEqualsDeclaration(st)) {
      map.set(st.name.text, st);
    }
  }
}

/** `var` declarations anywhere in a function body (not in nested functions) belong to it. */
function hoistVars(root: ts.Node, map: Map<string, Declaration>): void {
  const visit = (node: ts.Node): void => {
    if (node !== root && isFunctionScope(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const d of node.declarations) addBindingNames(d.name, map);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
}

/** Is this identifier a use of a variable (not a property name, a declaration name, a label)? */
export function isReferencePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id) {
    return false;
  }
  if (ts.isPropertySignature(p) || ts.isMethodSignature(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassDeclaration(p)) && p.name === id) {
    return false;
  }
  if (ts.isBindingElement(p) && (p.name === id || p.propertyName === id)) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isExportSpecifier(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isTypeReferenceNode(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p)) return false;
  if (ts.isGetAccessor(p) || ts.isSetAccessor(p)) return p.name !== id;
  return true;
}

function isWritePosition(id: ts.Identifier): boolean {
  let node: ts.Node = id;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const p = node.parent;
  if (ts.isBinaryExpression(p) && p.left === node) {
    const k = p.operatorToken.kind;
    return k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
  }
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p))) {
    return p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken;
  }
  // Destructuring assignment targets: [a, b] = ..., ({a} = ...)
  if (ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p)) {
    let top: ts.Node = p;
    while (ts.isArrayLiteralExpression(top.parent) || ts.isObjectLiteralExpression(top.parent) || ts.isShorthandPropertyAssignment(top.parent) || ts.isPropertyAssignment(top.parent)) top = top.parent;
    return ts.isBinaryExpression(top.parent) && top.parent.left === top && top.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  }
  if (ts.isForInStatement(p) || ts.isForOfStatement(p)) return p.initializer === node;
  return false;
}
