import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listFlowFiles, loadFlowFile } from '../../src/conversation/flow-loader.js';
import { type Flow, FlowSchema } from '../../src/conversation/flow-schema.js';
import {
  describeLocation,
  type FlowProblem,
  formatFlowProblem,
  GRAPH_RULES,
  type GraphRule,
  type GraphRuleOptions,
  stepEdges,
  templateVariables,
  validateFlowGraph,
} from '../../src/conversation/flow-validation.js';

/** Relative to the working directory, as a script would name them, so the expected lines read naturally. */
const FIXTURES = relative(process.cwd(), fileURLToPath(new URL('../fixtures', import.meta.url)));
const BROKEN = join(FIXTURES, 'flows-broken');

const OPTIONS: GraphRuleOptions = {
  knownActions: new Set(['register_seller', 'notify_admins']),
  userFields: new Set(['name', 'language', 'phone', 'profileName']),
  contextVariables: new Set(['bot']),
};

function validateDirectory(dir: string, options = OPTIONS): FlowProblem[] {
  return validateFlowGraph(
    listFlowFiles(dir).map((file) => ({ file, flow: loadFlowFile(file) })),
    options,
  );
}

/** A flow from its steps, through the schema so that defaults are filled in as the loader would. */
function flowOf(steps: unknown[], start = 'first'): Flow {
  return FlowSchema.parse({ specVersion: 1, flow: 'test', start, steps });
}

const text = (en: string, hi = en) => ({ hi, en });

/**
 * One fixture directory per rule, and every line it must produce, exactly. Lines carry no line numbers here: the
 * loader adds those (see flow-loader.test.ts).
 */
const EXPECTED: Record<GraphRule, (dir: string) => string[]> = {
  'duplicate-flow': (dir) => [
    `${dir}/greeting_copy.flow.yaml: flow[greeting]: flow id already defined in ${dir}/greeting.flow.yaml`,
  ],
  'duplicate-step': (dir) => [`${dir}/greeting.flow.yaml: flow[greeting] step[bye]: duplicate step id 'bye'`],
  'duplicate-option': (dir) => [
    `${dir}/language.flow.yaml: flow[language] step[pick] options[hindi]: duplicate option id 'hindi'`,
  ],
  'unknown-start': (dir) => [`${dir}/greeting.flow.yaml: flow[greeting] start: unknown start step 'welcome'`],
  'unknown-destination': (dir) => [
    `${dir}/seller_registration.flow.yaml: flow[seller_registration] step[ask_qty] next: unknown destination step 'ask_units'`,
    `${dir}/seller_registration.flow.yaml: flow[seller_registration] step[leave] next: unknown destination flow 'buyer_inquiry'`,
  ],
  'unknown-action': (dir) => [
    `${dir}/seller_registration.flow.yaml: flow[seller_registration] step[register] action: unknown action 'send_sms' (registered: notify_admins, register_seller)`,
  ],
  'unreachable-step': (dir) => [
    `${dir}/greeting.flow.yaml: flow[greeting] step[orphan]: not reachable from start step 'hello'`,
  ],
  'dead-end': (dir) => [
    `${dir}/seller_registration.flow.yaml: flow[seller_registration] step[ask_product]: no way forward after option 'soybean': give the step a next, or every option a next`,
    `${dir}/seller_registration.flow.yaml: flow[seller_registration] step[ask_name]: no way forward: a question needs next`,
  ],
  'missing-translation': (dir) => [
    `${dir}/greeting.flow.yaml: flow[greeting] step[hello] text.hi: blank translation`,
    `${dir}/greeting.flow.yaml: flow[greeting] step[ask_city] prompt: hi and en use different variables: {{user.name}} only in en`,
  ],
  'missing-variable': (dir) => [
    `${dir}/inquiry.flow.yaml: flow[inquiry] step[summary] text: {{usr.name}}: unknown namespace 'usr' (use answers, bot, user)`,
    `${dir}/inquiry.flow.yaml: flow[inquiry] step[summary] text: {{user.fullname}}: 'fullname' is not a user field (language, name, phone, profileName)`,
    `${dir}/inquiry.flow.yaml: flow[inquiry] step[summary] text: {{answers.qty}}: no step in this flow saves 'qty'`,
    `${dir}/inquiry.flow.yaml: flow[inquiry] step[check] cases[0].when.var: answers.exporter: no step in this flow saves 'exporter'`,
  ],
  'goto-self': (dir) => [`${dir}/greeting.flow.yaml: flow[greeting] step[wait] next: goes to itself`],
};

describe('validateFlowGraph: one broken fixture per rule', () => {
  it('has a fixture directory for every rule', () => {
    const directories = readdirSync(BROKEN);
    for (const rule of GRAPH_RULES) expect(directories).toContain(rule);
  });

  it.each(GRAPH_RULES)('%s: reports exactly the expected lines, all under that rule', (rule) => {
    const dir = join(BROKEN, rule);
    const problems = validateDirectory(dir);
    expect(problems.map(formatFlowProblem)).toEqual(EXPECTED[rule](dir));
    expect(new Set(problems.map((problem) => problem.rule))).toEqual(new Set([rule]));
  });
});

describe('validateFlowGraph', () => {
  it('finds nothing wrong with the good multi-flow fixture (YAML and JSON, cross-flow links)', () => {
    expect(validateDirectory(join(FIXTURES, 'flows-good'))).toEqual([]);
  });

  it('gives each problem its file, flow, step, field and document path', () => {
    const [problem] = validateDirectory(join(BROKEN, 'unknown-destination'));
    expect(problem).toEqual({
      file: join(BROKEN, 'unknown-destination', 'seller_registration.flow.yaml'),
      flow: 'seller_registration',
      step: 'ask_qty',
      field: 'next',
      path: ['steps', 0, 'next'],
      rule: 'unknown-destination',
      message: "unknown destination step 'ask_units'",
    });
  });

  it('does not report a flow that the caller knows exists elsewhere', () => {
    const flow = flowOf([{ id: 'first', type: 'goto', next: { flow: 'seller_registration' } }]);
    const options = { ...OPTIONS, knownFlows: new Set(['seller_registration']) };
    expect(validateFlowGraph([{ file: 'menu.flow.yaml', flow }], options)).toEqual([]);
    expect(validateFlowGraph([{ file: 'menu.flow.yaml', flow }], OPTIONS).map((p) => p.rule)).toEqual([
      'unknown-destination',
    ]);
  });

  it('follows option destinations: a choice whose every option has a next needs no next of its own', () => {
    const flow = flowOf([
      {
        id: 'first',
        type: 'ask',
        input: 'choice',
        prompt: text('Pick one'),
        options: [
          { id: 'a', title: text('A'), next: 'done' },
          { id: 'b', title: text('B'), next: 'done' },
        ],
      },
      { id: 'done', type: 'end' },
    ]);
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], OPTIONS)).toEqual([]);
  });

  it('does not take option destinations of a multi_choice as a way forward: the engine follows only its next', () => {
    const flow = flowOf([
      {
        id: 'first',
        type: 'ask',
        input: 'multi_choice',
        prompt: text('Pick any'),
        options: [{ id: 'a', title: text('A'), next: 'done' }],
      },
      { id: 'done', type: 'end' },
    ]);
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], OPTIONS).map(formatFlowProblem)).toEqual([
      'f.flow.yaml: flow[test] step[first]: no way forward: a question needs next',
      "f.flow.yaml: flow[test] step[done]: not reachable from start step 'first'",
    ]);
  });

  it('reports an unknown start once, without calling every step unreachable', () => {
    const flow = flowOf([{ id: 'first', type: 'end' }], 'missing');
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], OPTIONS).map((p) => p.rule)).toEqual(['unknown-start']);
  });

  it('checks variables in option titles, action inputs and both languages', () => {
    const flow = flowOf([
      {
        id: 'first',
        type: 'ask',
        input: 'choice',
        prompt: text('Pick'),
        options: [{ id: 'a', title: text('{{answers.first}} ok', 'ठीक') }],
        next: 'act',
      },
      { id: 'act', type: 'action', action: 'notify_admins', with: { who: '{{user.nick}}', count: 3 }, next: 'done' },
      { id: 'done', type: 'end', text: text('Bye {{ bot.name }}', 'अलविदा {{bot.name}} {{user.age}}') },
    ]);
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], OPTIONS).map(formatFlowProblem)).toEqual([
      'f.flow.yaml: flow[test] step[first] options[a].title: hi and en use different variables: {{answers.first}} only in en',
      "f.flow.yaml: flow[test] step[act] with.who: {{user.nick}}: 'nick' is not a user field (language, name, phone, profileName)",
      'f.flow.yaml: flow[test] step[done] text: hi and en use different variables: {{user.age}} only in hi',
      "f.flow.yaml: flow[test] step[done] text: {{user.age}}: 'age' is not a user field (language, name, phone, profileName)",
    ]);
  });

  it('accepts a context variable named by its namespace or its whole path', () => {
    const flow = flowOf([
      { id: 'first', type: 'message', text: text('{{support_phone}} {{inquiry.id}}'), next: 'done' },
      { id: 'done', type: 'end' },
    ]);
    const options = { ...OPTIONS, contextVariables: new Set(['support_phone', 'inquiry']) };
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], options)).toEqual([]);
    expect(
      validateFlowGraph([{ file: 'f.flow.yaml', flow }], { ...OPTIONS, contextVariables: undefined }).map(
        (p) => p.message,
      ),
    ).toEqual([
      "{{support_phone}}: unknown namespace 'support_phone' (use answers, user)",
      "{{inquiry.id}}: unknown namespace 'inquiry' (use answers, user)",
    ]);
  });

  it('rejects what is not a variable path', () => {
    const flow = flowOf([
      { id: 'first', type: 'message', text: text('{{ user.name | upper }} {{}} {{user}}'), next: 'done' },
      { id: 'done', type: 'end' },
    ]);
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], OPTIONS).map((p) => p.message)).toEqual([
      '{{user.name | upper}}: not a variable path (write {{namespace.name}})',
      '{{}}: not a variable path (write {{namespace.name}})',
      '{{user}}: names no field (write {{user.<field>}})',
    ]);
  });

  it('says so when no action is registered at all', () => {
    const flow = flowOf([
      { id: 'first', type: 'action', action: 'register_seller', next: 'done' },
      { id: 'done', type: 'end' },
    ]);
    const options = { ...OPTIONS, knownActions: new Set<string>() };
    expect(validateFlowGraph([{ file: 'f.flow.yaml', flow }], options).map((p) => p.message)).toEqual([
      "unknown action 'register_seller' (no actions are registered)",
    ]);
  });
});

describe('templateVariables', () => {
  it('reads {{ path }} with or without spaces, once each, in order', () => {
    expect(templateVariables('Hi {{ user.name }} ({{user.name}}): {{answers.qty}} {not} {{ }}')).toEqual([
      'user.name',
      'answers.qty',
      '',
    ]);
  });
});

describe('describeLocation', () => {
  it('names steps and options by id, and falls back to the index where there is none', () => {
    const doc = {
      flow: 'menu',
      steps: [{ id: 'pick', options: [{ id: 'kg', title: {} }] }, { type: 'message' }],
    };
    expect(describeLocation(doc, ['steps', 0, 'options', 0, 'title', 'hi'])).toEqual({
      flow: 'menu',
      step: 'pick',
      field: 'options[kg].title.hi',
    });
    expect(describeLocation(doc, ['steps', 1, 'text'])).toEqual({ flow: 'menu', field: 'steps[1].text' });
    expect(describeLocation(doc, ['steps', 0])).toEqual({ flow: 'menu', step: 'pick' });
    expect(describeLocation({}, ['specVersion'])).toEqual({ field: 'specVersion' });
  });
});

describe('formatFlowProblem', () => {
  it('writes file:line, then what is known of flow, step and field', () => {
    expect(
      formatFlowProblem({ file: 'flows/a.flow.yaml', line: 3, path: [], rule: 'yaml-syntax', message: 'bad' }),
    ).toBe('flows/a.flow.yaml:3: bad');
    const problem: FlowProblem = {
      file: 'flows/seller.flow.yaml',
      flow: 'seller_registration',
      step: 'ask_qty',
      path: ['steps', 2],
      rule: 'unreachable-step',
      message: "not reachable from start step 'welcome'",
    };
    expect(formatFlowProblem(problem)).toBe(
      "flows/seller.flow.yaml: flow[seller_registration] step[ask_qty]: not reachable from start step 'welcome'",
    );
  });
});

describe('stepEdges', () => {
  it('lists a branch’s cases in order, then its default', () => {
    const [branch] = flowOf([
      {
        id: 'first',
        type: 'branch',
        cases: [
          { when: { var: 'answers.a', exists: true }, next: 'a' },
          { when: { var: 'answers.b', equals: 1 }, next: { flow: 'other' } },
        ],
        default: 'c',
      },
    ]).steps;
    expect(branch && stepEdges(branch).map(({ kind, to, path }) => ({ kind, to, path }))).toEqual([
      { kind: 'case', to: 'a', path: ['cases', 0, 'next'] },
      { kind: 'case', to: { flow: 'other' }, path: ['cases', 1, 'next'] },
      { kind: 'default', to: 'c', path: ['default'] },
    ]);
  });
});
