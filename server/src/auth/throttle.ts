import type { DataSource } from 'typeorm';
import { AtlasError, ErrorCode } from '../common/errors';
import type { ThrottleSettings } from '../config';
import { CLEAR_FAILURES, RECORD_FAILURE, THROTTLE_STATE } from './auth.sql';

/**
 * Sign-in throttling held in the database (table sign_in_failure), so it holds across every API process
 * on the same database: too many failures for one account, or from one client address, within the window
 * refuse further attempts, the right password included, until the oldest counted failure ages out.
 */
export class SignInThrottle {
  constructor(private readonly db: DataSource, private readonly settings: ThrottleSettings) {}

  keys(username: string, address: string | undefined): { account: string; keys: string[] } {
    const account = `user:${username}`;
    return { account, keys: address ? [account, `addr:${address}`] : [account] };
  }

  /** Throws TOO_MANY_ATTEMPTS (HTTP 429, Retry-After) when the account or the address is over its limit. */
  async check(username: string, address: string | undefined): Promise<void> {
    const { account, keys } = this.keys(username, address);
    const rows: { key: string; failures: number; retry_after: number }[] = await this.db.query(THROTTLE_STATE, [keys, this.settings.windowSeconds]);
    for (const r of rows) {
      const limit = r.key === account ? this.settings.maxPerAccount : this.settings.maxPerAddress;
      if (r.failures >= limit) {
        const retryAfter = Math.max(1, r.retry_after);
        const who = r.key === account ? 'this account' : 'your address';
        throw new AtlasError(ErrorCode.TOO_MANY_ATTEMPTS,
          `Too many failed sign-ins for ${who} (${limit} within ${Math.round(this.settings.windowSeconds / 60)} minutes); try again in ${retryAfter} s`,
          { retryAfterSeconds: retryAfter, limit, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } });
      }
    }
  }

  async failed(username: string, address: string | undefined): Promise<void> {
    await this.db.query(RECORD_FAILURE, [this.keys(username, address).keys, this.settings.windowSeconds]);
  }

  async succeeded(username: string): Promise<void> {
    await this.db.query(CLEAR_FAILURES, [this.keys(username, undefined).account]);
  }
}
