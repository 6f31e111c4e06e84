import { fail } from '../errors';
import type { OfficeSettings } from '../reference/settings';
import { localDateTime } from '../time';

const FUTURE_SLACK_MS = 10 * 60 * 1000;

/**
 * Refuses a posting or voiding time in the future or inside a locked (reported) period. A document of
 * a locked period can still be voided: the reversal is dated in the open period, and the refusal says so.
 */
export function checkPostingTime(at: Date, now: Date, settings: OfficeSettings, voiding = false): void {
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    fail('FUTURE_TIME', `单据时间 ${localDateTime(at, settings.timeZone)} 晚于当前时间,不能登记未来的单据。`);
  }
  if (settings.lockedUntil && at.getTime() <= Date.parse(settings.lockedUntil)) {
    const until = localDateTime(new Date(settings.lockedUntil), settings.timeZone);
    fail('PERIOD_LOCKED', voiding
      ? `${until} 及以前的账期已报送锁定,作废时间不能在该时段内:请把作废时间改到 ${until} 之后(锁定期内的单据也可以作废,冲销记在当前账期)。`
      : `${until} 及以前的账期已报送锁定,不能再登记该时段的单据:请把时间改到 ${until} 之后;已过账的单据可以作废,冲销记在当前账期。`);
  }
}
