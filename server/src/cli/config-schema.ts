// The JSON schema of .tfjslintrc.json, generated from the rule registry so the rule ids it
// lists cannot drift from the rules that exist (write-schema.ts writes it at build time to
// schemas/tfjslintrc.schema.json; a test checks the shipped file against the registry).
import { SEVERITIES } from '../engine/types';
import { docsUrl, type Rule } from '../engine/rule';

export const SCHEMA_ID = 'https://github.com/tfjs-lint/tfjs-lint/blob/main/schemas/tfjslintrc.schema.json';

export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const description = `${rule.meta.description} (default: ${rule.meta.defaultSeverity}) ${docsUrl(rule.meta.id)}`;
    ruleProperties[rule.meta.id] = {
      description,
      oneOf: [
        { $ref: '#/definitions/severity' },
        {
          type: 'array',
          minItems: 1,
          items: [{ $ref: '#/definitions/severity' }, optionsSchema(rule)],
          additionalItems: false,
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'tfjs-lint configuration (.tfjslintrc.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: 'Severity per rule: "off", "info", "warning" or "error", or ["<severity>", { options }].',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
      include: {
        description: 'Globs (relative to this file\'s folder) a file found in a folder must match to be linted. Default: every .js .mjs .cjs .ts .mts .cts .jsx .tsx file.',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
      exclude: {
        description: 'Globs (relative to this file\'s folder) of files and folders not to lint. A glob without a slash matches a name at any depth.',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
      maxFileSize: {
        description: 'Files larger than this many bytes are skipped with a notice. Default: 2097152 (2 MB).',
        type: 'integer',
        minimum: 1,
      },
    },
    definitions: {
      severity: { enum: [...SEVERITIES] },
    },
  };
}

/** The JSON schema of a rule's options object (also the ESLint plugin's rule schema). */
export function optionsSchema(rule: Rule): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rule.meta.defaultOptions ?? {})) {
    properties[name] = { type: jsonType(value), default: value };
  }
  return { type: 'object', additionalProperties: false, properties };
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

export function schemaText(rules: readonly Rule[]): string {
  return JSON.stringify(configSchema(rules), null, 2) + '\n';
}
