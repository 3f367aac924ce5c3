import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogValidationError,
  entryTerms,
  loadCatalog,
  loadTehsils,
  PRODUCT_CATEGORIES,
} from '../../src/domain/catalog/catalog.js';
import { AppError } from '../../src/errors.js';
import { matchKey } from '../../src/nlu/match-key.js';

const BROKEN = relative(process.cwd(), fileURLToPath(new URL('../fixtures/catalog-broken', import.meta.url)));
const CATALOG = 'flows/catalog.yaml';
const TEHSILS = 'flows/tehsils.yaml';

/** The error `load` throws, so that its message can be asserted. */
function failure(load: () => unknown): CatalogValidationError {
  try {
    load();
  } catch (error) {
    if (error instanceof CatalogValidationError) return error;
    throw error;
  }
  throw new Error('expected a CatalogValidationError, but loading succeeded');
}

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function scratchFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  scratchDirs.push(dir);
  const file = join(dir, 'catalog.yaml');
  writeFileSync(file, content);
  return file;
}

describe('the real catalog', () => {
  // The runtime loads it with the matcher's key: no two products may share a spelling even after its folds.
  const catalog = loadCatalog(CATALOG, { termKey: matchKey });

  it('loads, with unique ids, known categories and six-digit HS codes', () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(25);
    expect(new Set(catalog.products.map((product) => product.id)).size).toBe(catalog.products.length);
    for (const product of catalog.products) {
      expect(PRODUCT_CATEGORIES).toContain(product.category);
      if (product.hsCode !== undefined) expect(product.hsCode).toMatch(/^\d{6}$/);
    }
  });

  it('covers every category of the export basket', () => {
    expect(new Set(catalog.products.map((product) => product.category))).toEqual(new Set(PRODUCT_CATEGORIES));
  });

  it('finds products by id', () => {
    expect(catalog.byId('parboiled_rice')).toMatchObject({
      category: 'rice',
      hsCode: '100630',
      name: { en: 'Parboiled rice', hi: 'सेला चावल' },
    });
    expect(catalog.byId('soybean_meal')).toMatchObject({ category: 'soybean-meal', hsCode: '230400' });
    expect(catalog.byId('mustard_cake')?.category).toBe('agri-other');
    expect(catalog.byId('missing')).toBeUndefined();
  });

  it('names each product in English, Hindi and Hinglish', () => {
    for (const product of catalog.products) {
      const terms = entryTerms(product);
      expect(
        terms.some((term) => /\p{Script=Devanagari}/u.test(term)),
        product.id,
      ).toBe(true);
      expect(terms.filter((term) => /\p{Script=Latin}/u.test(term)).length, product.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('matches names without their bracketed explanations', () => {
    expect(entryTerms(catalog.byId('rice_unspecified')!).slice(0, 2)).toEqual(['Rice', 'चावल']);
    expect(entryTerms(catalog.byId('pigeon_pea')!).slice(0, 2)).toEqual(['Pigeon pea', 'अरहर']);
  });
});

describe('the real tehsil list', () => {
  it('loads the tehsils of Sagar district', () => {
    const list = loadTehsils(TEHSILS, { termKey: matchKey });
    expect(list.tehsils.map((tehsil) => tehsil.id)).toEqual([
      'sagar',
      'bina',
      'khurai',
      'malthon',
      'banda',
      'shahgarh',
      'rahatgarh',
      'jaisinagar',
      'garhakota',
      'rehli',
      'deori',
      'kesli',
    ]);
    expect(list.byId('garhakota')?.name).toEqual({ en: 'Garhakota', hi: 'गढ़ाकोटा' });
    expect(list.byId('damoh')).toBeUndefined();
  });
});

describe('broken catalog files', () => {
  it.each<[string, string[]]>([
    [
      'bad-category',
      [
        `${BROKEN}/bad-category.yaml:10: product[sela_rice] category: Invalid option: expected one of "rice"|"soybean-meal"|"stone-craft"|"building-materials"|"pharma-chemicals"|"handicrafts"|"eco-friendly"|"agri-other"`,
      ],
    ],
    ['duplicate-id', [`${BROKEN}/duplicate-id.yaml:10: product[wheat] id: duplicate id 'wheat', first used on line 4`]],
    [
      'synonym-clash',
      [
        `${BROKEN}/synonym-clash.yaml:14: product[steam_rice] synonyms[1]: 'Sela' also names product[parboiled_rice] on line 7`,
      ],
    ],
    [
      'missing-hindi',
      [
        `${BROKEN}/missing-hindi.yaml:8: product[soybean_meal] name.hi: required`,
        `${BROKEN}/missing-hindi.yaml:13: product[mustard_cake] name.hi: must be written in Devanagari`,
      ],
    ],
  ])('%s: every problem with its file and line', (name, expected) => {
    const file = `${BROKEN}/${name}.yaml`;
    const error = failure(() => loadCatalog(file));
    const count = expected.length === 1 ? '1 problem' : `${expected.length} problems`;
    expect(error.message).toBe([`${count} in ${file}:`, ...expected].join('\n'));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('CATALOG_INVALID');
  });

  it('with the matcher key, finds names that differ only in spelling or script', () => {
    const file = `${BROKEN}/synonym-clash.yaml`;
    const error = failure(() => loadCatalog(file, { termKey: matchKey }));
    expect(error.message.split('\n').slice(1)).toEqual([
      `${file}:14: product[steam_rice] synonyms[1]: 'Sela' also names product[parboiled_rice] on line 7`,
      `${file}:19: product[rice_unspecified] name.hi: 'चावल' also names product[steam_rice] on line 15`,
    ]);
  });

  it('reports a broken tehsil list the same way', () => {
    const file = `${BROKEN}/tehsil-problems.yaml`;
    const error = failure(() => loadTehsils(file, { termKey: matchKey }));
    expect(error.message.split('\n')).toEqual([
      `3 problems in ${file}:`,
      `${file}:2: specVersion: expected 1, got 2`,
      `${file}:4: tehsil[Kesli] id: must be lower_snake_case: a-z, 0-9 and _, starting with a letter`,
      `${file}:12: tehsil[deori] synonyms[1]: 'rahli' also names tehsil[rehli] on line 8`,
    ]);
  });

  it('asks for HS codes in quotes, names unknown keys and rejects blank synonyms', () => {
    const file = scratchFile(
      [
        'specVersion: 1',
        'products:',
        '  - id: chickpea',
        '    category: agri-other',
        '    hsCode: 71320',
        '    name: { en: Chickpea, hi: चना }',
        '    synonyms: [chana, "  "]',
        '    colour: yellow',
      ].join('\n'),
    );
    expect(
      failure(() => loadCatalog(file))
        .message.split('\n')
        .slice(1),
    ).toEqual([
      `${file}:5: product[chickpea] hsCode: write the HS code in quotes, e.g. "100630"`,
      `${file}:7: product[chickpea] synonyms[1]: must not be empty`,
      `${file}:8: product[chickpea] colour: unknown key`,
    ]);
  });

  it('reports YAML syntax errors and unreadable files with their place', () => {
    const file = scratchFile('specVersion: 1\nproducts:\n  - id: [unclosed\n');
    expect(failure(() => loadCatalog(file)).problems[0]).toMatchObject({ file, line: 4 });
    const missing = `${BROKEN}/missing.yaml`;
    expect(failure(() => loadCatalog(missing)).message).toMatch(
      new RegExp(`^1 problem in ${missing}:\n${missing}: ENOENT`),
    );
  });

  it('needs at least one product', () => {
    const file = scratchFile('specVersion: 1\nproducts: []\n');
    expect(failure(() => loadCatalog(file)).message).toBe(
      `1 problem in ${file}:\n${file}:2: products: needs at least 1 entry`,
    );
  });
});
