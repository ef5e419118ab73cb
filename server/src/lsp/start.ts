// The tfjs-lint language server: wires the LSP connection to the engine. Transport (stdio,
// node IPC, socket) comes from the command line, as vscode-languageserver reads it.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, DEFAULT_MAX_FILE_BYTES, type LintOptions } from '../engine/linter';
import { docsUrl, type Rule } from '../engine/rule';
import type { LintResult, Severity } from '../engine/types';
import { codeActions, FIX_ALL_KIND, SHOW_DOCS_COMMAND } from './code-actions';
import { SOURCE, toDiagnostics } from './diagnostics';
import { hoverAt } from './hover';
import { layerShapeHints } from './inlay-hints';
import { CONFIG_FILE_NAME } from '../engine/config';
import { ProjectConfigs, describeProblems, problemPosition } from './project-config';
import { catalogOf, type LoadedConfig } from '../workspace/config-files';
import { isDependency, isIgnored, walkFolder } from '../workspace/files';
import { GlobSet, isInside } from '../workspace/globs';
import { loadRuleDocs, packageRoot, packageVersion, type RuleDocs } from '../workspace/package';
import { formatBytes, readSource } from '../workspace/source';
import { LINT_WORKSPACE_REQUEST, LIST_RULES_REQUEST, type LintWorkspaceParams, type LintWorkspaceResult, type RuleInfo } from './protocol';
import { DEFAULT_INCLUDE, DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';
import { collectGarbagePeriodically } from './heap';

export interface ServerOptions {
  rules: readonly Rule[];
}

// HTML, Vue and Svelte files: their <script> blocks are linted (engine/host-files.ts).
const LINTED_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'html', 'vue', 'svelte']);
const LINTED_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx|html?|vue|svelte)$/i;

interface CachedLint {
  version: number;
  key: string;
  /** Whether `result.facts` was collected (hover and inlay hints need it; diagnostics do not). */
  facts: boolean;
  result: LintResult;
}

interface Capabilities {
  pull: boolean;
  pullRefresh: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  workDoneProgress: boolean;
  showDocument: boolean;
  inlayHintRefresh: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
}

export function startServer(options: ServerOptions): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const configs = new ProjectConfigs(catalogOf(options.rules));
  const ruleDocs: RuleDocs = loadRuleDocs();

  let caps: Capabilities;
  let folders: string[] = [];
  let globalSettings: ServerSettings = { ...DEFAULT_SETTINGS };
  const settingsByUri = new Map<string, Promise<ServerSettings>>();
  const lintCache = new Map<string, CachedLint>();
  const timers = new Map<string, NodeJS.Timeout>();
  const justOpened = new Set<string>();
  /** Files whose diagnostics came from a workspace lint (not open in the editor). */
  const workspacePublished = new Set<string>();
  const logged = new Set<string>();
  const afterLint = collectGarbagePeriodically();

  const logOnce = (key: string, message: string, level: 'error' | 'warn' | 'info' = 'warn') => {
    if (logged.has(key)) return;
    if (logged.size > 2000) logged.clear(); // a long session must not grow without bound
    logged.add(key);
    connection.console[level](message);
  };

  // ---- initialisation -------------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    caps = readCapabilities(params.capabilities);
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) folders = [root];
    }
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) globalSettings = normalizeSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        inlayHintProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] },
        ...(caps.pull ? { diagnosticProvider: { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tfjs-lint', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    if (caps.configurationRegistration) {
      quietly(connection.client.register(DidChangeConfigurationNotification.type, { section: 'tfjsLint' }));
    }
    if (caps.watchedFilesRegistration) {
      quietly(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }));
    }
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        folders = folders.filter((f) => !removed.has(f));
        for (const f of e.added) {
          const p = uriToPath(f.uri);
          if (p) folders.push(p);
        }
        revalidateAll();
      });
    }
    connection.console.info(
      `tfjs-lint server started: ${options.rules.length} rules, diagnostics by ${caps.pull ? 'pull' : 'push'}, rule docs ${packageRoot() ? 'from ' + path.join(packageRoot()!, 'rules') : 'not found'}.`,
    );
  });

  // ---- settings and configuration ------------------------------------------------------------

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!caps.configuration) return Promise.resolve(globalSettings);
    let pending = settingsByUri.get(uri);
    if (!pending) {
      pending = connection.workspace.getConfiguration({ scopeUri: uri, section: 'tfjsLint' }).then(
        (raw) => normalizeSettings(raw),
        () => globalSettings,
      );
      settingsByUri.set(uri, pending);
    }
    return pending;
  }

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    if (!caps.configuration) {
      const settings = (change.settings as { tfjsLint?: unknown } | undefined)?.tfjsLint;
      globalSettings = normalizeSettings(settings);
    }
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    configs.invalidate();
    revalidateAll();
  });

  function folderOf(filePath: string): string | undefined {
    return folders.filter((f) => isInside(filePath, f)).sort((a, b) => b.length - a.length)[0];
  }

  function configFor(filePath: string | undefined): LoadedConfig | undefined {
    if (!filePath) return undefined;
    const loaded = configs.forFile(filePath);
    if (loaded.problems.length > 0) reportConfigProblems(loaded);
    return loaded;
  }

  function reportConfigProblems(loaded: LoadedConfig): void {
    const message = describeProblems(loaded.problems);
    const key = `config:${message}`;
    if (logged.has(key)) return;
    logOnce(key, message, 'error');
    // A notification, not showMessageRequest: nothing waits on the user, and clients without request support still show it.
    quietly(connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `tfjs-lint: ${message}`,
    }));
  }

  function lintOptions(filePath: string, settings: ServerSettings, loaded: LoadedConfig | undefined): LintOptions {
    const config = loaded?.config;
    const severities: Record<string, Severity> = { ...config?.severities, ...settings.rules };
    return {
      fileName: filePath,
      rules: options.rules,
      severities,
      ruleOptions: config?.ruleOptions,
      maxFileBytes: settings.maxFileSize ?? config?.maxFileSize ?? DEFAULT_MAX_FILE_BYTES,
      onRuleError: (ruleId, error) =>
        logOnce(`rule:${ruleId}:${String(error)}`, `Rule ${ruleId} threw on ${filePath} and was skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error'),
    };
  }

  /** The editor's `tfjsLint.exclude`, relative to the workspace folder (the same glob rule as the config's). */
  function settingsExclude(folder: string | undefined, settings: ServerSettings): GlobSet | undefined {
    return folder && settings.exclude.length ? new GlobSet(folder, settings.exclude) : undefined;
  }

  function excluded(filePath: string | undefined, settings: ServerSettings, loaded: LoadedConfig | undefined): boolean {
    if (!filePath) return false;
    if (isDependency(filePath)) return true;
    return loaded !== undefined && isIgnored(loaded, filePath, settingsExclude(folderOf(filePath), settings));
  }

  // ---- linting ---------------------------------------------------------------------

  /**
   * Lints the document's current version, reusing the last result when nothing changed.
   * Shape facts cost extra, so they are collected only when asked for (hover) or when inlay
   * hints are on (the editor will ask for them after every edit).
   */
  function lintDocument(doc: TextDocument, settings: ServerSettings, needFacts = settings.inlayHints): LintResult | undefined {
    const filePath = uriToPath(doc.uri);
    const lookup = configFor(filePath);
    if (!settings.enable || excluded(filePath, settings, lookup)) return undefined;
    const facts = needFacts || settings.inlayHints;
    const opts = { ...lintOptions(filePath ?? doc.uri, settings, lookup), collectFacts: facts };
    const key = JSON.stringify([opts.severities, opts.ruleOptions, opts.maxFileBytes]);
    const cached = lintCache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.key === key && (cached.facts || !facts)) return cached.result;
    const result = safeLint(doc.getText(), opts, doc.uri);
    lintCache.set(doc.uri, { version: doc.version, key, facts, result });
    return result;
  }

  function safeLint(text: string, opts: LintOptions, label: string): LintResult {
    let result: LintResult;
    try {
      result = lintText(text, opts);
      afterLint();
    } catch (error) {
      // The engine isolates rules; this catches anything else so the server stays up.
      logOnce(`crash:${label}:${String(error)}`, `Linting ${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error');
      return { findings: [], notices: [], facts: [], ruleErrors: [], analyzed: false };
    }
    for (const notice of result.notices) {
      if (notice.kind === 'parse-error' || notice.kind === 'internal-error') logOnce(`notice:${label}:${notice.message}`, `${label}: ${notice.message}`, 'warn');
    }
    return result;
  }

  function isLintable(doc: TextDocument): boolean {
    return LINTED_LANGUAGES.has(doc.languageId) || LINTED_EXTENSIONS.test(doc.uri);
  }

  function isConfigDocument(doc: TextDocument): boolean {
    return doc.uri.endsWith(`/${CONFIG_FILE_NAME}`);
  }

  /** Diagnostics for an open `.tfjslintrc.json`, from its current (maybe unsaved) text. */
  function configDiagnostics(doc: TextDocument): Diagnostic[] {
    const text = doc.getText();
    return configs.problemsInText(text, uriToPath(doc.uri) ?? doc.uri).map((problem) => {
      const at = problemPosition(problem, text);
      return {
        range: { start: at, end: at },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: `${problem.key ? `${problem.key}: ` : ''}${problem.message}. Ignored: linting uses the default for it.`,
      };
    });
  }

  async function diagnosticsFor(doc: TextDocument): Promise<Diagnostic[]> {
    if (isConfigDocument(doc)) return configDiagnostics(doc);
    if (!isLintable(doc)) return [];
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current) return [];
    const result = lintDocument(current, settings);
    return result ? toDiagnostics(result, current) : [];
  }

  // ---- push model ------------------------------------------------------------------

  function schedule(uri: string, delayMs: number): void {
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void publishFor(uri);
      }, delayMs),
    );
  }

  async function publishFor(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const diagnostics = await diagnosticsFor(doc);
    // A newer version arrived while settings were fetched: its own run publishes.
    if (documents.get(uri)?.version !== version) return;
    quietly(connection.sendDiagnostics({ uri, version, diagnostics }));
  }

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    if (workspacePublished.delete(e.document.uri) && caps.pull) {
      // Pull diagnostics take over from the workspace lint's pushed ones.
      quietly(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
    }
  });

  documents.onDidChangeContent(async (e) => {
    const { uri } = e.document;
    const opening = justOpened.delete(uri);
    if (caps.pull) return; // the client asks
    if (opening || isConfigDocument(e.document)) return schedule(uri, 0);
    const settings = await settingsFor(uri);
    if (settings.run === 'onType') schedule(uri, settings.debounceMs);
  });

  documents.onDidSave(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run !== 'onSave') return;
    if (caps.pull) {
      savedVersion.set(e.document.uri, e.document.version);
      if (caps.pullRefresh) quietly(connection.languages.diagnostics.refresh());
    } else {
      schedule(e.document.uri, 0);
    }
  });

  documents.onDidClose((e) => {
    const { uri } = e.document;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    lintCache.delete(uri);
    savedVersion.delete(uri);
    settingsByUri.delete(uri);
    if (!caps.pull) quietly(connection.sendDiagnostics({ uri, diagnostics: [] }));
  });

  // ---- pull model ------------------------------------------------------------------

  /** In `onSave` mode, the version last saved; pulls in between return the last saved result. */
  const savedVersion = new Map<string, number>();
  const lastPulled = new Map<string, Diagnostic[]>();

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (isConfigDocument(doc)) return { kind: DocumentDiagnosticReportKind.Full, items: configDiagnostics(doc) };
    const settings = await settingsFor(uri);
    const cached = lintCache.get(uri);
    // Debounce edits only: the first pull after opening (or after a settings change) answers at once.
    const edited = cached !== undefined && cached.version !== doc.version;
    if (settings.run === 'onSave' && lastPulled.has(uri) && (savedVersion.get(uri) ?? -1) <= (cached?.version ?? -1)) {
      return { kind: DocumentDiagnosticReportKind.Full, items: lastPulled.get(uri)! };
    }
    if (edited && settings.run === 'onType' && settings.debounceMs > 0) {
      await delay(settings.debounceMs, token);
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'A newer edit superseded this request.');
    const items = await diagnosticsFor(documents.get(uri) ?? doc);
    lastPulled.set(uri, items);
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  // ---- revalidation ------------------------------------------------------------------

  function revalidateAll(): void {
    lintCache.clear();
    lastPulled.clear();
    if (caps.pull) {
      if (caps.pullRefresh) quietly(connection.languages.diagnostics.refresh());
    } else {
      for (const doc of documents.all()) schedule(doc.uri, 0);
    }
    if (caps.inlayHintRefresh) quietly(connection.languages.inlayHint.refresh());
  }

  // ---- code actions, hover, inlay hints, commands ----------------------------------------------

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return [];
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri) ?? doc;
    const empty: LintResult = { findings: [], notices: [], facts: [], ruleErrors: [], analyzed: false };
    return codeActions({
      doc: current,
      diagnostics: params.context.diagnostics,
      only: params.context.only,
      current: () => lintDocument(current, settings) ?? empty,
      documentChanges: caps.documentChanges,
    });
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return null;
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri) ?? doc;
    const result = lintDocument(current, settings, true);
    return result ? hoverAt(current, current.offsetAt(params.position), result, ruleDocs) : null;
  });

  connection.languages.inlayHint.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return [];
    const settings = await settingsFor(doc.uri);
    if (!settings.inlayHints) return [];
    const current = documents.get(doc.uri) ?? doc;
    const result = lintDocument(current, settings, true);
    return result ? layerShapeHints(current, result.facts, params.range) : [];
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCS_COMMAND) return;
    const [ruleId, url] = (params.arguments ?? []) as [string | undefined, string | undefined];
    const target = url ?? (ruleId ? docsUrl(ruleId) : undefined);
    if (!target) return;
    if (caps.showDocument) await connection.window.showDocument({ uri: target, external: true });
    else void connection.window.showInformationMessage(`tfjs-lint: documentation for ${ruleId ?? 'the rule'}: ${target}`);
  });

  connection.onRequest(LIST_RULES_REQUEST, (): RuleInfo[] =>
    options.rules.map((r) => ({ id: r.meta.id, description: r.meta.description, docsUrl: docsUrl(r.meta.id) })),
  );

  // ---- workspace lint --------------------------------------------------------------------

  connection.onRequest(LINT_WORKSPACE_REQUEST, async (params: LintWorkspaceParams | undefined, token: CancellationToken): Promise<LintWorkspaceResult> => {
    let progress: WorkDoneProgressReporter & { token?: CancellationToken } = connection.window.attachWorkDoneProgress(params?.workDoneToken);
    if (params?.workDoneToken === undefined && caps.workDoneProgress) progress = await connection.window.createWorkDoneProgress();
    const cancelled = () => token.isCancellationRequested || progress.token?.isCancellationRequested === true;
    progress.begin('tfjs-lint: linting workspace', 0, 'listing files', true);
    try {
      // A Set: nested workspace folders would otherwise list their files twice.
      const jobs = new Set<string>();
      for (const folder of folders) {
        const settings = await settingsFor(pathToFileURL(folder).href);
        if (!settings.enable) continue;
        // The settings' include wins when the user changed it; else each file's config decides.
        const userInclude = JSON.stringify(settings.include) !== JSON.stringify(DEFAULT_INCLUDE);
        const walk = walkFolder(folder, {
          configFor: (dir) => {
            const loaded = configs.forDirectory(dir);
            if (loaded.problems.length > 0) reportConfigProblems(loaded);
            return loaded;
          },
          include: userInclude ? new GlobSet(folder, settings.include) : undefined,
          exclude: settingsExclude(folder, settings),
          notice: (file, message) => logOnce(`skip:${file}`, `${file}: ${message}.`, 'info'),
          rootName: 'the workspace folder',
          stop: cancelled,
        });
        let listed = 0;
        for (const target of walk) {
          jobs.add(target.path);
          if (++listed % 500 === 0) await new Promise((r) => setImmediate(r)); // let a cancellation in
        }
      }
      const openPaths = new Set(documents.all().map((d) => uriToPath(d.uri)));
      const published = new Set<string>();
      let problems = 0;
      let done = 0;
      for (const file of jobs) {
        if (cancelled()) break;
        const uri = pathToFileURL(file).href;
        if (!openPaths.has(file)) {
          const diagnostics = await lintFileOnDisk(file, uri);
          if (diagnostics.length > 0 || workspacePublished.has(uri)) quietly(connection.sendDiagnostics({ uri, diagnostics }));
          if (diagnostics.length > 0) published.add(uri);
          problems += diagnostics.length;
        }
        done++;
        progress.report(Math.round((done / jobs.size) * 100), `${done}/${jobs.size} files`);
        await new Promise((r) => setImmediate(r)); // let a cancellation in
      }
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `Workspace lint cancelled after ${done}/${jobs.size} files.`);
      const wasCancelled = cancelled();
      if (!wasCancelled) {
        // Files that had problems last time and have none now (or no longer exist).
        for (const uri of workspacePublished) if (!published.has(uri)) quietly(connection.sendDiagnostics({ uri, diagnostics: [] }));
        workspacePublished.clear();
      }
      for (const uri of published) workspacePublished.add(uri);
      connection.console.info(`Workspace lint: ${done}/${jobs.size} files, ${problems} problems${wasCancelled ? ' (cancelled)' : ''}.`);
      return { files: done, total: jobs.size, problems, cancelled: wasCancelled };
    } finally {
      progress.done();
    }
  });

  async function lintFileOnDisk(file: string, uri: string): Promise<Diagnostic[]> {
    const settings = await settingsFor(uri);
    const lookup = configFor(file);
    if (!settings.enable || excluded(file, settings, lookup)) return [];
    const opts = lintOptions(file, settings, lookup);
    const read = readSource(file, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if ('quiet' in read) return [];
    if ('notice' in read) {
      if (read.notice.kind === 'unreadable') {
        logOnce(`read:${file}`, `${file}: ${read.notice.message}`);
        return [];
      }
      const { tooLarge } = read.notice;
      const message = tooLarge
        ? `File not linted: ${formatBytes(tooLarge.size)} is over the ${formatBytes(tooLarge.maxBytes)} limit (setting maxFileSize).`
        : `File ${read.notice.message}.`;
      return toDiagnostics(noticeOnly(message), TextDocument.create(uri, 'typescript', 0, ''));
    }
    const result = safeLint(read.text, opts, file);
    return toDiagnostics(result, TextDocument.create(uri, 'typescript', 0, read.text));
  }

  /** Fire-and-forget sends: a client that refuses one (unsupported, gone) must not crash the server. */
  function quietly(p: Promise<unknown>): void {
    p.catch((error: unknown) => logOnce(`send:${String(error)}`, `Request to the client failed: ${String(error)}`));
  }

  // Last line of defence: a bug in a handler is logged, the server keeps serving.
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${error.stack ?? error.message}`));

  documents.listen(connection);
  connection.listen();
  return connection;
}

function noticeOnly(message: string): LintResult {
  return {
    findings: [],
    notices: [{ kind: 'skipped', message }],
    facts: [],
    ruleErrors: [],
    analyzed: false,
  };
}

function readCapabilities(c: ClientCapabilities): Capabilities {
  return {
    pull: c.textDocument?.diagnostic !== undefined,
    pullRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    workDoneProgress: c.window?.workDoneProgress === true,
    showDocument: c.window?.showDocument?.support === true,
    inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport === true,
    watchedFilesRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
  };
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function delay(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const sub = token.onCancellationRequested(done);
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}
