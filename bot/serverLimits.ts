import { BODY_TIMEOUT_MS } from './activityBody.js';

/**
 * The limits of the HTTP door, as one object so tests can shorten the waits. Every number is a
 * bound on what a client can make the desk hold: time, sockets, turns.
 */
export interface ServerLimits {
  /** A request's body must arrive within this (a trickling body would hold a socket for nothing). */
  bodyTimeoutMs: number;
  /** Headers must arrive within this after the connection opens (slowloris). */
  headersTimeoutMs: number;
  /** A socket with no traffic at all is closed after this. */
  idleSocketMs: number;
  /** A kept-alive connection waits this long for its next request. */
  keepAliveMs: number;
  /**
   * A turn's time budget: past it the channel gets its answer (202) and the turn goes on; a turn
   * takes milliseconds, so this is a turn stuck on something outside the desk.
   */
  turnBudgetMs: number;
  /** Past this a turn no longer holds its conversation: the next message goes ahead (see TurnQueue). */
  turnReleaseMs: number;
  /** Turns one conversation may have queued at once; more is a flood, answered 429. */
  maxQueuedPerConversation: number;
  /** Turns the whole desk runs or queues at once; more is answered 503 (busy) before any work. */
  maxTurnsInFlight: number;
}

/** The limits `npm start` runs with. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = Object.freeze({
  bodyTimeoutMs: BODY_TIMEOUT_MS,
  headersTimeoutMs: 10_000,
  idleSocketMs: 60_000,
  keepAliveMs: 5_000,
  turnBudgetMs: 15_000,
  turnReleaseMs: 60_000,
  maxQueuedPerConversation: 20,
  maxTurnsInFlight: 500,
});
