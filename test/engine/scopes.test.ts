// Name resolution (scopes.ts): each use resolves to its own declaration, asked once or again;
// an identifier made after indexing (a rule's probe) is resolved where its parent is then.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';

const CODE = `const units = 4;
function build(units) {
  const inner = units * 2;
  return inner + units;
}
const total = units + build(3) + missing;
`;

function identifiers(file: FileAnalysis, name: string): ts.Identifier[] {
  return file.index.identifiers.filter((id) => id.text === name);
}

describe('engine: scopes', () => {
  it('resolves each use to its own declaration, asked again alike; an undeclared name to nothing', () => {
    const file = FileAnalysis.parse('a.js', CODE);
    const [outer, param, inParamUse1, inParamUse2, outerUse] = identifiers(file, 'units');
    for (let round = 0; round < 2; round++) {
      assert.equal(file.scopes.resolve(outer), outer.parent);
      assert.equal(file.scopes.resolve(inParamUse1), param.parent);
      assert.equal(file.scopes.resolve(inParamUse2), param.parent);
      assert.equal(file.scopes.resolve(outerUse), outer.parent);
      assert.equal(file.scopes.resolve(identifiers(file, 'missing')[0]), undefined);
    }
  });

  it('a probe made after indexing is resolved where its parent is each time', () => {
    const file = FileAnalysis.parse('a.js', CODE);
    const [, param, inParamUse1, , outerUse] = identifiers(file, 'units');
    const probe = ts.factory.createIdentifier('units');
    (probe as { parent: ts.Node }).parent = inParamUse1.parent;
    assert.equal(file.scopes.resolve(probe), param.parent);
    (probe as { parent: ts.Node }).parent = outerUse.parent;
    assert.equal(file.scopes.resolve(probe), identifiers(file, 'units')[0].parent);
  });
});
