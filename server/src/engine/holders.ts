// Where code keeps a model (or layer, tensor, ...) other than a local const: a class field
// (`this.model = tf.sequential()` in a constructor, `this.model.add(...)` in a method), a
// class method or getter that returns it, an outer `let model;` assigned once. A holder is
// the list of places that read it and the places that write it; the evaluator reads a holder
// as its one written object, and the graph checks each read for an escape.
import { ts, SK } from './ts';
import type { TreeIndex } from './tree-index';

/** What `this.<name>` is inside one class. */
export interface ClassSlot {
  /** Right-hand sides of `this.name = value` in the class, and the field initializer. */
  readonly writes: readonly ts.Expression[];
  /** The nodes that write (assignments, the field declaration), to tell them from reads. */
  readonly writeSites: readonly ts.Node[];
  /** `this.name` reads in the class (not the assignment targets). */
  readonly reads: readonly ts.PropertyAccessExpression[];
  /** Written in a way we do not follow: compound, `delete`, destructuring, `x.name =` elsewhere, a setter. */
  readonly untracked: boolean;
  /** A method or getter of that name. */
  readonly method?: ts.MethodDeclaration | ts.GetAccessorDeclaration;
  /** A setter of that name: `this.name = v` runs it. */
  readonly setter?: boolean;
}

type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

export class ClassHolders {
  private readonly slots = new Map<ClassLike, Map<string, ClassSlot>>();
  private outsideWrites: Set<string> | undefined;
  private outsideMembers: Set<string> | undefined;

  constructor(private readonly index: TreeIndex) {}

  /** The class whose instance `this` is at this node (arrow functions keep it; functions do not). */
  classOfThis(node: ts.Node): ClassLike | undefined {
    for (let n = node.parent; n; n = n.parent) {
      switch (n.kind) {
        case SK.ArrowFunction:
          continue;
        case SK.MethodDeclaration:
        case SK.Constructor:
        case SK.GetAccessor:
        case SK.SetAccessor:
        case SK.PropertyDeclaration: {
          const cls = n.parent;
          if ((n as ts.MethodDeclaration).modifiers?.some((m) => m.kind === SK.StaticKeyword)) return undefined;
          return cls && (ts.isClassDeclaration(cls) || ts.isClassExpression(cls)) ? cls : undefined;
        }
        case SK.ClassStaticBlockDeclaration:
          return undefined;
      }
      if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return undefined;
    }
    return undefined;
  }

  slot(cls: ClassLike, name: string): ClassSlot {
    let table = this.slots.get(cls);
    if (!table) this.slots.set(cls, (table = this.collect(cls)));
    return table.get(name) ?? EMPTY_SLOT;
  }

  private collect(cls: ClassLike): Map<string, ClassSlot> {
    type Mutable = { writes: ts.Expression[]; writeSites: ts.Node[]; reads: ts.PropertyAccessExpression[]; untracked: boolean; method?: ts.MethodDeclaration | ts.GetAccessorDeclaration; setter?: boolean };
    const table = new Map<string, Mutable>();
    const get = (name: string): Mutable => {
      let s = table.get(name);
      if (!s) table.set(name, (s = { writes: [], writeSites: [], reads: [], untracked: false }));
      return s;
    };
    for (const member of cls.members) {
      const name = member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
      if (!name) continue;
      const isStatic = (member as ts.MethodDeclaration).modifiers?.some((m) => m.kind === SK.StaticKeyword);
      if (isStatic) continue;
      if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) {
        const s = get(name);
        if (s.method) s.untracked = true; // overloads or a getter and a method: leave it
        s.method = member;
      } else if (ts.isSetAccessorDeclaration(member)) {
        const s = get(name);
        s.untracked = true;
        s.setter = true;
      } else if (ts.isPropertyDeclaration(member)) {
        const s = get(name);
        if (member.initializer) {
          s.writes.push(member.initializer);
          s.writeSites.push(member);
        }
      }
    }
    const visit = (n: ts.Node): void => {
      if (n.kind === SK.PropertyAccessExpression) {
        const p = n as ts.PropertyAccessExpression;
        if (p.expression.kind === SK.ThisKeyword && this.classOfThis(p) === cls) {
          const s = get(p.name.text);
          const parent = outer(p).parent;
          const top = outer(p);
          if (parent && ts.isBinaryExpression(parent) && parent.left === top && parent.operatorToken.kind === SK.EqualsToken) {
            s.writes.push(parent.right);
            s.writeSites.push(parent);
          } else if (isOtherWrite(top)) {
            s.untracked = true;
          } else {
            s.reads.push(p);
          }
        }
      }
      // Nested classes have their own `this`; classOfThis tells them apart.
      ts.forEachChild(n, visit);
    };
    for (const member of cls.members) ts.forEachChild(member, visit);
    const outside = this.namesWrittenOutside();
    for (const [name, s] of table) if (outside.has(name)) s.untracked = true;
    return table as Map<string, ClassSlot>;
  }

  /**
   * True when a field's value is in place before `read` can run: the class extends nothing
   * (a base constructor may call an overridden method early) and no class of the file extends
   * it; every write is a field initializer or a top-level statement of the constructor that
   * only plain `this.k = value` assignments (no call, no `this` on the right) precede; the
   * read is in neither (an initializer or constructor statement may run before the write).
   */
  setBeforeUse(cls: ClassLike, slot: ClassSlot, read: ts.Node): boolean {
    if (slot.untracked || cls.heritageClauses?.length || this.isExtended(cls)) return false;
    const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    for (const site of slot.writeSites) {
      if (ts.isPropertyDeclaration(site)) continue;
      const statement = site.parent;
      if (!ctor?.body || !ts.isExpressionStatement(statement) || statement.parent !== ctor.body) return false;
      const before = ctor.body.statements.slice(0, ctor.body.statements.indexOf(statement));
      if (!before.every(isPlainFieldAssignment)) return false;
    }
    for (let n: ts.Node | undefined = read.parent; n && n !== cls; n = n.parent) {
      if (ts.isPropertyDeclaration(n) || ts.isConstructorDeclaration(n)) return false;
    }
    return true;
  }

  /** True when every write of a field is a field initializer or a top-level statement of the constructor: done once an instance exists. */
  setByConstruction(cls: ClassLike, slot: ClassSlot): boolean {
    const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    return slot.writeSites.every((site) => ts.isPropertyDeclaration(site) || (ts.isExpressionStatement(site.parent) && site.parent.parent === ctor?.body));
  }

  private isExtended(cls: ClassLike): boolean {
    const name = cls.name?.text;
    if (!name) return true; // a class expression may be extended wherever it goes
    return this.index.identifiers.some((id) => id.text === name && id.parent && ts.isExpressionWithTypeArguments(id.parent) && ts.isHeritageClause(id.parent.parent));
  }

  /** True when some `x.name` with a receiver other than `this` exists in the file (a method called from outside its class). */
  calledOutside(name: string): boolean {
    if (!this.outsideMembers) {
      this.outsideMembers = new Set();
      for (const id of this.index.identifiers) {
        const p = id.parent;
        if (p && ts.isPropertyAccessExpression(p) && p.name === id && p.expression.kind !== SK.ThisKeyword) this.outsideMembers.add(id.text);
      }
    }
    return this.outsideMembers.has(name);
  }

  /** Property names assigned through a receiver other than `this` anywhere in the file (`agent.model = ...`). */
  private namesWrittenOutside(): Set<string> {
    if (this.outsideWrites) return this.outsideWrites;
    const names = new Set<string>();
    for (const id of this.index.identifiers) {
      const p = id.parent;
      if (!p || !ts.isPropertyAccessExpression(p) || p.name !== id || p.expression.kind === SK.ThisKeyword) continue;
      const top = outer(p);
      const parent = top.parent;
      if ((parent && ts.isBinaryExpression(parent) && parent.left === top && parent.operatorToken.kind >= SK.FirstAssignment && parent.operatorToken.kind <= SK.LastAssignment) || isOtherWrite(top)) {
        names.add(id.text);
      }
    }
    // `obj[name] = ...` with a computed key could write anything; rare enough in model code
    // that it is not followed (a string key is treated as its name).
    return (this.outsideWrites = names);
  }
}

/** `this.k = value` whose value makes no call and reads no `this`: nothing runs that could read a field. */
function isPlainFieldAssignment(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const e = statement.expression;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== SK.EqualsToken) return false;
  if (!ts.isPropertyAccessExpression(e.left) || e.left.expression.kind !== SK.ThisKeyword) return false;
  let runs = false;
  const visit = (n: ts.Node): void => {
    if (runs) return;
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || n.kind === SK.ThisKeyword || ts.isTaggedTemplateExpression(n) || ts.isFunctionLike(n)) runs = true;
    else ts.forEachChild(n, visit);
  };
  visit(e.right);
  return !runs;
}

const EMPTY_SLOT: ClassSlot = { writes: [], writeSites: [], reads: [], untracked: false };

function outer(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  return n;
}

/** `x++`, `x += 1`, `delete x`, `[x] = ...`: a write the holder does not follow. */
function isOtherWrite(node: ts.Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (ts.isBinaryExpression(p)) {
    const k = p.operatorToken.kind;
    return p.left === node && k > SK.EqualsToken && k >= SK.FirstAssignment && k <= SK.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return p.operator === SK.PlusPlusToken || p.operator === SK.MinusMinusToken;
  if (ts.isDeleteExpression(p)) return true;
  if (ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p) || ts.isSpreadElement(p)) {
    let top: ts.Node = p;
    while (top.parent && (ts.isArrayLiteralExpression(top.parent) || ts.isObjectLiteralExpression(top.parent) || ts.isPropertyAssignment(top.parent) || ts.isSpreadElement(top.parent))) top = top.parent;
    const t = top.parent;
    return !!t && ts.isBinaryExpression(t) && t.left === top;
  }
  if (ts.isForOfStatement(p) || ts.isForInStatement(p)) return p.initializer === node;
  return false;
}
