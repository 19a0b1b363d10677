/**
 * `planwarden comment <report.json>`: posts the report as one sticky pull-request comment on
 * GitHub or merge-request note on GitLab, creating, updating or deleting it.
 *
 * It reads the JSON report a `check` step wrote, rather than plans: the gate is `check`, and
 * rendering from its report means the comment always shows exactly the verdict that gated CI
 * (same config, same options, same baseline) without evaluating twice. So the exit code is
 * about the comment, not the plan: 0 the comment is in the state asked for (posted, updated,
 * deleted, or deliberately left alone), 2 something to fix in the input or configuration
 * (missing token or variables, a report file that is not one, the API refusing with
 * 401/403/404/422), 3 the API stayed unavailable after bounded retries (5xx, 429, timeouts).
 */
import { renderMarkdown, DEFAULT_MARKDOWN_MARKER } from '../reporters/markdown';
import { ruleSummary } from '../../policies/engine/report';
import { InputError, type Report } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { EXIT } from '../errors';
import { githubTargetFromEnv, GithubPullRequest } from '../integrations/github';
import { gitlabTargetFromEnv, GitlabMergeRequest } from '../integrations/gitlab';
import { ApiUnavailableError, type ClientSettings } from '../integrations/http';
import { readReportFile } from '../integrations/report-file';
import { syncStickyComment, type CommentThread, type StickyOutcome } from '../integrations/sticky';

export type Platform = 'github' | 'gitlab';

export interface CommentArgs {
  report: string;
  /** undefined: told by the CI environment. */
  platform: Platform | undefined;
  /** Pull request number (GitHub) or merge request IID (GitLab); default from the CI environment. */
  pr: number | undefined;
  marker: string | undefined;
  title: string | undefined;
  onFailureOnly: boolean;
  deleteOnPass: boolean;
}

export interface CommentIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const PROCESS_IO: CommentIo = {
  stdout: (line) => process.stdout.write(line),
  stderr: (line) => process.stderr.write(line),
};

/** Every token this command could hold; scrubbed from anything it prints, whatever the path. */
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GITLAB_TOKEN'] as const;

export async function runCommentCommand(
  args: CommentArgs,
  env: NodeJS.ProcessEnv = process.env,
  io: CommentIo = PROCESS_IO,
  settings: ClientSettings = {},
): Promise<number> {
  const secrets = TOKEN_VARIABLES.map((name) => env[name] ?? '').filter((token) => token.length > 0);
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  try {
    if (args.pr !== undefined && !(Number.isSafeInteger(args.pr) && args.pr > 0)) {
      throw new InputError('--pr must be a pull request number (GitHub) or merge request IID (GitLab), e.g. --pr 42');
    }
    const report = withRuleTitles(readReportFile(args.report));
    const marker = args.marker ?? DEFAULT_MARKDOWN_MARKER;
    const body = renderMarkdown(report, { marker, title: args.title });
    const debug = env.PLANWARDEN_DEBUG === '1' ? (line: string) => io.stderr(`planwarden: debug: ${scrub(line)}\n`) : undefined;
    const thread = openThread(args.platform ?? detectPlatform(env), env, args.pr, { ...settings, debug: settings.debug ?? debug });
    const outcome = await syncStickyComment(thread, {
      marker,
      body,
      failing: report.findings.some((finding) => finding.blocking),
      onFailureOnly: args.onFailureOnly,
      deleteOnPass: args.deleteOnPass,
    });
    io.stdout(`planwarden: ${scrub(describe(outcome, thread))}\n`);
    return EXIT.pass;
  } catch (err) {
    if (err instanceof ApiUnavailableError) {
      io.stderr(`planwarden: ${oneLine(scrub(err.message))}\n`);
      return EXIT.internal;
    }
    throw scrubbed(err, scrub);
  }
}

/** The platform the CI job runs on, from the variables each sets. */
export function detectPlatform(env: NodeJS.ProcessEnv): Platform {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  if (env.GITHUB_REPOSITORY) return 'github';
  if (env.CI_API_V4_URL) return 'gitlab';
  throw new InputError(
    'cannot tell where to comment: not in GitHub Actions or GitLab CI; pass --platform github (with GITHUB_TOKEN, GITHUB_REPOSITORY, --pr) ' +
      'or --platform gitlab (with GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID, --pr)',
  );
}

function openThread(platform: Platform, env: NodeJS.ProcessEnv, pr: number | undefined, settings: ClientSettings): CommentThread {
  return platform === 'github'
    ? new GithubPullRequest(githubTargetFromEnv(env, pr), settings)
    : new GitlabMergeRequest(gitlabTargetFromEnv(env, pr), settings);
}

/** The JSON report has no rule metadata; the comment shows rule titles from the pack where it knows the id. */
function withRuleTitles(report: Report): Report {
  const used = new Set(report.findings.map((finding) => finding.ruleId));
  return { ...report, rules: ALL_RULES.filter((rule) => used.has(rule.id)).map((rule) => ruleSummary(rule)) };
}

function describe(outcome: StickyOutcome, thread: CommentThread): string {
  const comment = outcome.comment;
  const which = comment === undefined ? 'comment' : `comment ${comment.id}`;
  const link = comment?.url === undefined ? '' : ` (${comment.url})`;
  switch (outcome.action) {
    case 'create':
      return `created ${which} on ${thread.description}${link}`;
    case 'update':
      return `updated ${which} on ${thread.description}${link}`;
    case 'unchanged':
      return `${which} on ${thread.description} is already up to date${link}`;
    case 'delete':
      return `deleted ${which} on ${thread.description}: the report passes`;
    case 'skip':
      return `no comment on ${thread.description}: ${outcome.reason ?? 'nothing to do'}`;
  }
}

/** Keeps the error's class (and so its exit code) but removes any token from its message and stack. */
function scrubbed(err: unknown, scrub: (text: string) => string): unknown {
  if (err instanceof Error) {
    err.message = scrub(err.message);
    if (err.stack !== undefined) err.stack = scrub(err.stack);
  }
  return err;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?');
}
