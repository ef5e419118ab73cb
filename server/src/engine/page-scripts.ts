// The other scripts of a classic browser script's pages. A classic script's top-level
// functions and classes are globals: another `<script>` of the same page, an inline block or
// an `onclick="..."` attribute may call them with values this file never sees. Whether such
// code names a global is read from its syntax (identifiers in the scripts and in the pages'
// inline blocks and event-handler attributes; comments, strings and page text do not count);
// naming it in any way counts, since a call is what we could not bind.
import { ts } from './ts';
import { parseSourceFile } from './parse';
import { hostKindOf, scriptBlocks } from './script-blocks';
import type { Scopes } from './scopes';

/** What a page-mate is: a script or an HTML page, with its text. */
export interface PageSource {
  readonly fileName: string;
  readonly text: string;
}

/** An `on...="code"` attribute of a page: code the browser runs in the page's global scope. */
const HANDLER_ATTRIBUTE = /\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** True when code in `source` (a script, or a page's blocks and handler attributes) names `name`. */
export function namesInCode(source: PageSource, name: string): boolean {
  return source.text.includes(name) && namesOf(source).has(name);
}

/**
 * The identifiers of a script, or of a page's script blocks and handler attributes. A script's
 * classes and functions are each asked about its page-mates, so each mate is parsed (a page:
 * split into blocks, then each parsed) once for all the names, not once per name; the last
 * few are kept, keyed by the text itself, so a changed text is read again.
 */
function namesOf(source: PageSource): ReadonlySet<string> {
  const kept = namesByText.get(source.text);
  if (kept) return kept;
  const names = new Set<string>();
  const kind = hostKindOf(source.fileName);
  if (!kind) addIdentifiers(names, source.text, source.fileName);
  else {
    for (const block of scriptBlocks(source.text, kind)) addIdentifiers(names, source.text.slice(block.start, block.end), `${source.fileName}.block${block.extension}`);
    for (const m of source.text.matchAll(HANDLER_ATTRIBUTE)) addIdentifiers(names, m[1] ?? m[2] ?? '', `${source.fileName}.handler.js`);
  }
  if (namesByText.size >= NAMES_KEPT) namesByText.delete(namesByText.keys().next().value as string);
  namesByText.set(source.text, names);
  return names;
}

function addIdentifiers(names: Set<string>, code: string, fileName: string): void {
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) names.add(n.text);
    else ts.forEachChild(n, visit);
  };
  visit(parseSourceFile(fileName, code));
}
const NAMES_KEPT = 16;
const namesByText = new Map<string, ReadonlySet<string>>();

/**
 * How a classic script makes `name` a global: its top-level `const name = ...` (the
 * declaration), 'other' when it declares it otherwise (let, var, function, class) or assigns
 * it anywhere (`name = v`, `name++`), undefined when it does neither.
 */
export function globalDeclaration(sourceFile: ts.SourceFile, name: string): ts.VariableDeclaration | 'other' | undefined {
  let found: ts.VariableDeclaration | 'other' | undefined;
  for (const st of sourceFile.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name) continue;
        const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
        found = isConst && d.initializer && found === undefined ? d : 'other';
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) found = 'other';
  }
  const visit = (n: ts.Node): void => {
    if (found === 'other') return;
    if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && ts.isIdentifier(n.left) && n.left.text === name) found = 'other';
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name) {
      if (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) found = 'other';
    } else ts.forEachChild(n, visit);
  };
  if (sourceFile.text.includes(name)) visit(sourceFile);
  return found;
}

/**
 * The calls another classic script makes of the global `name` (`new name(...)` when it is a
 * class, `name(...)` when a function); undefined when it names it any other way: a
 * declaration or local of that name, `x.name`, a reference that is not such a call (handed
 * on, extended, `new` of a function). Those are uses whose calls we cannot all see.
 */
export function globalCallsIn(identifiers: readonly ts.Identifier[], scopes: Scopes, name: string, constructs: boolean): (ts.CallExpression | ts.NewExpression)[] | undefined {
  const calls: (ts.CallExpression | ts.NewExpression)[] = [];
  for (const id of identifiers) {
    if (id.text !== name) continue;
    if (scopes.resolve(id)) return undefined;
    let n: ts.Node = id;
    while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
    const call: ts.Node = n.parent;
    const isCall = constructs ? ts.isNewExpression(call) : ts.isCallExpression(call);
    if (!isCall || (call as ts.CallExpression | ts.NewExpression).expression !== n) return undefined;
    calls.push(call as ts.CallExpression | ts.NewExpression);
  }
  return calls;
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
