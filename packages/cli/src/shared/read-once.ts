import { resolveRuntime, type ReadTextFile } from '@iamkit/credentials';

/**
 * A file reader for one command run that reads each path at most once: later calls get the same
 * answer (or the same failure). The chain's `ini` source and the STS client's profile region both
 * read the shared config files; through this they are read once, and both see the same text.
 */
export function readEachFileOnce(readFile: ReadTextFile | undefined): ReadTextFile {
  const read = resolveRuntime({ readFile }).readFile;
  const texts = new Map<string, Promise<string>>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = read(path);
      texts.set(path, text);
    }
    return text;
  };
}
