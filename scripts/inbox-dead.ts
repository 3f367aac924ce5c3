/**
 * Dead letters: inbound messages set aside after repeated failures (src/inbound/dead-letters.ts).
 *
 *   npm run inbox:dead                      lists them: key, when, failures, the error (no number, no text)
 *   npm run inbox:replay -- <key> [<key>…]  puts each back in its sender's mailbox and schedules a drain
 *   npm run inbox:replay -- --all           replays every one still kept (a week)
 *
 * Reads REDIS_URL and QUEUE_PREFIX like the bot. Replay after fixing the cause: a message that fails again five
 * times is set aside again.
 */
import { loadConfig } from '../src/config.js';
import { DEAD_MESSAGE_DAYS, DeadLetters } from '../src/inbound/dead-letters.js';
import { Mailbox } from '../src/inbound/mailbox.js';
import { createQueues, inboundJobOptions, jobId } from '../src/queue/queues.js';
import { createRedisConnection } from '../src/queue/redis-connections.js';

const config = loadConfig();
const redis = createRedisConnection(config.redisUrl, 'client');
const deadLetters = new DeadLetters(redis, config.queuePrefix);
const [command, ...args] = process.argv.slice(2);

try {
  if (command !== 'replay') {
    const letters = await deadLetters.list();
    if (letters.length === 0) console.log('no dead letters');
    for (const letter of letters) {
      console.log(`${letter.key}  ${letter.at}  ${letter.failures} failures  ${letter.error}`);
    }
  } else {
    const queues = createQueues(createRedisConnection(config.redisUrl, 'producer'), config.queuePrefix);
    const mailbox = new Mailbox(redis, {
      prefix: config.queuePrefix,
      dedupeSeconds: config.inbound.dedupeDays * 86_400,
    });
    const keys = args.includes('--all') ? (await deadLetters.list()).map((letter) => letter.key) : args;
    if (keys.length === 0) console.log('name the keys to replay (npm run inbox:dead lists them), or --all');
    for (const key of keys) {
      const message = await deadLetters.take(key);
      if (!message) {
        console.log(`${key}: not kept any more (set aside over ${DEAD_MESSAGE_DAYS} days ago) or unknown`);
        continue;
      }
      const user = await mailbox.requeue(message);
      await queues.inbound.add(
        'drain',
        { user },
        { ...inboundJobOptions(), jobId: jobId('replay', message.channel, message.messageId, String(Date.now())) },
      );
      console.log(`${key}: replayed`);
    }
    await queues.close();
  }
} finally {
  await redis.quit();
}
