/**
 * Security headers and request-rate limits for the console and the simulator, through maintained middleware:
 * helmet for the headers; express-rate-limit with its counts in Redis, so every web process shares one limit.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import { sendError } from './api-errors.js';
import './signed-in-officer.js';

/**
 * Only this origin's own files: no inline script or style (pages load external files), no framing (clickjacking),
 * forms post only here. Images may be data: URLs (QR codes).
 */
const CONSOLE_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CONSOLE_DIRECTIVES,
        // Over plain http (development on a LAN address) an upgrade would break every asset.
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 180 * 86_400 } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * The console's policy with inline styles allowed (never inline scripts), for the two pages whose libraries write
 * styles into the page: Mermaid puts a <style> element into each diagram (the flows page), and Bull Board styles
 * its elements inline (the queues board). It replaces the header `securityHeaders` set; everything else keeps that.
 */
export function allowInlineStyles(): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { ...CONSOLE_DIRECTIVES, styleSrc: ["'self'", "'unsafe-inline'"] },
  });
}

export interface RateLimitOptions {
  redis: Redis;
  prefix: string;
}

function redisStore(options: RateLimitOptions, name: string): RedisStore {
  return new RedisStore({
    prefix: `${options.prefix}:console:rate:${name}:`,
    sendCommand: (command: string, ...args: string[]) => options.redis.call(command, ...args) as Promise<RedisReply>,
  });
}

const TOO_MANY = {
  hi: 'बहुत सारे अनुरोध। कृपया थोड़ी देर बाद फिर कोशिश करें।',
  en: 'Too many requests. Please try again in a little while.',
};

/** The admin API: `perMinute` requests a minute for each signed-in officer, or each address when signed out. */
export function apiRateLimit(options: RateLimitOptions & { perMinute?: number }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute ?? 300,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: redisStore(options, 'api'),
    keyGenerator: (req) => (req.officer ? `officer:${req.officer.id}` : `addr:${ipKeyGenerator(req.ip ?? '')}`),
    handler: (_req, res) => sendError(res, 429, 'rate_limited', TOO_MANY),
  });
}

/** Sign-in attempts per address, right or wrong: a bound on guessing across many usernames. */
export function loginRateLimit(options: RateLimitOptions & { perFiveMinutes?: number }): RequestHandler {
  return rateLimit({
    windowMs: 5 * 60_000,
    limit: options.perFiveMinutes ?? 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: redisStore(options, 'login'),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) => sendError(res, 429, 'rate_limited', TOO_MANY),
  });
}
