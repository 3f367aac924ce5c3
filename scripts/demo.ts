/**
 * The demo: the whole bot on one machine with nothing from outside. Local services keep their data under .data/
 * so a restarted demo resumes conversations. Settings come from .env when present, else from safe local defaults;
 * MONGODB_URI / REDIS_URL in the environment use those servers instead of starting local ones.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/console/passwords.js';
import { ConfigError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { startRuntime } from '../src/runtime.js';
import { SAMPLE_GROUPS, SAMPLE_SELLERS, seedDemoData } from './demo-seed.js';
import { PROJECT_ROOT } from './lib/paths.js';
import { startLocalServices } from './services.js';
import { startTwilioLocal } from './twilio-local/server.js';

const DEMO_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'development',
  PORT: '3000',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  TWILIO_ACCOUNT_SID: `AC${'d'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'demo-auth-token-not-secret',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
  // The simulator's "Admin" pane is a district officer: it answers the questions the bot hands over.
  OFFICER_NUMBERS: 'sim:+919800000003',
};

const DEMO_OFFICER = { username: 'demo.officer', name: 'Demo officer (DIC Sagar)', password: 'demo-only-password' };

const envFile = join(PROJECT_ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
const env: Record<string, string | undefined> = { ...DEMO_DEFAULTS, ...process.env };

const say = (line: string) => console.log(line);
const services = await startLocalServices({ dataDir: join(PROJECT_ROOT, '.data'), env, log: say });
const twilioLocal = env.TWILIO_API_BASE_URL
  ? undefined
  : await startTwilioLocal({ accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN! });

let config: ReturnType<typeof loadConfig>;
try {
  const port = env.PORT ?? '3000';
  config = loadConfig({
    ...env,
    MONGODB_URI: env.MONGODB_URI ?? `${services.mongodbUri}niryat`,
    REDIS_URL: services.redisUrl,
    TWILIO_API_BASE_URL: env.TWILIO_API_BASE_URL ?? twilioLocal?.url,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
  });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Invalid configuration: ${error.message}`);
    await services.stop();
    process.exit(78);
  }
  throw error;
}

const runtime = await startRuntime(config, createLogger(config.logLevel));
runtime.shutdown.add('demo services', async () => {
  await twilioLocal?.close();
  await services.stop();
});
runtime.shutdown.onSignals();
const seeded = await seedDemoData(runtime.domain);
// The console's demo officer, on this machine only (the demo listens on 127.0.0.1): a real deployment creates its
// first administrator with `npm run console:create-admin`.
if (!(await runtime.domain.officers.findByUsername(DEMO_OFFICER.username))) {
  await runtime.domain.officers.create(
    {
      username: DEMO_OFFICER.username,
      displayName: DEMO_OFFICER.name,
      role: 'admin',
      passwordHash: await hashPassword(DEMO_OFFICER.password),
    },
    new Date(),
  );
}
const botNumber = config.twilio.whatsappFrom.replace(/^whatsapp:\+/, '');

say('');
say('Niryat Setu is running (web and worker in one process).');
say(
  `  Sample data (demo only): ${SAMPLE_SELLERS.length} sellers across the catalog and tehsils, ${SAMPLE_GROUPS.length} groups${seeded.sellers + seeded.groups > 0 ? ' (added now)' : ''}.`,
);
for (const group of SAMPLE_GROUPS) {
  say(
    `    group ${group.code}: ${group.name}   join: "JOIN ${group.code}"  or  https://wa.me/${botNumber}?text=JOIN%20${group.code}`,
  );
}
if (config.simulatorEnabled) {
  say('');
  say(`  Open the simulator:  ${runtime.url}/simulator`);
  say('  Try it in a minute:');
  say(
    '    1. In one pane (any number), write "JOIN RICE24", choose buyer, then "50 ton sela chawal chahiye dubai ke liye", "haan".',
  );
  say(
    `    2. Add a pane as ${SAMPLE_SELLERS[0]?.number} (${SAMPLE_SELLERS[0]?.businessName}): the alert is there; tap "भाव भेजें", write "450 dollar per ton FOB, 20 din me", "haan".`,
  );
  say('    3. Back in the buyer pane: the quote has arrived; write "मेरी पूछताछ" for the shortlist.');
  say('    4. Ask "packing credit kya hai?" (answered, with its source; "aur batao" goes on), "packaging workshop kab');
  say('       hai?" (lists the sample event an officer entered) or "GST refund kaise milega?" (handed over);');
  say('       in the Admin pane (an officer) write "tickets", answer it, and the asker gets the answer.');
  say(
    `    5. In the Admin pane write "broadcast": new, a group, RICE24, the message, "skip", "अभी": the preview, "हाँ";`,
  );
  say(
    `       the group's members get it (open a pane as ${SAMPLE_SELLERS[10]?.number}); "broadcast" again for its report.`,
  );
}
say('');
say(`  Officers' console:   ${runtime.url}/admin/  (demo only: ${DEMO_OFFICER.username} / ${DEMO_OFFICER.password})`);
say('');
say(
  `  WhatsApp webhook:    ${config.http.publicBaseUrl}/webhooks/whatsapp/inbound  (status: …/webhooks/whatsapp/status)`,
);
say(`  health:        ${runtime.url}/healthz   ready: ${runtime.url}/readyz   metrics: ${runtime.url}/metrics`);
say(`  MongoDB:       ${config.mongodbUri}${services.started.includes('ferretdb') ? ' (local FerretDB)' : ''}`);
say(`  Redis:         ${config.redisUrl}${services.started.includes('redis') ? ' (local redis-server)' : ''}`);
if (twilioLocal) say(`  Twilio (local): ${twilioLocal.url}/_local/messages`);
say('Ctrl-C stops everything.');
