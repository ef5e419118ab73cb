// The workspace's files as the engine's module host sees them (workspace/module-host.ts):
// relative specifiers resolved as Node and bundlers do, model.json URLs resolved where a
// project serves them from, the editor's text before the disk, and forgetting on change.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceModuleHost } from '../../server/src/workspace/module-host';
import { treesRemovedAfter } from '../cli/helpers';

describe('workspace: module host', () => {
  const tree = treesRemovedAfter();

  it('resolves extensions, a .js specifier naming a .ts file, folder index files; never node_modules', () => {
    const dir = tree({ 'src/train.ts': '', 'src/model.ts': 'export const a = 1;', 'src/config.js': 'export const b = 2;', 'src/data/index.ts': 'export const c = 3;', 'node_modules/x/index.js': '' });
    const host = new WorkspaceModuleHost();
    const from = path.join(dir, 'src/train.ts');
    assert.equal(host.resolve('./model', from)?.fileName, path.join(dir, 'src/model.ts'));
    assert.equal(host.resolve('./model.js', from)?.fileName, path.join(dir, 'src/model.ts'));
    assert.equal(host.resolve('./config', from)?.text, 'export const b = 2;');
    assert.equal(host.resolve('./data', from)?.fileName, path.join(dir, 'src/data/index.ts'));
    assert.equal(host.resolve('../node_modules/x', from), undefined);
    assert.equal(host.resolve('./missing', from), undefined);
    assert.equal(host.resolve('./model', 'relative.ts'), undefined, 'stdin without a file name resolves nothing');
  });

  it('importers: the files of the package that name a module by a relative specifier (imports, requires, re-exports, pages)', () => {
    const dir = tree({
      'app/package.json': '{"name": "app", "main": "src/index.js"}',
      'app/src/index.js': "import './train';\n",
      'app/src/model.js': 'module.exports = function createModel(n) {};\n',
      'app/src/train.js': "const createModel = require('./model');\ncreateModel([6]);\n",
      'app/test/model_test.ts': "import createModel from '../src/model.js';\n",
      'app/src/views/page.html': '<script type="module">import m from "../model.js";</script>',
      'app/src/other.js': "// require('./model') in a comment still counts: the engine reads the syntax\nconst x = require('./config');\n",
      'app/node_modules/dep/index.js': "require('../../src/model');\n",
      'loose/model.js': 'export function f(n) {}\n',
      'loose/train.js': "import { f } from './model';\n",
    });
    const host = new WorkspaceModuleHost(undefined, undefined, dir);
    const names = (file: string) => host.importersOf(path.join(dir, file))?.map((s) => path.relative(dir, s.fileName).split(path.sep).join('/'));
    assert.deepEqual(names('app/src/model.js'), ['app/src/other.js', 'app/src/train.js', 'app/src/views/page.html', 'app/test/model_test.ts']);
    assert.deepEqual(names('app/src/train.js'), ['app/src/index.js']);
    assert.equal(names('app/src/index.js'), undefined, "the package's entry point: code outside the workspace loads it");
    assert.equal(names('loose/model.js'), undefined, 'outside any package: the project is not known');
    const aliased = tree({ 'package.json': '{}', 'src/utils/model.js': '', 'src/train.js': "import './utils/model';\n", 'src/App.vue': "<script>import { createModel } from '@/utils/model';</script>" });
    assert.equal(new WorkspaceModuleHost(undefined, undefined, aliased).importersOf(path.join(aliased, 'src/utils/model.js')), undefined, 'a path alias may name it');
    const inner = new WorkspaceModuleHost(undefined, undefined, path.join(dir, 'app/src'));
    assert.equal(inner.importersOf(path.join(dir, 'app/src/model.js')), undefined, 'the package.json is above the boundary (the working folder)');
    assert.equal(new WorkspaceModuleHost().importersOf(path.join(dir, 'app/src/model.js')), undefined, 'a host that does not search (the language server)');
  });

  it("the editor's text of an open file wins over the disk; forget reads the disk again", () => {
    const dir = tree({ 'a.ts': '', 'b.ts': 'export const v = 1;' });
    const open = new Map<string, string>();
    const host = new WorkspaceModuleHost((f) => open.get(f));
    const from = path.join(dir, 'a.ts');
    assert.equal(host.resolve('./b', from)?.text, 'export const v = 1;');
    open.set(path.join(dir, 'b.ts'), 'export const v = 2;');
    assert.equal(host.resolve('./b', from)?.text, 'export const v = 2;');
    open.set(path.join(dir, 'new.ts'), 'export const w = 3;');
    host.forget(path.join(dir, 'new.ts'));
    assert.equal(host.resolve('./new', from)?.text, 'export const w = 3;', 'an unsaved new file resolves');
  });

  it('model.json URLs: file:// relative to the package root, served paths from public/ or static/, relative to the page; http and ambiguous ones unknown', () => {
    const json = '{"modelTopology": {}}';
    const dir = tree({
      'node-app/package.json': '{}',
      'node-app/src/predict.js': '',
      'node-app/model/model.json': json,
      'web/package.json': '{}',
      'web/src/app.js': '',
      'web/public/models/m/model.json': json,
      'two/package.json': '{}',
      'two/js/app.js': '',
      'two/js/model.json': json,
      'two/model.json': json,
    });
    const host = new WorkspaceModuleHost();
    const node = path.join(dir, 'node-app/src/predict.js');
    assert.equal(host.resolveModelJson('file://./model/model.json', node)?.fileName, path.join(dir, 'node-app/model/model.json'));
    assert.equal(host.resolveModelJson('file://model/model.json', node)?.fileName, path.join(dir, 'node-app/model/model.json'));
    const web = path.join(dir, 'web/src/app.js');
    assert.equal(host.resolveModelJson('/models/m/model.json', web)?.fileName, path.join(dir, 'web/public/models/m/model.json'));
    assert.equal(host.resolveModelJson('models/m/model.json?v=2', web)?.fileName, path.join(dir, 'web/public/models/m/model.json'));
    assert.equal(host.resolveModelJson('https://example.com/models/m/model.json', web), undefined);
    assert.equal(host.resolveModelJson('indexeddb://my-model', web), undefined);
    assert.equal(host.resolveModelJson('model.json', path.join(dir, 'two/js/app.js')), undefined, 'two model.json files it could be: unknown');
    assert.equal(host.resolveModelJson('file://./model/weights.bin', node), undefined, 'never a weight file');
  });
});
