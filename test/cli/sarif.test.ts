// SARIF 2.1.0 output, checked with Microsoft's validator (@microsoft/sarif-multitool), which
// applies the SARIF JSON schema and its own rules.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIGH_RATE, LOG_SIGMOID, removeTree, runCli, tempTree } from './helpers';
import { rules } from '../../rules/index';
import { docsUrl } from '../../server/src/engine/rule';

interface SarifResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Runs `sarif-multitool validate` and returns its findings about the file. */
function validate(file: string): SarifResult[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const binary = require('@microsoft/sarif-multitool') as string;
  const out = `${file}.validation.sarif`;
  const r = spawnSync(binary, ['validate', file, '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `the validator failed to run: ${r.stdout}${r.stderr}`);
  return (JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: { results?: SarifResult[] }[] }).runs[0].results ?? [];
}

const describeIssue = (r: SarifResult) => `${r.level ?? 'warning'} ${r.ruleId} ${r.message.text ?? `${r.message.id} ${JSON.stringify(r.message.arguments)}`}`;

describe('tfjs-lint CLI: SARIF', function () {
  this.timeout(120_000);
  let cwd: string;
  let log: {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string; help: { text: string }; fullDescription: { text: string } }[] } };
      results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[]; fixes?: unknown[] }[];
      invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    }[];
  };
  let file: string;

  before(() => {
    cwd = tempTree({ 'models/rate model.ts': HIGH_RATE, 'models/prob.ts': LOG_SIGMOID, 'blob.js': Buffer.from([0x74, 0x66, 0]).toString('latin1') });
    file = path.join(cwd, 'report.sarif');
    const r = runCli(['--format', 'sarif', '--output-file', file, '.'], { cwd });
    assert.equal(r.status, 0, r.stderr);
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  });
  after(() => removeTree(cwd));

  it('passes sarif-multitool validate with no errors or warnings', () => {
    assert.deepEqual(validate(file).filter((r) => r.level !== 'note').map(describeIssue), []);
  });

  it('the validator does catch a broken log (control)', () => {
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.runs[0].tool.driver.name;
    broken.runs[0].results[0].level = 'fatal';
    const brokenFile = path.join(cwd, 'broken.sarif');
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    const issues = validate(brokenFile).filter((r) => r.level === 'error');
    assert.ok(issues.length >= 2, `expected schema errors, got: ${issues.map(describeIssue).join('\n')}`);
  });

  it('describes every rule with its doc help and help URI; results point at relative URIs with regions', () => {
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'tfjs-lint');
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), rules.map((r) => r.meta.id));
    for (const r of run.tool.driver.rules) {
      assert.equal(r.helpUri, docsUrl(r.id));
      assert.ok(r.help.text.length > 20 && r.fullDescription.text.length > 10, r.id);
    }
    const byRule = new Map(run.results.map((r) => [r.ruleId, r]));
    const rate = byRule.get('extreme-learning-rate');
    assert.ok(rate);
    assert.equal(rate.level, 'warning');
    assert.equal(run.tool.driver.rules[rate.ruleIndex].id, 'extreme-learning-rate');
    assert.deepEqual(rate.locations[0].physicalLocation.artifactLocation, { uri: 'models/rate%20model.ts', uriBaseId: '%SRCROOT%' });
    const region = rate.locations[0].physicalLocation.region;
    assert.deepEqual([region.startLine, region.startColumn, region.endLine, region.endColumn], [4, 42, 4, 44]);
    assert.equal(rate.fixes, undefined, 'unsafe fixes are not offered as SARIF fixes');
    const log_ = byRule.get('unsafe-log');
    assert.ok(log_?.fixes?.length === 1, 'the safe fix is included');
    assert.match(run.invocations[0].toolExecutionNotifications.map((n) => n.message.text).join('\n'), /looks binary/);
  });
});
