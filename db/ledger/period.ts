import { fail } from '../errors';
import type { OfficeSettings } from '../reference/settings';
import { localDateTime } from '../time';

const FUTURE_SLACK_MS = 10 * 60 * 1000;

/** Refuses a posting or voiding time in the future or inside a locked (reported) period. */
export function checkPostingTime(at: Date, now: Date, settings: OfficeSettings): void {
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    fail('FUTURE_TIME', `单据时间 ${localDateTime(at, settings.timeZone)} 晚于当前时间,不能登记未来的单据。`);
  }
  if (settings.lockedUntil && at.getTime() <= Date.parse(settings.lockedUntil)) {
    const until = localDateTime(new Date(settings.lockedUntil), settings.timeZone);
    fail('PERIOD_LOCKED', `${until} 及以前的账期已报送锁定,不能再登记或作废该时段的单据。如需更正,请在当前账期内处理。`);
  }
}
