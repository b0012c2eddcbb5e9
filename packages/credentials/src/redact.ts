/**
 * Masks an access key id so it stays recognisable (prefix tells long-term `AKIA` from temporary
 * `ASIA`, the tail tells two keys apart) without being usable: `ASIAXAMPLEKEY1234567` →
 * `ASIA…4567`. Key ids are not secret, but logs should not be a key inventory either.
 *
 * @example
 * ```ts
 * maskAccessKeyId('AKIAIOSFODNN7EXAMPLE'); // 'AKIA…MPLE'
 * ```
 * @public
 */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return `${accessKeyId.slice(0, 2)}…`;
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

// Shapes of things that must never be echoed: AWS secret keys (40 base64 chars), session tokens
// and other long base64 blobs, JWTs (web identity, Pod Identity tokens) and SigV4 signatures in
// Authorization headers. Long hex is left alone: payload hashes and signatures alone are harmless.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g,
  /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{60,}={0,2}/g,
];

/**
 * Replaces anything that looks like a secret (an AWS secret key, a session token, a JWT) with
 * `[redacted]`, and removes the exact `known` secrets wherever they appear. Used on text that
 * iamkit did not write itself — a child process's stderr, a server's error body — before it goes
 * into an error message.
 *
 * @example
 * ```ts
 * scrubSecrets('SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'); // 'SecretAccessKey: [redacted]'
 * ```
 * @public
 */
export function scrubSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, redactUnlessHex);
  return out;
}

// Lowercase hex of 40 or 64 characters is a payload hash, a signature or a request id — what a
// user needs to compare when debugging a signature, and nothing that authenticates on its own.
function redactUnlessHex(match: string): string {
  return /^[0-9a-f]+$/.test(match) ? match : '[redacted]';
}
