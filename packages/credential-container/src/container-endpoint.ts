import { IamkitError, notConfigured, type ReadTextFile } from '@iamkit/credentials';
import type { ContainerNoticeKind } from './container-diagnostics.js';
import type { ResolvedContainerOptions } from './container-options.js';
import { checkFullUri } from './full-uri.js';
import { readPid1Variable } from './pid1-environment.js';

export const RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
export const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

/** Where the credentials are fetched from, and which setting said so (for messages). */
export interface ContainerEndpoint {
  readonly url: URL;
  readonly kind: 'relative' | 'full';
  /** `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, `option awsContainerCredentialsFullUri`, … */
  readonly setting: string;
}

/** The two URI settings, each from its option or else its environment variable. */
export interface UriSettings {
  readonly relative: { readonly value: string; readonly setting: string } | undefined;
  readonly full: { readonly value: string; readonly setting: string } | undefined;
}

export interface EndpointContext {
  readonly options: ResolvedContainerOptions;
  readonly readFile: ReadTextFile;
  readonly notice: (kind: ContainerNoticeKind, message: string) => void;
}

/**
 * Decides the endpoint as the AWS SDKs do: RELATIVE_URI (against the ECS agent's address) wins
 * over FULL_URI when both are set; FULL_URI must pass the host allowlist. With neither set the
 * source is not configured — unless the caller opted into PID 1's environment.
 */
export async function resolveEndpoint(settings: UriSettings, context: EndpointContext): Promise<ContainerEndpoint> {
  const { relative, full } = settings;
  if (relative !== undefined) {
    if (full !== undefined) {
      context.notice('relative-uri-wins', `both ${relative.setting} and ${full.setting} are set; using ${relative.setting}, as the AWS SDKs do. Unset one of them to silence this.`);
    }
    return relativeEndpoint(relative.value, relative.setting, context.options.relativeUriBase);
  }
  if (full !== undefined) return { url: checkFullUri(full.value, full.setting), kind: 'full', setting: full.setting };

  const { options, readFile } = context;
  const fromPid1 = await readPid1Variable(readFile, options.pid1EnvironPath, RELATIVE_URI);
  const pid1Setting = `${RELATIVE_URI} in ${options.pid1EnvironPath}`;
  if (fromPid1 !== undefined && options.lookInPid1Environment) {
    context.notice('pid1-environment', `${RELATIVE_URI} is not set in this process; using the value from ${options.pid1EnvironPath} (lookInPid1Environment).`);
    return relativeEndpoint(fromPid1, pid1Setting, options.relativeUriBase);
  }
  const hint =
    fromPid1 === undefined
      ? ''
      : `; ${RELATIVE_URI} is set in PID 1's environment (${options.pid1EnvironPath}) but not in this process's — a shell started with docker exec or ECS Exec does not inherit it: pass lookInPid1Environment: true to use it`;
  throw notConfigured({
    source: 'container',
    reason: `neither ${RELATIVE_URI} nor ${FULL_URI} is set${hint}`,
    configureWith: fromPid1 === undefined ? [RELATIVE_URI, FULL_URI] : ['lookInPid1Environment: true', RELATIVE_URI, FULL_URI],
  });
}

function relativeEndpoint(value: string, setting: string, base: URL): ContainerEndpoint {
  const invalid = (why: string): IamkitError =>
    new IamkitError({ code: 'ERR_CONTAINER_URI_INVALID', source: 'container', message: `container: ${setting} ${why}` });
  const path = value.trim();
  if (/[\p{Cc}\s\\]/u.test(path)) throw invalid('contains whitespace, a control character or a backslash; it must be a path like /v2/credentials/<id>.');
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw invalid(`must be a path starting with a single "/", like /v2/credentials/<id> (it is appended to ${base.origin}); for a whole URL use ${FULL_URI}.`);
  }
  const url = new URL(base.origin + path);
  return { url, kind: 'relative', setting };
}
