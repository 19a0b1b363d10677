/**
 * The sticky pull-request comment: one comment per marker, found again on every run and
 * updated in place, so a pull request carries the latest verdict instead of a growing trail
 * of bot comments. The code host (GitHub, GitLab) is behind `CommentThread`.
 */

export interface ExistingComment {
  id: string;
  body: string;
  /** Link for people, when the API gives one. */
  url?: string;
}

/** The comments of one pull request or merge request. */
export interface CommentThread {
  /** For messages: `owner/repo#12`, `group/project!7`. */
  readonly description: string;
  /** The first (oldest) comment whose first line is the marker, reading every page. */
  find(marker: string): Promise<ExistingComment | undefined>;
  /** One attempt, not retried (a POST that timed out may have landed; see createOnce); throws TransientFailure to ask for a retry. */
  create(body: string): Promise<ExistingComment>;
  update(comment: ExistingComment, body: string): Promise<ExistingComment>;
  remove(comment: ExistingComment): Promise<void>;
  /** The client's retry loop, for the create step. */
  retry<T>(what: string, attempt: () => Promise<T>): Promise<T>;
}

export interface StickyRequest {
  marker: string;
  body: string;
  /** The report has blocking findings. */
  failing: boolean;
  /** Do not open a new comment for a passing report (an existing one is still brought up to date). */
  onFailureOnly: boolean;
  /** Delete the comment when the report passes, instead of showing the pass. */
  deleteOnPass: boolean;
}

export type StickyAction = 'create' | 'update' | 'delete' | 'skip';

export interface StickyOutcome {
  action: StickyAction | 'unchanged';
  comment?: ExistingComment;
  /** Why nothing was done, for `skip`. */
  reason?: string;
}

/**
 * What to do, from the verdict and whether a comment exists. An existing comment is updated
 * even under --on-failure-only: leaving a stale "blocking" comment on a fixed pull request
 * would tell reviewers the opposite of the truth.
 */
export function decideStickyAction(request: Pick<StickyRequest, 'failing' | 'onFailureOnly' | 'deleteOnPass'>, exists: boolean): StickyAction {
  if (!request.failing && request.deleteOnPass) return exists ? 'delete' : 'skip';
  if (exists) return 'update';
  if (!request.failing && request.onFailureOnly) return 'skip';
  return 'create';
}

/** The line that opens our comment (renderMarkdown writes it first), hiding the marker in an HTML comment. */
export function markerLine(marker: string): string {
  return `<!-- ${marker} -->`;
}

/** Whether a comment body is ours for this marker: the marker is its whole first line. */
export function hasMarker(body: string, marker: string): boolean {
  const line = markerLine(marker);
  return body === line || body.startsWith(`${line}\n`) || body.startsWith(`${line}\r\n`);
}

export async function syncStickyComment(thread: CommentThread, request: StickyRequest): Promise<StickyOutcome> {
  const existing = await thread.find(request.marker);
  const action = decideStickyAction(request, existing !== undefined);
  switch (action) {
    case 'skip':
      return {
        action,
        reason: request.deleteOnPass ? 'the report passes and there is no comment to delete' : 'the report passes and --on-failure-only is set',
      };
    case 'delete':
      await thread.remove(existing!);
      return { action, comment: existing };
    case 'update':
      return updateComment(thread, existing!, request.body);
    case 'create':
      return createOnce(thread, request);
  }
}

async function updateComment(thread: CommentThread, existing: ExistingComment, body: string): Promise<StickyOutcome> {
  // An edit that changes nothing still shows as "edited" and may notify; skip it.
  if (normaliseNewlines(existing.body) === normaliseNewlines(body)) return { action: 'unchanged', comment: existing };
  return { action: 'update', comment: await thread.update(existing, body) };
}

/**
 * POST is not idempotent: a 502 or a timeout may come after the comment was created. So a
 * failed create is not simply sent again; each retry first looks for the marker, and updates
 * the comment if the earlier attempt did land, so a flaky API does not leave duplicates.
 */
async function createOnce(thread: CommentThread, request: StickyRequest): Promise<StickyOutcome> {
  let first = true;
  return thread.retry(`create comment on ${thread.description}`, async (): Promise<StickyOutcome> => {
    if (!first) {
      const landed = await thread.find(request.marker);
      if (landed !== undefined) {
        const outcome = await updateComment(thread, landed, request.body);
        return outcome.action === 'unchanged' ? { action: 'create', comment: landed } : outcome;
      }
    }
    first = false;
    return { action: 'create', comment: await thread.create(request.body) };
  });
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
