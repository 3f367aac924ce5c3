import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { FlowValidationError, listFlowFiles, loadFlowFile, loadFlows } from '../../src/conversation/flow-loader.js';
import { renderMermaid } from '../../src/conversation/flow-render.js';
import { FlowSchema } from '../../src/conversation/flow-schema.js';
import {
  type FlowProblem,
  formatFlowProblem,
  GRAPH_RULES,
  type GraphRuleOptions,
} from '../../src/conversation/flow-validation.js';

const FIXTURES = relative(process.cwd(), fileURLToPath(new URL('../fixtures', import.meta.url)));
const GOOD = join(FIXTURES, 'flows-good');
const BROKEN = join(FIXTURES, 'flows-broken');

const OPTIONS: GraphRuleOptions = {
  knownActions: new Set(['register_seller', 'notify_admins']),
  userFields: new Set(['name', 'language', 'phone', 'profileName']),
  contextVariables: new Set(['bot']),
};

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  scratchDirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The error `load` throws, so that its problems can be asserted. */
function failure(load: () => unknown): FlowValidationError {
  try {
    load();
  } catch (error) {
    if (error instanceof FlowValidationError) return error;
    throw error;
  }
  throw new Error('expected a FlowValidationError, but loading succeeded');
}

const lines = (problems: readonly FlowProblem[]) => problems.map(formatFlowProblem);

describe('loadFlows', () => {
  it('loads a good set of YAML and JSON flows, with schema defaults filled in', () => {
    const set = loadFlows(GOOD, OPTIONS);
    expect([...set.flows.keys()]).toEqual(['help', 'main_menu', 'seller_registration']);
    expect(set.flows.get('help')?.version).toBe(1);
    expect(set.step('seller_registration', 'ask_capacity')).toMatchObject({
      type: 'ask',
      input: 'quantity',
      retries: 2,
    });
    expect(set.step('seller_registration', 'ask_name')).toMatchObject({ retries: 3, minLength: 1 });
    expect(set.step('main_menu', 'missing')).toBeUndefined();
    expect(set.step('missing', 'choose')).toBeUndefined();
  });

  it('reports schema errors in flow terms, with line numbers, and only once', () => {
    const dir = join(BROKEN, 'schema');
    const error = failure(() => loadFlows(dir, OPTIONS));
    // main_menu.flow.yaml goes to the flow whose file fails the schema: that is not a second problem.
    expect(lines(error.problems)).toEqual([
      `${dir}/seller_registration.flow.yaml:8: flow[seller_registration] step[greet] text.hi: required`,
      `${dir}/seller_registration.flow.yaml:10: flow[seller_registration] step[ask_product] options: required`,
      `${dir}/seller_registration.flow.yaml:16: flow[seller_registration] step[note] type: expected one of message, ask, branch, action, handoff, end, goto, got 'mesage'`,
      `${dir}/seller_registration.flow.yaml:21: flow[seller_registration] step[later] next: expected string or object, got number`,
      `${dir}/seller_registration.flow.yaml:24: flow[seller_registration] step[done] colour: unknown key`,
    ]);
    expect(new Set(error.problems.map((problem) => problem.rule))).toEqual(new Set(['schema']));
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = join(BROKEN, 'yaml-syntax');
    const error = failure(() => loadFlows(dir, OPTIONS));
    expect(lines(error.problems)).toEqual([`${dir}/greeting.flow.yaml:8: Map keys must be unique`]);
    expect(error.problems[0]?.rule).toBe('yaml-syntax');
  });

  it('adds the line of the offending node to graph problems', () => {
    const dir = join(BROKEN, 'unknown-destination');
    const error = failure(() => loadFlows(dir, OPTIONS));
    expect(lines(error.problems)).toEqual([
      `${dir}/seller_registration.flow.yaml:9: flow[seller_registration] step[ask_qty] next: unknown destination step 'ask_units'`,
      `${dir}/seller_registration.flow.yaml:13: flow[seller_registration] step[leave] next: unknown destination flow 'buyer_inquiry'`,
    ]);
  });

  it.each(GRAPH_RULES)('%s: the fixture fails with that rule only, every problem located', (rule) => {
    const error = failure(() => loadFlows(join(BROKEN, rule), OPTIONS));
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem.rule).toBe(rule);
      expect(problem.line).toBeGreaterThan(0);
    }
  });

  it('throws one AppError with code FLOW_INVALID that lists every problem, one per line', () => {
    const dir = join(BROKEN, 'dead-end');
    const error = failure(() => loadFlows(dir, OPTIONS));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('FLOW_INVALID');
    expect(error.message.split('\n')).toEqual(['2 problems in flow files:', ...lines(error.problems)]);
    expect(error.context).toEqual({ problems: error.problems });
  });

  it('counts JSON lines too', () => {
    const json = [
      '{',
      '  "specVersion": 1,',
      '  "flow": "help",',
      '  "start": "explain",',
      '  "steps": [',
      '    { "id": "explain", "type": "message", "text": { "en": "Hi" }, "next": "explain" }',
      '  ]',
      '}',
    ].join('\n');
    const dir = scratchDir({ 'help.flow.json': json });
    expect(lines(failure(() => loadFlows(dir, OPTIONS)).problems)).toEqual([
      `${dir}/help.flow.json:6: flow[help] step[explain] text.hi: required`,
    ]);
  });

  it('refuses a directory without flow files, and one that cannot be read', () => {
    const empty = scratchDir({ 'notes.yaml': 'a: 1\n' });
    expect(lines(failure(() => loadFlows(empty, OPTIONS)).problems)).toEqual([
      `${empty}: no *.flow.yaml or *.flow.json files`,
    ]);
    const missing = join(empty, 'missing');
    const [problem] = failure(() => loadFlows(missing, OPTIONS)).problems;
    expect(problem).toMatchObject({ file: missing, rule: 'unreadable' });
    expect(problem?.message).toContain('ENOENT');
  });

  it('reports a file that is not a flow object at all', () => {
    const dir = scratchDir({ 'a.flow.yaml': '- just\n- a list\n', 'b.flow.yaml': '' });
    expect(lines(failure(() => loadFlows(dir, OPTIONS)).problems)).toEqual([
      `${dir}/a.flow.yaml:1: expected object, got array`,
      `${dir}/b.flow.yaml: expected object, got null`,
    ]);
  });
});

describe('listFlowFiles', () => {
  it('lists *.flow.yaml, *.flow.yml and *.flow.json files by name, and nothing else', () => {
    const dir = scratchDir({
      'b.flow.json': '{}',
      'a.flow.yml': '',
      'c.flow.yaml': '',
      'catalog.yaml': '',
      'x.txt': '',
    });
    expect(listFlowFiles(dir)).toEqual(['a.flow.yml', 'b.flow.json', 'c.flow.yaml'].map((name) => join(dir, name)));
  });
});

describe('loadFlowFile', () => {
  it('returns the parsed flow of a good file', () => {
    const flow = loadFlowFile(join(GOOD, 'help.flow.json'));
    expect(flow.flow).toBe('help');
    expect(flow.triggers.keywords).toEqual(['help', 'madad', 'मदद']);
  });

  it('checks structure only and throws the schema problems', () => {
    const file = join(BROKEN, 'schema', 'seller_registration.flow.yaml');
    expect(failure(() => loadFlowFile(file)).problems).toHaveLength(5);
    // A graph problem is not its business: that needs the whole set.
    expect(loadFlowFile(join(BROKEN, 'unknown-destination', 'seller_registration.flow.yaml')).flow).toBe(
      'seller_registration',
    );
  });
});

describe('renderMermaid', () => {
  const diagram = (flowId: string) => {
    const flow = loadFlows(GOOD, OPTIONS).flows.get(flowId);
    if (flow === undefined) throw new Error(`no flow ${flowId}`);
    return renderMermaid(flow).split('\n');
  };

  it('draws one node per step, shaped by type, labelled with id, type and English text', () => {
    const seller = diagram('seller_registration');
    expect(seller[0]).toBe('flowchart TD');
    expect(seller).toContain('  flow_start((start)) --> s_welcome');
    expect(seller).toContain('  s_welcome["welcome (message)<br/>Registration takes 2 minutes."]');
    expect(seller).toContain(
      '  s_ask_product[/"ask_product (ask choice)<br/>What does {{answers.seller_name}} sell?"/]',
    );
    expect(seller).toContain('  s_check_exporter{"check_exporter (branch)"}');
    expect(seller).toContain('  s_register[["register (action register_seller)"]]');
    expect(seller).toContain('  s_officer{{"officer (handoff)<br/>An officer will help you."}}');
    // Shortened to 40 characters, the last one an ellipsis.
    expect(seller).toContain('  s_done(["done (end)<br/>Thank you! Your registration number is …"])');
    expect(seller.filter((line) => /^ {2}s_\w+[[({]/.test(line))).toHaveLength(10);
  });

  it('labels edges by case, default, fail and error, and links other flows as their own nodes', () => {
    const seller = diagram('seller_registration');
    expect(seller).toContain('  s_check_exporter -->|"answers.ask_exporter = true"| s_register');
    expect(seller).toContain('  s_check_exporter -->|"otherwise"| s_first_export_tip');
    expect(seller).toContain('  s_ask_capacity -.->|"fail"| s_officer');
    expect(seller).toContain('  s_register -.->|"error"| s_officer');
    expect(seller).toContain('  s_register --> s_done');

    const menu = diagram('main_menu');
    expect(menu).toContain('  f_seller_registration>"flow:seller_registration"]');
    expect(menu).toContain('  s_choose -->|"Sell my produce"| f_seller_registration');
    expect(menu).toContain('  s_choose -->|"Talk to an officer"| s_officer');
  });

  it('escapes what Mermaid would read as syntax', () => {
    const flow = FlowSchema.parse({
      specVersion: 1,
      flow: 'odd',
      start: 'end',
      steps: [{ id: 'end', type: 'end', text: { hi: 'x', en: 'Say "hi" <b>#1</b> | a & b' } }],
    });
    expect(renderMermaid(flow)).toContain(
      '  s_end(["end (end)<br/>Say #34;hi#34; #60;b#62;#35;1#60;/b#62; #124; a #38; b"])',
    );
  });
});
