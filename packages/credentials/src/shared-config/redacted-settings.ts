import { inspect } from 'node:util';

/**
 * Settings read from a shared config file: key → value. The object has no prototype (a key such
 * as `constructor` is just a key) and keeps secret values (`aws_secret_access_key`,
 * `aws_session_token`, …) out of `JSON.stringify` and `util.inspect`, while reading a key still
 * returns the real value.
 *
 * @example
 * ```ts
 * const settings: IniSettings = config.profiles.default ?? {};
 * settings.region; // 'eu-west-1'
 * ```
 * @public
 */
export type IniSettings = Readonly<Record<string, string>>;

// Matched against the key name, not the value: a secret's shape is not reliable, its key is.
const SECRET_KEY = /secret|session_token|security_token|password/i;

/**
 * True when the value of a shared-config key is a secret that must never be logged.
 *
 * @example
 * ```ts
 * isSecretSetting('aws_secret_access_key'); // true
 * isSecretSetting('region'); // false
 * ```
 * @public
 */
export function isSecretSetting(key: string): boolean {
  return SECRET_KEY.test(key);
}

function redactedView(settings: Record<string, string>): Record<string, string> {
  const view: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) view[key] = isSecretSetting(key) ? '[redacted]' : value;
  return view;
}

/**
 * Freezes `settings` (a prototype-less record) after giving it secret-free `toJSON` and
 * `util.inspect` views. Non-enumerable, so `Object.entries` and spreading see only the settings.
 *
 * @internal
 */
export function sealSettings(settings: Record<string, string>): IniSettings {
  Object.defineProperties(settings, {
    toJSON: { value: () => redactedView(settings), enumerable: false },
    [inspect.custom]: { value: () => redactedView(settings), enumerable: false },
  });
  return Object.freeze(settings);
}

/** A prototype-less record, so keys from a file can never reach `Object.prototype`. @internal */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
