// The code-action builder on its own: suppression comments (indentation, joining an existing
// comment, CRLF), stale diagnostics, `only` filtering, and overlapping fixes in fix-all.
import * as assert from 'node:assert/strict';
import type { Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, LintResult } from '../../server/src/engine/types';
import { codeActions, FIX_ALL_KIND, wants } from '../../server/src/lsp/code-actions';
import { findingToDiagnostic } from '../../server/src/lsp/diagnostics';
import { applyEdits } from './support/lsp-client';
import { fixParseGuard } from '../../server/src/engine/linter';

function finding(doc: TextDocument, needle: string, fixes: Finding['fixes'], ruleId = 'rule-a'): Finding {
  const start = doc.getText().indexOf(needle);
  const end = start + needle.length;
  const pos = (o: number) => ({ line: doc.positionAt(o).line + 1, column: doc.positionAt(o).character + 1 });
  return { ruleId, severity: 'warning', message: `${ruleId} here`, range: { start, end }, start: pos(start), end: pos(end), fixes };
}

function result(findings: Finding[]): LintResult {
  return { findings, notices: [], facts: [], ruleErrors: [], analyzed: true };
}

function edits(action: { edit?: { documentChanges?: unknown[] } }): TextEdit[] {
  return ((action.edit?.documentChanges?.[0] as TextDocumentEdit).edits ?? []) as TextEdit[];
}

describe('LSP code actions (unit)', () => {
  it('"disable for this line" copies the indentation, and joins an existing comment above', () => {
    const text = 'function f() {\n    // tfjs-lint-disable-next-line rule-b -- reviewed\n    bad();\n\t\tbad2();\n}\n';
    const doc = TextDocument.create('file:///a.ts', 'typescript', 3, text);
    const onBad = findingToDiagnostic(finding(doc, 'bad()', []), doc);
    const onBad2 = findingToDiagnostic(finding(doc, 'bad2()', []), doc);
    const req = (d: Diagnostic) => ({ doc, diagnostics: [d], current: () => result([]), documentChanges: true });
    const joined = codeActions(req(onBad)).find((a) => a.title === 'Disable rule-a for this line')!;
    assert.equal(applyEdits(text, edits(joined)).split('\n')[1], '    // tfjs-lint-disable-next-line rule-b, rule-a -- reviewed');
    const fresh = codeActions(req(onBad2)).find((a) => a.title === 'Disable rule-a for this line')!;
    assert.deepEqual(applyEdits(text, edits(fresh)).split('\n').slice(3, 5), ['\t\t// tfjs-lint-disable-next-line rule-a', '\t\tbad2();']);
  });

  it('keeps CRLF line endings in the inserted comment', () => {
    const text = 'a();\r\n  bad();\r\n';
    const doc = TextDocument.create('file:///a.ts', 'typescript', 1, text);
    const d = findingToDiagnostic(finding(doc, 'bad()', []), doc);
    const action = codeActions({ doc, diagnostics: [d], current: () => result([]), documentChanges: false }).find((a) => a.title.startsWith('Disable'))!;
    assert.deepEqual(action.edit?.changes?.['file:///a.ts'], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '  // tfjs-lint-disable-next-line rule-a\r\n' }]);
  });

  it('offers no quick-fix edit from a diagnostic computed for an older version', () => {
    const v1 = TextDocument.create('file:///a.ts', 'typescript', 1, 'x = bad;\n');
    const d = findingToDiagnostic(finding(v1, 'bad', [{ title: 'Use good', safe: true, edits: [{ start: 4, end: 7, newText: 'good' }] }]), v1);
    const v2 = TextDocument.create('file:///a.ts', 'typescript', 2, '// moved\nx = bad;\n');
    const actions = codeActions({ doc: v2, diagnostics: [d], current: () => result([]), documentChanges: true });
    assert.equal(actions.filter((a) => a.title === 'Use good').length, 0);
    const fresh = codeActions({ doc: v1, diagnostics: [d], current: () => result([]), documentChanges: true });
    assert.equal(fresh.filter((a) => a.title === 'Use good' && a.isPreferred).length, 1);
  });

  it('fix-all skips a fix that overlaps an earlier one; source.fixAll takes only safe fixes', () => {
    const text = 'aaaa bbbb cccc\n';
    const doc = TextDocument.create('file:///a.ts', 'typescript', 1, text);
    const f1 = finding(doc, 'aaaa bbbb', [{ title: 'one', safe: true, edits: [{ start: 0, end: 9, newText: 'X' }] }]);
    const f2 = finding(doc, 'bbbb', [{ title: 'two', safe: true, edits: [{ start: 5, end: 9, newText: 'Y' }] }]);
    const f3 = finding(doc, 'cccc', [{ title: 'three', safe: false, edits: [{ start: 10, end: 14, newText: 'Z' }] }]);
    const all = result([f1, f2, f3]);
    const diagnostics = [f1, f2, f3].map((f) => findingToDiagnostic(f, doc));
    const fixAll = codeActions({ doc, diagnostics, current: () => all, documentChanges: true }).find((a) => a.title === 'Fix all rule-a problems in this file')!;
    assert.equal(applyEdits(text, edits(fixAll)), 'X Z\n');
    const source = codeActions({ doc, diagnostics: [], only: ['source.fixAll'], current: () => all, documentChanges: true });
    assert.deepEqual(source.map((a) => a.kind), [FIX_ALL_KIND]);
    assert.equal(applyEdits(text, edits(source[0])), 'X cccc\n');
  });

  it('in a file with syntax errors, a fix whose text parses worse is not offered, alone or in fix-all', () => {
    // The server lints with fixGuard off: the lint of a keystroke does not parse the file once per fix.
    const text = 'const a = f(1;\nbad(1);\nbad(2);\n';
    const doc = TextDocument.create('file:///a.ts', 'typescript', 1, text);
    const at = (needle: string, n = 0) => text.indexOf(needle, n);
    const breaking = (o: number) => ({ title: 'Break it', safe: true, edits: [{ start: o + 3, end: o + 4, newText: '(((' }] });
    const harmless = (o: number) => ({ title: 'Use good', safe: true, edits: [{ start: o, end: o + 3, newText: 'good' }] });
    const f1 = finding(doc, 'bad(1)', [breaking(at('bad(1)')), harmless(at('bad(1)'))]);
    const f2 = finding(doc, 'bad(2)', [breaking(at('bad(2)')), harmless(at('bad(2)'))]);
    const all = result([f1, f2]);
    const guard = () => fixParseGuard('/a.ts', text);
    const req = { doc, diagnostics: [findingToDiagnostic(f1, doc)], current: () => all, guard, documentChanges: true };
    const actions = codeActions(req);
    assert.deepEqual(actions.filter((a) => a.title === 'Break it').length, 0);
    assert.equal(actions.filter((a) => a.title === 'Use good' && a.isPreferred).length, 1, 'the first fix kept is the preferred one');
    const fixAll = actions.find((a) => a.title === 'Fix all rule-a problems in this file')!;
    assert.equal(applyEdits(text, edits(fixAll)), 'const a = f(1;\ngood(1);\ngood(2);\n');
    const source = codeActions({ ...req, diagnostics: [], only: ['source.fixAll'] });
    assert.equal(applyEdits(text, edits(source[0])), 'const a = f(1;\ngood(1);\ngood(2);\n');
    const unguarded = codeActions({ ...req, guard: undefined });
    assert.equal(unguarded.filter((a) => a.title === 'Break it').length, 1, 'without the guard the breaking fix would be offered');
  });

  it('filters kinds like LSP clients expect', () => {
    assert.ok(wants(undefined, 'quickfix'));
    assert.ok(wants(['source'], FIX_ALL_KIND));
    assert.ok(wants(['source.fixAll'], FIX_ALL_KIND));
    assert.ok(!wants(['source.organizeImports'], FIX_ALL_KIND));
    assert.ok(!wants(['source.fixAll'], 'quickfix'));
  });
});
