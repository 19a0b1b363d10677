/** The sticky-comment decisions, and the create step's recovery when a failed POST had landed. */
import { TransientFailure } from '../../../cli/integrations/http';
import {
  decideStickyAction,
  hasMarker,
  syncStickyComment,
  type CommentThread,
  type ExistingComment,
} from '../../../cli/integrations/sticky';

describe('decideStickyAction', () => {
  // failing, onFailureOnly, deleteOnPass, exists → action
  it.each([
    [true, false, false, false, 'create'],
    [true, false, false, true, 'update'],
    [true, true, false, false, 'create'],
    [true, false, true, true, 'update'],
    [false, false, false, false, 'create'],
    [false, false, false, true, 'update'],
    [false, true, false, false, 'skip'],
    [false, true, false, true, 'update'],
    [false, false, true, true, 'delete'],
    [false, false, true, false, 'skip'],
    [false, true, true, true, 'delete'],
  ] as const)('failing=%s onFailureOnly=%s deleteOnPass=%s exists=%s → %s', (failing, onFailureOnly, deleteOnPass, exists, action) => {
    expect(decideStickyAction({ failing, onFailureOnly, deleteOnPass }, exists)).toBe(action);
  });
});

describe('hasMarker', () => {
  it('matches the marker as the whole first line only', () => {
    expect(hasMarker('<!-- planwarden:report -->\n### x', 'planwarden:report')).toBe(true);
    expect(hasMarker('<!-- planwarden:report -->\r\n### x', 'planwarden:report')).toBe(true);
    expect(hasMarker('<!-- planwarden:report -->', 'planwarden:report')).toBe(true);
    expect(hasMarker('<!-- planwarden:report-staging -->\n### x', 'planwarden:report')).toBe(false);
    expect(hasMarker('> <!-- planwarden:report -->\n quoted', 'planwarden:report')).toBe(false);
    expect(hasMarker('text\n<!-- planwarden:report -->', 'planwarden:report')).toBe(false);
  });
});

/** An in-memory thread whose create can fail after (or before) storing the comment. */
class MemoryThread implements CommentThread {
  readonly description = 'memory#1';
  readonly comments: ExistingComment[] = [];
  readonly calls: string[] = [];
  createFailures: Array<'landed' | 'lost'> = [];
  retries = 0;

  async find(marker: string): Promise<ExistingComment | undefined> {
    this.calls.push('find');
    return this.comments.find((c) => hasMarker(c.body, marker));
  }
  async create(body: string): Promise<ExistingComment> {
    this.calls.push('create');
    const failure = this.createFailures.shift();
    const comment = { id: String(this.comments.length + 1), body };
    if (failure !== 'lost') this.comments.push(comment);
    if (failure !== undefined) throw new TransientFailure('502 Bad Gateway', 0);
    return comment;
  }
  async update(comment: ExistingComment, body: string): Promise<ExistingComment> {
    this.calls.push(`update ${comment.id}`);
    comment.body = body;
    return comment;
  }
  async remove(comment: ExistingComment): Promise<void> {
    this.calls.push(`remove ${comment.id}`);
    this.comments.splice(this.comments.indexOf(comment), 1);
  }
  async retry<T>(_what: string, attempt: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof TransientFailure) || ++this.retries > 3) throw err;
      }
    }
  }
}

const request = { marker: 'planwarden:report', body: '<!-- planwarden:report -->\nnew', failing: true, onFailureOnly: false, deleteOnPass: false };

describe('syncStickyComment', () => {
  it('after a failed POST that landed, finds the comment instead of posting again', async () => {
    const thread = new MemoryThread();
    thread.createFailures = ['landed'];
    const outcome = await syncStickyComment(thread, request);
    expect(outcome.action).toBe('create');
    expect(thread.comments).toHaveLength(1);
    expect(thread.calls).toEqual(['find', 'create', 'find']);
  });

  it('after a failed POST that was lost, posts again', async () => {
    const thread = new MemoryThread();
    thread.createFailures = ['lost', 'lost'];
    const outcome = await syncStickyComment(thread, request);
    expect(outcome.action).toBe('create');
    expect(thread.comments).toHaveLength(1);
    expect(thread.calls).toEqual(['find', 'create', 'find', 'create', 'find', 'create']);
  });

  it('updates only when the body changed', async () => {
    const thread = new MemoryThread();
    thread.comments.push({ id: '9', body: '<!-- planwarden:report -->\r\nnew' });
    expect((await syncStickyComment(thread, request)).action).toBe('unchanged');
    thread.comments[0].body = '<!-- planwarden:report -->\nold';
    expect((await syncStickyComment(thread, request)).action).toBe('update');
    expect(thread.calls).toEqual(['find', 'find', 'update 9']);
  });
});
