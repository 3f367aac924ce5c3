/**
 * The officers' console from a test's side: officers created straight in the domain, and a signed-in client that
 * keeps its session cookie and CSRF token as a browser page would.
 */
import { hashPassword } from '../../src/console/passwords.js';
import type { OfficerRole } from '../../src/domain/officers/officer-model.js';
import type { Officer } from '../../src/domain/officers/officers.js';
import type { Runtime } from '../../src/runtime.js';

export const TEST_PASSWORD = 'correct horse battery';

export async function createOfficer(
  runtime: Runtime,
  username: string,
  role: OfficerRole = 'admin',
  password = TEST_PASSWORD,
): Promise<Officer> {
  return runtime.domain.officers.create(
    { username, displayName: `Officer ${username}`, role, passwordHash: await hashPassword(password) },
    new Date(),
  );
}

export interface ConsoleClient {
  cookie: string;
  csrfToken: string;
  /** A request with the session cookie and, unless `csrf` says otherwise, the CSRF token. */
  request(method: string, path: string, body?: unknown, options?: { csrf?: string | null }): Promise<Response>;
}

/** The `name=value` of each Set-Cookie, joined as a Cookie header. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .join('; ');
}

export async function postLogin(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/admin/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function signIn(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<ConsoleClient> {
  const response = await postLogin(baseUrl, { username, password });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = cookieHeader(response);
  return {
    cookie,
    csrfToken,
    request(method, path, body, options = {}) {
      const csrf = options.csrf === undefined ? csrfToken : options.csrf;
      return fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
}
