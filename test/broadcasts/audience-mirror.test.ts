/**
 * The broadcasts' copy of the users' audience fields in Redis, on the real Redis and FerretDB: every write through
 * `Users` reaches it; a user written around it is still found (by id from the database, in a listing after a
 * rebuild); an erased user is gone from it.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudienceMirror } from '../../src/broadcasts/audience-mirror.js';
import { mirroredUsers } from '../../src/broadcasts/mirrored-users.js';
import type { AudienceUserFields } from '../../src/domain/broadcasts/audience.js';
import { createUsers } from '../../src/domain/users/users.js';
import { createLogger } from '../../src/log.js';
import { registerModels } from '../../src/model-registry.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueMongoUri, uniqueName } from '../support/services.js';

describe('the audience copy', () => {
  const redis = createRedisConnection(redisUrl(), 'client');
  const prefix = uniqueName('aud');
  let mongo: Connection;
  let models: ReturnType<typeof registerModels>;

  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: true });
    models = registerModels(mongo);
    await ensureIndexes(mongo);
  });
  afterAll(async () => {
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await redis.quit();
    await mongo?.close();
  });

  async function listed(mirror: AudienceMirror): Promise<Map<string, AudienceUserFields>> {
    const all = new Map<string, AudienceUserFields>();
    for await (const user of mirror.asAudienceUsers().all()) all.set(user._id, user);
    return all;
  }

  it('follows every write made through Users, and finds users written around it', async () => {
    const mirror = new AudienceMirror(redis, prefix, models.users);
    const users = mirroredUsers(createUsers(models.users), mirror, createLogger('silent'));
    const [asha, bilal, chitra] = ['+919800000201', '+919800000202', '+919800000203'];
    const at = new Date('2026-11-30T06:00:00Z');
    await users.recordInbound({ phone: asha, at });
    await users.recordInbound({ phone: bilal, at });
    await users.apply(asha, { language: 'en', languageChosen: true }, []);
    await users.apply(bilal, { optedOut: true }, []);
    await users.markUnreachable(asha, 63003, at);

    const found = await mirror.asAudienceUsers().byIds([asha, bilal]);
    expect(found.get(asha)).toMatchObject({
      language: 'en',
      lastInboundAt: at,
      optedOut: false,
      unreachable: { code: 0 },
    });
    expect(found.get(bilal)).toMatchObject({ language: 'hi', optedOut: true });
    expect(found.get(bilal)?.unreachable).toBeUndefined();

    // Written straight to the collection (an import): read from the database by id, listed after a rebuild.
    await models.users.create({ _id: chitra, phone: chitra, language: 'en', consentEvents: [] });
    expect((await mirror.asAudienceUsers().byIds([chitra])).get(chitra)).toMatchObject({ language: 'en' });
    expect([...(await listed(mirror)).keys()].sort()).toEqual([asha, bilal, chitra]);

    // A message clears "unreachable"; an erased user leaves the copy.
    await users.recordInbound({ phone: asha, at });
    expect((await mirror.asAudienceUsers().byIds([asha])).get(asha)?.unreachable).toBeUndefined();
    await users.erase(bilal);
    expect([...(await listed(mirror)).keys()].sort()).toEqual([asha, chitra]);
  });
});
