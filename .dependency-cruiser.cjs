/**
 * The direction of dependencies in src/, checked by dependency-cruiser in the test command (README: "Dependency
 * rules"). A forbidden import fails CI with the rule's name, its comment and the offending import.
 */
const SHARED = 'src/(errors|log|config|metrics)\\.ts$';

/** `from` may import nothing under src/ except the paths matched by `allowed` (and the shared modules). */
function onlyImports(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: '^src/', pathNot: [`^(${allowed.join('|')})`, SHARED, from] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules import each other in one direction only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    onlyImports(
      'domain-is-plain',
      '^src/domain/',
      ['src/domain/', 'src/persistence/'],
      'Domain code (models, plain functions) knows nothing of HTTP, queues, channels, conversations or actions.',
    ),
    {
      name: 'domain-has-no-transport',
      comment: 'Domain code does not use HTTP, queues, Redis or Twilio.',
      severity: 'error',
      from: { path: '^src/(domain|persistence)/' },
      to: { path: 'node_modules/(express|bullmq|ioredis|twilio)/' },
    },
    onlyImports(
      'persistence-is-a-leaf',
      '^src/persistence/',
      [],
      'persistence/ is the connection and helpers; models live with their domain and are registered by the root.',
    ),
    onlyImports(
      'queue-knows-config-and-redis-only',
      '^src/queue/',
      [],
      'queue/ holds Redis connections, queue names, options and job ids; the workers live with the module whose work they do.',
    ),
    onlyImports(
      'matching-reads-the-domain',
      '^src/matching/',
      ['src/domain/', 'src/queue/'],
      'matching/ finds the sellers for an inquiry in Redis; it scores with the domain and knows no flows, HTTP or sending.',
    ),
    onlyImports(
      'channels-know-channel-types-only',
      '^src/channels/',
      [],
      'A channel implements the Channel interface and knows nothing else of ours.',
    ),
    onlyImports(
      'nlu-is-a-leaf',
      '^src/nlu/',
      [],
      'Understanding text is pure: nothing of ours but other nlu modules.',
    ),
    onlyImports(
      'conversation-knows-nlu-and-the-action-interface',
      '^src/conversation/',
      ['src/nlu/', 'src/channels/channel\\.ts$'],
      'The engine runs flows; it reaches the domain only through actions, by their interface.',
    ),
    onlyImports(
      'actions-use-the-domain',
      '^src/actions/',
      ['src/domain/', 'src/nlu/', 'src/conversation/actions/action\\.ts$'],
      'Actions do domain work through domain services and know the engine only by the action interface.',
    ),
    onlyImports(
      'inbound-runs-conversations-on-the-domain',
      '^src/inbound/',
      ['src/conversation/', 'src/domain/', 'src/outbound/', 'src/queue/', 'src/channels/'],
      'inbound turns a message into a conversation turn and records its outcome.',
    ),
    onlyImports(
      'outbound-sends',
      '^src/outbound/',
      ['src/queue/', 'src/channels/', 'src/persistence/', 'src/conversation/turn\\.ts$'],
      'outbound stores and sends replies; it knows no conversation logic and no domain.',
    ),
    onlyImports(
      'faq-serves-the-knowledge-base',
      '^src/faq/',
      ['src/domain/', 'src/nlu/', 'src/conversation/actions/action\\.ts$'],
      'faq/ keeps the knowledge base the bot answers from current across workers (Redis), with the domain and the index.',
    ),
    onlyImports(
      'fan-outs-say-what-goes-to-whom',
      '^src/fan-outs/',
      [
        'src/domain/',
        'src/outbound/(fan-out|dispatch)\\.ts$',
        'src/conversation/(actions/action|turn)\\.ts$',
        'src/actions/(inquiry-texts|inquiry-buttons|group-texts)\\.ts$',
        'src/channels/simulator/simulator-channel\\.ts$',
      ],
      'A fan-out kind reads its audience from the domain and renders it with the actions\' texts; the fan-out itself sends.',
    ),
    onlyImports(
      'broadcasts-schedule-and-steer',
      '^src/broadcasts/',
      ['src/domain/', 'src/outbound/', 'src/queue/', 'src/fan-outs/recipients\\.ts$'],
      'broadcasts/ schedules, steers and reports officers\' broadcasts through the fan-out; the domain keeps the record.',
    ),
    onlyImports(
      'http-serves',
      '^src/http/',
      ['src/inbound/', 'src/outbound/', 'src/domain/', 'src/channels/', 'src/queue/'],
      'http is the web edge: webhooks, simulator, health. It hands work to inbound/outbound and reads the domain.',
    ),
    onlyImports(
      'console-steers-through-the-domain',
      '^src/console/',
      [
        'src/domain/',
        'src/broadcasts/',
        'src/faq/',
        'src/queue/',
        'src/outbound/',
        'src/fan-outs/',
        'src/matching/',
        'src/http/',
      ],
      'The officers\' console (sign-in, admin API, dashboard) steers the programme through the domain and the modules that send and schedule; it holds no business rules of its own.',
    ),
    {
      name: 'only-the-root-wires',
      comment: 'runtime.ts and model-registry.ts are the composition root: nothing below imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(runtime|main|worker-thread|model-registry|understanding)\\.ts$' },
      to: { path: '^src/(runtime|model-registry|actions/product-actions)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
