// When open documents are linted and how their diagnostics reach the client: pushed
// (publishDiagnostics, debounced per document) or pulled (textDocument/diagnostic, the
// client asks). `run: onSave` lints at save and, between saves, shows the last result moved
// through the unsaved edits (stale.ts). A settings or config change revalidates everything.
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../engine/types';
import { toDiagnostics } from './diagnostics';
import type { Session } from './session';
import type { ServerSettings } from './settings';
import { mapResultToText } from './stale';
import { uriToPath } from './session';

/** What was last shown for a document in `onSave` mode: the text it was linted on and the result. */
interface Shown {
  version: number;
  text: string;
  result: LintResult;
}

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly justOpened = new Set<string>();
  /** `onSave` mode: the version last saved, and what was linted at the last save. */
  private readonly savedVersion = new Map<string, number>();
  private readonly shown = new Map<string, Shown>();
  /** Hooks for a document that opens (workspace lint hands its pushed diagnostics over). */
  onOpen: (uri: string) => void = () => {};

  constructor(private readonly session: Session) {
    const { documents, connection } = session;
    documents.onDidOpen((e) => {
      this.justOpened.add(e.document.uri);
      session.opened(e.document.uri);
      this.onOpen(e.document.uri);
    });
    documents.onDidChangeContent((e) => void this.changed(e.document));
    documents.onDidSave((e) => void this.saved(e.document));
    documents.onDidClose((e) => this.closed(e.document.uri));
    connection.languages.diagnostics.on((params, token) => this.pull(params.textDocument.uri, token));
  }

  private async changed(doc: TextDocument): Promise<void> {
    const { uri } = doc;
    const opening = this.justOpened.delete(uri);
    const file = uriToPath(uri);
    if (file) this.importersChanged(this.session.moduleChanged(file));
    if (this.session.caps.pull) return; // the client asks
    if (opening || this.session.isConfigDocument(doc)) return this.schedule(uri, 0);
    const settings = await this.session.settingsFor(uri);
    this.schedule(uri, settings.debounceMs); // onSave: moves the shown squiggles, lints nothing
  }

  private async saved(doc: TextDocument): Promise<void> {
    const settings = await this.session.settingsFor(doc.uri);
    if (settings.run !== 'onSave') return;
    this.savedVersion.set(doc.uri, doc.version);
    if (this.session.caps.pull) {
      if (this.session.caps.pullRefresh) this.session.quietly(this.session.connection.languages.diagnostics.refresh());
    } else {
      this.schedule(doc.uri, 0);
    }
  }

  private closed(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.savedVersion.delete(uri);
    this.shown.delete(uri);
    this.session.forget(uri);
    if (!this.session.caps.pull) this.session.quietly(this.session.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }

  // ---- push ---------------------------------------------------------------------------

  private schedule(uri: string, delayMs: number): void {
    const previous = this.timers.get(uri);
    if (previous) clearTimeout(previous);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, delayMs),
    );
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.session.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const diagnostics = await this.diagnosticsNow(doc);
    // A newer version arrived while settings were fetched: its own run publishes.
    if (this.session.documents.get(uri)?.version !== version) return;
    this.session.quietly(this.session.connection.sendDiagnostics({ uri, version, diagnostics }));
  }

  // ---- pull ---------------------------------------------------------------------------

  private async pull(uri: string, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.session.documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await this.session.settingsFor(uri);
    const last = this.session.lastLint(uri);
    // Debounce edits only: the first pull after opening (or after a settings change) answers at once.
    const edited = last !== undefined && last.version !== doc.version;
    if (edited && settings.run === 'onType' && settings.debounceMs > 0 && !this.session.isConfigDocument(doc)) {
      await delay(settings.debounceMs, token);
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'A newer edit superseded this request.');
    return { kind: DocumentDiagnosticReportKind.Full, items: await this.diagnosticsNow(this.session.documents.get(uri) ?? doc) };
  }

  // ---- what to show -------------------------------------------------------------------

  /** The diagnostics to show for a document now: a fresh lint, or in `onSave` mode between saves the last one moved. */
  async diagnosticsNow(doc: TextDocument): Promise<Diagnostic[]> {
    const { session } = this;
    if (session.isConfigDocument(doc) || !session.isLintable(doc)) return session.diagnosticsFor(doc);
    const settings = await session.settingsFor(doc.uri);
    const latest = session.documents.get(doc.uri);
    if (!latest) return [];
    if (settings.run === 'onSave') return this.onSaveDiagnostics(latest, settings);
    this.shown.delete(doc.uri);
    return session.diagnosticsFor(latest);
  }

  private onSaveDiagnostics(doc: TextDocument, settings: ServerSettings): Diagnostic[] {
    const shown = this.shown.get(doc.uri);
    const due = !shown || (this.savedVersion.get(doc.uri) ?? -1) > shown.version;
    if (due) {
      const result = this.session.lintDocument(doc, settings);
      if (!result) return [];
      this.shown.set(doc.uri, { version: doc.version, text: doc.getText(), result });
      return toDiagnostics(result, doc);
    }
    return toDiagnostics(mapResultToText(shown.result, shown.text, doc.getText()), doc);
  }

  // ---- revalidation -------------------------------------------------------------------

  /** Open documents that import a changed file (directly or through a chain): linted again. */
  importersChanged(uris: readonly string[]): void {
    const { session } = this;
    if (uris.length === 0) return;
    for (const uri of uris) this.shown.delete(uri);
    if (session.caps.pull) {
      if (session.caps.pullRefresh) session.quietly(session.connection.languages.diagnostics.refresh());
      return;
    }
    for (const uri of uris) {
      // An importer's own debounce: its text did not change, what it reads did.
      void session.settingsFor(uri).then((settings) => {
        if (settings.run === 'onType') this.schedule(uri, settings.debounceMs);
      });
    }
  }

  /** Settings or configs changed: every open document is linted again. */
  revalidateAll(): void {
    const { session } = this;
    session.forgetResults();
    this.shown.clear();
    if (session.caps.pull) {
      if (session.caps.pullRefresh) session.quietly(session.connection.languages.diagnostics.refresh());
    } else {
      for (const doc of session.documents.all()) this.schedule(doc.uri, 0);
    }
    if (session.caps.inlayHintRefresh) session.quietly(session.connection.languages.inlayHint.refresh());
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
