// The layering ARCHITECTURE.md promises, checked on the source: the engine and the rules never
// import editor APIs, and only the language server imports vscode-languageserver.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.ts$/.test(e.name)) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('architecture invariants', () => {
  it('the engine and the rules import neither vscode nor vscode-languageserver', () => {
    const offenders = [...sources('server/src/engine'), ...sources('rules')].flatMap((f) =>
      importsOf(f).filter((m) => /^vscode(-languageserver|-languageclient|-jsonrpc)?(\/|$)/.test(m)).map((m) => `${f}: ${m}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('only server/src/lsp imports vscode-languageserver, and only client/ imports vscode', () => {
    const all = [...sources('server/src'), ...sources('rules'), ...sources('client/src')];
    const offenders = all.flatMap((f) =>
      importsOf(f).flatMap((m) => {
        if (/^vscode-languageserver/.test(m) && !f.startsWith('server/src/lsp/')) return [`${f}: ${m}`];
        if (m === 'vscode' && !f.startsWith('client/')) return [`${f}: ${m}`];
        return [];
      }),
    );
    assert.deepEqual(offenders, []);
  });

  it('every registered rule has its doc page, rule table and runtime witness under one name', () => {
    const registry = fs.readFileSync(path.join(ROOT, 'rules/index.ts'), 'utf8');
    const ids = [...registry.matchAll(/from '\.\/([a-z0-9-]+)'/g)].map((m) => m[1]);
    assert.ok(ids.length >= 10, `registry lists ${ids.length} rules`);
    const missing = ids.flatMap((id) =>
      [`rules/${id}.md`, `test/rules/${id}.test.ts`, `test/witness/${id}.witness.test.ts`].filter((p) => !fs.existsSync(path.join(ROOT, p))),
    );
    assert.deepEqual(missing, []);
  });

  it('the README lists every registered rule with a link to its doc page', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const registry = fs.readFileSync(path.join(ROOT, 'rules/index.ts'), 'utf8');
    const ids = [...registry.matchAll(/from '\.\/([a-z0-9-]+)'/g)].map((m) => m[1]);
    assert.deepEqual(ids.filter((id) => !readme.includes(`(rules/${id}.md)`)), []);
  });
});
