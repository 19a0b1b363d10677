/**
 * The REST client's bounds, in process against a FakeForge: backoff without Retry-After,
 * Retry-After as seconds and as a date, the wait cap, timeouts, refused connections,
 * redirects, and secret scrubbing. Waits are recorded through an injected sleep, so the
 * schedule is asserted exactly without the test waiting for it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../../../policies/engine/types';
import { nextLink } from '../../../cli/integrations/github';
import { ApiStatusError, ApiUnavailableError, apiBaseUrl, RestClient, retryAfter, type RetryPolicy } from '../../../cli/integrations/http';
import { FakeForge } from './fake-forge';

const forge = new FakeForge();
beforeAll(() => forge.start());
afterAll(() => forge.stop());
beforeEach(() => {
  forge.reset();
  forge.seedGithub('octo/app#1', ['x']);
});

const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxWaitMs: 5_000, timeoutMs: 2_000 };

function client(overrides: Partial<RetryPolicy> = {}, origin = forge.origin): { client: RestClient; waits: number[]; debug: string[] } {
  const waits: number[] = [];
  const debug: string[] = [];
  const c = new RestClient({
    baseUrl: new URL(origin),
    headers: { Authorization: `Bearer ${forge.token}` },
    secrets: [forge.token],
    retry: { ...POLICY, ...overrides },
    debug: (line) => debug.push(line),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { client: c, waits, debug };
}

const LIST = '/repos/octo/app/issues/1/comments';

describe('RestClient', () => {
  it('backs off exponentially without Retry-After and succeeds within the attempts', async () => {
    forge.fail({ times: 3, status: 503 });
    const { client: c, waits } = client();
    const response = await c.request('GET', c.url(LIST));
    expect(response.status).toBe(200);
    expect(waits).toEqual([100, 200, 400]);
    expect(forge.requests).toHaveLength(4);
  });

  it('stops after maxAttempts with ApiUnavailableError naming the last failure', async () => {
    forge.fail({ times: 10, status: 500, body: { message: 'boom' } });
    const { client: c, waits } = client();
    await expect(c.request('GET', c.url(LIST))).rejects.toThrow(
      new ApiUnavailableError(`GET ${LIST} failed 4 times (last: 500 boom); the API is unavailable, rerun the job later`),
    );
    expect(waits).toHaveLength(3);
    expect(forge.requests).toHaveLength(4);
  });

  it('honours Retry-After in seconds and as an HTTP date, and gives up at once past the cap', async () => {
    forge.fail({ times: 1, status: 429, headers: { 'retry-after': '2' } });
    const { client: c, waits } = client();
    await c.request('GET', c.url(LIST));
    expect(waits).toEqual([2000]);

    expect(retryAfter(new Headers({ 'retry-after': new Date(10_000 + 3_000).toUTCString() }), 10_000)).toBe(3000);
    expect(retryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();

    forge.fail({ times: 1, status: 503, headers: { 'retry-after': '6' } });
    const capped = client();
    await expect(capped.client.request('GET', capped.client.url(LIST))).rejects.toThrow(/asks to wait 6s, longer than the 5s this command waits/);
    expect(capped.waits).toEqual([]);
  });

  it('does not retry a refusal (4xx other than 429 and rate limits)', async () => {
    forge.fail({ times: 1, status: 404, body: { message: 'Not Found' } });
    const { client: c, waits } = client();
    const error = await c.request('GET', c.url(LIST)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiStatusError);
    expect((error as ApiStatusError).status).toBe(404);
    expect((error as ApiStatusError).apiMessage).toBe('Not Found');
    expect(waits).toEqual([]);
  });

  it('retries a 403 only when it is a rate limit', async () => {
    forge.fail({ times: 1, status: 403, headers: { 'retry-after': '1' }, body: { message: 'secondary rate limit' } });
    const { client: c, waits } = client();
    expect((await c.request('GET', c.url(LIST))).status).toBe(200);
    expect(waits).toEqual([1000]);
  });

  it('times out an attempt that never answers, and retries it', async () => {
    forge.fail({ times: 1, hang: true, status: 0 });
    const { client: c, waits } = client({ timeoutMs: 200 });
    const started = Date.now();
    expect((await c.request('GET', c.url(LIST))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(waits).toEqual([100]);
  });

  it('treats a refused connection as transient and reports it after the attempts', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { client: c } = client({ maxAttempts: 2 }, `http://127.0.0.1:${port}`);
    await expect(c.request('GET', c.url('/x'))).rejects.toThrow(/failed 2 times \(last: connection failed \(ECONNREFUSED\)\)/);
  });

  it('refuses redirects and non-JSON success bodies', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://198.51.100.1/steal' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>login</html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { client: c, waits } = client({}, origin);
      await expect(c.request('GET', c.url('/redirect'))).rejects.toThrow(
        new ApiUnavailableError(
          'GET /redirect was redirected (302) to http://198.51.100.1/steal; planwarden does not follow redirects with the token, set the API URL to the final address',
        ),
      );
      expect(waits).toEqual([]); // not retried
      await expect(c.request('GET', c.url('/html'))).rejects.toThrow('GET /html returned a body that is not JSON; is the API URL right?');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('scrubs the token from API messages and debug lines', async () => {
    forge.fail({ times: 1, status: 400, body: { message: `bad header Bearer ${forge.token}` } });
    const { client: c, debug } = client();
    const error = (await c.request('GET', c.url(LIST, { q: forge.token })).catch((err: unknown) => err)) as ApiStatusError;
    expect(error.apiMessage).toBe('bad header Bearer ***');
    expect(debug.join('\n')).toContain('q=***');
    expect(debug.join('\n')).not.toContain(forge.token);
  });

  it('keeps the API root path (GitHub Enterprise) and follows links only on the same origin', () => {
    const c = new RestClient({ baseUrl: new URL('https://ghe.example.com/api/v3/'), headers: {}, secrets: [] });
    expect(c.url('/repos/o/r', { per_page: '100' }).href).toBe('https://ghe.example.com/api/v3/repos/o/r?per_page=100');
    const from = c.url('/repos/o/r');
    expect(c.followLink('https://ghe.example.com/api/v3/repositories/1?page=2', from).href).toBe('https://ghe.example.com/api/v3/repositories/1?page=2');
    expect(() => c.followLink('https://evil.example.com/api/v3/x', from)).toThrow(/refusing to send the token there/);
  });
});

describe('apiBaseUrl', () => {
  it.each([
    ['https://api.github.com', 'https://api.github.com/'],
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api/v3'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://localhost:1/api/v4', 'http://localhost:1/api/v4'],
  ])('accepts %s', (value, href) => {
    expect(apiBaseUrl(value, 'X').href).toBe(href);
  });

  it.each([
    ['http://api.example.com', 'X must be an https:// URL (the token would travel in clear text)'],
    ['https://user:ghp_secret@api.example.com', 'X must not contain a user name or password; pass the token in its own variable'],
    ['ghp_secretpasted', 'X is not a URL; set it to the API root URL'],
    ['https://api.example.com/?a=1', 'X must not have a query or fragment'],
  ])('refuses %s without echoing it', (value, message) => {
    expect(() => apiBaseUrl(value, 'X')).toThrow(new InputError(message));
  });
});

describe('nextLink', () => {
  it.each([
    ['<https://a/x?page=2>; rel="next", <https://a/x?page=5>; rel="last"', 'https://a/x?page=2'],
    ['<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next"', 'https://a/x?page=3'],
    ['<https://a/x?page=4>; rel="last"', undefined],
    ['<https://a/x?page=2>; rel=next', 'https://a/x?page=2'],
    [null, undefined],
  ])('%s → %s', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});
