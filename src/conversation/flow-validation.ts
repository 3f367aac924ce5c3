/**
 * The second layer of flow validation: rules over the graph of steps, across every flow at once. The schema
 * (flow-schema.ts) has already checked each file's structure; these rules check what a schema cannot see:
 * destinations exist, every step can be reached and left, every text is translated, every variable is defined.
 *
 * Pure: flows in, problems out. The loader (flow-loader.ts) reads the files and adds line numbers.
 */
import {
  type AskStep,
  type ChoiceOptionDef,
  type Condition,
  type Destination,
  type Flow,
  LANGUAGES,
  type LocalizedText,
  type Step,
} from './flow-schema.js';

/** Graph rules, by the stable name each problem carries. */
export const GRAPH_RULES = [
  'duplicate-flow',
  'duplicate-step',
  'duplicate-option',
  'unknown-start',
  'unknown-destination',
  'unknown-action',
  'unreachable-step',
  'dead-end',
  'missing-translation',
  'missing-variable',
  'goto-self',
] as const;
export type GraphRule = (typeof GRAPH_RULES)[number];

/** Problems found while reading files, before the graph rules can run (see flow-loader.ts). */
export const LOAD_RULES = ['unreadable', 'no-flows', 'yaml-syntax', 'schema'] as const;
export type LoadRule = (typeof LOAD_RULES)[number];

/** Keys from a flow document's root to one of its nodes, e.g. `['steps', 3, 'options', 0, 'next']`. */
export type DocPath = readonly (string | number)[];

export interface ProblemLocation {
  flow?: string;
  step?: string;
  /** The field inside the step (or the flow) in flow terms, e.g. `options[kg].next` or `text.hi`. */
  field?: string;
}

export interface FlowProblem extends ProblemLocation {
  /** The file as the loader was given it, e.g. `flows/seller.flow.yaml`. */
  file: string;
  /** 1-based line of the offending node, when the loader could find it. */
  line?: number;
  /** Where in the document the problem is; `field` is this path in words. */
  path: DocPath;
  rule: GraphRule | LoadRule;
  message: string;
}

export interface GraphRuleOptions {
  /** Names of the registered actions (`registeredActionNames()` in actions/registry.ts). */
  knownActions: ReadonlySet<string>;
  /** Fields of the user record that `{{user.<field>}}` may name, e.g. name, language, phone, profileName. */
  userFields: ReadonlySet<string>;
  /** Further namespaces (or whole variable paths) the engine provides, e.g. `bot` for `{{bot.support_phone}}`. */
  contextVariables?: ReadonlySet<string>;
  /** Flow ids defined by files that failed the schema: references to them are not reported a second time. */
  knownFlows?: ReadonlySet<string>;
}

/** A flow and the file it came from, so that problems can name the file. */
export interface SourcedFlow {
  file: string;
  flow: Flow;
}

/** Checks every graph rule over `flows` and returns the problems in file order, then step order. */
export function validateFlowGraph(flows: readonly SourcedFlow[], options: GraphRuleOptions): FlowProblem[] {
  const flowIds = new Set([...flows.map(({ flow }) => flow.flow), ...(options.knownFlows ?? [])]);
  const firstFileOfFlow = new Map<string, string>();
  const problems: FlowProblem[] = [];
  for (const { file, flow } of flows) {
    const hits: RuleHit[] = [];
    const firstFile = firstFileOfFlow.get(flow.flow);
    if (firstFile === undefined) firstFileOfFlow.set(flow.flow, file);
    else hits.push(hit('duplicate-flow', ['flow'], `flow id already defined in ${firstFile}`));
    const context: FlowContext = { flow, stepById: firstStepById(flow), flowIds, options };
    for (const rule of FLOW_RULES) hits.push(...rule(context));
    problems.push(...sortByStep(hits).map((found) => toProblem(file, flow, found)));
  }
  return problems;
}

/** One line per problem: `flows/seller.flow.yaml:12: flow[seller] step[ask_qty] next: unknown destination step 'x'`. */
export function formatFlowProblem(problem: FlowProblem): string {
  const where: string[] = [];
  if (problem.flow) where.push(`flow[${problem.flow}]`);
  if (problem.step) where.push(`step[${problem.step}]`);
  if (problem.field) where.push(problem.field);
  const file = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return where.length === 0 ? `${file}: ${problem.message}` : `${file}: ${where.join(' ')}: ${problem.message}`;
}

/**
 * Names the flow, the step and the field a document path points at, in the words a flow author uses: step and
 * option indexes become their ids when they have one. Works on raw parsed YAML too, so schema errors read the same.
 */
export function describeLocation(doc: unknown, path: DocPath): ProblemLocation {
  const flow = idOf(doc, 'flow');
  const stepIndex = path[0] === 'steps' && typeof path[1] === 'number' ? path[1] : undefined;
  const step = stepIndex === undefined ? undefined : idOf(valueAt(doc, ['steps', stepIndex]), 'id');
  // `flow[seller] flow: ...` would say the same thing twice.
  const field =
    path.length === 1 && path[0] === 'flow' && flow ? '' : describeField(doc, path, step === undefined ? 0 : 2);
  return { ...(flow && { flow }), ...(step && { step }), ...(field && { field }) };
}

/** A way out of a step, with what the engine follows it on. */
export type StepEdge = { to: Destination; path: DocPath } & (
  | { kind: 'next' | 'default' | 'fail' | 'error' }
  | { kind: 'option'; option: ChoiceOptionDef }
  | { kind: 'case'; when: Condition }
);

/** Every way out of a step; paths are relative to the step. */
export function stepEdges(step: Step): StepEdge[] {
  switch (step.type) {
    case 'message':
    case 'goto':
      return [{ kind: 'next', to: step.next, path: ['next'] }];
    case 'action':
      return [
        { kind: 'next', to: step.next, path: ['next'] },
        ...(step.onError === undefined ? [] : [{ kind: 'error' as const, to: step.onError, path: ['onError'] }]),
      ];
    case 'ask':
      return [
        ...routingOptions(step).flatMap((option, index): StepEdge[] =>
          option.next === undefined
            ? []
            : [{ kind: 'option', option, to: option.next, path: ['options', index, 'next'] }],
        ),
        ...(step.next === undefined ? [] : [{ kind: 'next' as const, to: step.next, path: ['next'] }]),
        ...(step.onFail === undefined ? [] : [{ kind: 'fail' as const, to: step.onFail, path: ['onFail'] }]),
      ];
    case 'branch':
      return [
        ...step.cases.map(
          (branchCase, index): StepEdge => ({
            kind: 'case',
            when: branchCase.when,
            to: branchCase.next,
            path: ['cases', index, 'next'],
          }),
        ),
        { kind: 'default', to: step.default, path: ['default'] },
      ];
    case 'handoff':
    case 'end':
      return [];
  }
}

/** The options of a choice question; other questions have none. */
export function choiceOptions(step: AskStep): readonly ChoiceOptionDef[] {
  return step.input === 'choice' || step.input === 'multi_choice' ? step.options : [];
}

/** Options whose `next` the engine follows: a single choice's. Several chosen options cannot each lead somewhere. */
function routingOptions(step: AskStep): readonly ChoiceOptionDef[] {
  return step.input === 'choice' ? step.options : [];
}

const TEMPLATE_VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VARIABLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** The variable paths a template names, once each in order of appearance: `'Hi {{ user.name }}'` → `['user.name']`. */
export function templateVariables(template: string): string[] {
  return unique([...template.matchAll(TEMPLATE_VARIABLE)].map((match) => match[1] ?? ''));
}

interface FlowContext {
  flow: Flow;
  /** The first step with each id; a later step with the same id is a `duplicate-step`. */
  stepById: ReadonlyMap<string, Step>;
  flowIds: ReadonlySet<string>;
  options: GraphRuleOptions;
}

interface RuleHit {
  rule: GraphRule;
  path: DocPath;
  message: string;
}

type FlowRule = (context: FlowContext) => RuleHit[];

const FLOW_RULES: readonly FlowRule[] = [
  duplicateSteps,
  duplicateOptions,
  unknownStart,
  unknownDestinations,
  unknownActions,
  unreachableSteps,
  deadEnds,
  missingTranslations,
  missingVariables,
  gotoSelf,
];

function duplicateSteps({ flow, stepById }: FlowContext): RuleHit[] {
  return eachStep(flow, (step, at) =>
    stepById.get(step.id) === step ? [] : [hit('duplicate-step', at, `duplicate step id '${step.id}'`)],
  );
}

/** Option ids are what an interactive reply sends back, so two equal ids make the reply ambiguous. */
function duplicateOptions({ flow }: FlowContext): RuleHit[] {
  return eachStep(flow, (step, at) => {
    if (step.type !== 'ask') return [];
    const ids = choiceOptions(step).map((option) => option.id);
    return ids.flatMap((id, index) =>
      ids.indexOf(id) === index
        ? []
        : [hit('duplicate-option', [...at, 'options', index], `duplicate option id '${id}'`)],
    );
  });
}

function unknownStart({ flow, stepById }: FlowContext): RuleHit[] {
  return stepById.has(flow.start) ? [] : [hit('unknown-start', ['start'], `unknown start step '${flow.start}'`)];
}

function unknownDestinations({ flow, stepById, flowIds }: FlowContext): RuleHit[] {
  return eachStep(flow, (step, at) =>
    stepEdges(step).flatMap(({ to, path }) => {
      if (typeof to === 'string') {
        return stepById.has(to)
          ? []
          : [hit('unknown-destination', [...at, ...path], `unknown destination step '${to}'`)];
      }
      return flowIds.has(to.flow)
        ? []
        : [hit('unknown-destination', [...at, ...path], `unknown destination flow '${to.flow}'`)];
    }),
  );
}

function unknownActions({ flow, options }: FlowContext): RuleHit[] {
  const registered =
    options.knownActions.size === 0 ? 'no actions are registered' : `registered: ${list(options.knownActions)}`;
  return eachStep(flow, (step, at) =>
    step.type !== 'action' || options.knownActions.has(step.action)
      ? []
      : [hit('unknown-action', [...at, 'action'], `unknown action '${step.action}' (${registered})`)],
  );
}

/** Without a known start every step would be unreachable, so that case is left to `unknown-start`. */
function unreachableSteps({ flow, stepById }: FlowContext): RuleHit[] {
  if (!stepById.has(flow.start)) return [];
  const reached = new Set([flow.start]);
  const pending = [flow.start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const step = stepById.get(id);
    for (const { to } of step === undefined ? [] : stepEdges(step)) {
      if (typeof to === 'string' && !reached.has(to)) {
        reached.add(to);
        pending.push(to);
      }
    }
  }
  return eachStep(flow, (step, at) =>
    reached.has(step.id) || stepById.get(step.id) !== step
      ? []
      : [hit('unreachable-step', at, `not reachable from start step '${flow.start}'`)],
  );
}

/**
 * Message, action and goto steps must have `next` by schema, so only a question can leave the user stranded: it
 * needs `next`, or (for a single choice) a `next` on every option.
 */
function deadEnds({ flow }: FlowContext): RuleHit[] {
  return eachStep(flow, (step, at) => {
    if (step.type !== 'ask' || step.next !== undefined) return [];
    const options = routingOptions(step);
    if (options.length === 0) return [hit('dead-end', at, 'no way forward: a question needs next')];
    const stranded = options.filter((option) => option.next === undefined).map((option) => `'${option.id}'`);
    if (stranded.length === 0) return [];
    const message = `no way forward after option ${stranded.join(', ')}: give the step a next, or every option a next`;
    return [hit('dead-end', at, message)];
  });
}

function missingTranslations({ flow }: FlowContext): RuleHit[] {
  return eachStep(flow, (step, at) =>
    localizedTexts(step).flatMap(({ path, text }): RuleHit[] => {
      const blank = LANGUAGES.filter((language) => text[language].trim() === '');
      if (blank.length > 0) {
        return blank.map((language) => hit('missing-translation', [...at, ...path, language], 'blank translation'));
      }
      const mismatch = describeVariableMismatch(text);
      return mismatch === undefined ? [] : [hit('missing-translation', [...at, ...path], mismatch)];
    }),
  );
}

function describeVariableMismatch(text: LocalizedText): string | undefined {
  const [hi, en] = [templateVariables(text.hi), templateVariables(text.en)];
  const onlyIn = (these: string[], others: string[]) => these.filter((name) => !others.includes(name));
  const parts = [
    ...onlyIn(hi, en).map((name) => `{{${name}}} only in hi`),
    ...onlyIn(en, hi).map((name) => `{{${name}}} only in en`),
  ];
  return parts.length === 0 ? undefined : `hi and en use different variables: ${parts.join(', ')}`;
}

function missingVariables(context: FlowContext): RuleHit[] {
  const saved = savedAnswers(context.flow);
  return eachStep(context.flow, (step, at) =>
    variableUses(step).flatMap(({ path, variable, shown }) => {
      const reason = undefinedVariableReason(variable, saved, context.options);
      return reason === undefined ? [] : [hit('missing-variable', [...at, ...path], `${shown}: ${reason}`)];
    }),
  );
}

function gotoSelf({ flow }: FlowContext): RuleHit[] {
  return eachStep(flow, (step, at) =>
    step.type === 'goto' && step.next === step.id ? [hit('goto-self', [...at, 'next'], 'goes to itself')] : [],
  );
}

/** What `answers.<name>` can name in this flow: what questions and actions save. */
function savedAnswers(flow: Flow): Set<string> {
  return new Set(
    flow.steps.flatMap((step) => {
      if (step.type === 'ask') return [step.save ?? step.id];
      if (step.type === 'action' && step.save !== undefined) return [step.save];
      return [];
    }),
  );
}

function undefinedVariableReason(
  variable: string,
  saved: ReadonlySet<string>,
  options: GraphRuleOptions,
): string | undefined {
  if (!VARIABLE_PATH.test(variable)) return 'not a variable path (write {{namespace.name}})';
  const [namespace = '', field] = variable.split('.');
  const context = options.contextVariables ?? new Set<string>();
  if (namespace === 'user' || namespace === 'answers') {
    if (field === undefined) return `names no field (write {{${namespace}.<field>}})`;
    if (namespace === 'answers') return saved.has(field) ? undefined : `no step in this flow saves '${field}'`;
    return options.userFields.has(field) ? undefined : `'${field}' is not a user field (${list(options.userFields)})`;
  }
  if (context.has(namespace) || context.has(variable)) return undefined;
  return `unknown namespace '${namespace}' (use ${list(new Set(['answers', 'user', ...context]))})`;
}

interface VariableUse {
  path: DocPath;
  variable: string;
  /** How the use reads in the file: `{{user.name}}` in a template, `answers.exporter` in a condition. */
  shown: string;
}

/** Every variable a step names: in its texts, its action inputs and its branch conditions. */
function variableUses(step: Step): VariableUse[] {
  const inTemplate = (path: DocPath, template: string) =>
    templateVariables(template).map((variable) => ({ path, variable, shown: `{{${variable}}}` }));
  const texts = localizedTexts(step).flatMap(({ path, text }) =>
    unique([...templateVariables(text.hi), ...templateVariables(text.en)]).map((variable) => ({
      path,
      variable,
      shown: `{{${variable}}}`,
    })),
  );
  if (step.type === 'action') {
    const inputs = Object.entries(step.with).flatMap(([key, value]) =>
      typeof value === 'string' ? inTemplate(['with', key], value) : [],
    );
    return [...texts, ...inputs];
  }
  if (step.type === 'branch') {
    return step.cases.map(({ when }, index) => ({
      path: ['cases', index, 'when', 'var'],
      variable: when.var,
      shown: when.var,
    }));
  }
  return texts;
}

/** Every user-facing text of a step, with its path relative to the step. */
function localizedTexts(step: Step): { path: DocPath; text: LocalizedText }[] {
  switch (step.type) {
    case 'message':
    case 'handoff':
      return [{ path: ['text'], text: step.text }];
    case 'end':
      return step.text === undefined ? [] : [{ path: ['text'], text: step.text }];
    case 'ask':
      return [
        { path: ['prompt'], text: step.prompt },
        ...(step.reprompt === undefined ? [] : [{ path: ['reprompt'], text: step.reprompt }]),
        ...choiceOptions(step).flatMap((option, index) => [
          { path: ['options', index, 'title'], text: option.title },
          ...(option.description === undefined
            ? []
            : [{ path: ['options', index, 'description'], text: option.description }]),
        ]),
      ];
    case 'branch':
    case 'action':
    case 'goto':
      return [];
  }
}

function eachStep(flow: Flow, check: (step: Step, at: DocPath) => RuleHit[]): RuleHit[] {
  return flow.steps.flatMap((step, index) => check(step, ['steps', index]));
}

function firstStepById(flow: Flow): Map<string, Step> {
  const byId = new Map<string, Step>();
  for (const step of flow.steps) if (!byId.has(step.id)) byId.set(step.id, step);
  return byId;
}

function hit(rule: GraphRule, path: DocPath, message: string): RuleHit {
  return { rule, path, message };
}

/** Flow-level problems first, then each step's in file order; within a step, rules keep their order. */
function sortByStep(hits: RuleHit[]): RuleHit[] {
  const stepIndex = ({ path }: RuleHit) => (path[0] === 'steps' && typeof path[1] === 'number' ? path[1] : -1);
  return [...hits].sort((a, b) => stepIndex(a) - stepIndex(b));
}

function toProblem(file: string, flow: Flow, { rule, path, message }: RuleHit): FlowProblem {
  return { file, ...describeLocation(flow, path), path, rule, message };
}

function describeField(doc: unknown, path: DocPath, from: number): string {
  let node = valueAt(doc, path.slice(0, from));
  let field = '';
  for (const key of path.slice(from)) {
    const child = valueAt(node, [key]);
    if (typeof key === 'number') field += `[${idOf(child, 'id') ?? key}]`;
    else field += field === '' ? key : `.${key}`;
    node = child;
  }
  return field;
}

/** The value at `path` inside plain data (parsed YAML, a Flow), or undefined when the path does not exist. */
export function valueAt(value: unknown, path: DocPath): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function idOf(value: unknown, key: string): string | undefined {
  const id = valueAt(value, [key]);
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function list(names: ReadonlySet<string>): string {
  return [...names].sort().join(', ');
}
