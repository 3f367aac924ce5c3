// The admin API from the page: the session (who is signed in, their CSRF token), and requests that send the token
// with every change and show the busy bar while they take time.

import { has, pick, t } from './i18n.js';

const BASE = '/admin/api';
let csrfToken = null;
let pending = 0;
let busyTimer = null;

/** Shows the busy bar when a request takes longer than a blink. */
function busy(change) {
  pending += change;
  const bar = document.getElementById('busy');
  if (!bar) return;
  if (pending > 0 && !busyTimer) {
    busyTimer = setTimeout(() => {
      bar.hidden = pending === 0;
    }, 200);
  }
  if (pending === 0) {
    clearTimeout(busyTimer);
    busyTimer = null;
    bar.hidden = true;
  }
}

export class ApiFailure extends Error {
  constructor(status, body) {
    super(`${status} ${typeof body === 'object' ? (body?.error ?? '') : ''}`);
    this.status = status;
    this.body = body;
  }

  /** What the officer reads: the console's own bilingual message, or one made from the error code and field. */
  get friendly() {
    const body = this.body && typeof this.body === 'object' ? this.body : {};
    if (body.message && typeof body.message === 'object') return pick(body.message);
    if (body.error === 'invalid')
      return t('error.invalid', { field: [body.field, body.message].filter(Boolean).join(': ') });
    if (body.error && has(`error.${body.error}`)) return t(`error.${body.error}`);
    if (this.status === 403) return t('error.forbidden');
    if (this.status === 404) return t('error.not_found');
    return body.message ? `${t('error.generic')} (${body.message})` : t('error.generic');
  }
}

function toSignIn() {
  location.assign(`/admin/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** Who is signed in; sends the browser to the sign-in page when nobody is. */
export async function loadSession() {
  const response = await fetch(`${BASE}/session`, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (response.status === 401) {
    toSignIn();
    return new Promise(() => {});
  }
  const body = await response.json();
  csrfToken = body.csrfToken;
  return body.officer;
}

/** A request to the admin API (path below /admin/api): JSON in and out; a change carries the CSRF token. */
export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken ?? '';
  busy(1);
  let response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    busy(-1);
    throw new ApiFailure(0, { error: 'network', message: { hi: t('error.network'), en: t('error.network') } });
  }
  try {
    if (response.status === 401) toSignIn();
    const type = response.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) throw new ApiFailure(response.status, data);
    return data;
  } finally {
    busy(-1);
  }
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);

export async function signOut() {
  await post('/logout');
  location.assign('/admin/login');
}

/** `?a=1&b=x` from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The CSV download of an export (`/export/<name>.csv`) with a list's filters; a list's file holds its first 100. */
export function csvHref(path, params = {}, list = false) {
  const { page: _page, limit: _limit, ...rest } = params;
  return `${BASE}${path}${query(list ? { ...rest, limit: 100 } : rest)}`;
}
