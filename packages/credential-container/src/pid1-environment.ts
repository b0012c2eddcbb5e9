import type { ReadTextFile } from '@iamkit/credentials';

/** Where Linux exposes the environment PID 1 started with. */
export const PID1_ENVIRON_PATH = '/proc/1/environ';

/**
 * One variable from PID 1's environment, or `undefined` when it is not there or the file cannot be
 * read (not Linux, not allowed, not in a container). A shell opened with `docker exec` or ECS Exec
 * does not inherit the variables the ECS agent gave the task's main process; PID 1 still has them.
 */
export async function readPid1Variable(readFile: ReadTextFile, path: string, name: string): Promise<string | undefined> {
  if (process.pid === 1) return undefined;
  let text: string;
  try {
    text = await readFile(path);
  } catch {
    return undefined;
  }
  const prefix = `${name}=`;
  for (const entry of text.split('\0')) {
    if (entry.startsWith(prefix)) {
      const value = entry.slice(prefix.length).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
