/**
 * Redis TTL for something that expires at `expirationTimeMs` by the Clock. Expiry itself is always
 * judged against the Clock on read; Redis eviction only reclaims memory, a little later, so that a
 * slow Redis round trip or a few ms of clock skew between nodes never evicts what the Clock still
 * calls live.
 */
export const EVICTION_SLACK_MS = 5_000;

export function evictionTtlMs(expirationTimeMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil(expirationTimeMs - nowMs)) + EVICTION_SLACK_MS;
}
