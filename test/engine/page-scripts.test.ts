// A classic browser script's globals may be called by the other scripts of its pages
// (engine/page-scripts.ts, WorkspaceModuleHost.pageScriptsOf): a class or helper another
// script, an inline block or an onclick attribute names is not bound from this file's calls
// alone. Written the way browser games are: index.html loading tfjs from a CDN, then js/agent.js
// and js/game.js, with labels and comments that say "Agent".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { Modules } from '../../server/src/engine/modules';
import { ModelValue } from '../../server/src/engine/values';
import { WorkspaceModuleHost } from '../../server/src/workspace/module-host';
import { treesRemovedAfter } from '../cli/helpers';

const AGENT = `class Actor {
  constructor(nActions, inputShape) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({inputShape: inputShape, units: 16, activation: 'relu'}));
    this.model.add(tf.layers.dense({units: nActions, activation: 'tanh'}));
  }
}
class Agent {
  constructor(nActions = 2, inputs = 47) {
    this.actor = new Actor(nActions, inputs);
  }
}
const agent = new Agent(2, 30);
`;
const HELPER = `function buildModel(inputs) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [inputs], units: 1}));
  return model;
}
const model = buildModel(8);
`;
const PAGE = (extra = '', handler = 'agent.reset()') => `<!DOCTYPE html>
<html><body>
  <label for="agentX">Agent Start X</label>
  <button onclick="${handler}">Reset Agent</button>
  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
  <script src="js/agent.js"></script>
  <script src="./js/game.js"></script>
  <script>
    // The Agent learns to run from the zombie.
    const title = 'Agent';${extra}
  </script>
</body></html>
`;
const GAME = '// Agent movement\nfunction step() {\n  agent.act();\n}\n';

describe('engine: globals of a classic script, called by other scripts of its page', () => {
  const tree = treesRemovedAfter();
  /** Total params of the first model built in `file`, linted as the command line does (importers and pages searched within the tree). */
  const total = (files: Record<string, string>, file = 'js/agent.js'): number | undefined => {
    const dir = tree(files);
    const fileName = path.join(dir, file);
    const modules = new Modules(new WorkspaceModuleHost(undefined, undefined, dir));
    const analysis = FileAnalysis.parse(fileName, fs.readFileSync(fileName, 'utf8'), modules.linkFor(fileName));
    const m = analysis.graph.models.find((v): v is ModelValue => v instanceof ModelValue);
    assert.ok(m);
    return analysis.shapes.summary(m, analysis.shapes.namer())?.totalParams;
  };

  it("no other script of the page names the class: this file's `new`s size the model (labels, comments and strings do not count)", () => {
    assert.equal(total({ 'index.html': PAGE(), 'js/agent.js': AGENT, 'js/game.js': GAME }), 30 * 16 + 16 + 16 * 2 + 2);
    assert.equal(total({ 'index.html': PAGE(), 'js/agent.js': HELPER, 'js/game.js': GAME }), 8 + 1, 'a helper function');
    assert.equal(total({ 'js/agent.js': AGENT, 'js/game.js': 'const other = new Agent(4, 9);\n' }), 30 * 16 + 16 + 16 * 2 + 2, 'no page loads them together');
  });

  it('another script, an inline block or a handler attribute of the page names it: UNKNOWN', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'index.html': PAGE(), 'js/agent.js': AGENT, 'js/game.js': GAME + 'const trained = new Agent(4, 9);\n' }, 'a later script constructs it with other sizes'],
      [{ 'index.html': PAGE('\n    const second = new Agent(2, 12);'), 'js/agent.js': AGENT, 'js/game.js': GAME }, "the page's inline block"],
      [{ 'index.html': PAGE('', 'window.agent = new Agent(2, 64)'), 'js/agent.js': AGENT, 'js/game.js': GAME }, 'an onclick attribute'],
      [{ 'index.html': PAGE(), 'js/agent.js': HELPER, 'js/game.js': GAME + 'const big = buildModel(64);\n' }, 'a helper function called by another script'],
      [{ 'index.html': PAGE().replace('game.js"', "game.js?v=2\"").replace('"js/agent.js"', "'js/agent.js'"), 'js/agent.js': AGENT, 'js/game.js': GAME + 'const trained = new Agent(4, 9);\n' }, 'scripts named with a cache-busting query, in single quotes'],
    ];
    for (const [files, what] of cases) assert.equal(total(files), undefined, what);
  });
});
