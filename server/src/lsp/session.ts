// The server's state: open documents, the settings per document, the workspace folders and
// their configs, and the last lint result per document. Everything that lints goes through
// here, so a document is linted with one set of options wherever the request comes from.
import { fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeCache } from '../code-cache';
import { CONFIG_FILE_NAME } from '../engine/config';
import { fixParseGuard, lintText, DEFAULT_MAX_FILE_BYTES, type LintOptions } from '../engine/linter';
import type { FixParseGuard } from '../engine/fix-guard';
import { mayUseTfjs } from '../engine/prefilter';
import type { Rule } from '../engine/rule';
import type { LintResult, Severity } from '../engine/types';
import { catalogOf, type LoadedConfig } from '../workspace/config-files';
import { isDependency, isIgnored } from '../workspace/files';
import { GlobSet, isInside } from '../workspace/globs';
import { loadRuleDocs, type RuleDocs } from '../workspace/package';
import { formatBytes, readSource } from '../workspace/source';
import { WorkspaceModuleHost } from '../workspace/module-host';
import { Modules } from '../engine/modules';
import { SOURCE, toDiagnostics } from './diagnostics';
import { collectGarbagePeriodically } from './heap';
import { ProjectConfigs, describeProblems, problemPosition } from './project-config';
import { DEFAULT_SETTINGS, normalizeSettings, unknownRuleWarnings, type ServerSettings } from './settings';

// HTML, Vue and Svelte files: their <script> blocks are linted (engine/host-files.ts).
const LINTED_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'html', 'vue', 'svelte']);
const LINTED_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx|html?|vue|svelte)$/i;

export interface Capabilities {
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
  applyEdit: boolean;
}

export function readCapabilities(c: ClientCapabilities): Capabilities {
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
    applyEdit: c.workspace?.applyEdit === true,
  };
}

/** The last lint of a document: what was linted (for mapping stale results) and what came out. */
export interface CachedLint {
  version: number;
  text: string;
  key: string;
  /** Whether `result.facts` was collected (hover and inlay hints need it; diagnostics do not). */
  facts: boolean;
  result: LintResult;
}

/** How long after the first lint the code cache is written (off the path of the first answer). */
const CODE_CACHE_SAVE_DELAY_MS = 1000;

export const EMPTY_RESULT: LintResult = Object.freeze({ findings: [], notices: [], facts: [], ruleErrors: [], analyzed: false }) as LintResult;

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly configs: ProjectConfigs;
  readonly ruleDocs: RuleDocs = loadRuleDocs();
  caps!: Capabilities;
  folders: string[] = [];
  globalSettings: ServerSettings = { ...DEFAULT_SETTINGS };
  private readonly settingsByUri = new Map<string, Promise<ServerSettings>>();
  private readonly lintCache = new Map<string, CachedLint>();
  /** Open documents by file path: their text is what other files importing them see. */
  private readonly openByPath = new Map<string, string>();
  private readonly moduleHost = new WorkspaceModuleHost((file) => {
    const uri = this.openByPath.get(file);
    return uri === undefined ? undefined : this.documents.get(uri)?.getText();
  });
  /** The workspace's modules, kept across lints; a changed file is forgotten (moduleChanged). */
  readonly modules = new Modules(this.moduleHost);
  private readonly logged = new Set<string>();
  private readonly afterLint = collectGarbagePeriodically();

  constructor(
    readonly connection: Connection,
    readonly rules: readonly Rule[],
    private codeCache?: CodeCache,
  ) {
    this.configs = new ProjectConfigs(catalogOf(rules));
    this.ruleIds = rules.map((r) => r.meta.id);
  }

  private readonly ruleIds: readonly string[];

  // ---- logging and sending ------------------------------------------------------------

  logOnce(key: string, message: string, level: 'error' | 'warn' | 'info' = 'warn'): void {
    if (this.logged.has(key)) return;
    if (this.logged.size > 2000) this.logged.clear(); // a long session must not grow without bound
    this.logged.add(key);
    this.connection.console[level](message);
  }

  /** A message the user sees once per session (a pop-up), logged too. */
  tellOnce(key: string, message: string, type: MessageType): void {
    if (this.logged.has(key)) return;
    this.logOnce(key, message, type === MessageType.Error ? 'error' : 'warn');
    // A notification, not showMessageRequest: nothing waits on the user, and clients without request support still show it.
    this.quietly(this.connection.sendNotification(ShowMessageNotification.type, { type, message: `tfjs-lint: ${message}` }));
  }

  /** Fire-and-forget sends: a client that refuses one (unsupported, gone) must not crash the server. */
  quietly(p: Promise<unknown>): void {
    p.catch((error: unknown) => this.logOnce(`send:${String(error)}`, `Request to the client failed: ${String(error)}`));
  }

  // ---- settings, folders, configs ------------------------------------------------------------

  settingsFor(uri: string): Promise<ServerSettings> {
    if (!this.caps.configuration) return Promise.resolve(this.checked(this.globalSettings));
    let pending = this.settingsByUri.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'tfjsLint' }).then(
        (raw) => this.checked(normalizeSettings(raw)),
        () => this.globalSettings,
      );
      this.settingsByUri.set(uri, pending);
    }
    return pending;
  }

  /** Warns (once per typo) about rule ids in `tfjsLint.rules` that no rule has. */
  private checked(settings: ServerSettings): ServerSettings {
    for (const warning of unknownRuleWarnings(settings, this.ruleIds)) this.tellOnce(`setting:${warning}`, warning, MessageType.Warning);
    return settings;
  }

  forgetSettings(uri?: string): void {
    if (uri) this.settingsByUri.delete(uri);
    else this.settingsByUri.clear();
  }

  folderOf(filePath: string): string | undefined {
    return this.folders.filter((f) => isInside(filePath, f)).sort((a, b) => b.length - a.length)[0];
  }

  /** The config that applies to a file; its problems are reported once. */
  configFor(filePath: string): LoadedConfig {
    return this.reported(this.configs.forFile(filePath));
  }

  configForDirectory(dir: string): LoadedConfig {
    return this.reported(this.configs.forDirectory(dir));
  }

  private reported(loaded: LoadedConfig): LoadedConfig {
    if (loaded.problems.length > 0) {
      const message = describeProblems(loaded.problems);
      this.tellOnce(`config:${message}`, message, MessageType.Error);
    }
    return loaded;
  }

  /** The editor's `tfjsLint.exclude`, relative to the workspace folder (the same glob rule as the config's). */
  settingsExclude(folder: string | undefined, settings: ServerSettings): GlobSet | undefined {
    return folder && settings.exclude.length ? new GlobSet(folder, settings.exclude) : undefined;
  }

  private excluded(filePath: string, settings: ServerSettings, loaded: LoadedConfig): boolean {
    return isDependency(filePath) || isIgnored(loaded, filePath, this.settingsExclude(this.folderOf(filePath), settings));
  }

  lintOptions(filePath: string, settings: ServerSettings, loaded: LoadedConfig | undefined): LintOptions {
    const config = loaded?.config;
    const severities: Record<string, Severity> = { ...config?.severities, ...settings.rules };
    return {
      fileName: filePath,
      rules: this.rules,
      severities,
      ruleOptions: config?.ruleOptions,
      maxFileBytes: maxFileBytes(settings, loaded),
      knownRuleIds: this.ruleIds,
      reportUnusedDisableDirectives: settings.reportUnusedDisableDirectives,
      project: loaded ? this.configs.projectFor(filePath) : undefined,
      modules: this.modules,
      // A keystroke's lint in a file with syntax errors would parse it once per fix; code actions check the fixes they offer (fixGuardFor).
      fixGuard: false,
      onRuleError: (ruleId, error) =>
        this.logOnce(`rule:${ruleId}:${String(error)}`, `Rule ${ruleId} threw on ${filePath} and was skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error'),
    };
  }

  // ---- linting ---------------------------------------------------------------------

  isLintable(doc: TextDocument): boolean {
    return LINTED_LANGUAGES.has(doc.languageId) || LINTED_EXTENSIONS.test(doc.uri);
  }

  isConfigDocument(doc: TextDocument): boolean {
    return doc.uri.endsWith(`/${CONFIG_FILE_NAME}`);
  }

  /**
   * Lints the document's current version, reusing the last result when nothing changed.
   * Shape facts cost extra, so they are collected only when asked for (hover) or when inlay
   * hints are on (the editor will ask for them after every edit).
   */
  lintDocument(doc: TextDocument, settings: ServerSettings, needFacts = settings.inlayHints): LintResult | undefined {
    const filePath = uriToPath(doc.uri);
    const loaded = filePath ? this.configFor(filePath) : undefined;
    if (!settings.enable || (filePath && loaded && this.excluded(filePath, settings, loaded))) return undefined;
    const facts = needFacts || settings.inlayHints;
    const opts = { ...this.lintOptions(filePath ?? doc.uri, settings, loaded), collectFacts: facts };
    const key = JSON.stringify([opts.severities, opts.ruleOptions, opts.maxFileBytes, opts.reportUnusedDisableDirectives, opts.project]);
    const cached = this.lintCache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.key === key && (cached.facts || !facts)) return cached.result;
    const text = doc.getText();
    const result = this.safeLint(text, opts, doc.uri);
    this.lintCache.set(doc.uri, { version: doc.version, text, key, facts, result });
    return result;
  }

  /** The check of the fixes offered for a lint of this document: none when it has no syntax errors. */
  fixGuardFor(doc: TextDocument, result: LintResult): FixParseGuard | undefined {
    if (!result.notices.some((n) => n.kind === 'parse-error')) return undefined;
    return fixParseGuard(uriToPath(doc.uri) ?? doc.uri, doc.getText());
  }

  /** The last lint of a document, whatever version it was for. */
  lastLint(uri: string): CachedLint | undefined {
    return this.lintCache.get(uri);
  }

  safeLint(text: string, opts: LintOptions, label: string): LintResult {
    let result: LintResult;
    try {
      result = lintText(text, opts);
      this.afterLint();
      this.saveCodeCacheOnce();
    } catch (error) {
      // The engine isolates rules; this catches anything else so the server stays up.
      this.logOnce(`crash:${label}:${String(error)}`, `Linting ${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error');
      return EMPTY_RESULT;
    }
    for (const notice of result.notices) {
      if (notice.kind === 'parse-error' || notice.kind === 'internal-error') this.logOnce(`notice:${label}:${notice.message}`, `${label}: ${notice.message}`, 'warn');
    }
    return result;
  }

  /**
   * Writes the code cache once, when a lint loaded TypeScript without a usable one: a moment
   * after the answer went out, and holding the parser functions that lint compiled.
   */
  private saveCodeCacheOnce(): void {
    const cache = this.codeCache;
    if (!cache || (cache.state !== 'miss' && cache.state !== 'rejected')) return;
    this.codeCache = undefined;
    setTimeout(() => cache.save(), CODE_CACHE_SAVE_DELAY_MS).unref();
  }

  /** Diagnostics of an open document's current text. */
  async diagnosticsFor(doc: TextDocument): Promise<Diagnostic[]> {
    if (this.isConfigDocument(doc)) return this.configDiagnostics(doc);
    if (!this.isLintable(doc)) return [];
    const settings = await this.settingsFor(doc.uri);
    const current = this.documents.get(doc.uri);
    if (!current) return [];
    const result = this.lintDocument(current, settings);
    return result ? toDiagnostics(result, current) : [];
  }

  /** Diagnostics for an open `.tfjslintrc.json`, from its current (maybe unsaved) text. */
  configDiagnostics(doc: TextDocument): Diagnostic[] {
    const text = doc.getText();
    return this.configs.problemsInText(text, uriToPath(doc.uri) ?? doc.uri).map((problem) => {
      const at = problemPosition(problem, text);
      return {
        range: { start: at, end: at },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: `${problem.key ? `${problem.key}: ` : ''}${problem.message}. Ignored: linting uses the default for it.`,
      };
    });
  }

  /** Diagnostics of a file on disk (not open), read the way the CLI reads it. */
  lintFileOnDisk(file: string, uri: string, settings: ServerSettings): Diagnostic[] {
    const loaded = this.configFor(file);
    if (!settings.enable || this.excluded(file, settings, loaded)) return [];
    const read = readSource(file, maxFileBytes(settings, loaded));
    if ('quiet' in read) return [];
    if ('notice' in read) {
      if (read.notice.kind === 'unreadable') {
        this.logOnce(`read:${file}`, `${file}: ${read.notice.message}`);
        return [];
      }
      const { tooLarge } = read.notice;
      const message = tooLarge
        ? `File not linted: ${formatBytes(tooLarge.size)} is over the ${formatBytes(tooLarge.maxBytes)} limit (setting maxFileSize).`
        : `File ${read.notice.message}.`;
      return toDiagnostics({ ...EMPTY_RESULT, notices: [{ kind: 'skipped', message }] }, TextDocument.create(uri, 'typescript', 0, ''));
    }
    // As the CLI does: a file without tfjs costs no options (nor its project's facts, read from disk).
    if (!mayUseTfjs(read.text)) return [];
    const result = this.safeLint(read.text, this.lintOptions(file, settings, loaded), file);
    return toDiagnostics(result, TextDocument.create(uri, 'typescript', 0, read.text));
  }

  /** Forget a closed document. */
  forget(uri: string): void {
    this.lintCache.delete(uri);
    this.settingsByUri.delete(uri);
    const file = uriToPath(uri);
    if (file && this.openByPath.get(file) === uri) {
      this.openByPath.delete(file);
      this.moduleChanged(file); // importers now read the disk
    }
  }

  /** A document opened: files that import it read its text, not the disk. */
  opened(uri: string): void {
    const file = uriToPath(uri);
    if (file) this.openByPath.set(file, uri);
  }

  /**
   * A file's text changed (an edit, or on disk): the module cache forgets it and the modules
   * that read it. Returns the other open documents whose last lint read it (directly or
   * through a chain of imports); their results are dropped so the next lint is fresh.
   */
  moduleChanged(file: string): string[] {
    this.moduleHost.forget(file);
    this.modules.forget(file);
    const stale: string[] = [];
    for (const [uri, last] of this.lintCache) {
      if (last.result.dependencies?.includes(file)) {
        stale.push(uri);
        this.lintCache.delete(uri);
      }
    }
    return stale;
  }

  /** Forget every result (settings or configs changed). */
  forgetResults(): void {
    this.lintCache.clear();
  }
}

function maxFileBytes(settings: ServerSettings, loaded: LoadedConfig | undefined): number {
  return settings.maxFileSize ?? loaded?.config?.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
