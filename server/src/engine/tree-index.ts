// One walk over a freshly parsed tree: sets parent pointers (the parser is asked not to, so
// the tree is walked once, not twice), numbers the nodes (so per-node tables are arrays, not
// hash maps) and collects the nodes later stages look up.
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
  /** Every return statement, for what same-file functions return. */
  returns: ts.ReturnStatement[];
  /** Nodes are numbered 1..nodeCount in `node.id` (TypeScript's own field, unused without a checker). */
  nodeCount: number;
}

/** A node's number from indexTree; 0 for nodes made after indexing (e.g. by a fix). */
export function nodeId(node: ts.Node): number {
  return (node as unknown as { id: number }).id;
}

export function indexTree(sourceFile: ts.SourceFile): TreeIndex {
  const calls: ts.CallExpression[] = [];
  const identifiers: ts.Identifier[] = [];
  const bindings: ts.VariableDeclaration[] = [];
  const varLists: ts.VariableDeclarationList[] = [];
  const returns: ts.ReturnStatement[] = [];
  const blockScoped = ts.NodeFlags.BlockScoped;
  let count = 0;
  let parent: ts.Node = sourceFile;
  // Recursion is safe here: the parser recurses several frames per nesting level and gives
  // up (the linter reports it) long before this walk, at one or two frames per level, could.
  // One callback for every node (no closure per node): `parent` is the node being expanded.
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node }).parent = parent;
    (node as unknown as { id: number }).id = ++count;
    switch (node.kind) {
      case SK.Identifier:
        identifiers.push(node as ts.Identifier);
        return; // identifiers have no children worth visiting
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
      case SK.ReturnStatement:
        returns.push(node as ts.ReturnStatement);
        break;
    }
    const saved = parent;
    parent = node;
    ts.forEachChild(node, visit);
    parent = saved;
  };
  (sourceFile as unknown as { id: number }).id = ++count;
  ts.forEachChild(sourceFile, visit);
  return { calls, identifiers, bindings, varLists, returns, nodeCount: count };
}
