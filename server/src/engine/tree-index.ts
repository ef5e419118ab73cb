// One walk over a freshly parsed tree: sets parent pointers (the parser is asked not to, so
// the tree is walked once, not twice) and collects the nodes later stages look up.
import { ts } from './ts';

export interface TreeIndex {
  /** Every call expression, in source order. */
  calls: ts.CallExpression[];
  /** Every identifier, in source order (for the reference index). */
  identifiers: ts.Identifier[];
  /** Variable declarations with an identifier name and an initializer. */
  bindings: ts.VariableDeclaration[];
}

export function indexTree(sourceFile: ts.SourceFile): TreeIndex {
  const index: TreeIndex = { calls: [], identifiers: [], bindings: [] };
  const { calls, identifiers, bindings } = index;
  const SK = ts.SyntaxKind;
  // Explicit stack: deeply nested input (10,000 parentheses) must not overflow the call stack.
  const stack: ts.Node[] = [sourceFile];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node) => {
    children.push(child);
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
    }
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      (child as { parent: ts.Node }).parent = node;
      stack.push(child);
    }
  }
  return index;
}
