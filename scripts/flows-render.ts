/**
 * Draws every flow as a Mermaid flowchart: `npx tsx scripts/flows-render.ts [dir] [--stdout]` writes
 * `docs/flows/<flow>.mmd` for each flow of `dir` (`flows/` by default), or prints them. Only the structure is
 * checked, so that a flow breaking a graph rule can still be drawn, which is often how the break is found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FlowValidationError, listFlowFiles, loadFlowFile } from '../src/conversation/flow-loader.js';
import { renderMermaid } from '../src/conversation/flow-render.js';
import type { Flow } from '../src/conversation/flow-schema.js';
import { type FlowProblem, formatFlowProblem } from '../src/conversation/flow-validation.js';
import { PROJECT_ROOT } from './lib/paths.js';

const OUT_DIR = join(PROJECT_ROOT, 'docs', 'flows');

const args = process.argv.slice(2);
const unknownOption = args.find((arg) => arg.startsWith('--') && arg !== '--stdout');
if (unknownOption !== undefined) {
  console.error(`unknown option ${unknownOption}; usage: flows-render.ts [dir] [--stdout]`);
  process.exit(2);
}
const toStdout = args.includes('--stdout');
const dir = args.find((arg) => !arg.startsWith('--')) ?? (relative(process.cwd(), join(PROJECT_ROOT, 'flows')) || '.');

const flows: Flow[] = [];
const problems: FlowProblem[] = [];
for (const file of listFlowFiles(dir)) {
  try {
    flows.push(loadFlowFile(file));
  } catch (error) {
    if (!(error instanceof FlowValidationError)) throw error;
    problems.push(...error.problems);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.log(formatFlowProblem(problem));
  process.exitCode = 1;
} else if (toStdout) {
  process.stdout.write(flows.map(renderMermaid).join('\n'));
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const flow of flows) {
    const out = join(OUT_DIR, `${flow.flow}.mmd`);
    writeFileSync(out, renderMermaid(flow));
    console.log(`wrote ${relative(process.cwd(), out)}`);
  }
}
