// Version pins: the tfjs major version a package URL or a package.json range names.
import * as assert from 'node:assert/strict';
import { pinnedTfjsMajor, rangeMajor } from '../../server/src/engine/tfjs/version-pins';

describe('tfjs version pins', () => {
  it('reads version pins from CDN URLs and package.json ranges', () => {
    assert.equal(pinnedTfjsMajor('<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.13.0"></script>'), 0);
    assert.equal(pinnedTfjsMajor("importScripts('https://unpkg.com/@tensorflow/tfjs-core@1.7.4/dist/tf-core.min.js')"), 1);
    assert.equal(pinnedTfjsMajor('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/dist/tf.min.js'), undefined);
    assert.equal(pinnedTfjsMajor('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@latest'), undefined);
    // A copy kept beside the page, named as the CDN names it (Josh-Weston/TensorFlowJS: tfjs 0.11.6, where tf.fromPixels exists).
    assert.equal(pinnedTfjsMajor('<script src="./js/tfjs@0.11.6.js"></script>'), 0);
    assert.equal(pinnedTfjsMajor('<script src="./js/tf.min.js"></script>'), undefined, 'no version in the name');
    assert.equal(pinnedTfjsMajor('<script src="https://unpkg.com/@tensorflow/tfjs-node@1.2.0"></script>'), undefined, 'another package');
    assert.equal(pinnedTfjsMajor('<script src="./lib/mytfjs@2.0.js"></script>'), undefined, 'not a file named tfjs');
    assert.deepEqual(['^0.13.3', '~1.2', '>=2.0.0', '4.22.0', 'latest', '*', 'github:tensorflow/tfjs'].map(rangeMajor), [0, 1, 2, 4, undefined, undefined, undefined]);
  });
});
