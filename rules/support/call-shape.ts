// Small questions about call expressions that several training-hygiene rules ask: which
// method a call names, on what receiver, and where a fit's config argument sits.
import { ts } from '../../server/src/engine/ts';

import { unwrap } from '../../server/src/engine/bindings';

export { unwrap };

/** The method name of `receiver.method(...)`, or undefined for any other callee shape. */
export function methodName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** The receiver of `receiver.method(...)`. */
export function receiverOf(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
}

/** The `name` node of `receiver.method(...)`, a tight range to report on. */
export function methodNameNode(call: ts.CallExpression): ts.Node {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name : call;
}

/** The config argument of fit(x, y, config) and fitDataset(dataset, config). */
export function fitConfigArgument(call: ts.CallExpression): ts.Expression | undefined {
  const method = methodName(call);
  if (method === 'fit') return call.arguments[2];
  if (method === 'fitDataset') return call.arguments[1];
  return undefined;
}

/** The node a result flows into once parentheses and type assertions are skipped. */
export function consumerOf(node: ts.Node): { parent: ts.Node; child: ts.Node } {
  let child = node;
  while (
    ts.isParenthesizedExpression(child.parent) || ts.isAsExpression(child.parent) ||
    ts.isNonNullExpression(child.parent) || ts.isSatisfiesExpression(child.parent)
  ) child = child.parent;
  return { parent: child.parent, child };
}

/** The leading whitespace of the line that holds `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
