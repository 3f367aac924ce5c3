/**
 * Every action the product's flows may call. Flow validation checks `action:` names against this list at start-up;
 * the composition root binds them to their services.
 */
import type { ActionDefinition } from '../conversation/actions/action.js';
import { optIn, optOut } from './consent-actions.js';
import { answerQuestion } from './faq-actions.js';
import { findGroup, joinGroup, leaveGroup, moderateGroup, myGroups, pickGroup, postToGroup } from './group-actions.js';
import {
  answerInquiry,
  closeInquiry,
  listMyInquiries,
  pickInquiry,
  readInquiryButton,
  readSellerQuote,
  showShortlist,
} from './inquiry-answer-actions.js';
import { completeInquiry, describeInquiry, openInquiry, setInquiryQuantity } from './inquiry-actions.js';
import { setLanguage } from './language-actions.js';
import { addEvent, cancelEvent, eventsDesk, readEventTime } from './event-actions.js';
import { answerTicket, listTickets, pickTicket, saveTicketAnswer, ticketAnswerLanguage } from './ticket-actions.js';
import {
  addSellerProducts,
  editSellerProfile,
  eraseMyData,
  loadSellerProfile,
  removeSellerProducts,
  setSellerAlerts,
} from './seller-profile-actions.js';
import {
  addPhoto,
  describeRegistration,
  matchProducts,
  matchTehsil,
  nextCapacity,
  recordCapacity,
  recordContactConsent,
  saveSellerProfile,
  tehsilMenu,
} from './seller-registration-actions.js';
import type { ActionServices } from './services.js';
import {
  broadcastOfficer,
  confirmBroadcast,
  draftBroadcast,
  listBroadcasts,
  readBroadcastTime,
  showBroadcast,
  steerBroadcast,
} from './broadcast-actions.js';

export const PRODUCT_ACTIONS: readonly ActionDefinition<ActionServices>[] = [
  setLanguage,
  optOut,
  optIn,
  matchProducts,
  nextCapacity,
  recordCapacity,
  tehsilMenu,
  matchTehsil,
  addPhoto,
  recordContactConsent,
  describeRegistration,
  saveSellerProfile,
  loadSellerProfile,
  editSellerProfile,
  addSellerProducts,
  removeSellerProducts,
  setSellerAlerts,
  eraseMyData,
  describeInquiry,
  completeInquiry,
  setInquiryQuantity,
  openInquiry,
  readInquiryButton,
  readSellerQuote,
  answerInquiry,
  listMyInquiries,
  pickInquiry,
  showShortlist,
  closeInquiry,
  findGroup,
  joinGroup,
  myGroups,
  pickGroup,
  postToGroup,
  leaveGroup,
  moderateGroup,
  answerQuestion,
  listTickets,
  pickTicket,
  answerTicket,
  saveTicketAnswer,
  ticketAnswerLanguage,
  eventsDesk,
  readEventTime,
  addEvent,
  cancelEvent,
  broadcastOfficer,
  readBroadcastTime,
  draftBroadcast,
  confirmBroadcast,
  listBroadcasts,
  showBroadcast,
  steerBroadcast,
];
