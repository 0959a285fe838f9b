/** Today in China (UTC+8, no daylight saving), as stage dates and due dates are recorded locally. */
export const todayInChina = (now = Date.now()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
