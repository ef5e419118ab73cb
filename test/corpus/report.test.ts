// The pure parts of `npm run corpus` (the corpus itself is never part of npm test).
import * as assert from 'node:assert/strict';
import {
  determinableOf,
  formatDeterminable,
  judgmentFor,
  looksLikeTfjs,
  modelStatOf,
  precisionOf,
  ruleRows,
  staleJudgments,
  totalsOf,
  validateJudgments,
  validateModelVerdicts,
  type CorpusFinding,
  type Judgment,
  type ModelVerdict,
  type RepoStats,
} from './report';

const finding = (over: Partial<CorpusFinding> = {}): CorpusFinding => ({
  repo: 'a/b',
  file: 'src/model.js',
  line: 10,
  column: 5,
  ruleId: 'shape-mismatch',
  severity: 'error',
  message: 'm',
  ...over,
});

const judgment = (over: Partial<Judgment> = {}): Judgment => ({ repo: 'a/b', file: 'src/model.js', line: 10, column: 5, verdict: 'true', why: 'tfjs throws', ...over });

describe('corpus report', () => {
  describe('judgmentFor', () => {
    it('matches repository, file, line, column and rule', () => {
      const j = judgment();
      const byRule = new Map([['shape-mismatch', [judgment({ column: 9, verdict: 'false' }), j]]]);
      assert.equal(judgmentFor(finding(), byRule), j);
    });

    it('keeps the judgment when the rule moved its column within the line, if it is the only one there', () => {
      const j = judgment({ column: 20 });
      assert.equal(judgmentFor(finding(), new Map([['shape-mismatch', [j]]])), j);
    });

    it('does not guess between two judgments on the line when neither has the column', () => {
      const byRule = new Map([['shape-mismatch', [judgment({ column: 1 }), judgment({ column: 30 })]]]);
      assert.equal(judgmentFor(finding(), byRule), undefined);
    });

    it('never takes another rule\'s judgment, another file\'s or another repository\'s', () => {
      assert.equal(judgmentFor(finding(), new Map([['unsafe-log', [judgment()]]])), undefined);
      assert.equal(judgmentFor(finding(), new Map([['shape-mismatch', [judgment({ file: 'src/other.js' })]]])), undefined);
      assert.equal(judgmentFor(finding(), new Map([['shape-mismatch', [judgment({ repo: 'a/c' })]]])), undefined);
      assert.equal(judgmentFor(finding(), new Map([['shape-mismatch', [judgment({ line: 11 })]]])), undefined);
    });
  });

  describe('validateJudgments', () => {
    it('accepts well-formed entries', () => {
      assert.deepEqual(validateJudgments('shape-mismatch', [judgment(), judgment({ verdict: 'debatable' })]), []);
    });

    it('names each bad field', () => {
      const problems = validateJudgments('shape-mismatch', [{ repo: 'ab', file: '', line: 0, column: 1.5, verdict: 'yes', why: ' ' }]);
      assert.equal(problems.length, 6);
      assert.match(problems.join('\n'), /shape-mismatch\.json\[0\]: "verdict" must be one of true, false, debatable/);
    });

    it('rejects a file that is not an array', () => {
      assert.deepEqual(validateJudgments('unsafe-log', { repo: 'a/b' }), ['unsafe-log.json: expected an array of judgments']);
    });
  });

  describe('counting', () => {
    const findings = [
      finding(),
      finding({ line: 20, severity: 'warning' }),
      finding({ line: 30 }),
      finding({ ruleId: 'no-early-stopping', severity: 'info' }),
      finding({ ruleId: 'unsafe-log', severity: 'warning' }),
    ];
    const judgments = new Map<string, Judgment[]>([
      ['shape-mismatch', [judgment(), judgment({ line: 20, verdict: 'false', why: 'the array is filled by push' })]],
      ['no-early-stopping', [judgment({ verdict: 'false' })]],
      ['unsafe-log', [judgment({ verdict: 'debatable' }), judgment({ file: 'gone.js', verdict: 'false' })]],
    ]);

    it('tallies severities and verdicts per rule; infos are counted, never judged', () => {
      const rows = ruleRows(findings, judgments);
      assert.deepEqual(
        rows.map((r) => [r.ruleId, r.findings, r.judged]),
        [
          ['no-early-stopping', { error: 0, warning: 0, info: 1 }, { true: 0, false: 0, debatable: 0, unjudged: 0 }],
          ['shape-mismatch', { error: 2, warning: 1, info: 0 }, { true: 1, false: 1, debatable: 0, unjudged: 1 }],
          ['unsafe-log', { error: 0, warning: 1, info: 0 }, { true: 0, false: 0, debatable: 1, unjudged: 0 }],
        ],
      );
    });

    it('precision is true / (true + false), debatable and unjudged left out', () => {
      assert.equal(precisionOf(ruleRows(findings, judgments)), 0.5);
      assert.equal(precisionOf(ruleRows([finding({ ruleId: 'unsafe-log', severity: 'warning' })], judgments)), undefined);
    });

    it('lists judgments no finding matches, only for the repositories linted', () => {
      const stale = staleJudgments(findings, judgments, new Set(['a/b']));
      assert.deepEqual(stale.map((s) => [s.ruleId, s.file, s.line]), [['unsafe-log', 'gone.js', 10]]);
      assert.deepEqual(staleJudgments(findings, judgments, new Set(['x/y'])), []);
    });

    it('totals models, fully known and zero-parameter summaries over repositories', () => {
      const model = (fullyKnown: boolean, zeroParams: boolean) => ({ file: 'm.js', line: 1, model: 'model', layers: 2, fullyKnown, zeroParams });
      const repo = (models: RepoStats['models'], f: CorpusFinding[]): RepoStats => ({ repo: 'a/b', files: 2, lines: 50, tfjsFiles: 1, hostFiles: 0, models, findings: f, problems: [], ms: 10 });
      const t = totalsOf([repo([model(true, false), model(false, true)], findings), repo([model(true, false)], [])]);
      assert.deepEqual(
        { files: t.files, lines: t.lines, models: t.models, known: t.fullyKnown, zero: t.zeroParams, findings: t.findings },
        { files: 4, lines: 100, models: 3, known: 2, zero: 1, findings: { error: 2, warning: 2, info: 1 } },
      );
    });
  });

  it('modelStatOf: fully known needs layers, every shape and count, and the totals; an empty summary is not known', () => {
    const layer = (outputShape: unknown, params: number | null) => ({ outputShape, params });
    const summary = (layers: { outputShape: unknown; params: number | null }[], total: number | null) => ({ model: 'model', line: 3, layers, totalParams: total, trainableParams: total, nonTrainableParams: total === null ? null : 0 });
    assert.deepEqual(modelStatOf(summary([layer([null, 4], 8), layer([null, 1], 5)], 13), 'm.js'), { file: 'm.js', line: 3, model: 'model', layers: 2, fullyKnown: true, zeroParams: false });
    assert.equal(modelStatOf(summary([layer(null, 8)], 8), 'm.js').fullyKnown, false);
    assert.equal(modelStatOf(summary([layer([null, 4], null)], null), 'm.js').fullyKnown, false);
    assert.equal(modelStatOf(summary([layer([null, 4], 8)], null), 'm.js').fullyKnown, false);
    const empty = modelStatOf(summary([], 0), 'm.js');
    assert.deepEqual([empty.fullyKnown, empty.zeroParams], [false, true]);
  });

  it('looksLikeTfjs: a tfjs package or a member of tf, not the word alone', () => {
    assert.ok(looksLikeTfjs("import * as tf from '@tensorflow/tfjs-node'"));
    assert.ok(looksLikeTfjs('const m = tf.sequential();'));
    assert.ok(!looksLikeTfjs('// tf is short for the word'));
    assert.ok(!looksLikeTfjs('const stf = x.tf2;'));
  });

  describe('models not fully known: fully known of statically determinable', () => {
    const model = (file: string, line: number, fullyKnown: boolean) => ({ file, line, model: 'model', layers: 2, fullyKnown, zeroParams: false });
    const repo = (name: string, models: RepoStats['models']): RepoStats => ({ repo: name, files: 1, lines: 10, tfjsFiles: 1, hostFiles: 0, models, findings: [], problems: [], ms: 1 });
    const verdict = (file: string, line: number, v: ModelVerdict['verdict']): ModelVerdict => ({ file, line, verdict: v, why: 'the column count of a CSV read at run time' });
    // Fixture: 8 models, 2 fully known; 5 of the 6 others classified, one verdict stale twice over.
    const repos = [
      repo('a/b', [model('m.js', 1, true), model('m.js', 10, false), model('m.js', 20, false), model('m.js', 30, false), model('n.js', 5, false), model('n.js', 9, false)]),
      repo('c/d', [model('x.js', 3, true), model('x.js', 7, false)]),
    ];
    const verdicts = new Map<string, ModelVerdict[]>([
      ['a/b', [verdict('m.js', 10, 'run-time'), verdict('m.js', 20, 'never-called'), verdict('m.js', 30, 'knowable'), verdict('n.js', 5, 'callers-disagree'), verdict('m.js', 1, 'knowable'), verdict('gone.js', 4, 'run-time')]],
      ['c/d', [verdict('x.js', 7, 'run-time')]],
      ['e/f', [verdict('y.js', 1, 'run-time')]],
    ]);

    it('D = models - run-time - never-called; unclassified and stale listed', () => {
      const d = determinableOf(repos, verdicts);
      assert.deepEqual(d.byVerdict, { 'run-time': 2, knowable: 1, 'callers-disagree': 1, 'never-called': 1 });
      assert.deepEqual([d.models, d.fullyKnown, d.determinable], [8, 2, 5]);
      assert.deepEqual(d.unclassified.map((u) => `${u.repo} ${u.file}:${u.line}`), ['a/b n.js:9']);
      // The verdict on a fully known model and the one on a vanished model are stale; a repository not linted is not.
      assert.deepEqual(d.stale.map((s) => [s.repo, s.file, s.line, s.reason]), [['a/b', 'm.js', 1, 'fully known'], ['a/b', 'gone.js', 4, 'no model']]);
    });

    it('a verdict never counts for another repository or another line', () => {
      const d = determinableOf([repo('a/b', [model('x.js', 7, false), model('m.js', 11, false)])], verdicts);
      assert.equal(d.unclassified.length, 2);
      assert.equal(d.determinable, 2);
    });

    it('prints the figures, and the unclassified models only when asked', () => {
      const d = determinableOf(repos, verdicts);
      const text = formatDeterminable(d, false);
      assert.match(text, /statically determinable: D = models - run-time - never-called = 8 - 2 - 1 = 5/);
      assert.match(text, /fully known of determinable: 2\/5 \(40%\)/);
      assert.match(text, /run-time 2, knowable 1, callers-disagree 1, never-called 1, unclassified: 1/);
      assert.match(text, /a\/b gone\.js:4  run-time  \(no model\)/);
      assert.doesNotMatch(text, /n\.js:9/);
      assert.match(formatDeterminable(d, true), /a\/b n\.js:9/);
    });

    it('validateModelVerdicts names each bad field', () => {
      assert.deepEqual(validateModelVerdicts('a+b.json', [verdict('m.js', 3, 'knowable')]), []);
      const problems = validateModelVerdicts('a+b.json', [{ file: '', line: 0, verdict: 'unknown', why: '' }]);
      assert.equal(problems.length, 4);
      assert.match(problems.join('\n'), /a\+b\.json\[0\]: "verdict" must be one of run-time, knowable, callers-disagree, never-called/);
      assert.deepEqual(validateModelVerdicts('a+b.json', {}), ['a+b.json: expected an array of verdicts']);
    });
  });
});
