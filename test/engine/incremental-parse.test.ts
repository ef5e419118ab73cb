// Incremental parsing (engine/parse.ts, engine/modules.ts): an edited file's next parse reuses
// its last tree when neither text has syntax errors. The tree must be the one a fresh parse
// makes, edit after edit, whatever the edit breaks; the lint of the edited text must be the
// fresh lint's; and only the edited file's own tree is reused (its importers' trees, whose text
// did not change, are not touched).
import * as assert from 'node:assert/strict';
import { changeBetween, parseErrorCount, parseSourceFile } from '../../server/src/engine/parse';
import { lintText } from '../../server/src/engine/linter';
import { Modules } from '../../server/src/engine/modules';
import { ts } from '../../server/src/engine/ts';
import { rules } from '../../rules/index';
import { loadCorpus } from '../fuzz/corpus';
import { mutate } from '../fuzz/mutations';
import { rng } from '../bench/workspace';
import { MemoryModuleHost } from '../harness/memory-modules';

/** Flags TypeScript sets lazily, as a cache of whether a subtree holds a parse error: not the tree's. */
const CACHE_FLAGS = ts.NodeFlags.HasAggregatedChildData | ts.NodeFlags.ThisNodeOrAnySubNodesHasError;

/** Every node's kind, span and flags, and the parse errors: what two parses must agree on. */
function dump(sf: ts.SourceFile): string {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    out.push(`${n.kind}:${n.pos}-${n.end}:${n.flags & ~CACHE_FLAGS}${ts.isIdentifier(n) ? `:${n.text}` : ''}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // Where each error is, not its wording: TypeScript words one error two ways depending on
  // what it parsed before (1128 or 2809, "Declaration or statement expected"), and the engine
  // reads only where errors are.
  const errors = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => `${d.start}+${d.length}`);
  return `${out.join(' ')}\n${errors.join(' ')}`;
}

/** An edit as typed: a comment or a statement on a new line, a digit changed, a character typed or deleted, lines moved or a bracket dropped. */
function edit(text: string, random: () => number): string {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const lineStart = lineStarts[Math.floor(random() * lineStarts.length)];
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0: return text.slice(0, lineStart) + '// a note\n' + text.slice(lineStart);
    case 1: return text.slice(0, lineStart) + 'const x = tf.tensor2d([[1, 2]]);\n' + text.slice(lineStart);
    case 2: {
      const digits = [...text.matchAll(/\d/g)];
      const d = digits[Math.floor(random() * digits.length)];
      return d ? text.slice(0, d.index) + String((Number(d[0]) + 1) % 10) + text.slice(d.index + 1) : text;
    }
    case 3: return text.slice(0, at) + '(){}[];,.=<>\'"`/'[Math.floor(random() * 16)] + text.slice(at);
    case 4: return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
    default: return mutate(text, random);
  }
}

describe('engine: incremental parsing of an edited file', function () {
  this.timeout(60_000);

  it('the change between two texts is the span between their common prefix and suffix', () => {
    const span = (a: string, b: string) => {
      const r = changeBetween(a, b);
      return [r.span.start, r.span.length, r.newLength];
    };
    assert.deepEqual(span('abcdef', 'abXYef'), [2, 2, 2]);
    assert.deepEqual(span('abc', 'abxc'), [2, 0, 1]);
    assert.deepEqual(span('abcd', 'ad'), [1, 2, 0]);
    assert.deepEqual(span('aa', 'aaa'), [2, 0, 1], 'a repeated character: prefix first, the suffix does not overlap it');
    assert.deepEqual(span('', 'x'), [0, 0, 1]);
    assert.deepEqual(span('same', 'same'), [4, 0, 0]);
  });

  it('100 edits of each example program and fixture: each tree is the fresh parse\'s, incremental only between texts without syntax errors', () => {
    const corpus = loadCorpus();
    assert.ok(corpus.length >= 10, `only ${corpus.length} files`);
    const random = rng(20261206);
    let edits = 0;
    let betweenClean = 0;
    let reused = 0;
    for (const file of corpus) {
      let text = file.text;
      let lastClean = text;
      let tree = parseSourceFile(file.name, text);
      for (let i = 0; i < 100; i++) {
        // A user fixes most of the errors they type: back to the last text without errors, or on.
        text = parseErrorCount(tree) > 0 && random() < 0.7 ? lastClean : edit(text, random);
        const previous = tree;
        const cleanBase = parseErrorCount(previous) === 0;
        const oldStatements = new Set<ts.Node>(previous.statements);
        tree = parseSourceFile(file.name, text, previous);
        assert.notEqual(tree, previous, 'a new tree, never the consumed one');
        const fresh = parseSourceFile(file.name, text);
        assert.equal(dump(tree), dump(fresh), `${file.name}, edit ${i + 1}`);
        const reusedHere = tree.statements.some((st) => oldStatements.has(st));
        if (parseErrorCount(fresh) === 0) lastClean = text;
        if (cleanBase && parseErrorCount(fresh) === 0) {
          betweenClean++;
          if (reusedHere) reused++;
        } else {
          assert.ok(!reusedHere, `${file.name}, edit ${i + 1}: a text with syntax errors was parsed incrementally`);
        }
        edits++;
      }
    }
    assert.ok(edits >= 1200, `${edits} edits`);
    assert.ok(betweenClean >= 300, `only ${betweenClean} edits between texts without errors`);
    assert.ok(reused > betweenClean * 0.9, `a statement of the old tree was reused in only ${reused} of ${betweenClean} parses between clean texts: not incremental`);
  });

  const NS = "import * as tf from '@tensorflow/tfjs';\n";
  const MODEL = NS + "import { UNITS } from './config';\nexport function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: UNITS, inputShape: [4], activation: 'sigmoid' }));\n  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  return model;\n}\nconst m = build();\nm.predict(tf.zeros([2, 4]));\nconst p = tf.log(tf.sigmoid(tf.zeros([2])));\n";

  it('a file linted, forgotten as changed and linted again reuses its tree and finds what a fresh lint finds', () => {
    const files: Record<string, string> = { 'model.ts': MODEL, 'config.js': 'export const UNITS = 1;\n' };
    const modules = new Modules(new MemoryModuleHost(files));
    const lint = (text: string) => lintText(text, { fileName: 'model.ts', rules, modules });
    const fresh = (text: string) => lintText(text, { fileName: 'model.ts', rules, modules: new Modules(new MemoryModuleHost({ ...files, 'model.ts': text })) });
    lint(MODEL);
    const before = modules.analysisFor('model.ts', MODEL).sourceFile;
    const kept = before.statements[0];
    const edited = MODEL.replace('[2, 4]', '[2, 5]');
    files['model.ts'] = edited;
    modules.forget('model.ts');
    const result = lint(edited);
    const after = modules.analysisFor('model.ts', edited).sourceFile;
    assert.notEqual(after, before);
    assert.ok(after.statements.includes(kept), 'the untouched import statement is the old tree\'s node');
    assert.deepEqual(result.findings, fresh(edited).findings);
    assert.ok(result.findings.some((f) => f.ruleId === 'shape-mismatch'), 'the edit made a shape mismatch, found');
  });

  it('the trees kept for the next parse are bounded: sources up to 1 MB in all, the oldest giving way', () => {
    const source = (name: string, kb: number) => Array.from({ length: kb * 16 }, (_, i) => `const ${name}${i} = ${i} * 2 + 1;`.padEnd(63) + '\n').join('');
    const files: Record<string, string> = { 'a.ts': source('a', 600), 'b.ts': source('b', 600), 'big.ts': source('big', 1100) };
    const modules = new Modules(new MemoryModuleHost(files));
    const trees = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, modules.analysisFor(name, text).sourceFile]));
    const reused = (name: string) => {
      const old = new Set<ts.Node>(trees[name].statements);
      return modules.analysisFor(name, `// edited\n${files[name]}`).sourceFile.statements.some((st) => old.has(st));
    };
    modules.forget('big.ts');
    assert.equal(reused('big.ts'), false, 'a file over the bound alone is not kept');
    modules.forget('a.ts');
    modules.forget('b.ts');
    assert.equal(reused('a.ts'), false, 'the older of two trees that do not fit together gave way');
    assert.equal(reused('b.ts'), true, 'the newer one is kept');
  });

  it('the importers of a changed file are parsed afresh: their text did not change and their old trees stay intact', () => {
    const files: Record<string, string> = { 'model.ts': MODEL, 'config.js': 'export const UNITS = 1;\n' };
    const modules = new Modules(new MemoryModuleHost(files));
    lintText(MODEL, { fileName: 'model.ts', rules, modules });
    const importer = modules.analysisFor('model.ts', MODEL).sourceFile;
    const spans = importer.statements.map((s) => [s.pos, s.end]);
    files['config.js'] = '// units\nexport const UNITS = 3;\n';
    modules.forget('config.js');
    const result = lintText(MODEL, { fileName: 'model.ts', rules, modules });
    const again = modules.analysisFor('model.ts', MODEL).sourceFile;
    assert.ok(!again.statements.some((s) => importer.statements.includes(s)), 'no node of the importer\'s old tree moved into the new one');
    assert.deepEqual(importer.statements.map((s) => [s.pos, s.end]), spans, 'the old tree is as it was');
    assert.deepEqual(result.findings, lintText(MODEL, { fileName: 'model.ts', rules, modules: new Modules(new MemoryModuleHost(files)) }).findings);
  });
});
