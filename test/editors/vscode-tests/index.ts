// Extension tests with the real `vscode` API, run inside code-server by test/editors/vscode.editor.ts.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { runTests, waitFor } from './harness';

const EXTENSION_ID = 'tfjs-lint.tfjs-lint';
const FIXTURE = 'cross-entropy.js';
const FLAGGED_LINE = 10; // 1-based: `  return tf.log(tf.sigmoid(logits));`
const FIX_ALL_KIND = 'source.fixAll.tfjs-lint';

function fixtureUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, FIXTURE);
}

function tfjsLintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tfjs-lint');
}

function codeOf(d: vscode.Diagnostic): { value: string; target?: string } {
  if (typeof d.code === 'object' && d.code !== null) return { value: String(d.code.value), target: d.code.target.toString() };
  return { value: String(d.code) };
}

async function openFixture(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri());
  return vscode.window.showTextDocument(doc);
}

export async function run(): Promise<void> {
  await runTests([
    {
      name: 'the extension activates when a JavaScript file is opened',
      async fn() {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(ext, `${EXTENSION_ID} is not installed`);
        await openFixture();
        await waitFor('activation', 20_000, () => ext.isActive);
      },
    },
    {
      name: 'every command the extension contributes is registered',
      async fn() {
        const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
        const contributed: string[] = (ext.packageJSON?.contributes?.commands ?? []).map((c: { command: string }) => c.command);
        const registered = new Set(await vscode.commands.getCommands(true));
        assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
      },
    },
    {
      name: `diagnostics: unsafe-log on line ${FLAGGED_LINE}, linked to its documentation`,
      async fn() {
        const editor = await openFixture();
        const diagnostics = await waitFor('tfjs-lint diagnostics', 20_000, () => {
          const found = tfjsLintDiagnostics(editor.document.uri);
          return found.length > 0 && found;
        });
        assert.deepEqual(
          diagnostics.map((d) => ({ code: codeOf(d).value, line: d.range.start.line + 1 })),
          [{ code: 'unsafe-log', line: FLAGGED_LINE }],
        );
        assert.match(codeOf(diagnostics[0]).target ?? '', /unsafe-log/);
      },
    },
    {
      name: 'vscode.executeCodeActionProvider offers the quick fix; applying it clears the diagnostic',
      async fn(t) {
        const editor = await openFixture();
        const uri = editor.document.uri;
        const [diagnostic] = await waitFor('the unsafe-log diagnostic', 20_000, () => {
          const found = tfjsLintDiagnostics(uri).filter((d) => codeOf(d).value === 'unsafe-log');
          return found.length > 0 && found;
        });
        t.step('diagnostic');
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        // The command's results carry no `diagnostics`; the preferred quick fix with an edit is the rule's fix.
        const fixes = actions.filter((a) => a.edit && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
        const preferred = fixes.find((a) => a.isPreferred) ?? fixes[0];
        assert.ok(preferred, `no quick fix with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
        t.step('code actions');
        assert.ok(await vscode.workspace.applyEdit(preferred.edit!), 'applyEdit refused the edit');
        assert.equal(editor.document.lineAt(FLAGGED_LINE - 1).text, '  return tf.logSigmoid(logits);');
        t.step('edit applied');
        await waitFor('the diagnostic to clear', 20_000, () => tfjsLintDiagnostics(uri).length === 0);
        t.step('diagnostic cleared');
        await vscode.commands.executeCommand('workbench.action.files.revert');
        t.step('reverted');
      },
    },
    {
      name: 'source.fixAll.tfjs-lint applies the safe fixes of the whole file',
      async fn() {
        const editor = await openFixture();
        const uri = editor.document.uri;
        await waitFor('the unsafe-log diagnostic', 20_000, () => tfjsLintDiagnostics(uri).length > 0);
        const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, FIX_ALL_KIND);
        const fixAll = actions.filter((a) => a.kind?.value === FIX_ALL_KIND);
        assert.equal(fixAll.length, 1, `fix-all actions: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
        assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit!), 'applyEdit refused the edit');
        assert.equal(editor.document.lineAt(FLAGGED_LINE - 1).text, '  return tf.logSigmoid(logits);');
        await waitFor('the diagnostic to clear', 20_000, () => tfjsLintDiagnostics(uri).length === 0);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await waitFor('the diagnostic to come back after revert', 20_000, () => tfjsLintDiagnostics(uri).length > 0);
      },
    },
    {
      name: '"tfjs-lint: Lint Workspace" reports problems in files that are not open',
      async fn() {
        const unopened = vscode.Uri.joinPath(fixtureUri(), '..', 'losses', 'bce.js');
        assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'losses/bce.js is already open');
        assert.deepEqual(tfjsLintDiagnostics(unopened), [], 'diagnostics for an unopened file before the workspace lint');
        await vscode.commands.executeCommand('tfjsLint.lintWorkspace');
        const found = await waitFor('diagnostics for losses/bce.js', 30_000, () => {
          const d = tfjsLintDiagnostics(unopened);
          return d.length > 0 && d;
        });
        // Line 6: the hand-written binary cross-entropy -(t*log(o) + (1-t)*log(1-o)).
        assert.deepEqual(found.map((d) => ({ code: codeOf(d).value, line: d.range.start.line + 1 })), [{ code: 'unsafe-log', line: 6 }]);
        assert.match(found[0].message, /sigmoidCrossEntropy/);
      },
    },
    {
      name: 'with tfjsLint.run "onSave", the squiggle follows an unsaved line inserted above it',
      async fn() {
        await vscode.workspace.getConfiguration('tfjsLint').update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
        try {
          const editor = await openFixture();
          const uri = editor.document.uri;
          await waitFor('the unsafe-log diagnostic', 20_000, () => tfjsLintDiagnostics(uri).length > 0);
          await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// an unsaved note\n'));
          await waitFor(`the squiggle on line ${FLAGGED_LINE + 1}`, 20_000, () => tfjsLintDiagnostics(uri).map((d) => d.range.start.line + 1).join() === String(FLAGGED_LINE + 1));
          assert.ok(editor.document.isDirty, 'not saved');
        } finally {
          await vscode.commands.executeCommand('workbench.action.files.revert');
          await vscode.workspace.getConfiguration('tfjsLint').update('run', undefined, vscode.ConfigurationTarget.Workspace);
        }
      },
    },
    {
      name: '"tfjs-lint: Fix all auto-fixable problems" applies the safe fixes of the active file',
      async fn() {
        const editor = await openFixture();
        const uri = editor.document.uri;
        await waitFor('the unsafe-log diagnostic', 20_000, () => tfjsLintDiagnostics(uri).length > 0);
        await vscode.commands.executeCommand('tfjsLint.fixAll');
        await waitFor('the fix', 20_000, () => editor.document.lineAt(FLAGGED_LINE - 1).text === '  return tf.logSigmoid(logits);');
        await waitFor('the diagnostic to clear', 20_000, () => tfjsLintDiagnostics(uri).length === 0);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await waitFor('the diagnostic to come back after revert', 20_000, () => tfjsLintDiagnostics(uri).length > 0);
      },
    },
    {
      name: 'rule documentation opens the page shipped in the extension in the Markdown preview',
      async fn() {
        await openFixture();
        await vscode.commands.executeCommand('tfjsLint.showRuleDocumentation', 'unsafe-log');
        const tab = await waitFor('a Markdown preview tab', 20_000, () =>
          vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /unsafe-log/.test(t.label)),
        );
        assert.match(tab.label, /Preview unsafe-log\.md/);
        await vscode.window.tabGroups.close(tab);
      },
    },
    {
      name: 'editor.codeActionsOnSave with source.fixAll.tfjs-lint fixes the file when it is saved',
      async fn() {
        await vscode.workspace
          .getConfiguration('editor')
          .update('codeActionsOnSave', { [FIX_ALL_KIND]: 'explicit' }, vscode.ConfigurationTarget.Workspace);
        try {
          const editor = await openFixture();
          const uri = editor.document.uri;
          await waitFor('the unsafe-log diagnostic', 20_000, () => tfjsLintDiagnostics(uri).length > 0);
          // A change elsewhere makes the save a real one; the fix comes from the save participant.
          await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// saved with fixes\n'));
          await vscode.commands.executeCommand('workbench.action.files.save');
          await waitFor('the saved document to be clean', 20_000, () => !editor.document.isDirty);
          assert.equal(editor.document.lineAt(FLAGGED_LINE).text, '  return tf.logSigmoid(logits);');
          const onDisk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
          assert.equal(onDisk.split('\n')[FLAGGED_LINE], '  return tf.logSigmoid(logits);');
          await waitFor('the diagnostic to clear', 20_000, () => tfjsLintDiagnostics(uri).length === 0);
        } finally {
          await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
        }
      },
    },
  ]);
}
