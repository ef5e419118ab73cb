// The tfjs version a project pins reaches the rules through the shared file code: the CLI
// reads package.json and the pages beside a script, and removed-api stays quiet on a 0.x pin.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProjectFactsResolver } from '../../server/src/workspace/project-facts';
import { runJson, treesRemovedAfter } from './helpers';

const OLD_SCRIPT = "async function init() {\n  const model = await tf.loadModel('model/model.json');\n  return model;\n}\n";
const PAGE = (url: string) => `<html><head><script src="${url}"></script><script src="main.js"></script></head></html>`;

describe('project facts (tfjs version pins)', function () {
  this.timeout(60_000);
  const tree = treesRemovedAfter();

  it('reads the lowest tfjs major of the nearest package.json that depends on tfjs', () => {
    const root = tree({
      'package.json': JSON.stringify({ dependencies: { '@tensorflow/tfjs': '^0.13.3', '@tensorflow/tfjs-node': '~1.2.0' } }),
      'src/app/package.json': JSON.stringify({ name: 'no-tfjs-here' }),
      'src/app/main.js': OLD_SCRIPT,
      'latest/package.json': JSON.stringify({ dependencies: { '@tensorflow/tfjs': 'latest' } }),
      'latest/main.js': OLD_SCRIPT,
    });
    const projects = new ProjectFactsResolver();
    assert.deepEqual(projects.forFile(path.join(root, 'src/app/main.js')), { tfjsMajor: 0, tfjsFrom: 'package.json' });
    assert.deepEqual(projects.forFile(path.join(root, 'latest/main.js')), { tfjsFrom: 'package.json' });
  });

  it('a page beside the script that loads a versioned tfjs wins over package.json', () => {
    const root = tree({
      'package.json': JSON.stringify({ devDependencies: { '@tensorflow/tfjs': '4.22.0' } }),
      'demo/index.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.15.3/dist/tf.min.js'),
      'demo/main.js': OLD_SCRIPT,
      'plain/main.js': OLD_SCRIPT,
    });
    const projects = new ProjectFactsResolver();
    assert.deepEqual(projects.forFile(path.join(root, 'demo/main.js')), { tfjsMajor: 0, tfjsFrom: 'index.html' });
    assert.deepEqual(projects.forFile(path.join(root, 'plain/main.js')), { tfjsMajor: 4, tfjsFrom: 'package.json' });
  });

  it('a page pins its own script blocks; an old/ folder without pages takes the page above it', () => {
    const root = tree({
      'package.json': JSON.stringify({ dependencies: { '@tensorflow/tfjs': '^4.0.0' } }),
      'site/page.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.12.4'),
      'demo/index.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.11.4'),
      'demo/old/main.js': OLD_SCRIPT,
    });
    const projects = new ProjectFactsResolver();
    assert.deepEqual(projects.forFile(path.join(root, 'site/page.html')), { tfjsMajor: 0, tfjsFrom: 'page.html' });
    assert.deepEqual(projects.forFile(path.join(root, 'demo/old/main.js')), { tfjsMajor: 0, tfjsFrom: 'index.html' });
  });

  it('read once for a stable disk (a CLI run without --fix), the same answers; else a page is read afresh', () => {
    const root = tree({
      'package.json': JSON.stringify({ dependencies: { '@tensorflow/tfjs': '^4.0.0' } }),
      'demo/index.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.11.4'),
      'demo/other.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@1.7.0'),
      'demo/main.js': OLD_SCRIPT,
      'demo/old/main.js': OLD_SCRIPT,
      'demo/old/deeper/main.js': OLD_SCRIPT,
      'plain/main.js': OLD_SCRIPT,
    });
    const files = ['demo/old/deeper/main.js', 'demo/index.html', 'demo/other.html', 'demo/old/main.js', 'demo/main.js', 'plain/main.js'].map((f) => path.join(root, f));
    const stable = new ProjectFactsResolver(true);
    const fresh = new ProjectFactsResolver();
    for (const file of files) assert.deepEqual(stable.forFile(file), fresh.forFile(file), file);
    assert.deepEqual(stable.forFile(files[1]), { tfjsMajor: 0, tfjsFrom: 'index.html' });
    assert.deepEqual(stable.forFile(files[3]), { tfjsMajor: 0, tfjsFrom: 'index.html' });

    // The page is saved with another version: read again unless the disk is taken as stable.
    fs.writeFileSync(files[1], PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@2.8.0'));
    assert.deepEqual(fresh.forFile(files[1]), { tfjsMajor: 2, tfjsFrom: 'index.html' });
    assert.deepEqual(stable.forFile(files[1]), { tfjsMajor: 0, tfjsFrom: 'index.html' });
  });

  it('the CLI passes them to the rules: removed-api is quiet under a 0.x page, flags under an unversioned one', () => {
    const cwd = tree({
      'old/index.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.13.0'),
      'old/main.js': OLD_SCRIPT,
      'new/index.html': PAGE('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/dist/tf.min.js'),
      'new/main.js': OLD_SCRIPT,
    });
    const r = runJson(['.'], { cwd });
    const byFile = new Map(r.results.map((x) => [path.relative(cwd, x.filePath), x.messages.map((m) => m.ruleId)]));
    assert.deepEqual(byFile.get(path.join('old', 'main.js')) ?? [], []);
    assert.deepEqual(byFile.get(path.join('new', 'main.js')), ['removed-api']);
  });
});
