/**
 * Short codes people type on a phone (an inquiry's Q7K2MX, a broadcast's B7K2MX): a letter for the kind, then five
 * characters from the key that created the record (a turn, a request), so the same key always gives the same code.
 * The alphabet leaves out 0/O and 1/I, which read alike.
 */
import { createHash } from 'node:crypto';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function readableCode(prefix: string, key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let code = prefix;
  for (let i = 0; i < 5; i += 1) code += CODE_ALPHABET[(digest[i] as number) % CODE_ALPHABET.length];
  return code;
}
