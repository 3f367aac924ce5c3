/**
 * People in the console's answers without their numbers: each gets a reference the API can turn back into the
 * identity (to mute a member, to open a seller's profile), and the number shown masked. A reference is the
 * identity sealed with AES-256-GCM under a key from the configured secret, with an IV derived from the identity, so
 * the same person always has the same reference, nobody without the secret can read it, and a forged or altered
 * one opens nothing.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { maskPhoneNumbers } from '../../log.js';

export interface PersonRefs {
  refOf(identity: string): string;
  /** The identity a reference seals; null for anything that is not one of ours. */
  identityOf(ref: string): string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function personRefs(secret: string): PersonRefs {
  if (secret.length < 16) throw new Error('the person-reference secret must have at least 16 characters');
  const key = createHash('sha256').update(`niryat-setu person ref\0${secret}`).digest();
  return {
    refOf(identity) {
      const iv = createHmac('sha256', key).update(identity).digest().subarray(0, IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(identity, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    identityOf(ref) {
      const bytes = Buffer.from(ref, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64url') !== ref) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

/** `+919812345678` → `+91*******78`; a simulated person keeps their `sim:` prefix. */
export function maskedNumber(identity: string): string {
  return maskPhoneNumbers(identity);
}
