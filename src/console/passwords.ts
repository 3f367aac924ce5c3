/**
 * Officers' passwords, hashed with scrypt (memory-hard, in node:crypto: nothing native to build). The parameters
 * are stored beside the hash (`scrypt$N$r$p$salt$hash`), so they can be raised later without breaking old hashes.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** 2^15 × 8 × 128 bytes = 32 MiB and some tens of milliseconds per hash on a small server. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** A stored hash is trusted only up to these, so a tampered record cannot make one check take minutes. */
const MAX_N = 2 ** 20;
const MAX_RP = 16;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Why `password` is too weak, in Hindi and English; undefined when it will do. */
export function passwordProblem(password: string): { hi: string; en: string } | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return {
      hi: `पासवर्ड कम से कम ${PASSWORD_MIN_LENGTH} अक्षरों का हो।`,
      en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`,
    };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return {
      hi: `पासवर्ड ${PASSWORD_MAX_LENGTH} अक्षरों से लंबा न हो।`,
      en: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
    };
  }
  if (new Set(password).size < 4) {
    return { hi: 'पासवर्ड में और अलग-अलग अक्षर हों।', en: 'The password needs more different characters.' };
  }
  return undefined;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  params: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = String(stored).split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  const sane = [params.r, params.p].every((value) => Number.isInteger(value) && value >= 1 && value <= MAX_RP);
  if (!powerOfTwo || params.N > MAX_N || !sane) return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Whether `password` matches `stored`; a malformed stored hash matches nothing. Constant time in the comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length !== KEY_LENGTH) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Does the work of checking a password against a hash that matches nothing, so that an unknown username takes as
 * long to refuse as a wrong password and the answer's timing does not tell which usernames exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
  await verifyPassword(password, await dummyHash);
  return false;
}
