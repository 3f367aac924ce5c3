/**
 * Draws a flow as a Mermaid flowchart, so that an officer or a reviewer can see a conversation without reading YAML.
 * One node per step, shaped by its type; edges say what the engine follows them on.
 */
import type { Condition, Flow, Step, StepType } from './flow-schema.js';
import { type StepEdge, stepEdges } from './flow-validation.js';

const TEXT_LENGTH = 40;
const EDGE_LABEL_LENGTH = 30;

/** Opening and closing brackets of each step type's node shape. */
const SHAPES: Record<StepType, readonly [string, string]> = {
  message: ['[', ']'],
  ask: ['[/', '/]'],
  branch: ['{', '}'],
  action: ['[[', ']]'],
  handoff: ['{{', '}}'],
  end: ['([', '])'],
  goto: ['((', '))'],
};

export function renderMermaid(flow: Flow): string {
  const otherFlows = new Set<string>();
  const edgeLines = flow.steps.flatMap((step) =>
    stepEdges(step).map((edge) => {
      if (typeof edge.to !== 'string') otherFlows.add(edge.to.flow);
      const target = typeof edge.to === 'string' ? stepNodeId(edge.to) : flowNodeId(edge.to.flow);
      return `  ${stepNodeId(step.id)} ${arrow(edge)} ${target}`;
    }),
  );
  return [
    'flowchart TD',
    `  %% flow ${flow.flow}, version ${flow.version}`,
    `  flow_start((start)) --> ${stepNodeId(flow.start)}`,
    ...flow.steps.map((step) => `  ${stepNodeId(step.id)}${shape(SHAPES[step.type], stepLabel(step))}`),
    ...[...otherFlows].map((id) => `  ${flowNodeId(id)}>"${escapeMermaid(`flow:${id}`)}"]`),
    ...edgeLines,
    '',
  ].join('\n');
}

/** Prefixes keep step and flow nodes apart and keep ids off Mermaid's keywords (a step may be called `end`). */
function stepNodeId(stepId: string): string {
  return `s_${stepId.replace(/\W/g, '_')}`;
}

function flowNodeId(flowId: string): string {
  return `f_${flowId.replace(/\W/g, '_')}`;
}

function shape([open, close]: readonly [string, string], label: string): string {
  return `${open}"${label}"${close}`;
}

function stepLabel(step: Step): string {
  const title = escapeMermaid(`${step.id} (${stepKind(step)})`);
  const text = stepText(step);
  return text === undefined ? title : `${title}<br/>${escapeMermaid(shorten(text, TEXT_LENGTH))}`;
}

function stepKind(step: Step): string {
  if (step.type === 'ask') return `ask ${step.input}`;
  if (step.type === 'action') return `action ${step.action}`;
  return step.type;
}

/** The English the user sees at this step, if any. */
function stepText(step: Step): string | undefined {
  switch (step.type) {
    case 'message':
    case 'handoff':
      return step.text.en;
    case 'end':
      return step.text?.en;
    case 'ask':
      return step.prompt.en;
    case 'branch':
    case 'action':
    case 'goto':
      return undefined;
  }
}

function arrow(edge: StepEdge): string {
  const label = edgeLabel(edge);
  const line = edge.kind === 'fail' || edge.kind === 'error' ? '-.->' : '-->';
  return label === undefined ? line : `${line}|"${escapeMermaid(shorten(label, EDGE_LABEL_LENGTH))}"|`;
}

function edgeLabel(edge: StepEdge): string | undefined {
  switch (edge.kind) {
    case 'next':
      return undefined;
    case 'option':
      return edge.option.title.en;
    case 'case':
      return describeCondition(edge.when);
    case 'default':
      return 'otherwise';
    case 'fail':
      return 'fail';
    case 'error':
      return 'error';
  }
}

function describeCondition(condition: Condition): string {
  if (condition.equals !== undefined) return `${condition.var} = ${condition.equals}`;
  if (condition.in !== undefined) return `${condition.var} in ${condition.in.join(', ')}`;
  return condition.exists ? `${condition.var} is set` : `${condition.var} is not set`;
}

/** One line, at most `length` characters (counted in code points, so an emoji is never cut in half). */
function shorten(text: string, length: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length - 1).join('')}…`;
}

/**
 * Mermaid reads quotes, brackets of HTML and pipes inside labels as syntax; its escape is `#<code>;`. `#` is itself
 * escaped so that a literal `#12;` in a text stays text.
 */
function escapeMermaid(text: string): string {
  return text.replace(/[#"<>|&`]/g, (character) => `#${character.codePointAt(0)};`);
}
