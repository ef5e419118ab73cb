// A real JSON-RPC client for protocol tests and the server benchmark: spawns the built
// server over stdio and records everything the server sends.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  LogMessageParams,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextEdit,
} from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const SERVER_BIN = path.join(REPO_ROOT, 'bin', 'tfjs-lint-server.js');
/** Test-only entry: the registry plus rules named by `--extra-rule=<module>`. */
export const TEST_SERVER = path.join(__dirname, 'test-server.js');

export interface StartOptions {
  /** Script to run (default: the shipped bin). */
  entry?: string;
  args?: string[];
  /** Advertise pull diagnostics (textDocument/diagnostic). */
  pull?: boolean;
  rootPath?: string;
  /** What the client answers to workspace/configuration for section tfjsLint. */
  settings?: Record<string, unknown>;
  /** stdio (default, what any LSP editor uses) or node IPC (what the VS Code client uses). */
  transport?: 'stdio' | 'ipc';
  /** Leave out the workspace/configuration capability (settings then come another way). */
  noConfiguration?: boolean;
  initializationOptions?: unknown;
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly progress = new Map<string | number, { kind: string; message?: string; percentage?: number }[]>();
  readonly refreshes: string[] = [];
  readonly shownDocuments: { uri: string; external?: boolean }[] = [];
  /** workspace/applyEdit requests from the server (answered: applied). */
  readonly appliedEdits: { label?: string; edit: unknown }[] = [];
  settings: Record<string, unknown>;
  private exited = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    process.on('exit', () => (this.exited = true));
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const entry = options.entry ?? SERVER_BIN;
    const ipc = options.transport === 'ipc';
    const child = ipc
      ? fork(entry, ['--node-ipc', ...(options.args ?? [])], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
      : spawn(process.execPath, [entry, '--stdio', ...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
    });
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      client.shown.push(p);
    });
    connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      client.logs.push(p);
    });
    connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string; message?: string; percentage?: number } }) => {
      const list = client.progress.get(p.token) ?? [];
      list.push(p.value);
      client.progress.set(p.token, list);
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'tfjsLint' ? client.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes.push('diagnostic');
      return null;
    });
    connection.onRequest('workspace/inlayHint/refresh', () => {
      client.refreshes.push('inlayHint');
      return null;
    });
    connection.onRequest('workspace/applyEdit', (p: { label?: string; edit: unknown }) => {
      client.appliedEdits.push(p);
      return { applied: true };
    });
    connection.onRequest('window/showDocument', (p: { uri: string; external?: boolean }) => {
      client.shownDocuments.push(p);
      return { success: true };
    });
    connection.listen();
    child.on('exit', (code) => {
      if (code && code !== 0) console.error(`server exited with ${code}: ${stderr}`);
    });
    const rootUri = options.rootPath ? pathToUri(options.rootPath) : null;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: clientCapabilities(options.pull === true, options.noConfiguration !== true),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return !this.exited;
  }

  async open(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change, which incremental sync also accepts). */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  /** The latest published diagnostics for a uri, once `accept` likes them. */
  async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    return waitFor(() => {
      const latest = [...this.published].reverse().find((p) => p.uri === uri);
      return latest && accept(latest) ? latest : undefined;
    }, timeoutMs, `diagnostics for ${uri}`);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 3000);
      await this.connection.sendNotification('exit');
    } catch {
      // a server that does not answer is killed below
    }
    await waitFor(() => (this.exited ? true : undefined), 3000, 'server exit').catch(() => this.process.kill());
    this.connection.dispose();
  }
}

export function clientCapabilities(pull: boolean, configuration = true): ClientCapabilities {
  return {
    workspace: {
      applyEdit: true,
      configuration,
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      inlayHint: { refreshSupport: true },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      inlayHint: {},
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
  };
}

export function pathToUri(p: string): string {
  return require('node:url').pathToFileURL(p).href as string;
}

export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function withTimeout<T>(p: Thenable<T>, ms: number): Promise<T> {
  return Promise.race([Promise.resolve(p), new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);
}

/** Applies LSP edits (positions in the original text) to the text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const offsetAt = (line: number, character: number): number => {
    let offset = 0;
    for (let l = 0; l < line; l++) {
      const nl = text.indexOf('\n', offset);
      if (nl < 0) return text.length;
      offset = nl + 1;
    }
    return offset + character;
  };
  const resolved = edits
    .map((e) => ({ start: offsetAt(e.range.start.line, e.range.start.character), end: offsetAt(e.range.end.line, e.range.end.character), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
