/**
 * Flow directories for tests that need a flow the product does not have: the project's own flows (so every global
 * command still works) plus extra flow files, in a temporary directory.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_FLOWS } from './transcript.js';

export interface FlowDir {
  path: string;
  remove(): void;
}

/** `files`: file name (e.g. 'long_answer.flow.json') → contents; objects are written as JSON. */
export function projectFlowsWith(files: Record<string, string | object>): FlowDir {
  const path = mkdtempSync(join(tmpdir(), 'niryat-flows-'));
  cpSync(PROJECT_FLOWS, path, { recursive: true });
  for (const [name, contents] of Object.entries(files)) {
    writeFileSync(join(path, name), typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2));
  }
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
