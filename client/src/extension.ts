// The VS Code extension: starts the bundled tfjs-lint language server over node IPC and adds
// commands, a status bar item and settings. All linting happens in the server, which only
// reads files and never runs workspace code (so the extension works in untrusted workspaces).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LINT_WORKSPACE_REQUEST = 'tfjsLint/lintWorkspace';
const LIST_RULES_REQUEST = 'tfjsLint/rules';
const SOURCE = 'tfjs-lint';

interface LintWorkspaceResult {
  files: number;
  total: number;
  problems: number;
  cancelled: boolean;
}

interface RuleInfo {
  id: string;
  description: string;
  docsUrl: string;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('tfjs-lint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // HTML, Vue and Svelte: the server lints their <script> blocks.
  const languages = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'html', 'vue', 'svelte'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...languages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // Vue and Svelte files show as plain text when no extension knows the language.
      { scheme: 'file', pattern: '**/*.{vue,svelte}' },
      // The config file itself, so a broken one gets its diagnostic while it is edited.
      { scheme: 'file', pattern: '**/.tfjslintrc.json' },
    ],
    outputChannel: output,
    // `tfjsLint.trace.server` is read by the client under this id.
    diagnosticCollectionName: SOURCE,
  };
  client = new LanguageClient('tfjsLint', 'tfjs-lint', serverOptions, clientOptions);

  const status = new StatusItem(() => client?.state);
  context.subscriptions.push(
    output,
    status,
    client.onDidChangeState(() => status.update()),
    vscode.languages.onDidChangeDiagnostics(() => status.update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tfjsLint.enable')) status.update();
    }),
    vscode.commands.registerCommand('tfjsLint.lintWorkspace', () => lintWorkspace()),
    vscode.commands.registerCommand('tfjsLint.restartServer', async () => {
      if (!client) return;
      await client.restart();
      output.appendLine('tfjs-lint server restarted.');
    }),
    vscode.commands.registerCommand('tfjsLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('tfjsLint.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(ruleId)),
  );

  status.update();
  try {
    await client.start();
  } catch (error) {
    // Activation still succeeds: the commands stay available (Show Output, Restart Server).
    output.error(`tfjs-lint server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('tfjs-lint: the language server failed to start. See "tfjs-lint: Show Output".');
  }
  status.update();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function lintWorkspace(): Promise<void> {
  if (!client) return;
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('tfjs-lint: open a folder to lint a workspace.');
    return;
  }
  // The server reports progress (files done / total) and can be cancelled from the notification.
  const result = await client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, {});
  const summary = `${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}`;
  void vscode.window.showInformationMessage(result.cancelled ? `tfjs-lint: cancelled after ${result.files}/${result.total} files (${summary}).` : `tfjs-lint: ${summary}.`);
}

async function showRuleDocumentation(ruleId: string | undefined): Promise<void> {
  if (!client) return;
  const rules = await client.sendRequest<RuleInfo[]>(LIST_RULES_REQUEST);
  let rule = ruleId ? rules.find((r) => r.id === ruleId) : undefined;
  if (!rule) {
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, detail: r.description, rule: r })),
      { placeHolder: 'tfjs-lint rule to read about' },
    );
    rule = picked?.rule;
  }
  if (rule) await vscode.env.openExternal(vscode.Uri.parse(rule.docsUrl));
}

/** Server state and the number of tfjs-lint problems; a click opens the Problems panel. */
class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tfjsLint.status', vscode.StatusBarAlignment.Right, 100);

  constructor(private readonly state: () => State | undefined) {
    this.item.name = 'tfjs-lint';
    this.item.command = 'workbench.actions.view.problems';
    this.item.show();
  }

  update(): void {
    const enabled = vscode.workspace.getConfiguration('tfjsLint').get<boolean>('enable', true);
    const state = this.state();
    let problems = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) problems += diagnostics.filter((d) => d.source === SOURCE).length;
    if (!enabled) {
      this.item.text = '$(circle-slash) tfjs-lint';
      this.item.tooltip = 'tfjs-lint is disabled (setting tfjsLint.enable)';
    } else if (state === State.Running) {
      this.item.text = problems > 0 ? `$(warning) tfjs-lint: ${problems}` : '$(check) tfjs-lint';
      this.item.tooltip = `tfjs-lint server running; ${problems} problem${problems === 1 ? '' : 's'}`;
    } else if (state === State.Starting) {
      this.item.text = '$(sync~spin) tfjs-lint';
      this.item.tooltip = 'tfjs-lint server starting';
    } else {
      this.item.text = '$(error) tfjs-lint';
      this.item.tooltip = 'tfjs-lint server stopped: run "tfjs-lint: Restart Server" or see "tfjs-lint: Show Output"';
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
