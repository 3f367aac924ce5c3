/**
 * Reads flow files and validates them in two layers: each file against the schema (flow-schema.ts), then the graph
 * rules across the whole set (flow-validation.ts). Every problem of every file is collected and thrown as one
 * FlowValidationError, so an author fixes them all in one pass rather than one per start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { type Flow, FlowSchema, type Step, StepSchema } from './flow-schema.js';
import {
  type DocPath,
  describeLocation,
  type FlowProblem,
  formatFlowProblem,
  type GraphRuleOptions,
  type SourcedFlow,
  validateFlowGraph,
  valueAt,
} from './flow-validation.js';

/** `.yml` is accepted too: a file silently skipped for its extension would be worse than a second spelling. */
const FLOW_FILE = /\.flow\.(yaml|yml|json)$/;

/** Flow files that break the schema or the graph rules; `problems` lists all of them, the message one per line. */
export class FlowValidationError extends AppError {
  readonly problems: readonly FlowProblem[];

  constructor(problems: readonly FlowProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('FLOW_INVALID', `${count} in flow files:\n${problems.map(formatFlowProblem).join('\n')}`, { problems });
    this.problems = problems;
  }
}

/** The validated flows of a directory, by flow id. */
export interface FlowSet {
  readonly flows: ReadonlyMap<string, Flow>;
  /** The step `stepId` of flow `flowId`, or undefined when either does not exist. */
  step(flowId: string, stepId: string): Step | undefined;
}

/** The flow files of `dir` (not its subdirectories), sorted by name, as `join(dir, name)`. */
export function listFlowFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => FLOW_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Reads one flow file and checks its structure. Graph rules need the whole set: use `loadFlows` to run them. */
export function loadFlowFile(path: string): Flow {
  const { flow, problems } = readFlowFile(path);
  if (flow === undefined || problems.length > 0) throw new FlowValidationError(problems);
  return flow;
}

/** Reads every flow file of `dir`, checks the schema and then the graph rules, and throws if anything is wrong. */
export function loadFlows(dir: string, rules: GraphRuleOptions): FlowSet {
  const files = readFlowDirectory(dir);
  const valid = files.flatMap(({ file, flow }): SourcedFlow[] => (flow === undefined ? [] : [{ file, flow }]));
  const declaredElsewhere = files.flatMap(({ flow, declaredFlowId }) =>
    flow || !declaredFlowId ? [] : [declaredFlowId],
  );
  const knownFlows = new Set([...(rules.knownFlows ?? []), ...declaredElsewhere]);
  const lineFinders = new Map(files.map(({ file, lineOf }) => [file, lineOf]));
  const graphProblems = validateFlowGraph(valid, { ...rules, knownFlows }).map((problem) =>
    withLine(problem, lineFinders.get(problem.file)),
  );
  const problems = sortByFileAndLine([...files.flatMap((file) => file.problems), ...graphProblems], files);
  if (problems.length > 0) throw new FlowValidationError(problems);
  return createFlowSet(valid.map(({ flow }) => flow));
}

function readFlowDirectory(dir: string): ReadFile[] {
  let files: string[];
  try {
    files = listFlowFiles(dir);
  } catch (error) {
    throw new FlowValidationError([{ file: dir, path: [], rule: 'unreadable', message: describeError(error) }]);
  }
  if (files.length === 0) {
    throw new FlowValidationError([
      { file: dir, path: [], rule: 'no-flows', message: 'no *.flow.yaml or *.flow.json files' },
    ]);
  }
  return files.map(readFlowFile);
}

function createFlowSet(flows: readonly Flow[]): FlowSet {
  const byId = new Map(flows.map((flow) => [flow.flow, flow]));
  const stepsByFlow = new Map(flows.map((flow) => [flow.flow, new Map(flow.steps.map((step) => [step.id, step]))]));
  return { flows: byId, step: (flowId, stepId) => stepsByFlow.get(flowId)?.get(stepId) };
}

type LineFinder = (path: DocPath) => number | undefined;

interface ReadFile {
  file: string;
  /** Present when the file passed the schema. */
  flow?: Flow;
  /** The `flow:` id of a file that failed the schema, so that references to it are not reported as unknown. */
  declaredFlowId?: string;
  problems: FlowProblem[];
  lineOf: LineFinder;
}

/** YAML and JSON alike go through the YAML parser, which keeps positions (JSON is YAML) for line numbers. */
function readFlowFile(file: string): ReadFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, problems: [{ file, path: [], rule: 'unreadable', message: describeError(error) }], lineOf: noLine };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf: LineFinder = (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const syntaxProblems = doc.errors.map(
    (error): FlowProblem => ({
      file,
      line: lineCounter.linePos(error.pos[0]).line,
      path: [],
      rule: 'yaml-syntax',
      message: error.message,
    }),
  );
  if (syntaxProblems.length > 0) return { file, problems: syntaxProblems, lineOf };

  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = FlowSchema.safeParse(raw, { error: explainIssue });
  if (parsed.success) return { file, flow: parsed.data, problems: [], lineOf };
  const declared = valueAt(raw, ['flow']);
  return {
    file,
    ...(typeof declared === 'string' && { declaredFlowId: declared }),
    problems: parsed.error.issues
      .flatMap((issue) => [...plainIssues(issue, raw)])
      .map(
        ({ path, message }): FlowProblem =>
          withLine({ file, ...describeLocation(raw, path), path, rule: 'schema', message }, lineOf),
      ),
    lineOf,
  };
}

interface PlainIssue {
  path: DocPath;
  message: string;
}

/** A zod issue as the problems an author can act on: one per unknown key, and a union's one meant alternative. */
function* plainIssues(issue: z.core.$ZodIssue, root: unknown): Generator<PlainIssue> {
  const path = toDocPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) yield { path: [...path, key], message: 'unknown key' };
  } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const value = valueAt(root, path);
    const meant = meantAlternative(issue.errors, value, path);
    if (meant === undefined) yield { path, message: describeNoAlternative(issue.errors, value) };
    else for (const inner of meant) yield* plainIssues({ ...inner, path: [...issue.path, ...inner.path] }, root);
  } else {
    yield { path, message: issue.message };
  }
}

/**
 * StepSchema's alternatives keyed by `type`. StepSchema is a plain union, whose error lists how a step failed every
 * alternative; parsing the failed step again with this gives only the errors of the type the step names.
 */
const StepByType = z.discriminatedUnion('type', StepSchema.options);

/**
 * The alternative of a union the author meant: for a step, the one its `type` names; otherwise the only one that
 * accepts the value's basic type (a destination is a step id string or a `{ flow }` object).
 */
function meantAlternative(
  alternatives: readonly z.core.$ZodIssue[][],
  value: unknown,
  path: DocPath,
): readonly z.core.$ZodIssue[] | undefined {
  if (path.length === 2 && path[0] === 'steps') {
    const reparsed = StepByType.safeParse(value, { error: explainIssue });
    if (!reparsed.success) return reparsed.error.issues;
  }
  const plausible = alternatives.filter((issues) => !issues.some(isWrongBasicType));
  return plausible.length === 1 ? plausible[0] : undefined;
}

function isWrongBasicType(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0;
}

function describeNoAlternative(alternatives: readonly z.core.$ZodIssue[][], value: unknown): string {
  const expected = alternatives.flatMap((issues) =>
    issues.flatMap((issue) => (issue.code === 'invalid_type' && issue.path.length === 0 ? [issue.expected] : [])),
  );
  if (expected.length === alternatives.length)
    return `expected ${[...new Set(expected)].join(' or ')}, got ${typeName(value)}`;
  return 'matches none of the allowed forms';
}

/** Zod messages in flow authors' words ("required" rather than "expected string, received undefined"). */
function explainIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map(show).join(' or ')}, got ${show(issue.input)}`;
    case 'invalid_union':
      return issue.discriminator === undefined ? undefined : explainDiscriminator(issue.discriminator, issue);
    case 'too_small':
      return explainBound('at least', issue.origin, issue.minimum);
    case 'too_big':
      return explainBound('at most', issue.origin, issue.maximum);
    default:
      return undefined;
  }
}

function explainDiscriminator(discriminator: string, issue: z.core.$ZodRawIssue): string {
  const allowed = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String).join(', ') : '';
  const given = valueAt(issue.input, [discriminator]);
  return given === undefined ? `required (one of ${allowed})` : `expected one of ${allowed}, got ${show(given)}`;
}

function explainBound(bound: 'at least' | 'at most', origin: string, limit: number | bigint): string | undefined {
  if (origin === 'array') return `needs ${bound} ${limit} ${limit === 1 ? 'item' : 'items'}`;
  if (origin === 'string')
    return limit === 1 && bound === 'at least' ? 'must not be empty' : `needs ${bound} ${limit} characters`;
  if (origin === 'number' || origin === 'int') return `must be ${bound} ${limit}`;
  return undefined;
}

function withLine(problem: FlowProblem, lineOf: LineFinder | undefined): FlowProblem {
  const line = lineOf?.(problem.path);
  return line === undefined ? problem : { ...problem, line };
}

/** Problems read top to bottom: files in directory order, lines in file order, unlocated ones first. */
function sortByFileAndLine(problems: FlowProblem[], files: readonly ReadFile[]): FlowProblem[] {
  const fileOrder = new Map(files.map(({ file }, index) => [file, index]));
  const key = (problem: FlowProblem) => [fileOrder.get(problem.file) ?? -1, problem.line ?? 0] as const;
  return [...problems].sort((a, b) => {
    const [fileA, lineA] = key(a);
    const [fileB, lineB] = key(b);
    return fileA - fileB || lineA - lineB;
  });
}

function toDocPath(path: readonly PropertyKey[]): DocPath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function noLine(): undefined {
  return undefined;
}
