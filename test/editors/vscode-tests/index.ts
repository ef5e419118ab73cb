// Extension tests with the real `vscode` API, run inside code-server by test/editors/vscode.editor.ts.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { runTests, waitFor } from './harness';

const EXTENSION_ID = 'tfjs-lint.tfjs-lint';
const FIXTURE = 'cross-entropy.js';
const FLAGGED_LINE = 10; // 1-based: `  return tf.log(tf.sigmoid(logits));`

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
      async fn() {
        const editor = await openFixture();
        const uri = editor.document.uri;
        const [diagnostic] = await waitFor('the unsafe-log diagnostic', 20_000, () => {
          const found = tfjsLintDiagnostics(uri).filter((d) => codeOf(d).value === 'unsafe-log');
          return found.length > 0 && found;
        });
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
        assert.ok(await vscode.workspace.applyEdit(preferred.edit!), 'applyEdit refused the edit');
        assert.equal(editor.document.lineAt(FLAGGED_LINE - 1).text, '  return tf.logSigmoid(logits);');
        await waitFor('the diagnostic to clear', 20_000, () => tfjsLintDiagnostics(uri).length === 0);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      },
    },
  ]);
}
