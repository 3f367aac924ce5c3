/**
 * Groups from the command line, until the officers' console has its screen for them:
 *
 *   npm run groups                                        lists the groups: code, name, members, focus
 *   npm run groups -- create RICE24 "Sagar Rice Exporters" --focus rice --description "Buyers and rice mills"
 *                                                         creates one and prints its join link
 *
 * Reads MONGODB_URI and TWILIO_WHATSAPP_FROM like the bot (from .env when present).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createGroups } from '../src/domain/groups/groups.js';
import { AppError } from '../src/errors.js';
import { registerModels } from '../src/model-registry.js';
import { connectMongo } from '../src/persistence/mongo.js';
import { PROJECT_ROOT } from './lib/paths.js';

const envFile = join(PROJECT_ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
const config = loadConfig();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { focus: { type: 'string', multiple: true }, description: { type: 'string' } },
});
const mongo = await connectMongo({ uri: config.mongodbUri, autoIndex: false });
const models = registerModels(mongo);
const groups = createGroups({ groups: models.groups, memberships: models.groupMemberships });
const bot = config.twilio.whatsappFrom.replace(/^whatsapp:\+/, '');

try {
  const [command, code, name] = positionals;
  if (command === 'create') {
    if (!code || !name)
      throw new Error('usage: npm run groups -- create <CODE> "<name>" [--focus <category|product>…]');
    const group = await groups.create(
      { code, name, description: values.description ?? '', productFocus: values.focus ?? [] },
      new Date(),
    );
    console.log(`created ${group._id}: ${group.name}`);
    console.log(`join: "JOIN ${group._id}"  or  https://wa.me/${bot}?text=JOIN%20${group._id}`);
  } else {
    const all = await models.groups.find({}, { name: 1, productFocus: 1, members: 1, sample: 1 }).lean();
    if (all.length === 0) console.log('no groups yet: npm run groups -- create <CODE> "<name>"');
    for (const group of all) {
      const sample = group.sample ? '  (sample)' : '';
      console.log(
        `${group._id}  ${group.name}  ${group.members.length} members  ${group.productFocus.join(', ')}${sample}`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof AppError || error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await mongo.close();
}
