/**
 * `.env.example` documents every variable the configuration reads, and nothing it does not: the two stay in step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EnvSchema } from '../../src/config.js';

it('.env.example lists exactly the variables src/config.ts reads, each under a comment', () => {
  const lines = readFileSync(join(import.meta.dirname, '..', '..', '.env.example'), 'utf8').split('\n');
  const documented = lines.flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
  expect([...documented].sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  // A variable, or a group of them, sits under a comment that says what it is for.
  for (const name of documented) {
    let above = lines.findIndex((line) => line.startsWith(`${name}=`)) - 1;
    while (above >= 0 && /^[A-Z][A-Z0-9_]*=/.test(lines[above] ?? '')) above -= 1;
    expect(lines[above], `${name} needs a comment above it`).toMatch(/^#/);
  }
});
