import { type RateLimit, resolveRateLimit } from '../common/emulator-options.js';

/** The agent's defaults: `DefaultTaskMetadataSteadyStateRate` 40, `DefaultTaskMetadataBurstRate` 60. @internal */
export const ECS_DEFAULT_RATE_LIMIT: RateLimit = { rate: 40, burst: 60 };

/**
 * The `rateLimit` option of the ECS agent emulator. An object is validated strictly; a string is
 * read exactly as the agent reads `ECS_TASK_METADATA_RPS_LIMIT` ("rate,burst"): a malformed value
 * is ignored, and a value of 0 or less for either number restores both defaults.
 */
export function resolveEcsRateLimit(option: RateLimit | string | false | undefined): RateLimit | undefined {
  if (typeof option !== 'string') return resolveRateLimit('ecs-agent', option, ECS_DEFAULT_RATE_LIMIT);
  const parts = option.split(',');
  if (parts.length !== 2) return ECS_DEFAULT_RATE_LIMIT;
  const [rate, burst] = parts.map((part) => goAtoi(part.trim()));
  if (rate === undefined || burst === undefined || rate <= 0 || burst <= 0) return ECS_DEFAULT_RATE_LIMIT;
  return { rate, burst };
}

// strconv.Atoi: an optional sign and decimal digits, nothing else.
function goAtoi(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
}
