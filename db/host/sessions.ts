import { randomBytes } from 'node:crypto';

/** Idle sessions end after this long; the clerk logs in again. */
export const SESSION_IDLE_MS = 8 * 3600 * 1000;

/**
 * Logged-in sessions, in memory: a restart (or a restore) logs everyone out. The token is 32 random
 * bytes; over HTTP it travels only in an HttpOnly, SameSite=Strict cookie.
 */
export class Sessions {
  private readonly byToken = new Map<string, { userId: number; lastSeen: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  create(userId: number): string {
    const token = randomBytes(32).toString('base64url');
    this.byToken.set(token, { userId, lastSeen: this.now() });
    return token;
  }

  /** The session's user, or undefined when the token is unknown or has been idle too long. */
  userOf(token: string | undefined): number | undefined {
    if (!token) return undefined;
    const s = this.byToken.get(token);
    if (!s) return undefined;
    if (this.now() - s.lastSeen > SESSION_IDLE_MS) {
      this.byToken.delete(token);
      return undefined;
    }
    s.lastSeen = this.now();
    return s.userId;
  }

  /** The session's user without touching its idle time (a check before the real call). */
  peek(token: string | undefined): number | undefined {
    const s = token ? this.byToken.get(token) : undefined;
    return s && this.now() - s.lastSeen <= SESSION_IDLE_MS ? s.userId : undefined;
  }

  end(token: string | undefined): void {
    if (token) this.byToken.delete(token);
  }

  /** Ends a user's sessions (password reset, account stopped), except the one making the change. */
  endUser(userId: number, keep?: string): void {
    for (const [token, s] of this.byToken) if (s.userId === userId && token !== keep) this.byToken.delete(token);
  }

  clear(): void {
    this.byToken.clear();
  }
}
