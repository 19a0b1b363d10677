/**
 * `planwarden comment` end to end: the built CLI against a FakeForge on 127.0.0.1 that mimics
 * the GitHub issue-comment and GitLab merge-request-note endpoints.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plan } from '../../support/plan-builder';
import type { CliResult } from '../helpers';
import { runCli } from '../helpers';
import { FakeForge, type RecordedRequest } from './fake-forge';
import { runCliAsync } from './run-cli-async';

// Several tests run the CLI five or more times; on a loaded machine that can pass the default 60 s.
jest.setTimeout(180_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-comment-'));
const forge = new FakeForge();
const PR = 'octo/app#7';
const MARKER_LINE = '<!-- planwarden:report -->';
let failingReport = '';
let passingReport = '';
let eventFile = '';

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A JSON report from the real `check`, for a log group keeping logs `days` days. */
function reportFor(name: string, days: number): string {
  const planFile = write(`${name}.plan.json`, JSON.stringify(
    plan().resource('aws_cloudwatch_log_group', 'audit', { values: { name: '/audit', retention_in_days: days } }).build(),
  ));
  const out = path.join(tmp, `${name}.report.json`);
  const r = runCli(['check', planFile, '--only', 'LOG-001', '--format', `json=${out}`]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`check failed: ${r.stderr}`);
  return out;
}

beforeAll(async () => {
  failingReport = reportFor('failing', 30);
  passingReport = reportFor('passing', 2192);
  eventFile = write('event.json', JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }));
  await forge.start();
});
afterAll(async () => {
  await forge.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => forge.reset());

function githubEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: forge.token,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_API_URL: forge.origin,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventFile,
    ...extra,
  };
}

function gitlabEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    GITLAB_CI: 'true',
    GITLAB_TOKEN: forge.token,
    CI_API_V4_URL: `${forge.origin}/api/v4`,
    CI_PROJECT_ID: 'health/records',
    CI_MERGE_REQUEST_IID: '12',
    ...extra,
  };
}

/** Whatever happened: the token is nowhere in the output, and an error is one line without a stack. */
function expectClean(r: CliResult): void {
  expect(r.stdout).not.toContain(forge.token);
  expect(r.stderr).not.toContain(forge.token);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const lines = r.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('planwarden: debug: '));
  expect(lines).toHaveLength(r.code === 0 ? 0 : 1);
}

function comment(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runCliAsync(['comment', ...args], { env }).then((r) => {
    expectClean(r);
    return r;
  });
}

const byMethod = (method: string) => (r: RecordedRequest) => r.method === method;

describe('planwarden comment on GitHub', () => {
  it('creates the comment with the marker, authenticated, when there is none', async () => {
    forge.seedGithub(PR, ['LGTM']);
    const r = await comment([failingReport], githubEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^planwarden: created comment \d+ on octo\/app#7 \(https:\/\/github\.example\/.*\)\n$/);
    const comments = forge.githubComments.get(PR)!;
    expect(comments).toHaveLength(2);
    expect(comments[1].body.split('\n')[0]).toBe(MARKER_LINE);
    expect(comments[1].body).toContain('1 blocking finding');
    expect(comments[1].body).toContain('aws_cloudwatch_log_group.audit');
    const post = forge.requests.find(byMethod('POST'))!;
    expect(post.url).toBe('/repos/octo/app/issues/7/comments');
    expect(post.headers.authorization).toBe(`Bearer ${forge.token}`);
    expect(post.headers['x-github-api-version']).toBe('2022-11-28');
    expect(post.headers['user-agent']).toMatch(/^planwarden\//);
  });

  it('finds the existing comment on a later page (Link pagination) and updates it in place', async () => {
    forge.pageSize = 2;
    const seeded = forge.seedGithub(PR, ['a', 'b', 'c', '<!-- planwarden:report-staging -->\nother plan', `${MARKER_LINE}\nold verdict`, 'f']);
    const r = await comment([failingReport], githubEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`updated comment ${seeded[4].id}`);
    const gets = forge.requests.filter(byMethod('GET')).map((g) => g.url);
    expect(gets).toEqual([
      '/repos/octo/app/issues/7/comments?per_page=100',
      '/repositories/4242/issues/7/comments?per_page=2&page=2',
      '/repositories/4242/issues/7/comments?per_page=2&page=3',
    ]);
    expect(forge.writes().map((w) => `${w.method} ${w.url}`)).toEqual([`PATCH /repos/octo/app/issues/comments/${seeded[4].id}`]);
    expect(forge.githubComments.get(PR)![4].body).toContain('1 blocking finding');
    expect(forge.githubComments.get(PR)![3].body).toBe('<!-- planwarden:report-staging -->\nother plan');
  });

  it('leaves an up-to-date comment alone, and keeps one comment per --marker', async () => {
    forge.seedGithub(PR, []);
    expect(await comment([failingReport], githubEnv())).toMatchObject({ code: 0, stderr: '' });
    const again = await comment([failingReport], githubEnv());
    expect(again.stdout).toContain('is already up to date');
    const staging = await comment([passingReport, '--marker', 'planwarden:staging', '--title', 'staging'], githubEnv());
    expect(staging.stdout).toContain('created comment');
    const bodies = forge.githubComments.get(PR)!.map((c) => c.body.split('\n').slice(0, 2).join(' | '));
    expect(bodies).toEqual([
      `${MARKER_LINE} | ### ❌ planwarden: 1 blocking finding`,
      '<!-- planwarden:staging --> | ### ✅ planwarden · staging: passed',
    ]);
    expect(forge.writes().map((w) => w.method)).toEqual(['POST', 'POST']);
  });

  it('--on-failure-only opens no comment for a pass, but brings an existing one up to date', async () => {
    forge.seedGithub(PR, []);
    const quiet = await comment([passingReport, '--on-failure-only'], githubEnv());
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
    expect(quiet.stdout).toBe('planwarden: no comment on octo/app#7: the report passes and --on-failure-only is set\n');
    expect(forge.writes()).toEqual([]);

    const [old] = forge.seedGithub(PR, [`${MARKER_LINE}\n### ❌ planwarden: 1 blocking finding`]);
    const fixed = await comment([passingReport, '--on-failure-only'], githubEnv());
    expect(fixed.stdout).toContain(`updated comment ${old.id}`);
    expect(forge.githubComments.get(PR)![0].body).toContain('passed');
  });

  it('--delete-on-pass deletes the stale comment, and does nothing when there is none', async () => {
    const [old] = forge.seedGithub(PR, ['hello', `${MARKER_LINE}\nfailing before`]).slice(1);
    const r = await comment([passingReport, '--delete-on-pass'], githubEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`deleted comment ${old.id}`);
    expect(forge.writes().map((w) => `${w.method} ${w.url}`)).toEqual([`DELETE /repos/octo/app/issues/comments/${old.id}`]);
    expect(forge.githubComments.get(PR)!.map((c) => c.body)).toEqual(['hello']);

    const none = await comment([passingReport, '--delete-on-pass'], githubEnv());
    expect(none.stdout).toContain('there is no comment to delete');
    // A failing report still gets its comment under --delete-on-pass.
    expect((await comment([failingReport, '--delete-on-pass'], githubEnv())).stdout).toContain('created comment');
  });

  it('takes the pull request from --pr over the event, and refuses an event without one (exit 2)', async () => {
    forge.seedGithub('octo/app#99', []);
    const r = await comment([failingReport, '--pr', '99'], githubEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(forge.requests[0].url).toBe('/repos/octo/app/issues/99/comments?per_page=100');

    const pushEvent = write('push.json', JSON.stringify({ ref: 'refs/heads/main', commits: [] }));
    const push = await comment([failingReport], githubEnv({ GITHUB_EVENT_PATH: pushEvent, GITHUB_EVENT_NAME: 'push' }));
    expect(push.code).toBe(2);
    expect(push.stderr).toBe(
      'planwarden: no pull request number: the event (GITHUB_EVENT_NAME=push) is not about a pull request; run this step on pull_request events, or pass --pr NUMBER\n',
    );
    const issueComment = write('issue-comment.json', JSON.stringify({ issue: { number: 99, pull_request: { url: 'x' } } }));
    expect(await comment([failingReport], githubEnv({ GITHUB_EVENT_PATH: issueComment }))).toMatchObject({ code: 0, stderr: '' });
  });

  it('names what to fix when configuration is missing, before any request (exit 2)', async () => {
    const noToken = await comment([failingReport], githubEnv({ GITHUB_TOKEN: '' }));
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('GITHUB_TOKEN is not set');
    expect(noToken.stderr).toContain('pull-requests: write');
    const plainHttp = await comment([failingReport], githubEnv({ GITHUB_API_URL: 'http://api.example.com' }));
    expect(plainHttp.code).toBe(2);
    expect(plainHttp.stderr).toContain('GITHUB_API_URL must be an https:// URL');
    const noRepo = await comment([failingReport], githubEnv({ GITHUB_REPOSITORY: '' }));
    expect(noRepo.stderr).toContain('GITHUB_REPOSITORY is not set');
    const notReport = await comment([eventFile], githubEnv());
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toContain('not a planwarden JSON report');
    const badPr = await comment([failingReport, '--pr', '0'], githubEnv());
    expect(badPr.code).toBe(2);
    const nowhere = await runCliAsync(['comment', failingReport], { env: { GITHUB_TOKEN: forge.token } });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('cannot tell where to comment');
    expect(forge.requests).toEqual([]);
  });

  it.each([
    [401, { message: 'Bad credentials' }, 'GitHub rejected GITHUB_TOKEN (401 Bad credentials) trying to list comments; check the secret passed as GITHUB_TOKEN'],
    [403, { message: 'Resource not accessible by integration' }, 'GITHUB_TOKEN lacks pull-requests: write'],
    [404, { message: 'Not Found' }, 'GitHub could not find octo/app#7 at http://127.0.0.1:'],
  ])('answers %i with one line naming what to fix (exit 2)', async (status, body, expected) => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'GET', times: 1, status, body });
    const r = await comment([failingReport], githubEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(forge.requests).toHaveLength(1); // a refusal is not retried
  });

  it('answers 422 on create with the API message (exit 2)', async () => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'POST', times: 1, status: 422, body: { message: 'Validation Failed', errors: [{ code: 'too_long' }] } });
    const r = await comment([failingReport], githubEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub rejected the comment on octo/app#7');
    expect(r.stderr).toContain('422 Validation Failed');
  });

  it('a wrong token is rejected by the server and reported without being printed', async () => {
    forge.seedGithub(PR, []);
    const wrong = 'ghp_wrongTokenButStillSecret0987654321';
    const r = await runCliAsync(['comment', failingReport], { env: githubEnv({ GITHUB_TOKEN: wrong, PLANWARDEN_DEBUG: '1' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub rejected GITHUB_TOKEN (401 Bad credentials)');
    expect(r.stderr + r.stdout).not.toContain(wrong);
  });

  it('retries 5xx and 429, honouring Retry-After, then succeeds', async () => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'GET', times: 1, status: 502, body: { message: 'Server Error' }, headers: { 'retry-after': '0' } });
    forge.fail({ method: 'GET', times: 1, status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const r = await comment([failingReport], githubEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(forge.requests.map((q) => q.method)).toEqual(['GET', 'GET', 'GET', 'POST']);
  });

  it('backs off without Retry-After, and does not post twice when a failed POST had landed', async () => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'POST', times: 1, status: 502, afterApplying: true, body: { message: 'Bad Gateway' } });
    const r = await comment([failingReport], githubEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('created comment');
    expect(forge.githubComments.get(PR)).toHaveLength(1);
    expect(forge.requests.map((q) => q.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it('gives up after bounded retries with exit 3 and one line', async () => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'GET', times: 100, status: 503, headers: { 'retry-after': '0' }, body: { message: 'Service Unavailable' } });
    const r = await comment([failingReport], githubEnv());
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'planwarden: GET /repos/octo/app/issues/7/comments failed 4 times (last: 503 Service Unavailable); the API is unavailable, rerun the job later\n',
    );
    expect(forge.requests).toHaveLength(4);
  });

  it('does not wait longer than its cap for Retry-After or a rate-limit reset (exit 3)', async () => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'GET', times: 1, status: 429, headers: { 'retry-after': '3600' }, body: { message: 'rate limited' } });
    const r = await comment([failingReport], githubEnv());
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the API asks to wait 3600s, longer than the 60s this command waits');
    expect(forge.requests).toHaveLength(1);

    forge.fail({ method: 'GET', times: 1, status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 7200) }, body: { message: 'API rate limit exceeded' } });
    const primary = await comment([failingReport], githubEnv());
    expect(primary.code).toBe(3);
    expect(primary.stderr).toContain('403 API rate limit exceeded (rate limited)');
  });

  it('never prints the token, even in debug output or when the API echoes it', async () => {
    forge.seedGithub(PR, []);
    forge.fail({ method: 'GET', times: 1, status: 500, headers: { 'retry-after': '0' }, body: { message: `token ${forge.token} is weird` } });
    forge.fail({ method: 'POST', times: 1, status: 403, body: { message: `forbidden for Bearer ${forge.token}` } });
    const r = await comment([failingReport], githubEnv({ PLANWARDEN_DEBUG: '1' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('planwarden: debug: GET http://127.0.0.1:');
    expect(r.stderr).toContain('forbidden for Bearer ***');
    expect(r.stdout + r.stderr).not.toContain(forge.token);
  });

  it('works under a GitHub Enterprise API root and refuses next-page links to another host', async () => {
    forge.seedGithub(PR, []);
    const ghe = await comment([failingReport], githubEnv({ GITHUB_API_URL: `${forge.origin}/api/v3/` }));
    expect([ghe.code, ghe.stderr]).toEqual([0, '']);
    expect(forge.requests.map((q) => q.url)).toEqual(['/api/v3/repos/octo/app/issues/7/comments?per_page=100', '/api/v3/repos/octo/app/issues/7/comments']);

    const elsewhere = new FakeForge();
    await elsewhere.start();
    try {
      forge.reset();
      forge.pageSize = 1;
      forge.linkOrigin = elsewhere.origin;
      forge.seedGithub(PR, ['a', 'b']);
      const r = await comment([failingReport], githubEnv());
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`next-page link to ${elsewhere.origin}`);
      expect(r.stderr).toContain('refusing to send the token there');
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('reads the report from standard input', async () => {
    forge.seedGithub(PR, []);
    const r = await runCliAsync(['comment', '-'], { env: githubEnv(), input: fs.readFileSync(failingReport, 'utf8') });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(forge.githubComments.get(PR)).toHaveLength(1);
  });
});

describe('planwarden comment on GitLab', () => {
  const MR = 'health/records!12';

  it('creates a note with PRIVATE-TOKEN on the encoded project path', async () => {
    forge.seedGitlab(MR, [{ body: 'first' }]);
    const r = await comment([failingReport], gitlabEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^planwarden: created comment \d+ on health\/records!12\n$/);
    const post = forge.requests.find(byMethod('POST'))!;
    expect(post.url).toBe('/api/v4/projects/health%2Frecords/merge_requests/12/notes');
    expect(post.headers['private-token']).toBe(forge.token);
    expect(post.headers.authorization).toBeUndefined();
    expect(forge.gitlabNotes.get(MR)![1].body.split('\n')[0]).toBe(MARKER_LINE);
  });

  it('pages with X-Next-Page, skips system notes, and updates its note with PUT', async () => {
    forge.pageSize = 2;
    const notes = forge.seedGitlab(MR, [
      { body: 'a' },
      { body: `${MARKER_LINE}\nquoted by a system note`, system: true },
      { body: 'c' },
      { body: `${MARKER_LINE}\nold` },
    ]);
    const r = await comment([failingReport], gitlabEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`updated comment ${notes[3].id}`);
    expect(forge.requests.filter(byMethod('GET')).map((q) => new URL(q.url, forge.origin).searchParams.get('page'))).toEqual(['1', '2']);
    expect(forge.writes().map((w) => `${w.method} ${w.url}`)).toEqual([`PUT /api/v4/projects/health%2Frecords/merge_requests/12/notes/${notes[3].id}`]);
    expect(forge.gitlabNotes.get(MR)![1].body).toBe(`${MARKER_LINE}\nquoted by a system note`);
  });

  it('--delete-on-pass deletes the note', async () => {
    const [note] = forge.seedGitlab(MR, [{ body: `${MARKER_LINE}\nold` }]);
    const r = await comment([passingReport, '--delete-on-pass'], gitlabEnv());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(forge.writes().map((w) => `${w.method} ${w.url}`)).toEqual([`DELETE /api/v4/projects/health%2Frecords/merge_requests/12/notes/${note.id}`]);
    expect(forge.gitlabNotes.get(MR)).toEqual([]);
  });

  it('names what to fix: no token, not a merge request pipeline, 401, 403, 404 (exit 2)', async () => {
    const noToken = await comment([failingReport], gitlabEnv({ GITLAB_TOKEN: '' }));
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('GITLAB_TOKEN is not set; create a project access token with the api scope');
    const noMr = await comment([failingReport], gitlabEnv({ CI_MERGE_REQUEST_IID: '' }));
    expect(noMr.code).toBe(2);
    expect(noMr.stderr).toContain('CI_MERGE_REQUEST_IID is not set');
    expect(forge.requests).toEqual([]);

    forge.seedGitlab(MR, []);
    const wrong = await comment([failingReport], gitlabEnv({ GITLAB_TOKEN: 'glpat-notTheRightOne' }));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('GitLab rejected GITLAB_TOKEN (401 401 Unauthorized)');
    expect(wrong.stderr).not.toContain('glpat-notTheRightOne');
    forge.fail({ method: 'POST', times: 1, status: 403, body: { message: '403 Forbidden' } });
    const forbidden = await comment([failingReport], gitlabEnv());
    expect(forbidden.code).toBe(2);
    expect(forbidden.stderr).toContain('GITLAB_TOKEN needs the api scope and a role that can comment');
    const missing = await comment([failingReport, '--pr', '404'], gitlabEnv());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('GitLab could not find merge request health/records!404');
  });

  it('retries a 502 and gives up on a persistent 500 with exit 3', async () => {
    forge.seedGitlab(MR, []);
    forge.fail({ method: 'GET', times: 1, status: 502, headers: { 'retry-after': '0' } });
    expect(await comment([failingReport], gitlabEnv())).toMatchObject({ code: 0, stderr: '' });
    forge.reset();
    forge.seedGitlab(MR, []);
    forge.fail({ method: 'GET', times: 10, status: 500, headers: { 'retry-after': '0' }, body: { message: '500 Internal Server Error' } });
    const r = await comment([failingReport], gitlabEnv({ PLANWARDEN_DEBUG: '1' }));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('failed 4 times (last: 500 500 Internal Server Error)');
    expect(r.stderr).not.toContain(forge.token);
  });
});
