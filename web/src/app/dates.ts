/** Today in China (UTC+8), as YYYY-MM-DD: the server dates stages and arrivals in this calendar. The web's one copy. */
export const todayInChina = (now = Date.now()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** The latest date a stage was entered (the date picker's lower bound; the server checks the order). */
export function lastStageDate(history: readonly { enteredOn: string }[]): string | null {
  return history.reduce<string | null>((max, e) => (max === null || e.enteredOn > max ? e.enteredOn : max), null);
}
