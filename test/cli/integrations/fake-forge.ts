/**
 * A local stand-in for the GitHub and GitLab comment APIs, on 127.0.0.1 and an ephemeral port:
 * just the endpoints `planwarden comment` uses, with their pagination (GitHub's Link header,
 * GitLab's X-Next-Page), authentication and error shapes, plus injectable faults. Every request
 * is recorded so tests can assert exactly what was sent.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface StoredComment {
  id: number;
  body: string;
  /** GitLab's own notes ("added 1 commit"). */
  system?: boolean;
}

export interface Fault {
  method?: string;
  /** Matches when the request path (without query) ends with this. */
  pathEndsWith?: string;
  /** How many matching requests fail; then the fault is spent. */
  times: number;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Carry out the request first, then answer with the fault (a POST that landed but got a 502). */
  afterApplying?: boolean;
  /** Never answer (for timeouts); the socket is closed when the server stops. */
  hang?: boolean;
}

const GITHUB_REPO_ID = 4242;

export class FakeForge {
  readonly requests: RecordedRequest[] = [];
  /** GitHub: key `owner/repo#number`. */
  readonly githubComments = new Map<string, StoredComment[]>();
  /** GitLab: key `projectIdOrPath!iid` (the path decoded). */
  readonly gitlabNotes = new Map<string, StoredComment[]>();
  /** The token the server accepts; any other gets 401. */
  token = 'ghs_fakeTokenValue1234567890abcdef';
  /** Items per page at most, whatever per_page asks (to exercise pagination with few items). */
  pageSize = 100;
  /** Where GitHub's Link header points; defaults to this server. */
  linkOrigin: string | undefined;
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<Socket>();
  private server: http.Server | undefined;
  private nextId = 1000;
  origin = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (data += chunk));
      req.on('end', () => this.handle(req, data, res));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.githubComments.clear();
    this.gitlabNotes.clear();
    this.pageSize = 100;
    this.linkOrigin = undefined;
  }

  seedGithub(key: string, bodies: string[]): StoredComment[] {
    const list = bodies.map((body) => ({ id: this.nextId++, body }));
    this.githubComments.set(key, list);
    return list;
  }

  seedGitlab(key: string, notes: Array<{ body: string; system?: boolean }>): StoredComment[] {
    const list = notes.map((note) => ({ id: this.nextId++, ...note }));
    this.gitlabNotes.set(key, list);
    return list;
  }

  /** Requests other than the listing GETs. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private handle(req: http.IncomingMessage, data: string, res: http.ServerResponse): void {
    let body: unknown;
    try {
      body = data === '' ? undefined : JSON.parse(data);
    } catch {
      body = data;
    }
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.origin);
    this.requests.push({ method, url: req.url ?? '/', headers: req.headers, body });

    const fault = this.faults.find(
      (f) => f.times > 0 && (f.method === undefined || f.method === method) && (f.pathEndsWith === undefined || url.pathname.endsWith(f.pathEndsWith)),
    );
    if (fault) {
      fault.times--;
      if (fault.hang) return;
      if (fault.afterApplying) this.route(method, url, req, body, () => undefined);
      this.send(res, fault.status, fault.body ?? { message: 'injected fault' }, fault.headers);
      return;
    }
    this.route(method, url, req, body, (status, payload, headers) => this.send(res, status, payload, headers));
  }

  private route(
    method: string,
    url: URL,
    req: http.IncomingMessage,
    body: unknown,
    reply: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  ): void {
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const gitlab = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/.exec(path);
    if (gitlab) {
      if (req.headers['private-token'] !== this.token) return reply(401, { message: '401 Unauthorized' });
      return this.gitlab(method, url, `${decodeURIComponent(gitlab[1])}!${gitlab[2]}`, gitlab[3], body, reply);
    }
    const list = /^\/(?:repos\/([^/]+)\/([^/]+)|repositories\/(\d+))\/issues\/(\d+)\/comments$/.exec(path);
    const single = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    if (list || single) {
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        return reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      }
      if (list) {
        const repo = list[3] !== undefined ? (Number(list[3]) === GITHUB_REPO_ID ? 'octo/app' : 'unknown/unknown') : `${list[1]}/${list[2]}`;
        return this.githubList(method, url, `${repo}#${list[4]}`, body, reply);
      }
      return this.githubSingle(method, `${single![1]}/${single![2]}`, Number(single![3]), body, reply);
    }
    reply(404, { message: 'Not Found' });
  }

  private githubList(method: string, url: URL, key: string, body: unknown, reply: (s: number, p: unknown, h?: Record<string, string>) => void): void {
    const comments = this.githubComments.get(key);
    if (comments === undefined) return reply(404, { message: 'Not Found' });
    if (method === 'POST') {
      const text = (body as { body?: unknown } | undefined)?.body;
      if (typeof text !== 'string' || text === '') return reply(422, { message: 'Validation Failed' });
      const comment = { id: this.nextId++, body: text };
      comments.push(comment);
      return reply(201, this.githubJson(key.split('#')[0], comment));
    }
    if (method !== 'GET') return reply(404, { message: 'Not Found' });
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? '30'), this.pageSize);
    const page = Number(url.searchParams.get('page') ?? '1');
    const slice = comments.slice((page - 1) * perPage, page * perPage);
    const pages = Math.max(1, Math.ceil(comments.length / perPage));
    const headers: Record<string, string> = {};
    if (page < pages) {
      // Real GitHub links by repository id, not by name.
      const link = (p: number) => `<${this.linkOrigin ?? this.origin}/repositories/${GITHUB_REPO_ID}/issues/${key.split('#')[1]}/comments?per_page=${perPage}&page=${p}>`;
      headers.link = `${link(page + 1)}; rel="next", ${link(pages)}; rel="last"`;
    }
    reply(200, slice.map((c) => this.githubJson(key.split('#')[0], c)), headers);
  }

  private githubSingle(method: string, repo: string, id: number, body: unknown, reply: (s: number, p: unknown) => void): void {
    for (const [key, comments] of this.githubComments) {
      if (!key.startsWith(`${repo}#`)) continue;
      const index = comments.findIndex((c) => c.id === id);
      if (index < 0) continue;
      if (method === 'PATCH') {
        comments[index].body = String((body as { body?: unknown } | undefined)?.body ?? '');
        return reply(200, this.githubJson(repo, comments[index]));
      }
      if (method === 'DELETE') {
        comments.splice(index, 1);
        return reply(204, undefined);
      }
    }
    reply(404, { message: 'Not Found' });
  }

  private githubJson(repo: string, c: StoredComment): unknown {
    return { id: c.id, body: c.body, html_url: `https://github.example/${repo}/pull/1#issuecomment-${c.id}`, user: { login: 'github-actions[bot]' } };
  }

  private gitlab(
    method: string,
    url: URL,
    key: string,
    noteId: string | undefined,
    body: unknown,
    reply: (s: number, p: unknown, h?: Record<string, string>) => void,
  ): void {
    const notes = this.gitlabNotes.get(key);
    if (notes === undefined) return reply(404, { message: '404 Not found' });
    const text = (body as { body?: unknown } | undefined)?.body;
    if (noteId === undefined) {
      if (method === 'POST') {
        if (typeof text !== 'string' || text === '') return reply(400, { message: { note: ["can't be blank"] } });
        const note = { id: this.nextId++, body: text };
        notes.push(note);
        return reply(201, { id: note.id, body: note.body, system: false });
      }
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? '20'), this.pageSize);
      const page = Number(url.searchParams.get('page') ?? '1');
      const pages = Math.max(1, Math.ceil(notes.length / perPage));
      const slice = notes.slice((page - 1) * perPage, page * perPage).map((n) => ({ id: n.id, body: n.body, system: n.system ?? false }));
      return reply(200, slice, { 'x-page': String(page), 'x-next-page': page < pages ? String(page + 1) : '', 'x-per-page': String(perPage) });
    }
    const index = notes.findIndex((n) => n.id === Number(noteId));
    if (index < 0) return reply(404, { message: '404 Note Not Found' });
    if (method === 'PUT') {
      notes[index].body = String(text ?? '');
      return reply(200, { id: notes[index].id, body: notes[index].body, system: false });
    }
    if (method === 'DELETE') {
      notes.splice(index, 1);
      return reply(204, undefined);
    }
    reply(404, { message: '404 Not found' });
  }

  private send(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    const text = payload === undefined || status === 204 ? '' : JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }
}
