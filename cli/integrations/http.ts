/**
 * The one place planwarden talks to a network: a small JSON-over-HTTPS client for the code
 * hosts' REST APIs (pull-request comments), on Node's global fetch.
 *
 * What it guarantees, because a CI step must neither hang nor leak:
 * - Bounded: every attempt has a timeout, a transient failure (5xx, 429, a rate-limit 403, a
 *   timeout, a dropped connection) is retried a fixed number of times with exponential
 *   backoff, and a server's Retry-After is honoured only up to a cap; past it the command
 *   gives up at once rather than sleep for an hour.
 * - Secret-free: the token travels only in a request header, never in a URL, and every text
 *   this module produces (errors, debug lines) has the secrets scrubbed out, so an API that
 *   echoes a header back cannot put the token in a CI log either.
 * - Same-origin: links from a response (pagination) are followed only to the origin the user
 *   configured, so the token is never sent to another host.
 */
import { TOOL_VERSION } from '../../policies/engine/report';
import { InputError, type JsonValue } from '../../policies/engine/types';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt when the server names none; doubles each time. */
  baseDelayMs: number;
  /** Longest wait this command accepts, from Retry-After or a rate-limit reset. */
  maxWaitMs: number;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
}

/** At most 4 attempts: worst case about 4 × 30 s of timeouts plus 3 capped waits. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxWaitMs: 60_000, timeoutMs: 30_000 };

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined when the response has none (204). */
  body: JsonValue | undefined;
  url: URL;
}

/** The API refused the request for a reason a retry cannot fix (4xx): the caller explains it. */
export class ApiStatusError extends Error {
  constructor(
    readonly method: string,
    readonly url: URL,
    readonly status: number,
    /** The API's own explanation (its `message`), scrubbed and cut to one short line. */
    readonly apiMessage: string,
  ) {
    super(`${method} ${url.pathname} returned ${status}${apiMessage === '' ? '' : ` (${apiMessage})`}`);
    this.name = 'ApiStatusError';
  }
}

/** A failure worth another attempt; `retryAfterMs` is what the server asked for, if anything. */
export class TransientFailure extends Error {
  constructor(
    readonly description: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(description);
    this.name = 'TransientFailure';
  }
}

/** The API could not be used: retries ran out, the wait asked for was too long, or the response made no sense. Exit 3. */
export class ApiUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiUnavailableError';
  }
}

export interface RestClientOptions {
  /** API root, e.g. https://api.github.com or https://gitlab.example.com/api/v4. */
  baseUrl: URL;
  /** Authentication and media-type headers. */
  headers: Readonly<Record<string, string>>;
  /** Strings never to appear in any message (the token). */
  secrets: readonly string[];
  retry?: RetryPolicy;
  /** Receives one line per attempt when debugging is on. */
  debug?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** What a caller may tune: the retry policy, a debug sink, and (in tests) the clock. */
export type ClientSettings = Pick<RestClientOptions, 'retry' | 'debug' | 'sleep'>;

const MAX_API_MESSAGE_CHARS = 300;

export class RestClient {
  readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RestClientOptions) {
    this.policy = options.retry ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** A path under the API root (`/repos/o/r`), keeping the root's own path (GitHub Enterprise's /api/v3). */
  url(path: string, query: Readonly<Record<string, string>> = {}): URL {
    const root = this.options.baseUrl.pathname.replace(/\/+$/, '');
    const url = new URL(this.options.baseUrl.origin + root + path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /** A URL the API handed back (a next-page link), refused unless it stays on the configured origin. */
  followLink(link: string, from: URL): URL {
    let url: URL;
    try {
      url = new URL(link, from);
    } catch {
      throw new ApiUnavailableError(`the API returned a malformed next-page link (${this.scrub(link).slice(0, 200)})`);
    }
    if (url.origin !== this.options.baseUrl.origin) {
      throw new ApiUnavailableError(
        `the API returned a next-page link to ${url.origin}, not ${this.options.baseUrl.origin}; refusing to send the token there`,
      );
    }
    return url;
  }

  /** One idempotent request (GET, PUT, PATCH, DELETE), retried on transient failures. */
  request(method: string, url: URL, body?: JsonValue): Promise<ApiResponse> {
    return this.retry(`${method} ${url.pathname}`, () => this.send(method, url, body));
  }

  /**
   * Runs `attempt` until it succeeds, fails for good, or the attempts run out. Only a
   * TransientFailure is retried; waits follow the server's Retry-After when it gives one.
   */
  async retry<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof TransientFailure)) throw err;
        if (n >= this.policy.maxAttempts) {
          throw new ApiUnavailableError(
            `${what} failed ${n} times (last: ${err.description}); the API is unavailable, rerun the job later`,
          );
        }
        const wait = err.retryAfterMs ?? this.policy.baseDelayMs * 2 ** (n - 1);
        if (wait > this.policy.maxWaitMs) {
          throw new ApiUnavailableError(
            `${what}: ${err.description}, and the API asks to wait ${Math.ceil(wait / 1000)}s, ` +
              `longer than the ${Math.round(this.policy.maxWaitMs / 1000)}s this command waits; rerun the job later`,
          );
        }
        this.options.debug?.(`retrying in ${wait} ms`);
        await this.sleep(wait);
      }
    }
  }

  /** Exactly one attempt. Throws TransientFailure, ApiStatusError or ApiUnavailableError. */
  async send(method: string, url: URL, body?: JsonValue): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      'User-Agent': `planwarden/${TOOL_VERSION}`,
      Accept: 'application/json',
      ...this.options.headers,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual', // a redirect could carry the token to another host: refused below
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const description = this.networkFailure(err);
      this.options.debug?.(`${method} ${this.scrub(url.href)} → ${description}`);
      throw new TransientFailure(description, undefined);
    }
    this.options.debug?.(`${method} ${this.scrub(url.href)} → ${response.status}`);
    const status = response.status;
    if (status >= 300 && status < 400) {
      const header = response.headers.get('location') ?? '';
      const location = URL.canParse(header, url.href) ? new URL(header, url.href) : undefined;
      // Origin and path only: a query string may hold a one-time code.
      const target = location === undefined ? 'an unreadable location' : location.origin + location.pathname;
      throw new ApiUnavailableError(
        `${method} ${url.pathname} was redirected (${status}) to ${this.scrub(target)}; planwarden does not follow redirects with the token, set the API URL to the final address`,
      );
    }
    if (status >= 200 && status < 300) return { status, headers: response.headers, body: this.parseBody(text, method, url), url };
    const apiMessage = this.apiMessage(text);
    const label = `${status}${apiMessage === '' ? '' : ` ${apiMessage}`}`;
    const retryAfterMs = retryAfter(response.headers);
    if (status === 429 || (status >= 500 && status !== 501 && status !== 505)) throw new TransientFailure(label, retryAfterMs);
    // GitHub signals rate limits with 403 too: secondary limits send Retry-After, primary
    // limits an exhausted x-ratelimit-remaining.
    if (status === 403 && (retryAfterMs !== undefined || response.headers.get('x-ratelimit-remaining') === '0')) {
      throw new TransientFailure(`${label} (rate limited)`, retryAfterMs ?? rateLimitReset(response.headers));
    }
    throw new ApiStatusError(method, url, status, apiMessage);
  }

  /** Removes every secret from a text this module is about to show. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.options.secrets) if (secret.length > 0) out = out.split(secret).join('***');
    return out;
  }

  private networkFailure(err: unknown): string {
    // Duck-typed: fetch's errors come from Node's own realm, where `instanceof Error` may not hold.
    const field = (value: unknown, key: string): unknown =>
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    const name = field(err, 'name');
    if (name === 'TimeoutError' || name === 'AbortError') return `no response within ${Math.round(this.policy.timeoutMs / 1000)}s`;
    // fetch wraps the socket error: "fetch failed", with the code (ECONNREFUSED…) on its cause.
    const cause = field(err, 'cause');
    const detail = field(cause, 'code') ?? field(cause, 'message') ?? field(err, 'message') ?? String(err);
    return this.scrub(`connection failed (${String(detail)})`).slice(0, MAX_API_MESSAGE_CHARS);
  }

  private parseBody(text: string, method: string, url: URL): JsonValue | undefined {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      throw new ApiUnavailableError(`${method} ${url.pathname} returned a body that is not JSON; is the API URL right?`);
    }
  }

  /** GitHub says `{"message": "..."}`; GitLab `{"message": ...}` (sometimes an object) or `{"error": "..."}`. */
  private apiMessage(text: string): string {
    let message: string;
    try {
      const parsed = JSON.parse(text) as JsonValue;
      const field = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed.message ?? parsed.error) : undefined;
      message = field === undefined ? '' : typeof field === 'string' ? field : JSON.stringify(field);
    } catch {
      message = '';
    }
    const line = this.scrub(message).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
    return line.length > MAX_API_MESSAGE_CHARS ? `${line.slice(0, MAX_API_MESSAGE_CHARS - 1)}…` : line;
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** GitHub's primary rate limit: x-ratelimit-reset is the epoch second the quota refills. */
function rateLimitReset(headers: Headers, now: number = Date.now()): number | undefined {
  const reset = headers.get('x-ratelimit-reset');
  if (reset === null || !/^\d+$/.test(reset)) return undefined;
  return Math.max(0, Number(reset) * 1000 - now) + 1_000;
}

/**
 * An API root from the environment: https only (the token would otherwise travel in clear
 * text), except on the loopback interface, where tests and local proxies listen.
 */
export function apiBaseUrl(value: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not echoed: a misplaced token must not reach the log.
    throw new InputError(`${variable} is not a URL; set it to the API root URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(`${variable} must not contain a user name or password; pass the token in its own variable`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(`${variable} must be an https:// URL (the token would travel in clear text)`);
  }
  if (url.search !== '' || url.hash !== '') throw new InputError(`${variable} must not have a query or fragment`);
  return url;
}
