// The call sites of a same-file function, when every one is visible: a function declaration,
// a `const f = (...) => ...`, a class method or a class's constructor (its `new C(...)`), not
// exported, referenced only by direct calls.
// Parameters then take the value all call sites agree on (the evaluator binds them); one call
// site we cannot see, or two that disagree, and the parameter stays UNKNOWN.
import { ts, SK } from './ts';
import type { Scopes } from './scopes';
import type { ClassHolders } from './holders';
import { UNKNOWN, type Value } from './values';

/** A call of a function, or a `new` of a class (its constructor's call). */
export type CallSite = ts.CallExpression | ts.NewExpression;

/** The calls of `fn`, or undefined when some use of it is not a direct call we can see (or there is none). */
export function callSitesOf(fn: ts.SignatureDeclaration, scopes: Scopes, holders: ClassHolders): CallSite[] | undefined {
  const calls = ownCallSites(fn, scopes, holders);
  return calls?.length ? calls : undefined;
}

/**
 * The calls of `fn` in its file, [] when it has none; undefined when some use of it is not a
 * direct call we can see.
 */
export function ownCallSites(fn: ts.SignatureDeclaration, scopes: Scopes, holders: ClassHolders): CallSite[] | undefined {
  let refs: ts.Node[];
  if (ts.isFunctionDeclaration(fn)) {
    if (!fn.name || isExported(fn)) return undefined;
    refs = scopes.referencesOf(fn).map((r) => r.identifier);
  } else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn) {
    const decl = fn.parent;
    const list = decl.parent;
    if (!ts.isIdentifier(decl.name) || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
    if (ts.isVariableStatement(list.parent) && isExported(list.parent)) return undefined;
    refs = scopes.referencesOf(decl).map((r) => r.identifier);
  } else if (ts.isMethodDeclaration(fn) && (ts.isClassDeclaration(fn.parent) || ts.isClassExpression(fn.parent)) && fn.name && ts.isIdentifier(fn.name)) {
    if (fn.modifiers?.some((m) => m.kind === SK.StaticKeyword)) return undefined;
    const slot = holders.slot(fn.parent, fn.name.text);
    if (slot.untracked || slot.writes.length) return undefined;
    // Called from outside the class (`agent.build(...)`) or by a subclass: not all visible.
    if (holders.calledOutside(fn.name.text) || hasSubclasses(fn.parent)) return undefined;
    refs = [...slot.reads];
  } else if (ts.isConstructorDeclaration(fn) && ts.isClassDeclaration(fn.parent) && fn.parent.name) {
    // `new C(...)` only: `extends C` (a `super(...)` we do not map), `C` handed on or `C.x` are
    // uses that are not such calls, and end the search below.
    if (hasSubclasses(fn.parent)) return undefined;
    refs = scopes.referencesOf(fn.parent).map((r) => r.identifier);
  } else {
    return undefined;
  }
  const calls: CallSite[] = [];
  const isConstructor = ts.isConstructorDeclaration(fn);
  for (const ref of refs) {
    let n: ts.Node = ref;
    while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
    const call = n.parent;
    if (!(isConstructor ? ts.isNewExpression(call) : ts.isCallExpression(call)) || (call as CallSite).expression !== n) return undefined;
    calls.push(call as CallSite);
  }
  return calls;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === SK.ExportKeyword || m.kind === SK.DefaultKeyword);
}

function hasSubclasses(cls: ts.ClassDeclaration | ts.ClassExpression): boolean {
  return isExported(cls) || !cls.name;
}

/** What `editsCallerValue` needs: name resolution, values, the file's identifiers. */
export interface CallerValueContext {
  readonly scopes: Scopes;
  evaluate(node: ts.Expression): Value;
  readonly identifiers: readonly ts.Identifier[];
}

/**
 * True when replacing the text in [start, end) with `newText` drops a read whose value comes
 * from the call sites of a helper: a parameter the evaluator bound (or a const computed from
 * one) that `newText` no longer names. Such an edit would rewrite the helper for every caller;
 * the value belongs to the call site, so a fix must not make it.
 */
export function editsCallerValue(context: CallerValueContext, start: number, end: number, newText: string): boolean {
  for (const id of identifiersWithin(context.identifiers, start, end)) {
    if (new RegExp(`(^|[^\\w$])${id.text.replace(/\$/g, '\\$')}($|[^\\w$])`).test(newText)) continue;
    if (readsBoundParameter(context, id, 0)) return true;
  }
  return false;
}

function readsBoundParameter(context: CallerValueContext, id: ts.Identifier, depth: number): boolean {
  if (depth > 8) return false;
  const decl = context.scopes.resolve(id);
  if (!decl) return false;
  let root: ts.Node = decl;
  while (ts.isBindingElement(root) || ts.isObjectBindingPattern(root) || ts.isArrayBindingPattern(root)) root = root.parent;
  if (ts.isParameter(root)) return context.evaluate(id) !== UNKNOWN;
  if (!ts.isVariableDeclaration(root) || !root.initializer) return false;
  // A const computed from a bound parameter carries the callers' value too.
  const init = root.initializer;
  return identifiersWithin(context.identifiers, init.pos, init.end).some((i) => i !== id && readsBoundParameter(context, i, depth + 1));
}

/** The identifiers whose text lies in [start, end); the index lists them in source order. */
function identifiersWithin(identifiers: readonly ts.Identifier[], start: number, end: number): ts.Identifier[] {
  let lo = 0;
  let hi = identifiers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (identifiers[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: ts.Identifier[] = [];
  for (let i = lo; i < identifiers.length && identifiers[i].end <= end; i++) {
    if (identifiers[i].end - identifiers[i].text.length >= start) out.push(identifiers[i]);
  }
  return out;
}
