// Shared pieces of the language-server hardening tests: the spawned server's RSS, a request
// ledger (sent vs answered), a prompt wait for published diagnostics, and the edit stream
// (token-boundary prefixes typed incrementally, line/bracket mutations sent whole) built
// from the fuzz corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { lintText } from '../../../server/src/engine/linter';
import { rules } from '../../../rules/index';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LspTestClient } from '../../lsp/support/lsp-client';
import { loadCorpus, type CorpusFile } from '../../fuzz/corpus';
import { mutate, tokenEnds, type Random } from '../../fuzz/mutations';

/** The shipped server with the side-effect guards loaded before it (see guarded-server.ts). */
export const GUARDED_SERVER = path.join(__dirname, 'guarded-server.js');

/** Resident set size of a process in MiB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

export function seeded(seed: number): Random {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

/** Every request sent, and how it ended: a result, an error response, or no answer yet. */
export class RequestLedger {
  sent = 0;
  answered = 0;
  /** Answered RequestCancelled after the client cancelled them. */
  cancelled = 0;
  readonly errors: string[] = [];
  private readonly pending = new Set<Promise<void>>();

  /** `clientCancels`: the client cancels this request, so RequestCancelled is a proper answer. */
  track<T>(method: string, request: Thenable<T>, clientCancels = false): void {
    this.sent++;
    const p = Promise.resolve(request).then(
      () => void this.answered++,
      (error: { code?: number; message?: string }) => {
        this.answered++; // an error response is an answer, but no handler should fail
        if (clientCancels && error?.code === -32800) this.cancelled++;
        else this.errors.push(`${method}: ${error?.code} ${error?.message}`);
      },
    );
    const done = p.finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Waits for every answer; the ones missing after `timeoutMs` stay unanswered. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.pending]), new Promise((r) => (timer = setTimeout(r, Math.max(1, deadline - Date.now()))))]);
      clearTimeout(timer);
    }
  }
}

/**
 * Waits for the client to record a publishDiagnostics matching `accept`, looking only at
 * notifications after index `from` (polls every event-loop turn, not every 5 ms).
 */
export async function published(client: LspTestClient, from: number, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seen = from;
  for (;;) {
    for (; seen < client.published.length; seen++) if (accept(client.published[seen])) return seen;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for diagnostics`);
    await new Promise((r) => setImmediate(r));
  }
}

/** What the server should publish for a text: the engine run in-process, converted the same way. */
export function expectedDiagnostics(uri: string, fileName: string, text: string) {
  const doc = TextDocument.create(uri, 'typescript', 0, text);
  return toDiagnostics(lintText(text, { fileName, rules }), doc).map((d) => ({ code: d.code, range: d.range, message: d.message }));
}

export type Edit =
  | { kind: 'full'; text: string }
  /** Text appended at the end of the document (an incremental change, as when typing). */
  | { kind: 'append'; text: string }
  /** An incremental change anywhere: at a fraction of the text, delete some characters, insert some. */
  | { kind: 'splice'; at: number; remove: number; text: string };

/** Inserted by splices: brackets, line breaks of every kind, tabs and characters beyond ASCII. */
const SPLICED = ['(', ')', '{', '}', '[', ']', ',', ';', '\n', '\r\n', '\r', '\t', 'é', '🙂', '\u00a0', "'", '`', '/*', '*/', '//', 'tf.', 'model.add(tf.layers.dense({units: 3}));', ''];

/**
 * An endless stream of edits over the corpus: retype a file token by token from a random
 * point (incremental appends), or send it with 1-3 line/bracket mutations (full text).
 */
export function* editStream(random: Random, corpus: CorpusFile[] = loadCorpus()): Generator<Edit & { source: string }> {
  if (corpus.length === 0) throw new Error('empty corpus (examples/ and test/fixtures/)');
  const ends = corpus.map((f) => tokenEnds(f.text));
  for (;;) {
    const i = Math.floor(random() * corpus.length);
    const { name, text } = corpus[i];
    if (random() < 0.2) {
      for (let n = 1 + Math.floor(random() * 10); n > 0; n--) {
        yield { kind: 'splice', at: random(), remove: Math.floor(random() * 12), text: SPLICED[Math.floor(random() * SPLICED.length)], source: name };
      }
    } else if (random() < 0.5) {
      const cuts = ends[i];
      let at = Math.floor(random() * cuts.length * 0.8);
      let prev = cuts[at] ?? 0;
      yield { kind: 'full', text: text.slice(0, prev), source: name };
      const steps = 5 + Math.floor(random() * 40);
      for (let s = 0; s < steps && ++at < cuts.length; s++) {
        yield { kind: 'append', text: text.slice(prev, cuts[at]), source: name };
        prev = cuts[at];
      }
    } else {
      let mutated = text;
      for (let d = 1 + Math.floor(random() * 3); d > 0; d--) mutated = mutate(mutated, random);
      yield { kind: 'full', text: mutated, source: name };
    }
  }
}

/** The position just after the last character of `text`. */
export function endOf(text: string): { line: number; character: number } {
  const lastNl = text.lastIndexOf('\n');
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  return { line, character: text.length - (lastNl + 1) };
}

/** Sends one edit to the server and returns the document's new text. */
export async function sendEdit(client: LspTestClient, uri: string, version: number, current: string, edit: Edit): Promise<string> {
  if (edit.kind === 'full') {
    await client.change(uri, version, edit.text);
    return edit.text;
  }
  const before = TextDocument.create(uri, 'typescript', 0, current);
  const start = edit.kind === 'append' ? current.length : Math.floor(edit.at * current.length);
  const end = edit.kind === 'append' ? start : Math.min(current.length, start + edit.remove);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: before.positionAt(start), end: before.positionAt(end) }, text: edit.text }],
  });
  // What the server's document holds now, by the same rules (positions in UTF-16 units, any line break).
  TextDocument.update(before, [{ range: { start: before.positionAt(start), end: before.positionAt(end) }, text: edit.text }], 1);
  return before.getText();
}

/** Server stderr, collected from the moment this is called. */
export function captureStderr(client: LspTestClient): () => string {
  let text = '';
  client.process.stderr?.on('data', (d) => (text += String(d)));
  return () => text;
}

/** Log lines that mean a handler or the process itself failed. */
export function crashLogs(client: LspTestClient): string[] {
  return client.logs.map((l) => l.message).filter((m) => /Uncaught exception|Unhandled rejection|failed:|threw on/i.test(m));
}
