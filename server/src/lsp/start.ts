// The tfjs-lint language server: wires the LSP connection to the session (state), the
// scheduler (when documents are linted and diagnostics sent), workspace lint and the
// editor features. Transport (stdio, node IPC, socket) comes from the command line, as
// vscode-languageserver reads it.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  createConnection,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME } from '../engine/config';
import type { CodeCache } from '../code-cache';
import type { Rule } from '../engine/rule';
import { EXTENSIONS } from '../workspace/files';
import { packageVersion, rulesFolder } from '../workspace/package';
import { FIX_ALL_KIND } from './code-actions';
import { SOURCE } from './diagnostics';
import { Features } from './features';
import { APPLY_FIX_ALL_COMMAND, LINT_WORKSPACE_REQUEST, LIST_RULES_REQUEST, SHOW_DOCS_COMMAND, type LintWorkspaceParams } from './protocol';
import { Scheduler } from './scheduler';
import { Session, readCapabilities, uriToPath } from './session';
import { normalizeSettings } from './settings';
import { WorkspaceLint } from './workspace-lint';

export interface ServerOptions {
  rules: readonly Rule[];
  /** The code cache the TypeScript module was loaded through; written after the first lint that loaded it. */
  codeCache?: CodeCache;
}

/** Source files and configs the server watches on disk (deleted files lose their diagnostics). */
const WATCHED = [`**/${CONFIG_FILE_NAME}`, `**/*.{${EXTENSIONS.map((e) => e.slice(1)).join(',')}}`, '**/model.json'];

export function startServer(options: ServerOptions): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const session = new Session(connection, options.rules, options.codeCache);
  const scheduler = new Scheduler(session);
  const workspaceLint = new WorkspaceLint(session, scheduler);
  const features = new Features(session);

  connection.onInitialize((params): InitializeResult => {
    session.caps = readCapabilities(params.capabilities);
    session.folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (session.folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) session.folders = [root];
    }
    const init = params.initializationOptions as { settings?: unknown; commandLinks?: boolean } | undefined;
    if (init?.settings) session.globalSettings = normalizeSettings(init.settings);
    features.commandLinks = init?.commandLinks === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        inlayHintProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND, APPLY_FIX_ALL_COMMAND] },
        ...(session.caps.pull ? { diagnosticProvider: { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tfjs-lint', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    const { caps } = session;
    if (caps.configurationRegistration) {
      session.quietly(connection.client.register(DidChangeConfigurationNotification.type, { section: 'tfjsLint' }));
    }
    if (caps.watchedFilesRegistration) {
      session.quietly(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) }));
    }
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        session.folders = session.folders.filter((f) => !removed.has(f));
        for (const f of e.added) {
          const p = uriToPath(f.uri);
          if (p) session.folders.push(p);
        }
        scheduler.revalidateAll();
      });
    }
    const docs = rulesFolder();
    const cache = options.codeCache ? `, TypeScript code cache ${options.codeCache.state}` : '';
    connection.console.info(`tfjs-lint server started: ${options.rules.length} rules, diagnostics by ${caps.pull ? 'pull' : 'push'}, rule docs ${docs ? 'from ' + docs : 'not found'}${cache}.`);
  });

  connection.onDidChangeConfiguration((change) => {
    session.forgetSettings();
    if (!session.caps.configuration) session.globalSettings = normalizeSettings((change.settings as { tfjsLint?: unknown } | undefined)?.tfjsLint);
    scheduler.revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
      session.configs.invalidate();
      scheduler.revalidateAll();
    }
    void workspaceLint.filesChanged(params.changes.filter((c) => !c.uri.endsWith(`/${CONFIG_FILE_NAME}`)));
    // A module or model.json changed on disk: open files that read it are linted again.
    for (const c of params.changes) {
      const file = uriToPath(c.uri);
      if (file) scheduler.importersChanged(session.moduleChanged(file));
    }
  });

  connection.onCodeAction((params) => features.codeActions(params));
  connection.onHover((params) => features.hover(params));
  connection.languages.inlayHint.on((params) => features.inlayHints(params));
  connection.onExecuteCommand((params) => features.executeCommand(params));
  connection.onRequest(LIST_RULES_REQUEST, () => features.listRules());
  connection.onRequest(LINT_WORKSPACE_REQUEST, (params: LintWorkspaceParams | undefined, token: CancellationToken) => workspaceLint.run(params, token));

  // Last line of defence: a bug in a handler is logged, the server keeps serving.
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${error.stack ?? error.message}`));

  session.documents.listen(connection);
  connection.listen();
  return connection;
}
