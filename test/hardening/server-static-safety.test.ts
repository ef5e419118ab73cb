// The promises the extension makes about untrusted workspaces, checked in the source:
// - package.json declares untrusted-workspace support, and no setting could make it run code
//   (a path, command or module setting would have to be restricted, with support 'limited');
// - the server, rules, client and bin scripts never load a module by a computed name, never
//   compile code from a string (eval, Function, vm) and never import process, network or
//   worker modules, except the few allowed below, each with its reason.
// Read from the syntax tree, so comments and strings do not count. The runtime side (the
// server refuses all of it while linting a hostile workspace) is server-hostile-workspace.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from '../../server/src/engine/ts';

const ROOT = path.resolve(__dirname, '../../..');
const SCANNED = ['server/src', 'rules', 'client/src', 'bin'];
const FORBIDDEN_MODULES = new Set(['child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'vm', 'worker_threads', 'cluster', 'inspector', 'module']);

/** Findings allowed, by file and what was found, with the reason. */
const ALLOWED: { file: string; found: string; reason: string }[] = [
  {
    file: 'server/src/lsp/heap.ts',
    found: "import 'node:vm'",
    reason: "runs only the literal 'gc' in a new context, to reach V8's collector (keeps RSS flat over long sessions)",
  },
  {
    file: 'bin/tfjs-lint.js',
    found: "import 'node:module'",
    reason: "calls module.enableCompileCache() (Node 22.1+) to cache the tool's own compiled code; loads nothing with it",
  },
  {
    file: 'server/src/code-cache.ts',
    found: "import 'node:vm'",
    reason: "compiles one file, the TypeScript module of the tool's own dependencies (resolved by a literal name), with V8's cached data from the user's cache folder",
  },
  {
    file: 'server/src/code-cache.ts',
    found: "import 'node:module'",
    reason: "wraps that file as Node would (Module.wrap, createRequire) through the loader hook require.extensions, the hook own-code-cache.ts also uses; loads nothing Node's loader was not already loading",
  },
  {
    file: 'server/src/own-code-cache.ts',
    found: "import 'node:vm'",
    reason: "compiles the modules Node's loader is loading from tfjs-lint's own compiled folder (out/, fixed by the entry's location, never a workspace file), with V8's cached data from the user's cache folder when the module's bytes match the entry's SHA-1",
  },
  {
    file: 'server/src/own-code-cache.ts',
    found: "import 'node:module'",
    reason: "Module.wrap, to wrap those modules' text as Node does; they run through code-cache.ts's hook and runWrapped",
  },
  {
    file: 'server/src/cli/threads.ts',
    found: "import 'node:worker_threads'",
    reason: "--threads: starts the tool's own lint-worker.js (a path beside it, never a name from the workspace or a setting); the CLI only",
  },
  {
    file: 'server/src/cli/lint-worker.ts',
    found: "import 'node:worker_threads'",
    reason: 'the worker side of --threads: reads its data and answers its parent thread; starts nothing',
  },
];

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?[jt]s)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !f.split(path.sep).includes('node_modules'));
}

const bare = (name: string) => name.replace(/^node:/, '').split('/')[0];

/** What a file does that could run foreign code or reach out of the process. */
function risks(text: string, fileName: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const out: string[] = [];
  const literal = (n: ts.Node | undefined) => n !== undefined && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));
  const moduleUse = (name: string) => {
    if (FORBIDDEN_MODULES.has(bare(name))) out.push(`import '${name}'`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) moduleUse(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      moduleUse(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = callee.getText(sf);
      const arg = node.arguments[0];
      if (name === 'require' || name === 'require.resolve' || callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (!literal(arg)) out.push(`${callee.kind === ts.SyntaxKind.ImportKeyword ? 'import' : name}() of a computed name`);
        else moduleUse((arg as ts.StringLiteral).text);
      } else if (name === 'eval' || name === 'Function' || name === 'globalThis.eval' || name === 'fetch' || name === 'createRequire' || name === 'process.dlopen') {
        out.push(`${name}()`);
      }
    } else if (ts.isNewExpression(node) && node.expression.getText(sf) === 'Function') {
      out.push('new Function');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('static safety: nothing of the workspace can run', () => {
  it('the scan finds what it looks for (checked on known bad code)', () => {
    const bad = [
      "import { spawn } from 'node:child_process';",
      "import * as http from 'http';",
      "import net = require('net');",
      'const m = require(userPath);',
      "const n = require(`./${x}`);",
      'await import(spec);',
      'eval(code);',
      'new Function("return 1");',
      'fetch("https://example.com");',
      "const { exec } = require('child_process');",
      '// eval(x) in a comment and "require(x)" in a string do not count',
      "import type { Server } from 'node:http';",
    ].join('\n');
    assert.deepEqual(risks(bad, 'bad.ts'), [
      "import 'node:child_process'",
      "import 'http'",
      "import 'net'",
      'require() of a computed name',
      'require() of a computed name',
      'import() of a computed name',
      'eval()',
      'new Function',
      'fetch()',
      "import 'child_process'",
    ]);
  });

  it('server/src, rules, client/src and bin: no computed require, eval, Function, vm, process or network module (allowlist with reasons)', () => {
    const files = SCANNED.flatMap(sourceFiles);
    assert.ok(files.length > 50, `scanned only ${files.length} files`);
    assert.ok(files.includes(path.join('server', 'src', 'lsp', 'start.ts')) && files.includes(path.join('bin', 'tfjs-lint-server.js')));
    const found: string[] = [];
    const allowedSeen = new Set<string>();
    for (const file of files) {
      for (const risk of risks(fs.readFileSync(path.join(ROOT, file), 'utf8'), file)) {
        const allowed = ALLOWED.find((a) => a.file === file.split(path.sep).join('/') && a.found === risk);
        if (allowed) allowedSeen.add(`${allowed.file}: ${allowed.found}`);
        else found.push(`${file}: ${risk}`);
      }
    }
    assert.deepEqual(found, [], 'each needs removing, or an entry in ALLOWED with its reason');
    // An allowlist entry that no longer matches anything should go.
    const stale = ALLOWED.filter((a) => !allowedSeen.has(`${a.file}: ${a.found}`));
    assert.deepEqual(stale, [], 'allowlist entries that no longer match anything');
  });

  it('package.json declares untrusted-workspace support, and no setting could point it at code', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; description?: string; restrictedConfigurations?: string[] } };
      contributes?: { configuration?: { properties?: Record<string, { type?: unknown; scope?: string }> } };
    };
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is declared');
    assert.ok(untrusted.supported === true || untrusted.supported === 'limited', `supported: ${String(untrusted.supported)}`);
    assert.match(untrusted.description ?? '', /never runs workspace code/);
    const restricted = new Set(untrusted.restrictedConfigurations ?? []);
    const properties = Object.keys(manifest.contributes?.configuration?.properties ?? {});
    assert.ok(properties.length > 0, 'the settings are declared');
    // A setting naming a program, a module or a path to load is code a workspace could supply.
    const codeLike = properties.filter((p) => /path|command|executable|module|plugin|script|runtime|exec|node|loader|require/i.test(p.replace(/^tfjsLint\./, '')));
    for (const p of codeLike) {
      assert.ok(untrusted.supported === 'limited' && restricted.has(p), `${p} could run code from the workspace; declare support 'limited' and restrict it`);
    }
    if (untrusted.supported === true) assert.deepEqual(codeLike, []);
  });

  it('the extension starts its own bundled server, never one named by a setting or the workspace', () => {
    const client = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(client, /const serverModule = context\.asAbsolutePath\(/);
    const modules = [...client.matchAll(/module:\s*([\w.]+)/g)].map((m) => m[1]);
    assert.ok(modules.length > 0 && modules.every((m) => m === 'serverModule'), `server modules: ${modules.join(', ')}`);
  });
});
