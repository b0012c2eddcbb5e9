/**
 * Removes exact secret values (a secret key, a session token, an authorization token) wherever
 * they appear, raw or URI-encoded. Unlike `scrubSecrets` it leaves anything else alone: the CLI
 * prints payload hashes and signatures on purpose.
 */
export function redactKnown(text: string, known: Iterable<string>): string {
  let out = text;
  for (const secret of known) {
    if (secret.length < 8) continue;
    out = out.split(secret).join('[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  }
  return out;
}

/** The secrets the CLI has seen in this run; every line it writes is checked against them. */
export class SecretRegistry {
  readonly #values = new Set<string>();

  add(...values: (string | undefined)[]): void {
    for (const value of values) {
      const trimmed = value?.trim();
      if (trimmed !== undefined && trimmed.length >= 8) this.#values.add(trimmed);
    }
  }

  redact(text: string): string {
    return this.#values.size === 0 ? text : redactKnown(text, this.#values);
  }
}

/** A connection string without user info: `mongodb://user:pw@host/…` → `mongodb://[redacted]@host/…`. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1[redacted]@');
}
