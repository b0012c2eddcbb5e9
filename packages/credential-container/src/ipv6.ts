// Strict IPv6 text parsing for the host allowlist: hex groups and at most one `::`, nothing else —
// no embedded dotted IPv4 (how IPv4-mapped addresses are usually written) and no zone id.

/** The eight 16-bit groups of an IPv6 literal (without brackets), or `undefined` if it is not one. */
export function ipv6Groups(text: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = split(halves[0] ?? '');
  const tail = halves.length === 2 ? split(halves[1] ?? '') : [];
  if ([...head, ...tail].some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return undefined;
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return undefined;
  const zeros = new Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail].map((group) => Number.parseInt(group, 16));
}

export function sameGroups(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** `::ffff:a.b.c.d` in any spelling: an IPv4 address dressed as IPv6. */
export function isIpv4Mapped(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
}
