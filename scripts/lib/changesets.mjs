import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;
// One release line of a changeset's YAML frontmatter: "@iamkit/x": minor (quotes optional).
const RELEASE = /^\s*(["']?)(@?[^"'\s:]+)\1\s*:\s*(major|minor|patch)\s*$/;

/**
 * Names of the packages that pending changesets (`.changeset/*.md`) release.
 *
 * @param {string} root
 * @returns {Set<string>}
 */
export function pendingChangesetPackages(root) {
  const dir = join(root, '.changeset');
  const names = new Set();
  if (!existsSync(dir)) return names;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.md') || file.toLowerCase() === 'readme.md') continue;
    const frontmatter = FRONTMATTER.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
    if (frontmatter === undefined) continue;
    for (const line of frontmatter.split(/\r?\n/)) {
      const name = RELEASE.exec(line)?.[2];
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}
