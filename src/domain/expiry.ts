/**
 * Card expiry: when a card counts as expired, the reminders before it (30, 7 and 1 days), the
 * holder's extension request and its states (a table), and the new expiry an approved extension
 * gives. Time is a parameter here.
 */
import { ledgerEntryId } from './balance-change';
import type { Card } from './card';
import type { Fen } from './money';
import { DAY_MS } from './order';
import { CHINA_OFFSET_MS } from './rules';

/** Whether a card is past its expiry at `now` (a card without one never expires). */
export function isExpired(card: Pick<Card, 'expiresAt'>, now: number): boolean {
  return card.expiresAt !== null && now > card.expiresAt;
}

/** Reminder windows, in days before expiry, largest first. */
export const REMINDER_DAYS = [30, 7, 1] as const;
export type ReminderWindow = (typeof REMINDER_DAYS)[number];

/**
 * The reminder window a card is in at `now`: the nearest one whose time has come (a card 5 days
 * from expiry is in the 7-day window, never also the 30-day one), or null when none is due yet or
 * the card has already expired.
 */
export function reminderWindow(card: Pick<Card, 'expiresAt'>, now: number): ReminderWindow | null {
  if (card.expiresAt === null || now > card.expiresAt) return null;
  const left = card.expiresAt - now;
  let due: ReminderWindow | null = null;
  for (const days of REMINDER_DAYS) if (left <= days * DAY_MS) due = days;
  return due;
}

/** Whole days until expiry, counted up (23 hours left is "1 day"); null without an expiry or once past it. */
export function daysLeft(card: Pick<Card, 'expiresAt'>, now: number): number | null {
  if (card.expiresAt === null || now > card.expiresAt) return null;
  return Math.max(1, Math.ceil((card.expiresAt - now) / DAY_MS));
}

/** Whether a "N 天后过期" notice is due: within the largest reminder window. */
export function expiresSoon(card: Pick<Card, 'expiresAt'>, now: number): boolean {
  const d = daysLeft(card, now);
  return d !== null && d <= REMINDER_DAYS[0];
}

export const EXTENSION_RULES = {
  /** An approved extension gives this many months from approval unless the operator chooses. */
  defaultMonths: 6,
  minMonths: 1,
  maxMonths: 24,
  /** The holder's optional note and the operator's. */
  noteMax: 100,
} as const;

/** The new expiry an extension approved at `approvedAt` gives: the end of the China day `months` later. */
export function extendedExpiry(approvedAt: number, months: number = EXTENSION_RULES.defaultMonths): number {
  if (!Number.isInteger(months) || months < EXTENSION_RULES.minMonths || months > EXTENSION_RULES.maxMonths)
    throw new RangeError(`months must be an integer in [${EXTENSION_RULES.minMonths}, ${EXTENSION_RULES.maxMonths}]`);
  const local = new Date(approvedAt + CHINA_OFFSET_MS);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, local.getUTCDate() + 1);
  return end - CHINA_OFFSET_MS - 1;
}

export const EXTENSION_STATES = ['pending', 'approved', 'declined'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

const EXTENSION_MOVES: Readonly<Record<ExtensionState, readonly ExtensionState[]>> = {
  pending: ['approved', 'declined'],
  approved: [],
  declined: [],
};

export function canMoveExtension(from: ExtensionState, to: ExtensionState): boolean {
  return EXTENSION_MOVES[from].includes(to);
}

export function isExtensionDecided(state: ExtensionState): boolean {
  return EXTENSION_MOVES[state].length === 0;
}

/** A holder's request to have an expired card's balance back, as stored. */
export interface ExtensionRequest {
  /** extensionId(cardId, expiresAt): one request per expiry of a card. */
  _id: string;
  cardId: string;
  owner: string;
  brandId: string;
  brandName: string;
  productName: string;
  face: Card['face'];
  last4: string;
  /** The balance that expired (the EXPIRE entry's amount, positive). */
  amount: Fen;
  /** The expiry that passed. */
  expiredAt: number;
  note: string;
  state: ExtensionState;
  requestedAt: number;
  decidedAt?: number;
  decidedBy?: string;
  /** Approved: months given and the card's new expiry. */
  months?: number;
  newExpiresAt?: number;
  decisionNote?: string;
  updatedAt: number;
}

/** The EXPIRE entry of a card's expiry at `expiresAt`: one per expiry, so a rerun never expires twice. */
export const expireEntryId = (cardId: string, expiresAt: number): string =>
  ledgerEntryId(cardId, 'EXPIRE', String(expiresAt));
/** The REINSTATE entry of an approved extension. */
/** A card's extension request for the expiry at `expiresAt`. */
export const extensionId = (cardId: string, expiresAt: number): string => `ext-${cardId}-${expiresAt}`;
/** The record that a card's reminder of `days` before `expiresAt` went out. */
export const reminderId = (cardId: string, expiresAt: number, days: ReminderWindow): string =>
  `${cardId}-${expiresAt}-d${days}`;

/**
 * What expiry does to a card found past its expiry by the sweep (or at a request): one with a
 * balance becomes `expired` and loses it; one at zero has nothing to lose and counts as used up.
 */
export function expiredState(card: Pick<Card, 'balance'>): 'expired' | 'used' {
  return card.balance > 0 ? 'expired' : 'used';
}
