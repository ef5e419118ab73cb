// SARIF 2.1.0 output for code-scanning services. tool.driver.rules lists every rule with its
// description, the "What it flags" paragraph of its doc page, the page itself as help, and
// its help URI; results point at files by a URI relative to the working folder (base id
// %SRCROOT%). Columns are UTF-16 code units, as in the engine. Notices become tool
// execution notifications of the invocation.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, type Rule } from '../../engine/rule';
import type { Finding, Fix } from '../../engine/types';
import type { FileReport } from '../lint-files';
import { preferredFix } from '../lint-files';
import { INFORMATION_URI, docSection, ruleDoc } from '../../workspace/package';
import type { FormatContext } from './index';

const LEVEL: Record<string, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

export function formatSarif(reports: readonly FileReport[], context: FormatContext): string {
  const rules = [...context.rules()];
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const location = (filePath: string) => artifactLocation(filePath, context.cwd);

  const results = reports.flatMap((report) =>
    report.findings.map((f) => {
      const fix = preferredFix(f);
      return {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location(report.filePath), region: region(f) } }],
        ...(fix ? { fixes: [sarifFix(fix, location(report.filePath))] } : {}),
      };
    }),
  );

  const notifications = reports.flatMap((report) =>
    report.notices.map((n) => ({
      level: n.kind === 'internal-error' || n.kind === 'rule-error' ? 'error' : n.kind === 'parse-error' ? 'warning' : 'note',
      message: { text: `${n.message} [${n.kind}]` },
      locations: [{ physicalLocation: { artifactLocation: location(report.filePath) } }],
    })),
  );

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tfjs-lint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => describeRule(r, context.severityOf(r))),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd.endsWith(path.sep) ? context.cwd : context.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function describeRule(rule: Rule, severity: string) {
  const doc = ruleDoc(rule.meta.id);
  const short = sentence(rule.meta.description);
  const full = (doc && docSection(doc, 'What it flags')) ?? short;
  return {
    id: rule.meta.id,
    name: pascalCase(rule.meta.id),
    shortDescription: { text: short },
    fullDescription: { text: sentence(full) },
    help: doc ? { text: `${sentence(full)} See ${docsUrl(rule.meta.id)}`, markdown: doc } : { text: `${short} See ${docsUrl(rule.meta.id)}` },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: LEVEL[severity] ?? 'warning', enabled: severity !== 'off' },
    properties: { fixable: rule.meta.fixable, ...(rule.meta.source ? { source: rule.meta.source } : {}) },
  };
}

/** A relative URI under %SRCROOT% for files inside the working folder, else a file: URI. */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (!path.isAbsolute(filePath)) return { uri: encodeSegments(filePath.split(path.sep)), uriBaseId: '%SRCROOT%' };
  const rel = path.relative(cwd, filePath);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: encodeSegments(rel.split(path.sep)), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(filePath).href };
}

function encodeSegments(segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

function region(f: Finding) {
  return { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column, charOffset: f.range.start, charLength: f.range.end - f.range.start };
}

function sarifFix(fix: Fix, artifact: { uri: string; uriBaseId?: string }) {
  return {
    description: { text: sentence(fix.title) },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: [...fix.edits]
          .sort((a, b) => a.start - b.start)
          .map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.newText } })),
      },
    ],
  };
}

/** SARIF asks for messages that end with a period. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
