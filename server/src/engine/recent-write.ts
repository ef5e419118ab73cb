// What a read of a holder other code may also write (a class field `this.model`, an outer
// `let`/`var` another function assigns, an undeclared global of a browser script) sees right
// after a write of it in the same function: the written value, when nothing that runs in
// between can write it again. Public code builds a model this way and loads another into the
// same place elsewhere (`this.model = tf.sequential(); this.model.add(...)` in one method,
// `agent.actor.model = await tf.loadLayersModel(...)` in a handler). In between only tfjs calls
// and the held model's own methods may run: no other call, `new`, await or yield, no function
// written there (a callback tfjs might call), and no loop around the read that the write is not
// in (a later round would see what ran after the read). Any doubt: undefined.
import { ts, SK } from './ts';
import { enclosingFunction } from './bindings';
import { contains, isLoop, ranBefore } from './reaching-write';
import { MODEL_METHODS } from './graph';

export interface RecentWriteContext {
  /** True when the call is a tfjs function (a layer factory, an op, a regularizer, ...). */
  isTfjsCall(call: ts.CallExpression): boolean;
  /** True when `node` names the holder `write` assigns (`this.model`, the same variable). */
  sameHolder(node: ts.Node, write: ts.BinaryExpression): boolean;
  /** True when `write` stores a model. */
  storesModel(write: ts.BinaryExpression): boolean;
}

/**
 * The plain `=` among `writes` (the holder's assignments) whose value a read at `read` sees
 * because it ran last before the read with only tfjs code in between; undefined otherwise.
 * Any other write of the holder in between (`x++`, `x[i] =`, through an alias) is refused
 * there, since the holder may appear in between only as the receiver of a model method.
 */
export function recentWrite(read: ts.Node, writes: readonly ts.Node[], ctx: RecentWriteContext): ts.BinaryExpression | undefined {
  const fn = enclosingFunction(read);
  let last: ts.Node | undefined;
  for (const w of writes) {
    if (w.end <= read.pos && enclosingFunction(w) === fn && (!last || w.end > last.end)) last = w;
  }
  if (!last || !ts.isBinaryExpression(last) || last.operatorToken.kind !== SK.EqualsToken) return undefined;
  const write = last;
  if (!alwaysBefore(write, read, fn)) return undefined;
  return onlyTfjsBetween(fn, write, read, ctx) ? write : undefined;
}

/** Every branch or loop around the write holds the read too, and every loop around the read holds the write. */
function alwaysBefore(write: ts.Node, read: ts.Node, fn: ts.Node): boolean {
  if (!ranBefore(write, read, fn)) return false;
  for (let n = read.parent; n && n !== fn; n = n.parent) {
    if (isLoop(n) && !contains(n, write)) return false;
  }
  return true;
}

/** Nothing but tfjs calls and the held object's methods runs after `write` and before `read`. */
function onlyTfjsBetween(fn: ts.Node, write: ts.BinaryExpression, read: ts.Node, ctx: RecentWriteContext): boolean {
  const from = write.end;
  const to = read.pos;
  let ok = true;
  // Walk from the innermost node holding both, skipping what lies outside the gap.
  let scope: ts.Node = write;
  while (scope !== fn && scope.parent && !contains(scope, read)) scope = scope.parent;
  const visit = (n: ts.Node): void => {
    if (!ok || n.end <= from || n.pos >= to) return;
    // Code that holds the read runs after it (a call whose argument is the read): only what
    // lies wholly in between has run.
    if (n.pos >= from && n.end <= to) {
      switch (n.kind) {
        case SK.AwaitExpression:
        case SK.YieldExpression:
        case SK.NewExpression:
        case SK.TaggedTemplateExpression:
        case SK.DeleteExpression:
        case SK.ClassDeclaration:
        case SK.ClassExpression:
          ok = false;
          return;
        case SK.CallExpression: {
          const call = n as ts.CallExpression;
          if (isHeldModelMethod(call, write, ctx)) {
            call.arguments.forEach(visit);
            return;
          }
          if (!ctx.isTfjsCall(call)) {
            ok = false;
            return;
          }
          break;
        }
      }
      // Anything else the holder takes part in (a write, an alias, an argument) may change it.
      if (ctx.sameHolder(n, write)) {
        ok = false;
        return;
      }
      if (ts.isFunctionLike(n)) {
        ok = false;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(scope, visit);
  return ok;
}

/** `this.model.add(...)`: a model method called on the holder that was just given that model. */
function isHeldModelMethod(call: ts.CallExpression, write: ts.BinaryExpression, ctx: RecentWriteContext): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && MODEL_METHODS.has(callee.name.text) && ctx.sameHolder(callee.expression, write) && ctx.storesModel(write);
}
