// Every rule's doc page is checked against the rule itself: the first line after the title is
// the rule's meta.description, each code block under "## Bad" gets at least one finding from
// its own rule, and each block under "## Good" gets none. A doc block that is a fragment (no
// import or require of its own) is linted with `import * as tf from '@tensorflow/tfjs'` before it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../rules';
import { lintWith } from '../harness/rule-tester';

const RULES_DIR = path.join(__dirname, '../../../rules');

/** The fenced code blocks of one "## <heading>" section, with their language. */
export function sectionBlocks(doc: string, heading: string): { lang: string; code: string }[] {
  const start = doc.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  if (start < 0) return [];
  const rest = doc.slice(start).split('\n').slice(1).join('\n');
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

function runnable(code: string): string {
  return /\bimport\b|\brequire\(/.test(code) ? code : `import * as tf from '@tensorflow/tfjs';\n${code}`;
}

function fileNameFor(lang: string): string {
  return lang === 'js' || lang === 'javascript' ? 'doc.js' : 'doc.ts';
}

describe('rule docs agree with their rules', () => {
  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      const doc = fs.readFileSync(path.join(RULES_DIR, `${id}.md`), 'utf8');

      it("the first line after the title is the rule's description", () => {
        const lines = doc.split('\n');
        assert.equal(lines[0], `# ${id}`);
        const first = lines.slice(1).find((l) => l.trim() !== '');
        assert.equal(first, rule.meta.description);
      });

      it('every "Bad" block gets at least one finding from this rule', () => {
        const blocks = sectionBlocks(doc, 'Bad');
        assert.ok(blocks.length > 0, 'no code block under "## Bad"');
        const silent = blocks.filter((b) => lintWith(rule, runnable(b.code), fileNameFor(b.lang)).length === 0);
        assert.deepEqual(silent.map((b) => b.code), [], 'Bad blocks the rule does not flag');
      });

      it('no "Good" block gets a finding from this rule', () => {
        const blocks = sectionBlocks(doc, 'Good');
        assert.ok(blocks.length > 0, 'no code block under "## Good"');
        const flagged = blocks.flatMap((b) => lintWith(rule, runnable(b.code), fileNameFor(b.lang)).map((f) => `${f.message}\n${b.code}`));
        assert.deepEqual(flagged, [], 'Good blocks the rule flags');
      });
    });
  }
});
