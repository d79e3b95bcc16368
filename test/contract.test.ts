/**
 * The contract in the repo: api/openapi.yaml is a valid OpenAPI 3.1 document, it is the same file
 * as the shared contract, and every API payload fixture the tests use conforms to its schemas.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validate, compileErrors } from '@readme/openapi-parser';
import { CONTRACT_PATH, contract, validateAgainst } from './helpers/contract.js';
import type { ContractFixture } from './helpers/contract.js';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

const loadFixtures = async (): Promise<Array<ContractFixture & { file: string }>> => {
  const all: Array<ContractFixture & { file: string }> = [];
  for (const file of readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(`${fixturesDir}${file}`).href)) as {
      contractFixtures?: ContractFixture[];
    };
    for (const fixture of mod.contractFixtures ?? []) all.push({ ...fixture, file });
  }
  return all;
};

describe('api/openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(CONTRACT_PATH);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
    expect(contract.openapi).toBe('3.1.0');
  });

  it('is the shared contract, unchanged', () => {
    const shared = fileURLToPath(new URL('../../shared/api/openapi.yaml', import.meta.url));
    // CI and developers have shared/ beside the repo; a bare clone elsewhere has nothing to compare.
    if (!existsSync(shared)) return;
    expect(readFileSync(CONTRACT_PATH, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });

  it('catches a payload that breaks it', () => {
    expect(validateAgainst('#/components/schemas/Response', { id: 'rsp_1' })).not.toEqual([]);
    expect(validateAgainst('#/components/schemas/Me', { workspace: {}, key: {} })).not.toEqual([]);
  });
});

describe('test fixtures conform to the contract', () => {
  it('there are fixtures from every fixture file', async () => {
    const fixtures = await loadFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    const files = new Set(fixtures.map((f) => f.file));
    for (const file of readdirSync(fixturesDir).filter((f) => f.endsWith('.ts'))) {
      expect(files).toContain(file);
    }
  });

  it('every fixture validates against its schema', async () => {
    const problems: string[] = [];
    for (const fixture of await loadFixtures()) {
      const errors = validateAgainst(fixture.schema, fixture.data);
      if (errors.length) problems.push(`${fixture.file} › ${fixture.name}: ${errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });
});
