// The VS Code extension: starts the bundled tfjs-lint language server over node IPC and adds
// commands, a status bar item and settings. All linting happens in the server, which only
// reads files and never runs workspace code (so the extension works in untrusted workspaces).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  APPLY_FIX_ALL_COMMAND,
  LINT_WORKSPACE_REQUEST,
  LIST_RULES_REQUEST,
  SHOW_DOCS_COMMAND,
  SOURCE,
  type FixAllArguments,
  type LintWorkspaceResult,
  type RuleInfo,
} from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('tfjs-lint', { log: true });
  // The protocol trace (tfjsLint.trace.server) gets a channel of its own whose level follows
  // the setting: the language client traces only into a channel at log level Trace.
  const trace = new TraceChannel('tfjs-lint (trace)');
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
    traceOutputChannel: trace,
    // `tfjsLint.trace.server` is read by the client under this id.
    diagnosticCollectionName: SOURCE,
    // Hover links to a rule's doc run this one command (the bundled page, offline).
    markdown: { isTrusted: { enabledCommands: ['tfjsLint.showRuleDocumentation'] } },
    initializationOptions: { commandLinks: true },
    middleware: {
      // "Show documentation" code actions: the bundled page in the Markdown preview, not the web.
      executeCommand: async (command, args, next) => {
        if (command === SHOW_DOCS_COMMAND) return showRuleDocumentation(context, args[0] as string | undefined);
        return next(command, args);
      },
    },
  };
  client = new LanguageClient('tfjsLint', 'tfjs-lint', serverOptions, clientOptions);

  const status = new StatusItem(() => client?.state);
  context.subscriptions.push(
    output,
    trace,
    status,
    client.onDidChangeState(() => status.update()),
    vscode.languages.onDidChangeDiagnostics(() => status.update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tfjsLint.enable')) status.update();
      if (e.affectsConfiguration('tfjsLint.trace.server')) trace.settingChanged();
    }),
    vscode.commands.registerCommand('tfjsLint.lintWorkspace', () => lintWorkspace()),
    vscode.commands.registerCommand('tfjsLint.restartServer', async () => {
      if (!client) return;
      await client.restart();
      output.appendLine('tfjs-lint server restarted.');
    }),
    vscode.commands.registerCommand('tfjsLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('tfjsLint.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand('tfjsLint.fixAll', () => fixAll()),
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
  // `problems` counts what the Problems panel shows: the workspace's files and the open ones.
  const summary = `${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}`;
  void vscode.window.showInformationMessage(result.cancelled ? `tfjs-lint: cancelled after ${result.files}/${result.total} files (${summary}).` : `tfjs-lint: ${summary}.`);
}

/** The rule's page shipped in the extension, in the Markdown preview (offline); the web page only when it is missing. */
async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId: string | undefined): Promise<void> {
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
  if (!rule) return;
  const page = context.asAbsolutePath(path.join('rules', `${rule.id}.md`));
  if (fs.existsSync(page)) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(page));
  else await vscode.env.openExternal(vscode.Uri.parse(rule.docsUrl));
}

/** "Fix all auto-fixable problems" in the active editor: the safe fixes, as `--fix` applies them. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) return;
  const args: FixAllArguments = { uri: editor.document.uri.toString(), version: editor.document.version };
  const result = await client.sendRequest(ExecuteCommandRequest.type, { command: APPLY_FIX_ALL_COMMAND, arguments: [args] });
  const { fixes } = (result ?? { fixes: 0 }) as { fixes: number };
  if (fixes === 0) void vscode.window.showInformationMessage('tfjs-lint: no auto-fixable problems in this file.');
}

/**
 * A plain output channel that tells the language client its log level is Trace exactly when
 * `tfjsLint.trace.server` is on, so the setting alone turns the protocol trace on and off.
 */
class TraceChannel implements vscode.LogOutputChannel {
  private readonly channel: vscode.OutputChannel;
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(readonly name: string) {
    this.channel = vscode.window.createOutputChannel(name);
  }

  get logLevel(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration('tfjsLint').get<string>('trace.server', 'off');
    return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  settingChanged(): void {
    this.levelChanged.fire(this.logLevel);
  }

  trace(message: string): void {
    this.channel.appendLine(message);
  }
  debug(message: string): void {
    this.channel.appendLine(message);
  }
  info(message: string): void {
    this.channel.appendLine(message);
  }
  warn(message: string): void {
    this.channel.appendLine(message);
  }
  error(error: string | Error): void {
    this.channel.appendLine(typeof error === 'string' ? error : (error.stack ?? error.message));
  }
  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    this.channel.show(typeof a === 'boolean' ? a : b);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.levelChanged.dispose();
    this.channel.dispose();
  }
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
