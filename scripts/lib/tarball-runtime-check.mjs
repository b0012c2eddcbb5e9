// Copied into the scratch project that scripts/test-tarballs.mjs installs the packed tarballs
// into, and run there with `node tarball-runtime-check.mjs plan.json`. It imports nothing from the
// workspace: everything it loads comes from that project's node_modules, as for a user.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';

const project = process.cwd();
const require = createRequire(join(project, 'package.json'));
const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
let checks = 0;

async function check(where, what, fn) {
  checks += 1;
  try {
    await fn();
  } catch (error) {
    problems.push(`${where}: ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const planned = new Set(plan.packages.map((pkg) => pkg.name));
const loaded = new Map();
for (const pkg of plan.packages) {
  await check(pkg.name, 'installed from its tarball, not linked from the workspace', () => {
    const manifestPath = realpathSync(require.resolve(`${pkg.name}/package.json`));
    assert.ok(manifestPath.startsWith(`${realpathSync(project)}${sep}node_modules${sep}`), `resolved to ${manifestPath}`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
        assert.ok(!/^(workspace|catalog|link|file):/.test(range), `${field}.${dep} is "${range}" in the published package.json`);
        // A sibling must be the tarball installed next to it, not a copy npm fetched from the registry.
        if (planned.has(dep) && field !== 'optionalDependencies') {
          const siblingPath = realpathSync(createRequire(manifestPath).resolve(`${dep}/package.json`));
          assert.equal(siblingPath, realpathSync(require.resolve(`${dep}/package.json`)), `${dep} (${range}) resolves to another copy`);
        }
      }
    }
  });

  for (const entry of pkg.entries) {
    const where = `${pkg.name} entry "${entry.subpath}"`;
    let esm;
    let cjs;
    await check(where, 'import()', async () => {
      esm = await import(entry.specifier);
    });
    await check(where, 'require()', () => {
      cjs = require(entry.specifier);
    });
    for (const [format, mod] of [['ESM', esm], ['CJS', cjs]]) {
      if (mod === undefined) continue;
      await check(where, `${format} exports match the declared value exports`, () => {
        const missing = entry.values.filter((name) => !(name in mod));
        const undeclared = Object.keys(mod).filter((name) => name !== 'default' && !entry.values.includes(name));
        const wrong = [];
        if (missing.length > 0) wrong.push(`declared in the types but missing at run time: ${missing.join(', ')}`);
        if (undeclared.length > 0) wrong.push(`exported at run time but not declared in the types: ${undeclared.join(', ')}`);
        assert.ok(wrong.length === 0, wrong.join('; '));
      });
    }
    if (esm !== undefined && cjs !== undefined) {
      await check(where, 'ESM and CJS copies export the same kinds of values', () => {
        const differ = entry.values.filter((name) => typeof cjs[name] !== typeof esm[name]);
        assert.ok(differ.length === 0, differ.map((name) => `${name} is ${typeof esm[name]} in ESM, ${typeof cjs[name]} in CJS`).join('; '));
      });
      loaded.set(entry.specifier, { esm, cjs });
    }
  }

  for (const [bin, file] of Object.entries(pkg.bins)) {
    await check(pkg.name, `bin "${bin}" (${file}) --help`, () => {
      const result = spawnSync(join(project, 'node_modules', '.bin', bin), ['--help'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(result.error, undefined);
      assert.equal(result.status, 0, `exit ${result.status}${result.signal ? ` (${result.signal})` : ''}: ${result.stderr.slice(0, 500)}`);
      assert.ok(result.stdout.trim().length > 0, 'printed no help');
    });
  }
}

// Exports that must exist whatever else changes, and behaviour that only a real install of both
// builds can show: the dual-package hazard (two copies of each class, one per format) must not
// break error checks, and both builds must compute the same thing.
const known = {
  '@iamkit/credentials': ({ esm, cjs }) => {
    for (const name of ['IamkitError', 'isIamkitError', 'createCredentials', 'cached', 'chain', 'notConfigured', 'isNotConfigured']) {
      assert.equal(typeof esm[name], 'function', `ESM ${name}`);
    }
    const fromCjs = new cjs.IamkitError({ code: 'ERR_TARBALL_TEST', message: 'thrown by the CJS copy' });
    assert.ok(esm.isIamkitError(fromCjs, 'ERR_TARBALL_TEST'), 'isIamkitError (ESM) rejects an IamkitError from the CJS copy');
    assert.ok(fromCjs instanceof esm.IamkitError, 'instanceof IamkitError (ESM) rejects the CJS copy');
    const fromEsm = new esm.IamkitError({ code: 'ERR_TARBALL_TEST', message: 'thrown by the ESM copy' });
    assert.ok(cjs.isIamkitError(fromEsm), 'isIamkitError (CJS) rejects an IamkitError from the ESM copy');
    assert.ok(cjs.isNotConfigured(esm.notConfigured({ source: 'tarball', reason: 'test', configureWith: ['NOTHING'] })));
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const credentials = cjs.createCredentials({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret }, 'tarball');
    assert.equal(esm.credentialSource(credentials), 'tarball');
    assert.ok(!JSON.stringify(credentials).includes(secret), 'JSON of credentials shows the secret');
    assert.ok(!JSON.stringify(esm.describeCredentials(credentials)).includes(secret), 'describeCredentials shows the secret');
  },
  '@iamkit/sigv4': ({ esm, cjs }) => {
    for (const name of ['signRequest', 'presignRequest', 'createSigner', 'verifySignature', 'SigV4Error', 'isSigV4Error']) {
      assert.equal(typeof esm[name], 'function', `ESM ${name}`);
    }
    const request = { method: 'GET', url: 'https://example.amazonaws.com/' };
    const options = {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      region: 'us-east-1',
      service: 'service',
      date: new Date('2015-08-30T12:36:00Z'),
    };
    const signedByEsm = esm.signRequest(request, options);
    assert.equal(cjs.signRequest(request, options).authorization, signedByEsm.authorization, 'ESM and CJS sign differently');
    // The get-vanilla case of the AWS SigV4 test suite.
    assert.match(signedByEsm.authorization, /SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31$/);
    let thrown;
    try {
      cjs.signRequest({ method: 'GET', url: 'not a url' }, options);
    } catch (error) {
      thrown = error;
    }
    assert.ok(esm.isSigV4Error(thrown, 'ERR_SIGV4_INVALID_URL'), 'isSigV4Error (ESM) rejects a SigV4Error from the CJS copy');
    // SigV4Error carries the iamkit brand without depending on @iamkit/credentials.
    const credentials = loaded.get('@iamkit/credentials');
    if (credentials !== undefined) {
      assert.ok(thrown instanceof credentials.esm.IamkitError, 'instanceof IamkitError (credentials, ESM) rejects a SigV4Error (CJS)');
      assert.ok(credentials.esm.isIamkitError(thrown), 'isIamkitError (credentials, ESM) rejects a SigV4Error (CJS)');
    }
  },
  '@iamkit/credential-env': ({ esm }) => assert.equal(typeof esm.fromEnv, 'function'),
  '@iamkit/credential-ini': ({ esm }) => assert.equal(typeof esm.fromIni, 'function'),
  '@iamkit/credential-process': ({ esm }) => assert.equal(typeof esm.fromProcess, 'function'),
  '@iamkit/emulators': ({ esm }) => assert.equal(typeof esm.startEcsAgent, 'function'),
  '@iamkit/cli': ({ esm, cjs }) => {
    for (const name of ['runCli', 'collectDoctor', 'collectExplain', 'collectSign', 'compareCanonicalRequests']) assert.equal(typeof esm[name], 'function', `ESM ${name}`);
    assert.deepEqual(cjs.EXIT_CODES, esm.EXIT_CODES, 'ESM and CJS exit codes differ');
    for (const mod of [esm, cjs]) assert.equal(mod.collectExplain('Rate exceeded').sts?.topic, 'throttling', 'collectExplain does not recognise STS throttling');
    // The bin as installed: a command that needs no network, its JSON on stdout, its exit code.
    const result = spawnSync(join(project, 'node_modules', '.bin', 'iamkit'), ['explain', '--json', 'The security token included in the request is invalid.'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, `iamkit explain exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    assert.equal(JSON.parse(result.stdout).sts.code, 'InvalidClientTokenId');
  },
};
for (const [specifier, run] of Object.entries(known)) {
  const copies = loaded.get(specifier);
  if (copies !== undefined) await check(specifier, 'known exports and dual-package behaviour', () => run(copies));
}

if (problems.length > 0) {
  console.error(`tarball runtime check: ${problems.length} of ${checks} checks failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`tarball runtime check: ${checks} checks passed (ESM import, CJS require, exports, bins, dual-package)`);
