/**
 * Creates an officer's account for the web console: the first administrator, or another officer.
 *
 *   npm run console:create-admin -- --username rk.sharma --name "R K Sharma"
 *   npm run console:create-admin -- --username asha.v --name "Asha V" --role viewer
 *
 * The password is read from the terminal (not shown, asked twice) or, when piped, from the first line of stdin:
 *   printf '%s\n' "$PASSWORD" | npm run console:create-admin -- --username … --name …
 * It never appears in the arguments (they are visible to every user of the machine) nor in the output.
 * Reads MONGODB_URI like the bot (from .env when present).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { hashPassword, passwordProblem } from '../src/console/passwords.js';
import { OFFICER_ROLES, type OfficerRole } from '../src/domain/officers/officer-model.js';
import { createOfficers } from '../src/domain/officers/officers.js';
import { AppError } from '../src/errors.js';
import { registerModels } from '../src/model-registry.js';
import { connectMongo, ensureIndexes } from '../src/persistence/mongo.js';
import { PROJECT_ROOT } from './lib/paths.js';

const USAGE = 'usage: npm run console:create-admin -- --username <name> --name "<display name>" [--role admin|viewer]';

/** A line typed at the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of piped stdin. */
async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  const password = await readHidden('पासवर्ड / Password: ');
  const again = await readHidden('पासवर्ड दोबारा / Password again: ');
  if (password !== again) throw new Error('the two passwords differ / दोनों पासवर्ड अलग हैं');
  return password;
}

const envFile = join(PROJECT_ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

try {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
    },
  });
  if (!values.username || !values.name) throw new Error(USAGE);
  const role = values.role as OfficerRole;
  if (!OFFICER_ROLES.includes(role)) throw new Error(`--role: admin or viewer, not '${values.role}'`);

  const config = loadConfig();
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(`${problem.en} / ${problem.hi}`);

  const mongo = await connectMongo({ uri: config.mongodbUri, autoIndex: false });
  try {
    const models = registerModels(mongo);
    // The unique username index must hold before the first account is written, even before the bot first ran.
    await ensureIndexes(mongo);
    const officer = await createOfficers(models.officers).create(
      { username: values.username, displayName: values.name, role, passwordHash: await hashPassword(password) },
      new Date(),
    );
    const what = officer.role === 'admin' ? 'administrator' : 'viewer';
    console.log(`created ${what} ${officer.username} (${officer.displayName})`);
    console.log(`sign in at ${config.http.publicBaseUrl}/admin/login`);
  } finally {
    await mongo.close();
  }
} catch (error) {
  console.error(error instanceof AppError || error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
