// `pnpm demo` / `pnpm --filter @iamkit/sigv4 run showcase`: signs the STS GetCallerIdentity
// request that MONGODB-AWS sends, with AWS's documentation keys, and shows every step.
import { parseAuthorizationHeader, signRequest, verifySignature } from '../src/index.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const serverNonce = Buffer.from(Array.from({ length: 64 }, (_, i) => i)).toString('base64');
const body = 'Action=GetCallerIdentity&Version=2011-06-15';
const request = {
  method: 'POST',
  url: 'https://sts.amazonaws.com/',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(body.length),
    Host: 'sts.amazonaws.com',
    'X-MongoDB-Server-Nonce': serverNonce,
    'X-MongoDB-GS2-CB-Flag': 'n',
  },
  body,
};

const signed = signRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: '2025-12-15T12:34:56Z' });

const rule = (title: string) => `\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`;
const show = (text: string) =>
  text
    .split('\n')
    .map((line) => `  │ ${line === '' ? '(empty line)' : line}`)
    .join('\n');

console.log('@iamkit/sigv4 — signing the MONGODB-AWS GetCallerIdentity request (AWS example keys)');
console.log(rule('1. canonical request'));
console.log('  method, path, query (empty), the signed headers (lower-case, sorted, trimmed),');
console.log('  a blank line, the signed-header list and the SHA-256 of the body:');
console.log(show(signed.canonicalRequest));
console.log(rule('2. string to sign'));
console.log('  algorithm, X-Amz-Date, credential scope, SHA-256 of the canonical request:');
console.log(show(signed.stringToSign));
console.log(rule('3. signature'));
console.log(`  HMAC-SHA256(signing key for ${signed.credentialScope}, string to sign)`);
console.log(show(signed.signature));
console.log(rule('4. Authorization header (MONGODB-AWS sends it as "a", X-Amz-Date as "d")'));
console.log(show(signed.authorization));
console.log(rule('5. parsed back, and verified as the server would'));
const parsed = parseAuthorizationHeader(signed.authorization);
console.log(show(`access key ${parsed.accessKeyId}, region ${parsed.region}, service ${parsed.service}\nsigned headers: ${parsed.signedHeaders.join(', ')}`));
const verified = verifySignature({ ...request, headers: signed.headers }, { credentials, now: '2025-12-15T12:35:00Z' });
console.log(show(verified.valid ? 'signature valid ✔' : `signature rejected: ${verified.error.code}`));
console.log('\nDebugging a SignatureDoesNotMatch? Compare signed.canonicalRequest with the canonical request in the AWS error.');
