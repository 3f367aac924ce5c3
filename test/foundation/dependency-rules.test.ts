/**
 * The dependency rules of README "Dependency rules" (.dependency-cruiser.cjs) hold for src/, and a forbidden import
 * is refused: a domain module importing HTTP, in a fixture tree laid out like src/.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const rules = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));

async function violations(baseDir: string) {
  const result = await cruise(['src'], {
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`);
}

describe('dependency rules', () => {
  it('hold for src/', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  it('refuse a domain module that imports HTTP', async () => {
    expect(await violations(join(ROOT, 'test', 'fixtures', 'dependency-rules'))).toEqual([
      'domain-is-plain: src/domain/sellers/sellers.ts → src/http/app.ts',
    ]);
  });
});
