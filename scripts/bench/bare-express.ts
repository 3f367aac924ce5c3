/**
 * The benchmark's baseline: a bare express 5 app that parses the same form body as the bot and answers the same
 * empty TwiML, with nothing else (no logging, no signature check, no Redis). Started as a child process by
 * `webhook.ts` so that it runs under exactly the conditions the bot does; prints `READY <url>` once it listens.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const TWIML_ACK = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/webhooks/whatsapp/inbound', (_req, res) => {
  res.type('text/xml').send(TWIML_ACK);
});

const server = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
