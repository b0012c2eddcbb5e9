/** "in 5 h" / "3 min ago", for expiry lines. */
export function formatAgo(ms: number): string {
  const abs = Math.abs(ms);
  const text = abs < 1000 ? `${Math.round(abs)} ms` : abs < 120_000 ? `${Math.round(abs / 1000)} s` : abs < 7_200_000 ? `${Math.round(abs / 60_000)} min` : `${Math.round(abs / 3_600_000)} h`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
