/**
 * The composition root: connects the stores, loads the flows, builds the channels, queues, workers and the HTTP
 * app for the configured role, and registers their shutdown in the right order (stop taking work, finish what is
 * in flight, close the stores). `main.ts`, the demo, the tests and the benchmarks all start the bot through here.
 */
import type { Server } from 'node:http';
import { Queue, type Worker } from 'bullmq';
import type { Express, Router } from 'express';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Channel } from './channels/channel.js';
import { ChannelRegistry } from './channels/channel-registry.js';
import { createSimulatorChannel } from './channels/simulator/simulator-channel.js';
import { SimulatorTranscript } from './channels/simulator/simulator-transcript.js';
import { createTwilioChannel } from './channels/twilio/twilio-channel.js';
import type { Config } from './config.js';
import { PRODUCT_ACTIONS } from './actions/product-actions.js';
import { createActionServices, createReferenceReaders, loadReferenceData } from './actions/services.js';
import { actionNames, bindActions } from './conversation/actions/registry.js';
import { loadBotFlows } from './conversation/bot-flows.js';
import type { EngineDeps } from './conversation/engine.js';
import { createApp } from './http/app.js';
import { channelWebhookRoutes } from './http/channel-webhooks.js';
import { createMetrics, type Metrics } from './metrics.js';
import { simulatorRoutes } from './http/simulator-routes.js';
import { createInboundAcceptor } from './inbound/accept-inbound.js';
import { createSellers, type Sellers } from './domain/sellers/sellers.js';
import { createSessions, type Sessions, sessionExpiryTask } from './domain/sessions/sessions.js';
import { createTickets, type Tickets } from './domain/tickets/tickets.js';
import { createUsers, type Users } from './domain/users/users.js';
import { DeadLetters } from './inbound/dead-letters.js';
import { createForgetUser } from './inbound/forget-user.js';
import { handleInbound } from './inbound/handle-inbound.js';
import { createInboundWorker } from './inbound/inbound-worker.js';
import { createIntake, startSpoolReplayer } from './inbound/intake.js';
import { Mailbox } from './inbound/mailbox.js';
import { mailboxSweepTask } from './inbound/mailbox-sweep.js';
import { Spool } from './inbound/spool.js';
import { productTurnEventHandlers } from './inbound/turn-events.js';
import type { Logger } from './log.js';
import { DeliveryStatusBook } from './outbound/delivery-status.js';
import { StatusInbox } from './outbound/status-inbox.js';
import { createStatusWorker, limitToOneFlush, statusSweepTask } from './outbound/status-worker.js';
import { createOutboundDispatcher } from './outbound/dispatch.js';
import { SendOrder } from './outbound/send-order.js';
import { createFanOutWorker, FanOut, type FanOutKinds } from './outbound/fan-out.js';
import { createSendWorker } from './outbound/send-worker.js';
import { type Models, registerModels } from './model-registry.js';
import { connectMongo, ensureIndexes, pingMongo } from './persistence/mongo.js';
import { createMaintenanceWorker, scheduleMaintenance } from './queue/maintenance.js';
import { anonymousTag, createQueues, type Queues } from './queue/queues.js';
import { createRedisConnection, pingRedis } from './queue/redis-connections.js';
import { Shutdown } from './shutdown.js';
import { IdLists } from './persistence/id-lists.js';
import { LiveFaq } from './faq/live-faq.js';
import { CATEGORY_NAMES } from './domain/catalog/schema.js';
import { createProgrammeEvents, type ProgrammeEvents } from './domain/events/programme-events.js';
import { ticketReminderTask } from './faq/ticket-reminders.js';
import { INQUIRY_ALERTS, INQUIRY_EXPIRY, INQUIRY_REMINDER } from './actions/inquiry-actions.js';
import { GROUP_POST } from './actions/group-actions.js';
import { typedQuoteButton } from './actions/typed-quote.js';
import { createGroups, type Groups } from './domain/groups/groups.js';
import { createInquiries, type Inquiries } from './domain/inquiries/inquiries.js';
import { groupPosts } from './fan-outs/group-posts.js';
import { inquiryAlerts } from './fan-outs/inquiry-alerts.js';
import { inquiryExpiries, inquiryReminders } from './fan-outs/inquiry-timers.js';
import { NOTICE, notices } from './fan-outs/notices.js';
import { createInquiryMatching } from './matching/inquiry-matching.js';
import { indexedSellers, rebuildIndexIfEmpty } from './matching/indexed-sellers.js';
import { SellerIndex } from './matching/seller-index.js';
import { buildUnderstander } from './understanding.js';
import { createBroadcasts } from './domain/broadcasts/broadcasts.js';
import type { BroadcastDesk } from './domain/broadcasts/broadcast-desk.js';
import { AudienceSnapshots } from './broadcasts/audience-snapshot.js';
import { BroadcastControl } from './broadcasts/broadcast-control.js';
import { BROADCAST, broadcastFanOut } from './broadcasts/broadcast-fan-out.js';
import { BroadcastSchedule, createBroadcastWorker } from './broadcasts/broadcast-schedule.js';
import { createBroadcastDesk } from './broadcasts/broadcast-service.js';
import { AudienceMirror } from './broadcasts/audience-mirror.js';
import { mirroredUsers } from './broadcasts/mirrored-users.js';
import { bulkGate } from './broadcasts/bulk-gate.js';
import { createLateFailures } from './outbound/late-failures.js';
import { consoleRoutes } from './console/console-routes.js';
import { createAuditLog, type AuditLog } from './domain/audit/audit-log.js';
import { createOfficers, type Officers } from './domain/officers/officers.js';
import { adminApi } from './console/api/admin-api.js';
import { personRefs } from './console/api/person-ref.js';
import { queuesBoard } from './console/api/queues-board.js';
import { dashboardRoutes } from './console/web/dashboard-routes.js';
import { createProgrammeNumbers } from './domain/numbers/programme-numbers.js';
import { renderMermaid } from './conversation/flow-render.js';

/** The domain services the runtime built on its models. */
export interface Domain {
  users: Users;
  sessions: Sessions;
  tickets: Tickets;
  /** Kept in step with the sellers' match index (src/matching/indexed-sellers.ts). */
  sellers: Sellers;
  inquiries: Inquiries;
  groups: Groups;
  /** Officers' broadcasts: what the WhatsApp flow and the console call. */
  broadcasts: BroadcastDesk;
  /** The web console's accounts and its audit log. */
  officers: Officers;
  audit: AuditLog;
  /** Training camps, workshops and demonstrations officers entered: the FAQ lists the upcoming ones. */
  events: ProgrammeEvents;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  mongo: Connection;
  models: Models;
  /** The domain services, on `models`. */
  domain: Domain;
  redis: Redis;
  queues: Queues;
  /** Starts fan-outs (group posts, inquiry alerts, broadcasts); their worker runs in worker processes. */
  fanOut: FanOut;
  channels: ChannelRegistry;
  engine: EngineDeps;
  mailbox: Mailbox;
  workers: Worker[];
  app: Express | undefined;
  /** Base URL the HTTP server listens on (web role only). */
  url: string | undefined;
  server: Server | undefined;
  shutdown: Shutdown;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Extra routers, mounted after the product's own (tests use this for probes). */
  extraRouters?: Router[];
  flowsDir?: string;
  /** Replaces the channel of the same name (tests swap in instrumented channels). */
  channels?: Channel[];
}

/** What each kind of fan-out sends and to whom. */
function productFanOuts(domain: Domain, broadcast: FanOutKinds[string]): FanOutKinds {
  return {
    [BROADCAST]: broadcast,
    [NOTICE]: notices(domain.users),
    [INQUIRY_ALERTS]: inquiryAlerts(domain),
    [INQUIRY_REMINDER]: inquiryReminders(domain),
    [INQUIRY_EXPIRY]: inquiryExpiries(domain),
    [GROUP_POST]: groupPosts(domain),
  };
}

export async function startRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const shutdown = new Shutdown(logger, config.shutdownTimeoutMs);
  const metrics = createMetrics();
  // Closing the stores is registered last, so in-flight requests and jobs can still use them while they finish.
  const closeStores: Array<() => Promise<void>> = [];
  const redisConnection = (role: 'client' | 'producer' | 'worker') => {
    const connection = createRedisConnection(config.redisUrl, role);
    closeStores.push(async () => {
      await connection.quit().catch(() => connection.disconnect());
    });
    return connection;
  };
  try {
    const flowsDir = options.flowsDir ?? config.flowsDir;
    // Flows and reference data are checked before anything connects: a broken file stops start-up at once.
    const flows = loadBotFlows(flowsDir, actionNames(PRODUCT_ACTIONS));
    const reference = loadReferenceData(config.flowsDir);

    const mongo = await connectMongo({ uri: config.mongodbUri, autoIndex: config.env !== 'production' });
    closeStores.push(() => mongo.close());
    const models = registerModels(mongo);
    await ensureIndexes(mongo);
    const redis = redisConnection('client');
    const audienceMirror = new AudienceMirror(redis, config.queuePrefix, models.users);
    const users = mirroredUsers(createUsers(models.users), audienceMirror, logger);
    const audienceUsers = audienceMirror.asAudienceUsers();
    const sellerIndex = new SellerIndex(redis, config.queuePrefix);
    const sellers = indexedSellers(
      createSellers({ sellers: models.sellers, erasures: models.sellerErasures }),
      sellerIndex,
      users,
    );
    const queues = createQueues(redisConnection('producer'), config.queuePrefix);
    const broadcastRecords = createBroadcasts(models.broadcasts);
    const broadcastControl = new BroadcastControl(redis, config.queuePrefix);
    const audienceModels = { users: models.users, sellers: models.sellers, groups: models.groups };
    const broadcastKind = broadcastFanOut({
      broadcasts: broadcastRecords,
      models: audienceModels,
      audienceUsers,
      snapshots: new AudienceSnapshots(redis, config.queuePrefix),
      control: broadcastControl,
      pace: { perSecond: config.outbound.ratePerSecond, aheadSeconds: config.broadcasts.queueAheadSeconds },
    });
    const domain: Domain = {
      broadcasts: createBroadcastDesk({
        broadcasts: broadcastRecords,
        schedule: new BroadcastSchedule(queues.broadcasts),
        control: broadcastControl,
        models: audienceModels,
        audienceUsers,
        outbound: models.outbound,
        ratePerSecond: config.outbound.ratePerSecond,
      }),
      users,
      sessions: createSessions(models.sessions),
      tickets: createTickets(models.tickets, new IdLists(models.ticketQueue)),
      sellers: sellers.sellers,
      inquiries: createInquiries({
        inquiries: models.inquiries,
        buyerInquiries: models.buyerInquiries,
        sellerAlerts: models.sellerAlerts,
      }),
      groups: createGroups({ groups: models.groups, memberships: models.groupMemberships }),
      officers: createOfficers(models.officers),
      audit: createAuditLog(models.audit),
      events: createProgrammeEvents(models.programmeEvents),
    };
    await rebuildIndexIfEmpty({
      redis,
      prefix: config.queuePrefix,
      index: sellerIndex,
      sellers: models.sellers,
      users,
      logger,
    });
    const readers = createReferenceReaders(reference);
    // One live knowledge base for the flows and the console: an officer's edit is the bot's answer at once.
    const liveFaq = new LiveFaq(redis, config.queuePrefix, reference.knowledgeBase, models.addedFaq);
    const actions = bindActions(
      PRODUCT_ACTIONS,
      createActionServices(
        {
          sellers: domain.sellers,
          tickets: domain.tickets,
          faq: liveFaq,
          isOfficer: (phone) => config.officers.numbers.includes(phone),
          inquiries: domain.inquiries,
          groups: domain.groups,
          matching: createInquiryMatching(sellerIndex, { topN: config.inquiries.topN }),
          inquirySettings: { expiryDays: config.inquiries.expiryDays },
          broadcasts: domain.broadcasts,
          events: domain.events,
          ...reference,
        },
        readers,
      ),
    );
    const understander = buildUnderstander(flows, flowsDir, readers.extractInquiry);
    const engine: EngineDeps = { flows, actions, understand: (text) => understander.intentOf(text) };

    const fanOutKinds = productFanOuts(domain, broadcastKind);
    const fanOut = new FanOut(queues.fanOut, fanOutKinds);
    const mailbox = new Mailbox(redis, {
      prefix: config.queuePrefix,
      dedupeSeconds: config.inbound.dedupeDays * 86_400,
    });
    const transcript = new SimulatorTranscript(redis, config.queuePrefix);
    const channels = new ChannelRegistry(
      withOverrides(
        [
          createTwilioChannel({
            accountSid: config.twilio.accountSid,
            authToken: config.twilio.authToken,
            from: config.twilio.whatsappFrom,
            ...(config.twilio.messagingServiceSid ? { messagingServiceSid: config.twilio.messagingServiceSid } : {}),
            ...(config.twilio.apiBaseUrl ? { apiBaseUrl: config.twilio.apiBaseUrl } : {}),
            statusCallbackUrl: `${config.http.publicBaseUrl}/webhooks/whatsapp/status`,
            name: 'whatsapp',
          }),
          ...(config.simulatorEnabled ? [createSimulatorChannel(transcript)] : []),
        ],
        options.channels ?? [],
      ),
    );
    const acceptInbound = createInboundAcceptor(mailbox, queues.inbound);
    const statusInbox = new StatusInbox(redis, queues.statuses, config.queuePrefix, config.outbound.statusBatchMs);

    let server: Server | undefined;
    let app: Express | undefined;
    let url: string | undefined;
    if (config.role !== 'worker') {
      const sessionSecret = config.console.sessionSecret;
      if (!sessionSecret)
        logger.warn("officers' console off: set CONSOLE_SESSION_SECRET (32+ characters) to serve /admin");
      // A simulator served beyond this machine speaks for any number: only signed-in officers may use it there.
      const guardSimulator = Boolean(sessionSecret) && config.simulatorEnabled && !LOCAL_HOSTS.has(config.http.host);
      // The console's pages, API and flow diagrams are built only where the console is on.
      const consoleFor = (secret: string) => {
        const dashboard = dashboardRoutes({
          flows: [...flows.flows.values()].map((flow) => ({
            flow: flow.flow,
            description: flow.description ?? '',
            mermaid: renderMermaid(flow),
          })),
        });
        return consoleRoutes({
          officers: domain.officers,
          audit: domain.audit,
          redis,
          prefix: config.queuePrefix,
          settings: { ...config.console, sessionSecret: secret },
          production: config.env === 'production',
          publicBaseUrl: config.http.publicBaseUrl,
          logger,
          guardSimulator,
          apiRouters: [
            adminApi({
              groups: domain.groups,
              sellers: domain.sellers,
              inquiries: domain.inquiries,
              broadcasts: domain.broadcasts,
              tickets: domain.tickets,
              faq: liveFaq,
              numbers: createProgrammeNumbers(models),
              names: {
                categories: CATEGORY_NAMES,
                tehsils: Object.fromEntries(reference.tehsils.tehsils.map((tehsil) => [tehsil.id, tehsil.name])),
              },
              fanOut,
              botNumber: config.twilio.whatsappFrom,
              // A key derived apart from the cookies' (person-ref.ts hashes it with its own label).
              refs: personRefs(secret),
            }),
            dashboard.api,
          ],
          pageRouters: [
            queuesBoard({ queues: Object.values(queues).filter(isQueue), mountPath: '/queues' }),
            dashboard.pages,
          ],
        });
      };
      const officersConsole = sessionSecret ? consoleFor(sessionSecret) : undefined;
      const simulator = config.simulatorEnabled
        ? simulatorRoutes({
            channel: channels.get('simulator'),
            transcript,
            acceptInbound,
            subscriber: redisConnection('client'),
            ...(config.simulatorSecret ? { secret: config.simulatorSecret } : {}),
            ...(guardSimulator ? { admits: (req) => req.officer !== undefined } : {}),
          })
        : undefined;
      const intake = createIntake({
        acceptInbound,
        applyStatus: async (_channel, update) => {
          await statusInbox.report(update);
        },
        spool: new Spool(config.spoolDir),
        redisTimeoutMs: config.intakeRedisTimeoutMs,
        logger,
      });
      const replayer = startSpoolReplayer(intake, () => pingRedis(redis));
      shutdown.add('spool replay', async () => replayer.stop());
      app = createApp({
        logger,
        metrics,
        bodyLimitKb: config.http.bodyLimitKb,
        readiness: { mongodb: () => pingMongo(mongo), redis: () => pingRedis(redis) },
        routers: [
          channelWebhookRoutes({ channels, publicBaseUrl: config.http.publicBaseUrl, intake, metrics }),
          ...(officersConsole ? [officersConsole] : []),
          ...(simulator ? [simulator.router] : []),
          ...(options.extraRouters ?? []),
        ],
      });
      server = await listen(app, config.http.host, config.http.port);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
      const httpServer = server;
      shutdown.add('http', () => {
        simulator?.closeStreams();
        return closeServer(httpServer);
      });
    }

    const workers: Worker[] = [];
    if (config.role !== 'web') {
      const order = new SendOrder(redis, config.queuePrefix);
      const dispatcher = createOutboundDispatcher({
        outbound: models.outbound,
        queue: queues.outbound,
        channels,
        order,
        maxAttempts: config.outbound.maxAttempts,
        retryBaseMs: config.outbound.retryBaseMs,
      });
      const sessionIdleMs = config.sessionIdleMinutes * 60_000;
      const statuses = new DeliveryStatusBook(models.outbound, statusInbox);
      const inboundDeps = {
        users: domain.users,
        sessions: domain.sessions,
        events: productTurnEventHandlers({
          users: domain.users,
          tickets: domain.tickets,
          startFanOut: (kind, key, payload, at) => fanOut.start(kind, key, payload, at),
          afterConsent: (phone) => sellers.refresh(phone),
          logger,
        }),
        engine,
        dispatcher,
        forgetUser: createForgetUser({ ...domain, outbound: models.outbound, logger }),
        sessionIdleMs,
        linkReply: typedQuoteButton(domain),
        logger,
      };
      const maintenanceTasks = [
        mailboxSweepTask({ mailbox, inbound: queues.inbound }),
        statusSweepTask(statusInbox),
        sessionExpiryTask(domain.sessions, sessionIdleMs),
        ticketReminderTask({
          tickets: domain.tickets,
          waitMinutes: config.officers.reminderMinutes,
          notifyOfficers: async (key, text) => {
            if (config.officers.numbers.length === 0) return;
            // The key can be long (every ticket's id): the fan-out's job id takes a digest of it.
            await fanOut.start(NOTICE, `ticket-reminder:${anonymousTag(key)}`, { to: config.officers.numbers, text });
          },
        }),
      ];
      await limitToOneFlush(queues.statuses);
      workers.push(
        createInboundWorker({
          connection: redisConnection('worker'),
          redis,
          prefix: config.queuePrefix,
          concurrency: config.inbound.concurrency,
          mailbox,
          deadLetters: new DeadLetters(redis, config.queuePrefix),
          handle: (message, waitingBehind) => handleInbound(inboundDeps, message, waitingBehind),
          logger,
        }),
        createSendWorker({
          connection: redisConnection('worker'),
          redis,
          prefix: config.queuePrefix,
          outbound: models.outbound,
          order,
          statuses: statusInbox,
          channels,
          ratePerSecond: config.outbound.ratePerSecond,
          contentSids: config.twilio.contentSids,
          metrics,
          logger,
          bulkGate: bulkGate({ users: domain.users, control: broadcastControl }),
        }),
        createBroadcastWorker({
          connection: redisConnection('worker'),
          prefix: config.queuePrefix,
          broadcasts: broadcastRecords,
          startFanOut: (kind, key, payload) => fanOut.start(kind, key, payload),
          logger,
        }),
        createFanOutWorker({
          connection: redisConnection('worker'),
          prefix: config.queuePrefix,
          kinds: fanOutKinds,
          dispatcher,
          // Bulk messages all wait prioritized (BULK_PRIORITY); replies pass through in moments.
          sendsWaiting: () => queues.outbound.getPrioritizedCount(),
          logger,
        }),
        createStatusWorker({
          connection: redisConnection('worker'),
          prefix: config.queuePrefix,
          inbox: statusInbox,
          book: statuses,
          lateFailures: createLateFailures({
            outbound: models.outbound,
            queue: queues.outbound,
            inbox: statusInbox,
            markUnreachable: (to, code, at) => domain.users.markUnreachable(to, code, at),
            maxAttempts: config.outbound.maxAttempts,
            resendDelayMs: config.outbound.lateRetryMs,
            logger,
          }),
          logger,
        }),
        createMaintenanceWorker({
          connection: redisConnection('worker'),
          prefix: config.queuePrefix,
          tasks: maintenanceTasks,
          logger,
        }),
      );
      for (const worker of workers) {
        worker.on('error', (error) => logger.error({ err: error, queue: worker.name }, 'worker error'));
        worker.on('failed', (job, error) =>
          logger.warn({ err: error, queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade }, 'job failed'),
        );
      }
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
      await scheduleMaintenance(queues.maintenance, maintenanceTasks);
      // worker.close() waits for active jobs with no bound of its own; the shutdown step bounds it.
      shutdown.add('workers', async () => {
        await Promise.all(workers.map((worker) => worker.close()));
      });
    }

    shutdown.add('queues', () => queues.close());
    for (const close of [...closeStores].reverse()) shutdown.add('store', close);

    return {
      config,
      logger,
      metrics,
      mongo,
      models,
      domain,
      redis,
      queues,
      fanOut,
      channels,
      engine,
      mailbox,
      workers,
      app,
      url,
      server,
      shutdown,
      stop: () => shutdown.run('stop'),
    };
  } catch (error) {
    await Promise.allSettled(closeStores.map((close) => close()));
    throw error;
  }
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const isQueue = (value: unknown): value is Queue => value instanceof Queue;

function withOverrides(channels: Channel[], overrides: Channel[]): Channel[] {
  const replaced = new Set(overrides.map((channel) => channel.name));
  return [...channels.filter((channel) => !replaced.has(channel.name)), ...overrides];
}

function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

/**
 * Stops accepting connections and waits for in-flight requests. Kept-alive sockets would otherwise carry new
 * requests after the close: they are closed as soon as they go idle, and a request still arriving on one is told
 * `Connection: close`.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.on('request', (_req, res) => res.setHeader('connection', 'close'));
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close((error) => {
      clearInterval(sweep);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
