/**
 * Pull-request comments on GitHub (and GitHub Enterprise Server) through the REST API. A
 * pull request's conversation comments are issue comments:
 *   GET    /repos/{owner}/{repo}/issues/{number}/comments   (paginated by the Link header)
 *   POST   /repos/{owner}/{repo}/issues/{number}/comments
 *   PATCH  /repos/{owner}/{repo}/issues/comments/{id}
 *   DELETE /repos/{owner}/{repo}/issues/comments/{id}
 * Configured the way a GitHub Actions job already is: GITHUB_TOKEN, GITHUB_REPOSITORY,
 * GITHUB_EVENT_PATH (the pull request number) and GITHUB_API_URL.
 */
import * as fs from 'node:fs';
import { InputError, type JsonValue } from '../../policies/engine/types';
import { commentFrom, commentList, explainRefusals, MAX_COMMENT_PAGES, RefusedError, tooManyPages } from './comments';
import { apiBaseUrl, RestClient, type ClientSettings } from './http';
import { hasMarker, type CommentThread, type ExistingComment } from './sticky';

export interface GithubTarget {
  apiUrl: URL;
  owner: string;
  repo: string;
  pullRequest: number;
  token: string;
}

const DEFAULT_API_URL = 'https://api.github.com';

/** Reads the target from a GitHub Actions environment; `pullRequest` (from --pr) wins over the event payload. */
export function githubTargetFromEnv(env: NodeJS.ProcessEnv, pullRequest: number | undefined): GithubTarget {
  const token = env.GITHUB_TOKEN ?? '';
  if (token.trim() === '') {
    throw new InputError(
      'GITHUB_TOKEN is not set; give this step `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` and the job `permissions: pull-requests: write`',
    );
  }
  const repository = env.GITHUB_REPOSITORY ?? '';
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  if (!match) {
    throw new InputError(
      repository === ''
        ? 'GITHUB_REPOSITORY is not set; set it to owner/repo (GitHub Actions sets it for you)'
        : 'GITHUB_REPOSITORY must be owner/repo',
    );
  }
  const apiUrl = apiBaseUrl(env.GITHUB_API_URL || DEFAULT_API_URL, 'GITHUB_API_URL');
  return { apiUrl, owner: match[1], repo: match[2], pullRequest: pullRequest ?? pullRequestFromEvent(env), token };
}

/**
 * The pull request number from the event payload: `pull_request` and `pull_request_target`
 * carry `pull_request.number`; `issue_comment` on a pull request carries `issue.number`.
 */
function pullRequestFromEvent(env: NodeJS.ProcessEnv): number {
  const eventPath = env.GITHUB_EVENT_PATH ?? '';
  const hint = 'run this step on pull_request events, or pass --pr NUMBER';
  if (eventPath === '') throw new InputError(`no pull request number: GITHUB_EVENT_PATH is not set; ${hint}`);
  let event: JsonValue;
  try {
    event = JSON.parse(fs.readFileSync(eventPath, 'utf8')) as JsonValue;
  } catch {
    throw new InputError(`no pull request number: cannot read the event payload at GITHUB_EVENT_PATH as JSON; ${hint}`);
  }
  const field = (value: JsonValue | undefined, key: string): JsonValue | undefined =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  const issue = field(event, 'issue');
  const number = field(field(event, 'pull_request'), 'number') ?? (field(issue, 'pull_request') !== undefined ? field(issue, 'number') : undefined);
  if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) return number;
  const name = env.GITHUB_EVENT_NAME ? ` (GITHUB_EVENT_NAME=${env.GITHUB_EVENT_NAME})` : '';
  throw new InputError(`no pull request number: the event${name} is not about a pull request; ${hint}`);
}

/** The `rel="next"` target of a Link header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]*)"?/i.exec(match[2]);
    if (rel && rel[1].split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

export class GithubPullRequest implements CommentThread {
  readonly description: string;
  private readonly client: RestClient;

  constructor(
    private readonly target: GithubTarget,
    settings: ClientSettings = {},
  ) {
    this.description = `${target.owner}/${target.repo}#${target.pullRequest}`;
    this.client = new RestClient({
      baseUrl: target.apiUrl,
      headers: {
        Authorization: `Bearer ${target.token}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
      },
      secrets: [target.token],
      ...settings,
    });
  }

  retry<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    return this.client.retry(what, attempt);
  }

  async find(marker: string): Promise<ExistingComment | undefined> {
    let url: URL | undefined = this.client.url(`${this.repoPath()}/issues/${this.target.pullRequest}/comments`, { per_page: '100' });
    const seen = new Set<string>();
    for (let page = 1; url !== undefined; page++) {
      if (page > MAX_COMMENT_PAGES || seen.has(url.href)) throw tooManyPages(this.description);
      seen.add(url.href);
      const response = await this.call('list comments', () => this.client.request('GET', url!));
      for (const item of commentList(response.body, 'listing comments')) {
        const comment = commentFrom(item, 'listing comments', 'html_url');
        if (hasMarker(comment.body, marker)) return comment;
      }
      const next = nextLink(response.headers.get('link'));
      url = next === undefined ? undefined : this.client.followLink(next, response.url);
    }
    return undefined;
  }

  async create(body: string): Promise<ExistingComment> {
    const url = this.client.url(`${this.repoPath()}/issues/${this.target.pullRequest}/comments`);
    const response = await this.call('create the comment', () => this.client.send('POST', url, { body }));
    return commentFrom(response.body, 'creating the comment', 'html_url');
  }

  async update(comment: ExistingComment, body: string): Promise<ExistingComment> {
    const url = this.client.url(`${this.repoPath()}/issues/comments/${comment.id}`);
    const response = await this.call('update the comment', () => this.client.request('PATCH', url, { body }));
    return commentFrom(response.body, 'updating the comment', 'html_url');
  }

  async remove(comment: ExistingComment): Promise<void> {
    const url = this.client.url(`${this.repoPath()}/issues/comments/${comment.id}`);
    try {
      await this.call('delete the comment', () => this.client.request('DELETE', url));
    } catch (err) {
      // Already gone (another job, or a person, deleted it): the goal is met.
      if (err instanceof RefusedError && err.status === 404) return;
      throw err;
    }
  }

  private repoPath(): string {
    return `/repos/${encodeURIComponent(this.target.owner)}/${encodeURIComponent(this.target.repo)}`;
  }

  /** Turns a refusal into one line that names what to fix. */
  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return explainRefusals(what, run, (status, action, said) => this.explain(status, action, said));
  }

  private explain(status: number, what: string, said: string): string {
    const where = `${this.description} at ${this.target.apiUrl.origin}`;
    switch (status) {
      case 401:
        return `GitHub rejected GITHUB_TOKEN (${said}) trying to ${what}; check the secret passed as GITHUB_TOKEN`;
      case 403:
        return (
          `GitHub refused to ${what} on ${where} (${said}); GITHUB_TOKEN lacks pull-requests: write — add ` +
          '`permissions: pull-requests: write` to the job (pull requests from forks get a read-only token)'
        );
      case 404:
        return (
          `GitHub could not find ${where} trying to ${what} (${said}); check GITHUB_REPOSITORY, the pull request number ` +
          '(--pr or GITHUB_EVENT_PATH) and GITHUB_API_URL, and that GITHUB_TOKEN can read the repository'
        );
      case 422:
        return `GitHub rejected the comment on ${where} (${said}); check --marker and --title`;
      default:
        return `GitHub refused to ${what} on ${where} (${said})`;
    }
  }
}
