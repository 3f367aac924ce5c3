import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/niryat',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'local-dev-token',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
};

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills safe defaults around the required values', () => {
    const config = loadConfig(valid);
    expect(config.role).toBe('all');
    expect(config.http.port).toBe(3000);
    expect(config.outbound.ratePerSecond).toBe(20);
    expect(config.simulatorEnabled).toBe(true);
    expect(config.twilio.contentSids).toEqual({});
  });

  it('names a malformed REDIS_URL and what is expected', () => {
    const error = errorFor({ ...valid, REDIS_URL: 'localhost:6379' });
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).toBe("REDIS_URL: expected a URL starting with redis:// or rediss://, got 'localhost:6379'");
  });

  it('names a missing variable', () => {
    const { MONGODB_URI: _omitted, ...rest } = valid;
    expect(errorFor(rest).message).toBe(
      'MONGODB_URI: missing; expected a URL starting with mongodb:// or mongodb+srv://',
    );
  });

  it('treats an empty value as missing', () => {
    expect(errorFor({ ...valid, TWILIO_AUTH_TOKEN: '' }).variable).toBe('TWILIO_AUTH_TOKEN');
  });

  it('rejects numbers out of range and non-numbers', () => {
    expect(errorFor({ ...valid, PORT: 'eighty' }).message).toBe(
      "PORT: expected a whole number from 0 to 65535, got 'eighty'",
    );
    expect(errorFor({ ...valid, OUTBOUND_RATE_PER_SECOND: '1000' }).variable).toBe('OUTBOUND_RATE_PER_SECOND');
  });

  it('parses content template SIDs as JSON and rejects anything else', () => {
    const sid = `HX${'1'.repeat(32)}`;
    expect(loadConfig({ ...valid, TWILIO_CONTENT_SIDS: JSON.stringify({ language: sid }) }).twilio.contentSids).toEqual(
      {
        language: sid,
      },
    );
    expect(errorFor({ ...valid, TWILIO_CONTENT_SIDS: '{language:1}' }).variable).toBe('TWILIO_CONTENT_SIDS');
  });

  it('turns the simulator off in production unless asked for', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).simulatorEnabled).toBe(false);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', SIMULATOR_ENABLED: 'true' }).simulatorEnabled).toBe(true);
  });
});
