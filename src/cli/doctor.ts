/**
 * `npx nrich-connect doctor`: checks a host's production configuration from its environment, through the server
 * kit's public API only (what the host's own server will do at start), and says what to fix, one line per problem.
 * It never prints a secret, a key or a database password: a doctor's output ends up in tickets and CI logs.
 *
 * The credentials are checked without side effects: a code exchange with a code that cannot exist. The API
 * answers `invalid_grant` (400) to good credentials and `invalid_client` (401) to bad ones; no flow is started.
 */
import { randomBytes } from 'node:crypto';
import {
  createEmbeddedStore,
  createNrichClient,
  createPostgresStore,
  isNrichApiError,
  isTokenStoreError,
  NrichConfigError,
  TOKEN_KEYS_VARIABLE,
  type NrichClient,
} from '../server/index.js';
import { createTokenCipher, type SqlTokenStore } from '../server/store.js';

export type Env = Record<string, string | undefined>;

/** One result: `ok` lines say what was checked, `fix` lines what to change. */
export interface Finding {
  ok: boolean;
  text: string;
}

/** How long a store or the API may take to answer before the doctor says so; the checks end in bounded time. */
const DOCTOR_TIMEOUT_MS = 10_000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const ok = (text: string): Finding => ({ ok: true, text });
const fix = (text: string): Finding => ({ ok: false, text });
const value = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

export async function runDoctor(env: Env, timeoutMs = DOCTOR_TIMEOUT_MS): Promise<Finding[]> {
  return [...(await checkApi(env, timeoutMs)), ...checkRedirectUris(env), ...(await checkKeysAndStore(env, timeoutMs))];
}

async function checkApi(env: Env, timeoutMs: number): Promise<Finding[]> {
  const [baseUrl, clientId, clientSecret] = ['NRICH_API_URL', 'NRICH_CLIENT_ID', 'NRICH_CLIENT_SECRET'].map((name) =>
    value(env, name),
  );
  const missing = ['NRICH_API_URL', 'NRICH_CLIENT_ID', 'NRICH_CLIENT_SECRET'].filter((name) => !value(env, name));
  if (!baseUrl || !clientId || !clientSecret) {
    return missing.map((name) =>
      fix(
        `${name} is not set: set it to ${name === 'NRICH_API_URL' ? 'the API base URL qwist gave you' : 'the credential qwist gave you'}.`,
      ),
    );
  }
  let client: NrichClient;
  try {
    client = createNrichClient({
      baseUrl,
      clientId,
      clientSecret,
      timeout: timeoutMs,
      retry: false,
    });
  } catch (error) {
    if (!(error instanceof NrichConfigError)) throw error;
    return [fix(`NRICH_API_URL ${error.message.replace(/^baseUrl:?\s*/, '')}`)];
  }
  try {
    await client.exchangeCode({ code: 'nrich-connect-doctor-probe' });
    return [fix('NRICH_API_URL answered a made-up code with tokens: it is not the nrich API; check the URL.')];
  } catch (error) {
    if (!isNrichApiError(error)) throw error;
    if (error.kind === 'reauthorize' || error.kind === 'bad_request') {
      return [ok(`credentials: the API at ${origin(env)} accepts NRICH_CLIENT_ID and NRICH_CLIENT_SECRET.`)];
    }
    if (error.kind === 'client_auth') {
      return [
        fix(
          `NRICH_CLIENT_ID / NRICH_CLIENT_SECRET: the API at ${origin(env)} refused them (${error.status}); use the pair issued for this environment.`,
        ),
      ];
    }
    if (error.kind === 'network' || error.kind === 'timeout') {
      return [fix(`NRICH_API_URL: no answer from ${origin(env)} (${error.kind}); check the URL and the network path.`)];
    }
    return [
      fix(`NRICH_API_URL: ${origin(env)} answered ${error.status} ${error.code}; is it the nrich API's base URL?`),
    ];
  }
}

/**
 * NRICH_REDIRECT_URIS, the pages the host allow-lists (`redirectUris`): https outside loopback, no query or
 * fragment (the element sends origin + path, so such an entry never matches), on APP_ORIGIN when that is set.
 */
function checkRedirectUris(env: Env): Finding[] {
  const list = value(env, 'NRICH_REDIRECT_URIS');
  if (!list) {
    return [
      fix(
        'NRICH_REDIRECT_URIS is not set: list the page URLs that show <nrich-connect> (comma-separated) and pass them as redirectUris.',
      ),
    ];
  }
  const appOrigins = (value(env, 'APP_ORIGIN') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const findings: Finding[] = [];
  for (const uri of list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      findings.push(fix(`NRICH_REDIRECT_URIS: "${uri}" is not an absolute URL; write it as https://host/path.`));
      continue;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      findings.push(fix(`NRICH_REDIRECT_URIS: ${uri} must use https (http only on localhost).`));
    } else if (url.search || url.hash) {
      findings.push(
        fix(`NRICH_REDIRECT_URIS: ${uri} has a query or fragment; the element sends origin + path only, so drop them.`),
      );
    } else if (appOrigins.length > 0 && !appOrigins.includes(url.origin)) {
      findings.push(
        fix(
          `NRICH_REDIRECT_URIS: ${uri} is not on APP_ORIGIN (${appOrigins.join(', ')}); the page's origin must be allowed too.`,
        ),
      );
    }
  }
  if (findings.length === 0) {
    findings.push(ok(`redirect URIs: every entry is https${appOrigins.length > 0 ? ' and on APP_ORIGIN' : ''}.`));
  }
  return findings;
}

async function checkKeysAndStore(env: Env, timeoutMs: number): Promise<Finding[]> {
  const keys = value(env, TOKEN_KEYS_VARIABLE);
  if (!keys) {
    return [
      fix(
        `${TOKEN_KEYS_VARIABLE} is not set: the store refuses to open without it; set it to k1:<base64 of 32 random bytes> (openssl rand -base64 32).`,
      ),
      ...(await checkStore(env, undefined, timeoutMs)),
    ];
  }
  try {
    const cipher = await createTokenCipher({ keys, env: {} });
    return [
      ok(`${TOKEN_KEYS_VARIABLE}: valid; key "${cipher.sealingKeyId}" seals.`),
      ...(await checkStore(env, keys, timeoutMs)),
    ];
  } catch (error) {
    if (!isTokenStoreError(error)) throw error;
    // The message names the key id, never the key.
    const problem = error.message.startsWith(TOKEN_KEYS_VARIABLE)
      ? error.message
      : `${TOKEN_KEYS_VARIABLE}: ${error.message}`;
    return [fix(problem), ...(await checkStore(env, undefined, timeoutMs))];
  }
}

/** Opens the store the way the host does (which also brings its schema up to date) and closes it again. */
async function checkStore(env: Env, keys: string | undefined, timeoutMs: number): Promise<Finding[]> {
  const databaseUrl = value(env, 'DATABASE_URL');
  const dataDir = value(env, 'NRICH_DATA_DIR');
  if (!databaseUrl && !dataDir) {
    return [fix('No store: set DATABASE_URL (PostgreSQL) or NRICH_DATA_DIR (the embedded store, one process).')];
  }
  const name = databaseUrl ? `DATABASE_URL (${databaseTarget(databaseUrl)})` : `NRICH_DATA_DIR (${dataDir})`;
  // Without valid keys (already reported) the store is opened with a throwaway key, to check it is reachable and
  // migrated all the same: opening seals nothing, and no unsealed mode is turned on.
  const storeKeys = keys ?? `doctor:${randomBytes(32).toString('base64')}`;
  const opening = databaseUrl
    ? createPostgresStore({ connectionString: databaseUrl, keys: storeKeys, env: {}, max: 1 })
    : createEmbeddedStore({ directory: dataDir ?? '', keys: storeKeys, env: {} });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const store: SqlTokenStore | 'timeout' = await Promise.race([opening, timeout]);
    if (store === 'timeout')
      return [fix(`${name}: the store did not answer within ${timeoutMs / 1000} s; check host, port and firewall.`)];
    await store.close();
    return [ok(`store: ${name} is reachable and its schema is up to date.`)];
  } catch (error) {
    if (isTokenStoreError(error) && error.code === 'store_in_use') {
      return [ok(`store: ${name} is open in another process (your server, presumably); not checked further.`)];
    }
    if (isTokenStoreError(error) && error.code === 'schema_too_new') {
      return [fix(`${name}: ${error.message} Upgrade nrich-connect to the version that migrated it.`)];
    }
    const message = error instanceof Error ? error.message.replace(/postgres(ql)?:\/\/\S+/gi, '<url>') : String(error);
    const systemCode = causeCode(error);
    const reason = systemCode ? `${message} (${systemCode})` : message;
    return [fix(`${name}: the store cannot be opened: ${reason}`)];
  } finally {
    clearTimeout(timer);
  }
}

function origin(env: Env): string {
  try {
    return new URL(value(env, 'NRICH_API_URL') ?? '').origin;
  } catch {
    return 'NRICH_API_URL';
  }
}

/** host:port/database of a connection string, never its user or password. */
function databaseTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'not a URL';
  }
}

/** The operating system's code deepest in an error's causes (ECONNREFUSED, ENOTFOUND…): what an operator searches for. */
function causeCode(error: unknown): string | undefined {
  let found: string | undefined;
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) found = code;
    current = current.cause;
  }
  return found;
}
