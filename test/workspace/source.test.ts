// Reading a source file (workspace/source.ts): one open, fstat and read, with the same answers
// as reading by path: the text (without a BOM), whether it was valid UTF-8, the notices for
// folders, FIFOs (never waited on), missing and over-limit files, and files whose size the
// file system does not tell (read to their end, as readFileSync does).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSource } from '../../server/src/workspace/source';
import { treesRemovedAfter } from '../cli/helpers';

describe('workspace: reading a source file', () => {
  const tree = treesRemovedAfter();

  it('gives the text, without a BOM, and whether the bytes were UTF-8', () => {
    const dir = tree({
      'plain.js': 'const a = tf.tensor([1]);\n',
      'bom.js': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('const b = 2;\n')]),
      'latin1.js': Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]),
      'empty.js': '',
    });
    assert.deepEqual(readSource(path.join(dir, 'plain.js'), 1000), { text: 'const a = tf.tensor([1]);\n', bom: false, utf8: true });
    assert.deepEqual(readSource(path.join(dir, 'bom.js'), 1000), { text: 'const b = 2;\n', bom: true, utf8: true });
    assert.deepEqual(readSource(path.join(dir, 'latin1.js'), 1000), { text: '// \ufffd\n', bom: false, utf8: false });
    assert.deepEqual(readSource(path.join(dir, 'empty.js'), 1000), { text: '', bom: false, utf8: true });
  });

  it('reads a file whose size the file system does not tell to its end', function () {
    if (!fs.existsSync('/proc/self/status')) this.skip();
    const read = readSource('/proc/self/status', 1024 * 1024);
    assert.ok('text' in read && read.text.includes('Pid:'), JSON.stringify(read).slice(0, 200));
  });

  it('says why a folder, a FIFO, a missing file or a binary file is not linted, at once', function () {
    const dir = tree({ 'folder/x.js': '', 'binary.js': Buffer.from([0x61, 0x00, 0x62]) });
    assert.deepEqual(readSource(path.join(dir, 'folder'), 1000), { notice: { kind: 'unreadable', message: 'not linted: not a regular file' } });
    assert.deepEqual(readSource(path.join(dir, 'gone.js'), 1000), { notice: { kind: 'unreadable', message: 'not linted: cannot read the file (ENOENT)' } });
    assert.deepEqual(readSource(path.join(dir, 'binary.js'), 1000), { notice: { kind: 'skipped', message: 'not linted: it looks binary (contains NUL bytes)' } });
    if (process.platform === 'win32' || spawnSync('mkfifo', [path.join(dir, 'pipe.js')]).status !== 0) return;
    assert.deepEqual(readSource(path.join(dir, 'pipe.js'), 1000), { notice: { kind: 'unreadable', message: 'not linted: not a regular file' } });
  });

  it('over the limit: a notice when the head looks like tfjs code, else passed over quietly', () => {
    const dir = tree({ 'big.js': `const t = tf.tensor([1]);\n${'// padding\n'.repeat(200)}`, 'other.js': 'x'.repeat(3000) });
    const big = readSource(path.join(dir, 'big.js'), 100);
    assert.ok('notice' in big && big.notice.tooLarge?.maxBytes === 100 && big.notice.tooLarge.size === fs.statSync(path.join(dir, 'big.js')).size);
    assert.deepEqual(readSource(path.join(dir, 'other.js'), 100), { quiet: true });
  });
});
