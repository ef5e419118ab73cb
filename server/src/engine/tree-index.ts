// One walk over a freshly parsed tree: sets parent pointers (the parser is asked not to, so
// the tree is walked once, not twice) and collects the nodes later stages look up.
import { ts, SK } from './ts';

export interface TreeIndex {
  /** Every call expression, in source order. */
  calls: ts.CallExpression[];
  /** Every identifier, in source order (for the reference index). */
  identifiers: ts.Identifier[];
  /** Variable declarations with an identifier name and an initializer. */
  bindings: ts.VariableDeclaration[];
  /** `var` declaration lists (function-scoped), for hoisting. */
  varLists: ts.VariableDeclarationList[];
}

export function indexTree(sourceFile: ts.SourceFile): TreeIndex {
  const index: TreeIndex = { calls: [], identifiers: [], bindings: [], varLists: [] };
  const { calls, identifiers, bindings, varLists } = index;
  const blockScoped = ts.NodeFlags.BlockScoped;
  // Explicit stack: deeply nested input (10,000 parentheses) must not overflow the call stack.
  const stack: ts.Node[] = [sourceFile];
  let parent: ts.Node = sourceFile;
  const push = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = parent;
    stack.push(child);
  };
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.kind) {
      case SK.Identifier:
        identifiers.push(node as ts.Identifier);
        continue; // identifiers have no children worth visiting
      case SK.CallExpression:
        calls.push(node as ts.CallExpression);
        break;
      case SK.VariableDeclaration: {
        const d = node as ts.VariableDeclaration;
        if (d.initializer && d.name.kind === SK.Identifier) bindings.push(d);
        break;
      }
      case SK.VariableDeclarationList:
        if (!(node.flags & blockScoped)) varLists.push(node as ts.VariableDeclarationList);
        break;
    }
    // Push the children, then reverse them in place so they pop in source order.
    const base = stack.length;
    parent = node;
    ts.forEachChild(node, push);
    for (let i = base, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i];
      stack[i] = stack[j];
      stack[j] = t;
    }
  }
  return index;
}
