/**
 * The shape of a flow file (`flows/*.flow.yaml`): structure only. Graph rules (destinations exist, no dead ends,
 * every text translated, every variable defined) live in `flow-validation.ts`, which runs after this schema.
 *
 * A flow is a list of steps with readable ids. The engine runs steps until one waits for the user (`ask`) or the
 * flow ends, like goflow's nodes with routers and exits.
 */
import { z } from 'zod';
import { INTENTS } from '../nlu/intent.js';

/** The intents a flow can serve: any but `other`, which is what a message means when it is none of them. */
const FLOW_INTENTS = INTENTS.filter((intent) => intent !== 'other') as [string, ...string[]];

export const FLOW_SPEC_VERSION = 1;

export const LANGUAGES = ['hi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A user-facing text in every language; may hold `{{variables}}`. */
export const LocalizedTextSchema = z.object({ hi: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const STEP_ID = /^[a-z][a-z0-9_]*$/;
const StepIdSchema = z.string().regex(STEP_ID, 'step ids are lower_snake_case, starting with a letter');

/** Where to go next: a step of this flow, or the start of another flow. */
export const DestinationSchema = z.union([StepIdSchema, z.object({ flow: z.string().min(1) }).strict()]);
export type Destination = z.infer<typeof DestinationSchema>;

export const ChoiceOptionSchema = z
  .object({
    id: StepIdSchema,
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    /** Extra words that also select this option (any script). */
    synonyms: z.array(z.string().min(1)).default([]),
    next: DestinationSchema.optional(),
  })
  .strict();
export type ChoiceOptionDef = z.infer<typeof ChoiceOptionSchema>;

const UnitSchema = z.enum(['MT', 'quintal', 'kg', 'container', 'bag']);

const baseStep = {
  id: StepIdSchema,
};

/**
 * Buttons an action made (related questions): a `{{variable}}` holding up to three `{ id, title: { hi, en } }`.
 * A tapped button starts the flow whose `triggers.buttons` names its id's prefix.
 */
const ButtonsSchema = z.string().regex(/^\{\{\s*[A-Za-z_][\w.]*\s*\}\}$/, 'buttons are one {{variable}}');

const MessageStepSchema = z
  .object({
    ...baseStep,
    type: z.literal('message'),
    text: LocalizedTextSchema,
    buttons: ButtonsSchema.optional(),
    next: DestinationSchema,
  })
  .strict();

const commonAsk = {
  ...baseStep,
  type: z.literal('ask'),
  prompt: LocalizedTextSchema,
  /** Said when the answer does not validate; the prompt follows it. */
  reprompt: LocalizedTextSchema.optional(),
  /** Answers saved under `answers.<save>`; defaults to the step id. */
  save: StepIdSchema.optional(),
  /** The invalid answer that ends the question: with 3, two get a re-prompt and the third goes to `onFail`. */
  retries: z.number().int().min(1).max(10).default(3),
  onFail: DestinationSchema.optional(),
  next: DestinationSchema.optional(),
  /** Content API template key (see TWILIO_CONTENT_SIDS) for an interactive version of this question. */
  template: z.string().optional(),
};

const AskStepSchema = z.discriminatedUnion('input', [
  z
    .object({
      ...commonAsk,
      input: z.literal('text'),
      minLength: z.number().int().min(0).default(1),
      maxLength: z.number().int().min(1).default(500),
    })
    .strict(),
  z
    .object({ ...commonAsk, input: z.literal('number'), min: z.number().optional(), max: z.number().optional() })
    .strict(),
  z.object({ ...commonAsk, input: z.literal('quantity'), units: z.array(UnitSchema).min(1).optional() }).strict(),
  z.object({ ...commonAsk, input: z.literal('choice'), options: z.array(ChoiceOptionSchema).min(1).max(10) }).strict(),
  z
    .object({ ...commonAsk, input: z.literal('multi_choice'), options: z.array(ChoiceOptionSchema).min(1).max(10) })
    .strict(),
  z.object({ ...commonAsk, input: z.literal('yes_no') }).strict(),
  z.object({ ...commonAsk, input: z.literal('country') }).strict(),
  z
    .object({
      ...commonAsk,
      input: z.literal('media'),
      /** Also accepts a "skip" ("नहीं", "skip", "done", "बस") as an answer: an empty list of attachments. */
      skippable: z.boolean().default(false),
    })
    .strict(),
  z.object({ ...commonAsk, input: z.literal('location') }).strict(),
]);

const ConditionSchema = z
  .object({
    /** A variable path, e.g. `answers.exporter` or `user.language`. */
    var: z.string().min(1),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((c) => [c.equals, c.in, c.exists].filter((x) => x !== undefined).length === 1, {
    message: 'a condition needs exactly one of equals, in, exists',
  });
export type Condition = z.infer<typeof ConditionSchema>;

const BranchStepSchema = z
  .object({
    ...baseStep,
    type: z.literal('branch'),
    cases: z.array(z.object({ when: ConditionSchema, next: DestinationSchema }).strict()).min(1),
    default: DestinationSchema,
  })
  .strict();

const ActionStepSchema = z
  .object({
    ...baseStep,
    type: z.literal('action'),
    /** The name of a registered action (src/conversation/actions). */
    action: z.string().min(1),
    /** Inputs, each a literal or a `{{variable}}` template. */
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    /** Outputs saved under `answers.<save>`. */
    save: StepIdSchema.optional(),
    next: DestinationSchema,
    /** Where to go when the action reports failure; the engine ends the flow with an apology otherwise. */
    onError: DestinationSchema.optional(),
  })
  .strict();

const HandoffStepSchema = z
  .object({
    ...baseStep,
    type: z.literal('handoff'),
    text: LocalizedTextSchema,
    topic: z.string().optional(),
    /** What the officer reads as the question (a template); the message just sent when absent. */
    question: z.string().optional(),
  })
  .strict();

const EndStepSchema = z
  .object({
    ...baseStep,
    type: z.literal('end'),
    text: LocalizedTextSchema.optional(),
    buttons: ButtonsSchema.optional(),
  })
  .strict();

const GotoStepSchema = z.object({ ...baseStep, type: z.literal('goto'), next: DestinationSchema }).strict();

export const StepSchema = z.union([
  MessageStepSchema,
  AskStepSchema,
  BranchStepSchema,
  ActionStepSchema,
  HandoffStepSchema,
  EndStepSchema,
  GotoStepSchema,
]);
export type Step = z.infer<typeof StepSchema>;
export type AskStep = Extract<Step, { type: 'ask' }>;
export type StepType = Step['type'];
export type InputType = AskStep['input'];

export const FlowSchema = z
  .object({
    specVersion: z.literal(FLOW_SPEC_VERSION),
    flow: z.string().regex(STEP_ID, 'flow ids are lower_snake_case'),
    description: z.string().optional(),
    /** A flow's version; sessions saved under another version restart the flow instead of resuming at a step that may no longer mean the same. */
    version: z.number().int().min(1).default(1),
    triggers: z
      .object({
        keywords: z.array(z.string().min(1)).default([]),
        /** The intent this flow serves (its first one), which free text classified as it starts. */
        intents: z.array(z.enum(FLOW_INTENTS)).default([]),
        /**
         * How people ask for this flow in their own words, in Hindi, Hinglish and English: the intent classifier is
         * trained on them at start-up (for the flow's first intent).
         */
        examples: z.array(z.string().min(1)).default([]),
        /**
         * Buttons of messages the bot sends outside a conversation (an inquiry alert's "Interested"): a tapped button
         * whose id is `<prefix>:…` for one of these prefixes starts this flow, whatever the person was doing, with the
         * id in `{{input.choiceId}}`.
         */
        buttons: z.array(z.string().regex(/^[a-z_]+$/, 'button prefixes are lower_snake_case')).default([]),
      })
      .strict()
      .default({ keywords: [], intents: [], examples: [], buttons: [] }),
    /** A flow left half-way (for the menu, another flow, a long pause) continues where it stopped when started again. */
    resumable: z.boolean().default(false),
    start: StepIdSchema,
    steps: z.array(StepSchema).min(1),
  })
  .strict();
export type Flow = z.infer<typeof FlowSchema>;
