/**
 * What GitHub's issue comments and GitLab's merge-request notes have in common on the wire:
 * a list of objects with an id and a body. Responses are checked before use; an API (or a
 * proxy in front of it) that answers with something else is reported, not trusted.
 */
import { InputError, type JsonValue } from '../../policies/engine/types';
import { ApiUnavailableError } from './http';
import type { ExistingComment } from './sticky';
import { ApiStatusError } from './http';

/** Most pages read looking for the marker: 100 per page, so 20,000 comments. */
export const MAX_COMMENT_PAGES = 200;

export function commentFrom(value: JsonValue | undefined, where: string, urlKey: string | undefined): ExistingComment {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value === undefined) {
    throw new ApiUnavailableError(`${where} returned something other than a comment; is the API URL right?`);
  }
  const id = value.id;
  if (!(typeof id === 'number' && Number.isSafeInteger(id)) && !(typeof id === 'string' && /^\d+$/.test(id))) {
    throw new ApiUnavailableError(`${where} returned a comment without a numeric id; is the API URL right?`);
  }
  const body = typeof value.body === 'string' ? value.body : '';
  const url = urlKey === undefined ? undefined : value[urlKey];
  return { id: String(id), body, ...(typeof url === 'string' ? { url } : {}) };
}

export function commentList(value: JsonValue | undefined, where: string): JsonValue[] {
  if (!Array.isArray(value)) throw new ApiUnavailableError(`${where} returned something other than a list of comments; is the API URL right?`);
  return value;
}

export function tooManyPages(description: string): ApiUnavailableError {
  return new ApiUnavailableError(
    `${description} has more than ${MAX_COMMENT_PAGES} pages of comments; stopped looking for the planwarden comment`,
  );
}

/** The code host refused a request for a reason the user must fix (4xx): exit 2, with the status kept for callers. */
export class RefusedError extends InputError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Runs an API call and turns an HTTP refusal (401, 403, 404, 422...) into a RefusedError whose one
 * line comes from the forge's own `explain`, so every message names what to fix.
 */
export async function explainRefusals<T>(what: string, run: () => Promise<T>, explain: (status: number, what: string, said: string) => string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ApiStatusError)) throw err;
    const said = `${err.status}${err.apiMessage === '' ? '' : ` ${err.apiMessage}`}`;
    throw new RefusedError(explain(err.status, what, said), err.status);
  }
}
