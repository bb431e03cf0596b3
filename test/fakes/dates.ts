/** Time-zone arithmetic for the fakes (Sheets keeps dates as wall-clock times in the spreadsheet's zone). */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`. Throws RangeError on an unknown zone, like Intl. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The instant at which the wall clock in `timeZone` reads the given local time (first one, around DST gaps). */
export function zonedInstant(year: number, month: number, day: number, timeZone: string, hour = 0, minute = 0, second = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(guess, timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    const diff = asUtc - shown;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Utilities.formatDate's SimpleDateFormat, the subset Rungs needs: yyyy yy MM dd HH mm ss SSS and 'quoted'
 * literals. Any other pattern letter throws, so a test never passes on a silently wrong format.
 */
export function formatSimpleDate(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date.getTime(), timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in date pattern "${pattern}"`);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j++;
    const token = pattern.slice(i, j);
    switch (token) {
      case 'yyyy': out += pad(w.year, 4); break;
      case 'yy': out += pad(w.year % 100, 2); break;
      case 'MM': out += pad(w.month, 2); break;
      case 'dd': out += pad(w.day, 2); break;
      case 'HH': out += pad(w.hour, 2); break;
      case 'mm': out += pad(w.minute, 2); break;
      case 'ss': out += pad(w.second, 2); break;
      case 'SSS': out += pad(w.millisecond, 3); break;
      default: throw new Error(`The fake Utilities.formatDate does not support "${token}" (pattern "${pattern}")`);
    }
    i = j;
  }
  return out;
}
