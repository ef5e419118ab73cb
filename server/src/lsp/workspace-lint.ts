// Lint Workspace: every file the shared walk finds (server/src/workspace), linted from disk,
// with progress, cancellation and diagnostics pushed for files that are not open. Files that
// change on disk afterwards are linted again; deleted or renamed ones lose their diagnostics.
import { pathToFileURL } from 'node:url';
import {
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type FileEvent,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { hasLintableExtension, isWalked, walkFolder, type WalkOptions } from '../workspace/files';
import { GlobSet } from '../workspace/globs';
import type { LintWorkspaceParams, LintWorkspaceResult } from './protocol';
import type { Scheduler } from './scheduler';
import { uriToPath, type Session } from './session';
import { DEFAULT_INCLUDE, type ServerSettings } from './settings';

/** Progress reports at most this often: one per file would flood the client on a large tree. */
const PROGRESS_EVERY_MS = 100;
/** Handlers (cancel, edits) get in at least this often. */
const YIELD_EVERY_MS = 20;

export class WorkspaceLint {
  /** Files whose diagnostics came from a workspace lint (not open in the editor). */
  private readonly published = new Set<string>();
  private ranOnce = false;

  constructor(
    private readonly session: Session,
    private readonly scheduler: Scheduler,
  ) {
    scheduler.onOpen = (uri) => {
      if (this.published.delete(uri) && session.caps.pull) {
        // Pull diagnostics take over from the workspace lint's pushed ones.
        session.quietly(session.connection.sendDiagnostics({ uri, diagnostics: [] }));
      }
    };
  }

  async run(params: LintWorkspaceParams | undefined, token: CancellationToken): Promise<LintWorkspaceResult> {
    const { session } = this;
    const { connection } = session;
    let progress: WorkDoneProgressReporter & { token?: CancellationToken } = connection.window.attachWorkDoneProgress(params?.workDoneToken);
    if (params?.workDoneToken === undefined && session.caps.workDoneProgress) progress = await connection.window.createWorkDoneProgress();
    const cancelled = () => token.isCancellationRequested || progress.token?.isCancellationRequested === true;
    progress.begin('tfjs-lint: linting workspace', 0, 'listing files', true);
    try {
      // A Map: nested workspace folders would otherwise list their files twice.
      const jobs = await this.list(cancelled);
      const open = new Map(session.documents.all().map((d) => [uriToPath(d.uri), d] as const));
      const publishedNow = new Set<string>();
      let problems = 0;
      let done = 0;
      let lastProgress = 0;
      let lastYield = Date.now();
      for (const [file, settings] of jobs) {
        if (cancelled()) break;
        if (!open.has(file)) {
          const uri = pathToFileURL(file).href;
          const diagnostics = session.lintFileOnDisk(file, uri, settings);
          if (diagnostics.length > 0 || this.published.has(uri)) session.quietly(connection.sendDiagnostics({ uri, diagnostics }));
          if (diagnostics.length > 0) publishedNow.add(uri);
          problems += diagnostics.length;
        }
        done++;
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS || done === jobs.size) {
          lastProgress = now;
          progress.report(Math.round((done / jobs.size) * 100), `${done}/${jobs.size} files`);
        }
        if (now - lastYield >= YIELD_EVERY_MS) {
          await new Promise((r) => setImmediate(r)); // let a cancellation in
          lastYield = Date.now();
        }
      }
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `Workspace lint cancelled after ${done}/${jobs.size} files.`);
      const wasCancelled = cancelled();
      if (!wasCancelled) {
        // Files that had problems last time and have none now (or no longer exist).
        for (const uri of this.published) if (!publishedNow.has(uri)) session.quietly(connection.sendDiagnostics({ uri, diagnostics: [] }));
        this.published.clear();
        this.ranOnce = true;
      }
      for (const uri of publishedNow) this.published.add(uri);
      // The count the user compares with the Problems panel: open documents' problems too.
      for (const doc of open.values()) problems += (await this.scheduler.diagnosticsNow(doc)).length;
      connection.console.info(`Workspace lint: ${done}/${jobs.size} files, ${problems} problems${wasCancelled ? ' (cancelled)' : ''}.`);
      return { files: done, total: jobs.size, problems, cancelled: wasCancelled };
    } finally {
      progress.done();
    }
  }

  /** The files to lint, each with the settings of its folder (asked for once per folder, not per file). */
  private async list(cancelled: () => boolean): Promise<Map<string, ServerSettings>> {
    const { session } = this;
    const jobs = new Map<string, ServerSettings>();
    for (const folder of session.folders) {
      const settings = await session.settingsFor(pathToFileURL(folder).href);
      if (!settings.enable) continue;
      const walk = walkFolder(folder, {
        ...this.filters(folder, settings),
        notice: (file, message) => session.logOnce(`skip:${file}`, `${file}: ${message}.`, 'info'),
        rootName: 'the workspace folder',
        stop: cancelled,
      });
      let lastYield = Date.now();
      for (const target of walk) {
        if (!jobs.has(target.path)) jobs.set(target.path, settings);
        if (Date.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise((r) => setImmediate(r)); // let a cancellation in
          lastYield = Date.now();
        }
      }
    }
    return jobs;
  }

  /** What the walk of a workspace folder skips: the configs' globs and the editor's settings. */
  private filters(folder: string, settings: ServerSettings): Pick<WalkOptions, 'configFor' | 'include' | 'exclude'> {
    // The settings' include wins when the user changed it; else each file's config decides.
    const userInclude = JSON.stringify(settings.include) !== JSON.stringify(DEFAULT_INCLUDE);
    return {
      configFor: (dir) => this.session.configForDirectory(dir),
      include: userInclude ? new GlobSet(folder, settings.include) : undefined,
      exclude: this.session.settingsExclude(folder, settings),
    };
  }

  /**
   * Files changed on disk (workspace/didChangeWatchedFiles). Deleted or renamed files (and
   * the files of a deleted folder) lose the diagnostics a workspace lint gave them; after a
   * workspace lint, changed and created files that are not open are linted again.
   */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    const { session } = this;
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) {
        for (const uri of [...this.published]) {
          if (uri === change.uri || uri.startsWith(change.uri.endsWith('/') ? change.uri : `${change.uri}/`)) {
            this.published.delete(uri);
            session.quietly(session.connection.sendDiagnostics({ uri, diagnostics: [] }));
          }
        }
        continue;
      }
      const file = uriToPath(change.uri);
      if (!this.ranOnce || !file || !hasLintableExtension(file) || session.documents.get(change.uri)) continue;
      const folder = session.folderOf(file);
      if (!folder) continue;
      const settings = await session.settingsFor(pathToFileURL(folder).href);
      if (!settings.enable || !isWalked(folder, file, this.filters(folder, settings))) continue;
      const diagnostics = session.lintFileOnDisk(file, change.uri, settings);
      if (diagnostics.length > 0 || this.published.has(change.uri)) session.quietly(session.connection.sendDiagnostics({ uri: change.uri, diagnostics }));
      if (diagnostics.length > 0) this.published.add(change.uri);
      else this.published.delete(change.uri);
    }
  }
}
