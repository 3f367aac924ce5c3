/**
 * Bull Board over the bot's queues, for administrators only: what is waiting, running, delayed or failed. Mounted at
 * /admin/queues behind the admin guard (the same login as the console). Read-only: its page sends changes without
 * the console's CSRF token, and retrying or removing a job by hand can send a person a message twice; dead letters
 * are replayed with `npm run inbox:replay`, which knows what was sent.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { type RequestHandler, Router } from 'express';
import { requireOfficer } from '../require-officer.js';
import { allowInlineStyles } from '../security-middleware.js';

export const QUEUES_BOARD_PATH = '/admin/queues';

/**
 * `basePath` is the board's public path (its pages link to it); `mountPath` where the returned router serves it:
 * the same when mounted at the app's root, `/queues` among the console's page routers (mounted at /admin).
 */
export function queuesBoard(deps: {
  queues: readonly Queue[];
  /** Default: the console's `requireOfficer('admin')`. */
  admin?: RequestHandler;
  basePath?: string;
  mountPath?: string;
}): Router {
  const basePath = deps.basePath ?? QUEUES_BOARD_PATH;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: deps.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Niryat Setu queues' } },
  });
  const router = Router();
  router.use(
    deps.mountPath ?? basePath,
    deps.admin ?? requireOfficer('admin'),
    allowInlineStyles(),
    serverAdapter.getRouter(),
  );
  return router;
}
