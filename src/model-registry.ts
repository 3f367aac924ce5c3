/**
 * Part of the composition root: every mongoose model of the product on one connection, so that `ensureIndexes` builds
 * all their indexes at start. Each model is defined by the module that owns it; only this file knows them all.
 */
import type { Connection } from 'mongoose';
import { auditModel } from './domain/audit/audit-model.js';
import { broadcastModel } from './domain/broadcasts/broadcast-model.js';
import { programmeEventModel } from './domain/events/programme-events.js';
import { addedFaqModel } from './domain/faq/added-entries.js';
import { groupMembershipsModel, groupModel } from './domain/groups/group-model.js';
import { buyerInquiriesModel, inquiryModel, sellerAlertsModel } from './domain/inquiries/inquiry-model.js';
import { sellerErasureModel, sellerModel } from './domain/sellers/seller-model.js';
import { sessionModel } from './domain/sessions/session-model.js';
import { ticketModel, ticketQueueModel } from './domain/tickets/ticket-model.js';
import { officerModel } from './domain/officers/officer-model.js';
import { userModel } from './domain/users/user-model.js';
import { outboundModel } from './outbound/outbound-model.js';

export function registerModels(connection: Connection) {
  return {
    users: userModel(connection),
    sessions: sessionModel(connection),
    outbound: outboundModel(connection),
    tickets: ticketModel(connection),
    ticketQueue: ticketQueueModel(connection),
    sellers: sellerModel(connection),
    sellerErasures: sellerErasureModel(connection),
    inquiries: inquiryModel(connection),
    buyerInquiries: buyerInquiriesModel(connection),
    sellerAlerts: sellerAlertsModel(connection),
    groups: groupModel(connection),
    groupMemberships: groupMembershipsModel(connection),
    addedFaq: addedFaqModel(connection),
    broadcasts: broadcastModel(connection),
    officers: officerModel(connection),
    audit: auditModel(connection),
    programmeEvents: programmeEventModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
