/**
 * Merge-request notes on GitLab (gitlab.com or self-managed) through the REST API v4:
 *   GET    /projects/:id/merge_requests/:iid/notes            (paginated by X-Next-Page)
 *   POST   /projects/:id/merge_requests/:iid/notes
 *   PUT    /projects/:id/merge_requests/:iid/notes/:note_id
 *   DELETE /projects/:id/merge_requests/:iid/notes/:note_id
 * Configured the way a GitLab CI merge-request pipeline already is: CI_API_V4_URL,
 * CI_PROJECT_ID and CI_MERGE_REQUEST_IID, plus GITLAB_TOKEN (the job token cannot write notes).
 */
import { InputError } from '../../policies/engine/types';
import { commentFrom, commentList, explainRefusals, MAX_COMMENT_PAGES, RefusedError, tooManyPages } from './comments';
import { apiBaseUrl, RestClient, type ClientSettings } from './http';
import { hasMarker, type CommentThread, type ExistingComment } from './sticky';

export interface GitlabTarget {
  apiUrl: URL;
  /** Numeric id or full path (`group/project`); encoded when it goes into a URL. */
  project: string;
  mergeRequest: number;
  token: string;
}

export function gitlabTargetFromEnv(env: NodeJS.ProcessEnv, mergeRequest: number | undefined): GitlabTarget {
  const token = env.GITLAB_TOKEN ?? '';
  if (token.trim() === '') {
    throw new InputError(
      'GITLAB_TOKEN is not set; create a project access token with the api scope (role Reporter or higher) and store it as a masked CI/CD variable GITLAB_TOKEN',
    );
  }
  const api = env.CI_API_V4_URL ?? '';
  if (api === '') throw new InputError('CI_API_V4_URL is not set; set it to the API root, e.g. https://gitlab.com/api/v4 (GitLab CI sets it for you)');
  const project = env.CI_PROJECT_ID ?? '';
  if (!/^(\d+|[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+)$/.test(project)) {
    throw new InputError('CI_PROJECT_ID is not set to a project id or path; GitLab CI sets it for you');
  }
  const iid = mergeRequest ?? mergeRequestFromEnv(env);
  return { apiUrl: apiBaseUrl(api, 'CI_API_V4_URL'), project, mergeRequest: iid, token };
}

function mergeRequestFromEnv(env: NodeJS.ProcessEnv): number {
  const value = env.CI_MERGE_REQUEST_IID ?? '';
  if (/^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  throw new InputError(
    'no merge request: CI_MERGE_REQUEST_IID is not set (the job is not in a merge request pipeline); ' +
      'run it with `rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event"`, or pass --pr IID',
  );
}

export class GitlabMergeRequest implements CommentThread {
  readonly description: string;
  private readonly client: RestClient;

  constructor(
    private readonly target: GitlabTarget,
    settings: ClientSettings = {},
  ) {
    this.description = `${target.project}!${target.mergeRequest}`;
    this.client = new RestClient({ baseUrl: target.apiUrl, headers: { 'PRIVATE-TOKEN': target.token }, secrets: [target.token], ...settings });
  }

  retry<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    return this.client.retry(what, attempt);
  }

  async find(marker: string): Promise<ExistingComment | undefined> {
    let page = 1;
    for (let read = 1; ; read++) {
      if (read > MAX_COMMENT_PAGES) throw tooManyPages(this.description);
      const url = this.client.url(this.notesPath(), { per_page: '100', sort: 'asc', order_by: 'created_at', page: String(page) });
      const response = await this.call('list notes', () => this.client.request('GET', url));
      for (const item of commentList(response.body, 'listing notes')) {
        // System notes ("added 1 commit") are GitLab's own, never ours.
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && item.system === true) continue;
        const note = commentFrom(item, 'listing notes', undefined);
        if (hasMarker(note.body, marker)) return note;
      }
      const next = (response.headers.get('x-next-page') ?? '').trim();
      if (next === '') return undefined;
      // Only forward: a server that sends the same page again must not loop forever.
      if (!/^\d+$/.test(next) || Number(next) <= page) throw tooManyPages(this.description);
      page = Number(next);
    }
  }

  async create(body: string): Promise<ExistingComment> {
    const response = await this.call('create the note', () => this.client.send('POST', this.client.url(this.notesPath()), { body }));
    return commentFrom(response.body, 'creating the note', undefined);
  }

  async update(note: ExistingComment, body: string): Promise<ExistingComment> {
    const url = this.client.url(`${this.notesPath()}/${note.id}`);
    const response = await this.call('update the note', () => this.client.request('PUT', url, { body }));
    return commentFrom(response.body, 'updating the note', undefined);
  }

  async remove(note: ExistingComment): Promise<void> {
    try {
      await this.call('delete the note', () => this.client.request('DELETE', this.client.url(`${this.notesPath()}/${note.id}`)));
    } catch (err) {
      // Already gone (another job, or a person, deleted it): the goal is met.
      if (err instanceof RefusedError && err.status === 404) return;
      throw err;
    }
  }

  private notesPath(): string {
    return `/projects/${encodeURIComponent(this.target.project)}/merge_requests/${this.target.mergeRequest}/notes`;
  }

  /** Turns a refusal into one line that names what to fix. */
  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return explainRefusals(what, run, (status, action, said) => this.explain(status, action, said));
  }

  private explain(status: number, what: string, said: string): string {
    const where = `merge request ${this.description} at ${this.target.apiUrl.origin}`;
    switch (status) {
      case 401:
        return `GitLab rejected GITLAB_TOKEN (${said}) trying to ${what}; check that the token is valid, not expired, and has the api scope`;
      case 403:
        return (
          `GitLab refused to ${what} on ${where} (${said}); GITLAB_TOKEN needs the api scope and a role that can comment ` +
          '(Reporter or higher) in the project'
        );
      case 404:
        // GitLab answers 404, not 403, for a private project the token cannot see.
        return (
          `GitLab could not find ${where} trying to ${what} (${said}); check CI_PROJECT_ID, the merge request IID ` +
          '(--pr or CI_MERGE_REQUEST_IID) and CI_API_V4_URL, and that GITLAB_TOKEN is a member of the project'
        );
      case 422:
        return `GitLab rejected the note on ${where} (${said}); check --marker and --title`;
      default:
        return `GitLab refused to ${what} on ${where} (${said})`;
    }
  }
}
