// Whether a read of a variable sees its initializer as written although other code changes
// what it holds: no code at all has run between the declaration and the read. Public browser
// scripts declare a settings object, then classes and functions, then build everything from it
// (`const observationSpace = {defaults: [[...47 numbers]], ...}; class Agent {...}; const agent =
// new Agent(observationSpace.defaults[0].length)`), while handlers write into that object later.
// Between the two, only declarations may stand: functions and classes (nothing of theirs runs
// until called; a class's `extends`, computed keys, decorators, static fields and blocks do run
// and are read like any other code), and expressions that call nothing, construct nothing,
// assign nothing and do not await or yield. A property read may run a getter: it counts as
// inert only on a variable this file declares with an object, array, function or class literal,
// in a file that declares no getter or setter and names no Proxy or defineProperty. The read
// runs once per run of the declaration (no loop around it that the declaration is not in) and
// after it (no branch holds one without the other). Any doubt: false, and the evaluator keeps its answer for the changed contents. The
// evaluator asks only for a number, string or boolean read through the variable: an object or
// array so read would be a snapshot that a later read through another name sees changed.
import { ts, SK } from './ts';
import { enclosingFunction } from './bindings';
import { contains, isLoop, ranBefore } from './reaching-write';
import type { Scopes } from './scopes';

/** True when nothing runs between the declaration `decl` and the read `use` (see above). */
export function untouchedAt(decl: ts.VariableDeclaration, use: ts.Node, scopes: Scopes): boolean {
  if (!decl.initializer || use.pos < decl.end) return false;
  const fn = enclosingFunction(decl);
  if (enclosingFunction(use) !== fn || !ranBefore(decl, use, fn)) return false;
  for (let n = use.parent; n && n !== fn; n = n.parent) {
    if (isLoop(n) && !contains(n, decl)) return false;
  }
  let scope: ts.Node = decl;
  while (scope !== fn && scope.parent && !contains(scope, use)) scope = scope.parent;
  return !runsCodeBetween(scope, decl.end, use.pos, scopes);
}

/** Some node lying wholly in [from, to) of `scope` runs code or writes (a call, `new`, `=`, `++`, ...). */
function runsCodeBetween(scope: ts.Node, from: number, to: number, scopes: Scopes): boolean {
  let runs = false;
  const visit = (n: ts.Node): void => {
    if (runs || n.end <= from || n.pos >= to) return;
    // A node that holds the read (the call the read is an argument of) runs after it.
    if (n.pos >= from && n.end <= to) {
      if (runsCode(n) || ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !isPlainRead(n, scopes))) {
        runs = true;
        return;
      }
      if (isDeferred(n)) {
        // A computed key is evaluated with the class, not when the member runs.
        const name = (n as ts.NamedDeclaration).name;
        if (name && ts.isComputedPropertyName(name)) visit(name);
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(scope, visit);
  return runs;
}

function runsCode(n: ts.Node): boolean {
  switch (n.kind) {
    case SK.CallExpression:
    case SK.NewExpression:
    case SK.TaggedTemplateExpression:
    case SK.AwaitExpression:
    case SK.YieldExpression:
    case SK.DeleteExpression:
    case SK.Decorator:
      return true;
    case SK.BinaryExpression: {
      const k = (n as ts.BinaryExpression).operatorToken.kind;
      return k >= SK.FirstAssignment && k <= SK.LastAssignment;
    }
    case SK.PrefixUnaryExpression:
    case SK.PostfixUnaryExpression: {
      const op = (n as ts.PrefixUnaryExpression).operator;
      return op === SK.PlusPlusToken || op === SK.MinusMinusToken;
    }
  }
  return false;
}

/** Code that a declaration sets aside for later: function bodies, instance fields (they run on `new`). */
function isDeferred(n: ts.Node): boolean {
  if (ts.isFunctionLike(n)) return true;
  return ts.isPropertyDeclaration(n) && !n.modifiers?.some((m) => m.kind === SK.StaticKeyword);
}

/** `settings.k`, `space.defaults[0]`: a read of a literal this file declares, where no getter can hide. */
function isPlainRead(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, scopes: Scopes): boolean {
  let root: ts.Expression = access;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  const decl = ts.isIdentifier(root) ? scopes.resolve(root) : undefined;
  return !!decl && ts.isVariableDeclaration(decl) && holdsLiteral(decl) && !mayHideGetters(access.getSourceFile());
}

/** The variable is given an object, array, function or class literal: the only roots of an untouched read. */
export function holdsLiteral(decl: ts.VariableDeclaration): boolean {
  let init = decl.initializer;
  while (init && ts.isParenthesizedExpression(init)) init = init.expression;
  return !!init && (ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init) || ts.isFunctionExpression(init) || ts.isArrowFunction(init) || ts.isClassExpression(init));
}

const getterFiles = new WeakMap<ts.SourceFile, boolean>();

/** The file declares a getter or setter, or names Proxy, defineProperty or __defineGetter__. */
function mayHideGetters(file: ts.SourceFile): boolean {
  let known = getterFiles.get(file);
  if (known !== undefined) return known;
  known = /\bProxy\b|\bdefinePropert(?:y|ies)\b|__define[GS]etter__/.test(file.text);
  const visit = (n: ts.Node): void => {
    if (known) return;
    if (ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) known = true;
    else ts.forEachChild(n, visit);
  };
  visit(file);
  getterFiles.set(file, known);
  return known;
}
