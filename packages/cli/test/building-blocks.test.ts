// The small pieces: scope inference, durations, the clock verdict, redaction, views, colour, the
// spinner and the table.
import { describe, expect, it, vi } from 'vitest';
import { parseCount, parseDuration, formatMs } from '../src/cli/durations.js';
import { createSpinner } from '../src/cli/spinner.js';
import { colorEnabled, createStyle, visibleLength } from '../src/cli/style.js';
import { renderTable, wrap } from '../src/cli/table.js';
import { isUsageError } from '../src/cli/usage-error.js';
import { CLOCK_FATAL_MS, CLOCK_WARNING_MS } from '../src/index.js';
import { clockCheck } from '../src/shared/clock.js';
import { redactKnown, redactUri, SecretRegistry } from '../src/shared/redact.js';
import { identityView } from '../src/shared/sts-identity.js';
import { credentialsView, errorView } from '../src/shared/views.js';
import { inferScope } from '../src/sign/infer-scope.js';
import { IamkitError } from '@iamkit/credentials';

describe('inferScope', () => {
  it.each<[string, Record<string, string>]>([
    ['sts.amazonaws.com', { service: 'sts', region: 'us-east-1' }],
    ['sts.eu-west-1.amazonaws.com', { service: 'sts', region: 'eu-west-1' }],
    ['sts-fips.us-east-2.amazonaws.com', { service: 'sts', region: 'us-east-2' }],
    ['sts.us-gov-west-1.amazonaws.com', { service: 'sts', region: 'us-gov-west-1' }],
    ['sts.cn-north-1.amazonaws.com.cn', { service: 'sts', region: 'cn-north-1' }],
    ['iam.amazonaws.com', { service: 'iam', region: 'us-east-1' }],
    ['dynamodb.ap-southeast-2.amazonaws.com:443', { service: 'dynamodb', region: 'ap-southeast-2' }],
    ['bucket.s3.amazonaws.com', { service: 's3', region: 'us-east-1' }],
    ['bucket.s3.eu-central-1.amazonaws.com', { service: 's3', region: 'eu-central-1' }],
    ['s3-us-west-2.amazonaws.com', { service: 's3', region: 'us-west-2' }],
    ['abc123.execute-api.eu-west-1.amazonaws.com', { service: 'execute-api', region: 'eu-west-1' }],
    ['abcdef.lambda-url.eu-west-1.on.aws', { service: 'lambda', region: 'eu-west-1' }],
    ['example.com', {}],
    ['127.0.0.1:8080', {}],
  ])('%s', (host, expected) => {
    expect(inferScope(host)).toEqual(expected);
  });
});

describe('durations and counts', () => {
  it.each<[string, number]>([['500ms', 500], ['5s', 5000], ['2', 2000], ['1.5s', 1500], ['2m', 120_000], ['1min', 60_000]])('%s → %d ms', (text, ms) => {
    expect(parseDuration('--timeout', text)).toBe(ms);
  });

  it.each(['soon', '-1s', '0', '5h', '11m', ''])('refuses %j', (text) => {
    let thrown: unknown;
    try {
      parseDuration('--timeout', text);
    } catch (error) {
      thrown = error;
    }
    expect(isUsageError(thrown)).toBe(true);
  });

  it('counts', () => {
    expect(parseCount('--retries', '3', 0, 10)).toBe(3);
    expect(() => parseCount('--retries', '3.5', 0, 10)).toThrow('--retries takes a whole number from 0 to 10');
  });

  it.each<[number, string]>([[340, '340 ms'], [1200, '1.2 s'], [125_000, '2 min 5 s'], [21_540_000, '5 h 59 min'], [-90_000, '-1 min 30 s']])('formatMs(%d)', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});

describe('clockCheck', () => {
  it.each<[number, string, string | null]>([
    [400, 'ok', 'behind'],
    [-CLOCK_WARNING_MS + 1000, 'ok', 'ahead'],
    [CLOCK_WARNING_MS + 1000, 'warning', 'behind'],
    [-(CLOCK_FATAL_MS + 1000), 'fatal', 'ahead'],
  ])('%d ms → %s', (skewMs, status, direction) => {
    expect(clockCheck({ skewMs, measuredFrom: 'date-header' }, '')).toMatchObject({ status, direction, skewMs });
  });

  it('unknown without a measurement; the fatal message names the fix', () => {
    expect(clockCheck(undefined, 'no STS')).toEqual({ status: 'unknown', skewMs: null, direction: null, measuredFrom: null, message: 'no STS' });
    expect(clockCheck({ skewMs: 20 * 60_000, measuredFrom: 'message' }, '').message).toContain('NTP');
  });
});

describe('redaction', () => {
  it('removes known secrets, raw and URI-encoded, and nothing else', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(redactKnown(`a ${secret} b ${encodeURIComponent(secret)} ${hash}`, [secret])).toBe(`a [redacted] b [redacted] ${hash}`);
    const registry = new SecretRegistry();
    registry.add(undefined, 'short', `  ${secret}\n`);
    expect(registry.redact(`${secret} short`)).toBe('[redacted] short');
  });

  it('connection strings lose their user info', () => {
    expect(redactUri('mongodb://AKIA:secret@db.example.com:27017/?authMechanism=MONGODB-AWS')).toBe('mongodb://[redacted]@db.example.com:27017/?authMechanism=MONGODB-AWS');
    expect(redactUri('mongodb+srv://cluster0.example.mongodb.net/')).toBe('mongodb+srv://cluster0.example.mongodb.net/');
  });
});

describe('views', () => {
  it('credentials: masked, temporary or long-term, time left', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(credentialsView({ accessKeyId: 'ASIA…MPLE', secretAccessKey: '[redacted]', sessionToken: '[redacted]', expiration: '2026-03-01T01:00:00.000Z', source: 'imds' }, now)).toEqual({
      source: 'imds',
      accessKeyId: 'ASIA…MPLE',
      kind: 'temporary',
      expiration: '2026-03-01T01:00:00.000Z',
      expiresInMs: 3_600_000,
      accountId: null,
    });
    expect(credentialsView({ accessKeyId: 'AKIA…MPLE', secretAccessKey: '[redacted]' }, now)).toMatchObject({ kind: 'long-term', expiration: null, expiresInMs: null, source: null });
  });

  it('errors: throttling is flagged, foreign errors get a code', () => {
    expect(errorView(new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', message: '429', status: 429, retryable: true }))).toEqual({ code: 'ERR_CREDENTIALS_THROTTLED', message: '429', source: 'container', retryable: true, status: 429, throttled: true });
    expect(errorView(new Error('boom'))).toMatchObject({ code: 'ERR_UNKNOWN', message: 'boom', throttled: false });
  });

  it('identities: an IAM user as is, a role session as ROLE/*, anything else explained', () => {
    expect(identityView({ account: '1', arn: 'arn:aws:iam::123456789012:user/path/Alice', userId: 'AIDA' }).mongoUser).toBe('arn:aws:iam::123456789012:user/path/Alice');
    expect(identityView({ account: '1', arn: 'arn:aws-cn:sts::123456789012:assumed-role/r/s', userId: 'AROA:s' })).toMatchObject({ mongoUser: 'arn:aws-cn:sts::123456789012:assumed-role/r/*', mongoUserNote: expect.stringContaining('arn:aws-cn:iam::123456789012:role/r') });
    expect(identityView({ account: '1', arn: 'arn:aws:iam::123456789012:root', userId: '1' })).toMatchObject({ mongoUser: null, mongoUserNote: expect.stringContaining('cannot log in') });
  });
});

describe('colour', () => {
  it.each<[Record<string, string>, boolean | undefined, boolean]>([
    [{}, true, true],
    [{}, false, false],
    [{}, undefined, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [{ TERM: 'dumb' }, true, false],
  ])('%j on a TTY %s → %s', (env, tty, expected) => {
    expect(colorEnabled(env, tty)).toBe(expected);
  });

  it('styles are plain when off, ANSI when on, and measured without their codes', () => {
    expect(createStyle(false).red('x')).toBe('x');
    expect(createStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(visibleLength(createStyle(true).bold('hello'))).toBe(5);
  });
});

describe('spinner', () => {
  it('writes nothing off a terminal', () => {
    const write = vi.fn();
    const spinner = createSpinner({ write, isTTY: false });
    spinner.update('Asking STS…');
    spinner.stop();
    expect(write).not.toHaveBeenCalled();
  });

  it('on a terminal: a frame with the step, the next frames on its timer, then a cleared line', () => {
    vi.useFakeTimers();
    try {
      const writes: string[] = [];
      const spinner = createSpinner({ write: (t: string) => writes.push(t), isTTY: true }, { intervalMs: 80 });
      spinner.update('Asking STS…');
      expect(writes).toEqual(['\r\u001b[2K⠋ Asking STS…']);
      vi.advanceTimersByTime(160);
      expect(writes.slice(1)).toEqual(['\r\u001b[2K⠙ Asking STS…', '\r\u001b[2K⠹ Asking STS…']);
      spinner.stop();
      expect(writes.at(-1)).toBe('\r\u001b[2K');
      vi.advanceTimersByTime(1000);
      expect(writes).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('table', () => {
  it('pads columns, wraps the last one under itself within the width', () => {
    const text = renderTable(['A', 'STATUS', 'DETAILS'], [['env', 'ok', 'one two three four five six seven eight nine ten']], { width: 40, indent: 2 });
    expect(text.split('\n')).toEqual(['  A    STATUS  DETAILS', '  env  ok      one two three four five', '               six seven eight nine ten']);
  });

  it('cuts a word longer than the line', () => {
    expect(wrap('x'.repeat(30), 12)).toEqual(['x'.repeat(12), 'x'.repeat(12), 'x'.repeat(6)]);
  });
});
