/**
 * The day a run judges waiver expiry and not-yet-made safeguards on: XBORDER_TODAY when set, else today in China.
 * A value that is not a real date was ignored in silence, so a pinned clock (`2026-13-01`, `tomorrow`) quietly
 * became the real one, and waivers expired (or did not) by a date nobody chose: it is a usage error now (exit 2).
 */
import type { Bilingual } from '../model/verdict.js';
import { badPinnedToday, CHECKABLE_DATE, todayInChina } from '../util/dates.js';
import type { AppIO } from './io.js';

/** The run's today, or why XBORDER_TODAY cannot be it. Empty counts as unset (as XBORDER_MAX_BYTES does). */
export function runToday(env: AppIO['env']): { today: string } | { problem: Bilingual } {
  const raw = badPinnedToday(env);
  if (raw !== undefined) {
    const got = JSON.stringify(raw.slice(0, 40));
    return {
      problem: {
        en: `XBORDER_TODAY must be ${CHECKABLE_DATE.en} (got ${got}): it is the date waivers expire by; unset it to use today in China`,
        zh: `XBORDER_TODAY 须为${CHECKABLE_DATE.zh}，实际为 ${got}：例外批准按该日期判断是否到期；取消该变量即使用中国当日日期`,
      },
    };
  }
  return { today: todayInChina(env) };
}
