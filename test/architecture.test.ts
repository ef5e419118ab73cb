// The layering ARCHITECTURE.md promises, checked on the source: the engine and the rules never
// import editor APIs, and only the language server imports vscode-languageserver; the engine
// imports nothing outside itself; rules reach the engine only through its facade; "unknown"
// has one representation.
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
  // Comments may quote code (`// require('@tensorflow/tfjs')`): they import nothing.
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
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

  it('the engine imports nothing outside itself (but its parsers and Node built-ins)', () => {
    /** The parsers the engine reads code with: TypeScript (through ts-morph) and HTML for <script> blocks. */
    const parsers = new Set(['ts-morph', '@ts-morph/common/dist/typescript.js', '@ts-morph/common/lib/typescript', 'htmlparser2']);
    const engine = path.join(ROOT, 'server/src/engine');
    const offenders = sources('server/src/engine').flatMap((f) =>
      importsOf(f).flatMap((m) => {
        if (m.startsWith('.')) {
          const target = path.resolve(ROOT, path.dirname(f), m);
          return target === engine || target.startsWith(engine + path.sep) ? [] : [`${f}: ${m}`];
        }
        return parsers.has(m) || m.startsWith('node:') ? [] : [`${f}: ${m}`];
      }),
    );
    assert.deepEqual(offenders, []);
  });

  it('rules reach the engine only through its facade: the analysis, the rule contract, the value and fact types', () => {
    const facade = new Set([
      'analysis', 'rule', 'types', 'ts', 'values', 'bindings', 'control-paths', 'model-facts', 'ranges', 'shapes', 'preprocessing',
    ].map((m) => path.join(ROOT, 'server/src/engine', m)));
    const engine = path.join(ROOT, 'server/src/engine');
    const offenders = sources('rules').flatMap((f) =>
      importsOf(f).flatMap((m) => {
        const target = m.startsWith('.') ? path.resolve(ROOT, path.dirname(f), m) : undefined;
        if (!target || !target.startsWith(engine + path.sep)) return [];
        // tfjs knowledge (engine/tfjs/: the catalog and what sits beside it) is read directly.
        return facade.has(target) || target.startsWith(path.join(engine, 'tfjs') + path.sep) ? [] : [`${f}: ${m}`];
      }),
    );
    assert.deepEqual(offenders, []);
  });

  it('"unknown" has one representation: UNKNOWN for values, undefined for facts; nothing else in the engine says unknown', () => {
    const values = fs.readFileSync(path.join(ROOT, 'server/src/engine/values.ts'), 'utf8');
    assert.match(values, /export const UNKNOWN: unique symbol = Symbol\('unknown'\);/);
    const offenders = sources('server/src/engine').flatMap((f) => {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      const sentinels = (text.match(/Symbol\('unknown'\)/g) ?? []).length;
      const literals = (text.match(/'unknown'/g) ?? []).length - sentinels;
      return [
        ...(f.endsWith('engine/values.ts') ? (sentinels === 1 ? [] : [`${f}: ${sentinels} unknown symbols`]) : sentinels ? [`${f}: another unknown symbol`] : []),
        ...(literals ? [`${f}: the string 'unknown' stands for a value`] : []),
      ];
    });
    assert.deepEqual(offenders, []);
  });

  it("V8 flags for short runs stay the CLI's, and only engine/ts.ts requires the TypeScript module (never ts-morph's wrapper)", () => {
    const all = [...sources('server/src'), ...sources('rules'), ...sources('client/src')];
    const offenders = all.flatMap((f) =>
      importsOf(f).flatMap((m) => {
        if (/compiler-tuning$/.test(m) && !f.startsWith('server/src/cli/')) return [`${f}: ${m}`];
        if (m === '@ts-morph/common/dist/typescript.js' && f !== 'server/src/engine/ts.ts') return [`${f}: ${m}`];
        return [];
      }),
    );
    // ts-morph itself only for types (erased at build): importing it at run time loads its wrapper.
    for (const f of all) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      if (/^import\s+(?!type\b)[^;]*?from\s+['"]ts-morph['"]|require\(\s*['"]ts-morph['"]/m.test(text)) offenders.push(`${f}: ts-morph at run time`);
    }
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

  it("users' documents (README, extension README, rule docs, docs/) never point into the builders' planning notes", () => {
    const docs = ['README.md', 'client/README.md', ...fs.readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.md')).map((f) => `rules/${f}`)];
    const walk = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
    if (fs.existsSync(path.join(ROOT, 'docs'))) docs.push(...walk('docs'));
    const offenders = docs.filter((f) => /\.\.\/shared|source-post|RULES\.md|planning repositor/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
