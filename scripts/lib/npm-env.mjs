// pnpm hands the scripts it runs its own npm_* variables (user agent, lifecycle, its settings);
// they are not meant for the npm a script starts. Where to fetch from and through what (registry,
// cache, proxy, TLS) stays.
const KEEP_NPM_VARIABLE = /^npm_config_(registry|.*:registry|cache|userconfig|globalconfig|cafile|ca|.*proxy|strict_ssl)$/i;

/** This process's environment without pnpm's npm_* variables: the environment to run npm with. */
export const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEEP_NPM_VARIABLE.test(key)));
