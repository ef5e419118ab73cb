// The layering ARCHITECTURE.md promises, checked on the source: the engine and the rules never
// import editor APIs, and only the language server imports vscode-languageserver; the engine
// imports nothing outside itself; rules reach the engine only through its facade; "unknown"
// has one representation; the engine states facts as data and never words them or names a rule.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ts } from '../server/src/engine/ts';
import { FileAnalysis } from '../server/src/engine/analysis';
import type { ShapeProblemKind } from '../server/src/engine/shapes';
import { rules } from '../rules';

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

  it('the engine writes no text for users and names no rule: its literals are never prose, nor a rule id', () => {
    const offenders: string[] = [];
    const ids = rules.map((r) => ({ id: r.meta.id, word: new RegExp(`(^|[^a-z0-9-])${r.meta.id}($|[^a-z0-9-])`) }));
    for (const f of sources('server/src/engine')) {
      if (f.endsWith('.d.ts')) continue;
      const rel = path.relative('server/src/engine', f).split(path.sep).join('/');
      const driver = LINTER_VOICE.has(rel);
      for (const { text, line } of literalsOf(f)) {
        const named = ids.find(({ word }) => word.test(text));
        if (named) offenders.push(`${f}:${line}: names the rule ${named.id}`);
        if (!driver && isProse(text) && !ALLOWED_PROSE.get(rel)?.includes(text)) offenders.push(`${f}:${line}: ${JSON.stringify(text)}`);
      }
    }
    // The check itself: it must see prose where there is some (a rule message), and not in code.
    assert.ok(isProse('X of shapes X and X: they cannot be broadcast together') && isProse('X needs a larger input'));
    assert.ok(!isProse('batchSize epochs verbose callbacks') && !isProse('X_X') && !isProse('model.fitDataset'));
    const chained = path.join(os.tmpdir(), `tfjs-lint-architecture-${process.pid}.ts`);
    fs.writeFileSync(chained, "const s = 'needs ' + what + ' but gets ' + shape;\n");
    try {
      assert.ok(literalsOf(path.relative(ROOT, chained)).some(({ text }) => isProse(text)), 'a + chain of short literals reads as one text');
    } finally {
      fs.rmSync(chained, { force: true });
    }
    assert.deepEqual(offenders, []);
  });

  it('shape problems are data: every kind, with its operands and no sentence', () => {
    const file = FileAnalysis.parse(
      'model.ts',
      [
        "import * as tf from '@tensorflow/tfjs';",
        'const a = tf.sequential({layers: [tf.layers.dense({units: 4}), tf.layers.dense({units: 1})]});',
        'const b = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.lstm({units: 2})]});',
        'const c = tf.sequential();',
        "c.add(tf.layers.dense({inputShape: [3], units: 2, activation: 'softmax'}));",
        "c.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});",
        'c.fit(tf.zeros([8, 4]), tf.zeros([6, 3]));',
        'const m = tf.matMul(tf.ones([2, 3]), tf.ones([4, 5]));',
        'const r = tf.ones([10]).reshape([3, 3]);',
        'const k = tf.concat([tf.ones([2, 3]), tf.ones([2, 4])], 0);',
        'const s = tf.add(tf.ones([2, 3]), tf.ones([4, 5]));',
        'const h = tf.oneHot(tf.tensor1d([0, 1]), 2);',
        "const g = tf.sigmoid(tf.tensor1d([1, 2], 'int32'));",
        'const d = tf.sequential();',
        'd.add(tf.layers.conv2d({inputShape: [4, 4, 1], filters: 2, kernelSize: 6}));',
        'const batchSize = 32;',
        'const e = tf.sequential({layers: [tf.layers.dense({inputShape: [batchSize, 4], units: 2})]});',
        "const f = tf.sequential({layers: [tf.layers.dense({inputShape: [3], units: 2})]});",
        "f.compile({optimizer: 'adam', loss: 'meanSquaredError'});",
        'f.fitDataset(tf.data.array([{xs: [1, 2, 3], ys: [1, 2]}]), {epochs: 1});',
        'f.fitDataset(tf.data.array([{xs: [1, 2, 3, 4], ys: [1, 2]}]).batch(2), {epochs: 1});',
      ].join('\n'),
    );
    const problems = file.shapes.problems;
    const kinds = new Set(problems.map((p) => p.kind));
    // Every kind there is (the compiler checks this list against the union), each in the sample.
    const every = {
      'layer-input': true, 'negative-output': true, 'no-input-shape': true, 'batch-in-input-shape': true, 'fit-x': true, 'fit-y': true,
      'batch-size': true, 'dataset-unbatched': true, 'dataset-x': true, dtype: true, broadcast: true, 'reshape-count': true, concat: true, matmul: true,
    } satisfies Record<ShapeProblemKind, true>;
    for (const k of Object.keys(every)) assert.ok(kinds.has(k as ShapeProblemKind), `the sample has no ${k} problem (it has ${[...kinds].join(', ')})`);
    const sentences: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (typeof v === 'string') {
        if (/\s/.test(v)) sentences.push(`${at}: ${JSON.stringify(v)}`);
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${at}[${i}]`));
      } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
      } // syntax nodes and engine values are facts of their own
    };
    problems.forEach((p, i) => walk(p, `problems[${i}]`));
    assert.deepEqual(sentences, []);
  });
});

/**
 * Engine files that speak for the linter itself, not about the code it reads: notices about a
 * file (too large, binary, unparsable, out of time), configuration errors, suppression comments,
 * a `<script>` block's notices placed in its host. They state no fact a rule judges.
 */
const LINTER_VOICE = new Set(['linter.ts', 'config.ts', 'suppressions.ts', 'host-files.ts']);

/** Prose in the engine that no user reads, by file, with why. */
const ALLOWED_PROSE: ReadonlyMap<string, readonly string[]> = new Map([
  // The message of an exception shape inference throws and catches itself (a value it cannot know).
  ['shapes/config.ts', ['cannot know X']],
]);

/** Words every English sentence has and a list of names or keys does not. */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'is', 'are', 'be', 'and', 'but', 'or', 'not', 'no', 'with', 'when', 'from', 'has', 'have',
  'its', 'it', 'on', 'in', 'for', 'as', 'so', 'than', 'would', 'must', 'can', 'cannot', 'does', 'this', 'that', 'which',
]);

/** Three words or more, spaced, and at least one of them a function word. */
function isProse(text: string): boolean {
  const words = text.split(/[^A-Za-z]+/).filter(Boolean);
  return words.length >= 3 && /[A-Za-z] +[A-Za-z(]/.test(text) && words.some((w) => FUNCTION_WORDS.has(w));
}

/**
 * The texts a source file writes in literals: each string and template literal (a template's
 * placeholders read as X), and each `+` chain of them as one text ('needs ' + what + ' but gets'),
 * but module specifiers.
 */
function literalsOf(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const literal = (node: ts.Node): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `X${span.literal.text}`).join('');
    return undefined;
  };
  const isPlus = (node: ts.Node): node is ts.BinaryExpression => ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
  const operands = (node: ts.Expression): ts.Expression[] => {
    const inner = ts.isParenthesizedExpression(node) ? node.expression : node;
    return isPlus(inner) ? [...operands(inner.left), ...operands(inner.right)] : [inner];
  };
  const visit = (node: ts.Node): void => {
    const at = () => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const text = literal(node);
    const specifier = ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent);
    if (text !== undefined && !specifier) out.push({ text, line: at() });
    if (isPlus(node) && !isPlus(node.parent)) {
      const parts = operands(node).map((e) => literal(e));
      if (parts.filter((t) => t !== undefined).length > 0) out.push({ text: parts.map((t) => t ?? 'X').join(''), line: at() });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return out;
}
