/**
 * Phone numbers no other test uses: Indian mobile numbers (+91, ten digits starting with 9) made of the process id,
 * a counter and randomness, so parallel test files never share a user.
 */
import { randomInt } from 'node:crypto';

let counter = 0;

export function uniquePhone(): string {
  counter = (counter + 1) % 1000;
  const pid = process.pid % 1000;
  const digits = `${String(pid).padStart(3, '0')}${String(counter).padStart(3, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
  return `+919${digits}`;
}
