import fc from 'fast-check';
import { codeSpan, markdownText, renderMarkdown, truncate } from '../../../cli/reporters/markdown';
import { InputError, type Finding } from '../../../policies/engine/types';
import { ADDRESSES, buildReport, hostileString, makeFinding, sortFindings } from './report-fixture';

function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`no section ${heading}`);
  const next = markdown.indexOf('\n#### ', start + 1);
  const details = markdown.indexOf('<details>', start + 1);
  const ends = [next, details].filter((index) => index !== -1);
  return markdown.slice(start, ends.length === 0 ? undefined : Math.min(...ends));
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(buildReport());

  it('starts with the hidden marker, and the marker is configurable', () => {
    expect(markdown.split('\n')[0]).toBe('<!-- planwarden:report -->');
    expect(renderMarkdown(buildReport(), { marker: 'planwarden:report:prod/us-east-1' }).split('\n')[0]).toBe(
      '<!-- planwarden:report:prod/us-east-1 -->',
    );
  });

  it('refuses a marker that could break out of its HTML comment', () => {
    for (const marker of ['x -->', 'a--b', '', 'has space', '<!--', 'x'.repeat(101)]) {
      expect(() => renderMarkdown(buildReport(), { marker })).toThrow(InputError);
    }
  });

  it('gives the verdict in the headline', () => {
    expect(markdown).toContain('### ❌ planwarden: 2 blocking findings\n');
    const advisoryOnly = buildReport({ findings: [makeFinding('LOG-001', ADDRESSES.logGroup)] });
    expect(renderMarkdown(advisoryOnly, { title: 'prod' })).toContain(
      '### ⚠️ planwarden · prod: passed with 1 non-blocking finding\n',
    );
    expect(renderMarkdown(buildReport({ findings: [] }))).toContain('### ✅ planwarden: passed\n');
    expect(renderMarkdown(buildReport({ findings: [] }))).toContain('No findings.');
  });

  it('leads with thresholds set weaker than HIPAA, right under the headline', () => {
    expect(markdown).toContain(
      [
        '### ❌ planwarden: 2 blocking findings',
        '',
        '> [!WARNING]',
        '> **Weaker than HIPAA:** this configuration sets 1 threshold below what HIPAA asks.',
        '> - LOG-001 minRetentionDays is 365; HIPAA documentation retention asks for 2192 days (6 years).',
        '',
        '9 checks on 7 resources',
      ].join('\n'),
    );
    expect(renderMarkdown(buildReport({ weakerThanHipaa: [] }))).not.toContain('Weaker than HIPAA');
  });

  it('says what was checked', () => {
    expect(markdown).toContain(
      '9 checks on 7 resources from `plans/prod.json` (plan, Terraform 1.9.5) · unknown values: warn · planwarden 0.1.0',
    );
  });

  it('counts open findings by family and severity, with blocking and waived columns', () => {
    expect(markdown).toContain(
      [
        '| Family | Critical | High | Medium | Low | Blocking | Waived |',
        '|---|---:|---:|---:|---:|---:|---:|',
        '| encryption | 0 | 2 | 0 | 0 | 2 | 0 |',
        '| transit | 1 | 0 | 0 | 0 | 0 | 0 |',
        '| logging | 0 | 0 | 1 | 0 | 0 | 0 |',
        '| baa | 0 | 0 | 0 | 0 | 0 | 1 |',
        '| **Total** | 1 | 2 | 1 | 0 | 2 | 1 |',
      ].join('\n'),
    );
  });

  it('lists blocking findings first and in full, with what to change', () => {
    const blocking = sectionOf(markdown, '#### ❌ Blocking (2)');
    expect(blocking).toContain(
      '- **ENC-001** S3 buckets holding ePHI are encrypted with KMS · `module.records["team \\"a\\"]"].aws_s3_bucket.phi[0]` · high · hard-mandatory',
    );
    expect(blocking).toContain(
      '  **Fix:** Add aws\\_s3\\_bucket\\_server\\_side\\_encryption\\_configuration with sse\\_algorithm = "aws:kms".',
    );
    expect(markdown.indexOf('#### ❌ Blocking')).toBeLessThan(markdown.indexOf('<details>'));
  });

  it('folds non-blocking failures, unknowns and waivers into collapsible sections, in that order', () => {
    const nonBlocking = markdown.indexOf('<details><summary>⚠️ Non-blocking failures (1)</summary>\n\n- **LOG-001**');
    const unknown = markdown.indexOf('<details><summary>❔ Unknown at plan time (1)</summary>\n\n- **TLS-001**');
    const waived = markdown.indexOf('<details><summary>🔕 Waived (1)</summary>\n\n- **BAA-001**');
    expect(nonBlocking).toBeGreaterThan(-1);
    expect(unknown).toBeGreaterThan(nonBlocking);
    expect(waived).toBeGreaterThan(unknown);
    expect(markdown).toContain(
      '  **Waived:** Legacy lab decommissioned in Q3 (expires 2027-03-31, ticket SEC-123, owner data-platform, approved by ciso)',
    );
    expect(markdown.match(/<details>/g)).toHaveLength(4);
    expect(markdown.match(/<\/details>/g)).toHaveLength(4);
  });

  it('lists the notices after the findings, then every waiver on file with its state', () => {
    expect(markdown).toContain(
      '#### Notices\n\n- Waiver for ENC-002 on module.old.\\* expired on 2025-01-31 (SEC-9); it no longer waives.\n',
    );
    expect(markdown.indexOf('#### Notices')).toBeGreaterThan(markdown.indexOf('🔕 Waived'));
    const waivers = markdown.slice(markdown.indexOf('<details><summary>📋 Waivers in the configuration and tags (2)</summary>'));
    expect(waivers).toContain(
      '- **BAA-001** on `module.legacy.*` (active, expires 2027-03-31, matched 1, from config, ticket SEC-123): Legacy lab decommissioned in Q3',
    );
    expect(waivers).toContain(
      '- **ENC-002, ENC-003** on `module.old.*` (expired, expires 2025-01-31, matched 0, from config, ticket SEC-9): Old buckets migrate in Q1',
    );
    expect(markdown.indexOf('📋 Waivers')).toBeGreaterThan(markdown.indexOf('#### Notices'));
  });

  it('neutralises hostile text: no HTML, no comment, no mention, no table break, one line', () => {
    const hostileItem = sectionOf(markdown, '#### ❌ Blocking (2)')
      .split('\n- ')
      .find((item) => item.includes('hostile'));
    expect(hostileItem).toBeDefined();
    // Code spans show their content literally; everything outside them must be inert.
    const item = (hostileItem ?? '').replace(/``.*?``/, '');
    expect(item).not.toMatch(/(^|[^\\])</);
    expect(item).not.toContain('@octocat');
    expect(item).toContain('@\u200Boctocat');
    expect(item).toContain('\\<\\!-- hide --\\>');
    expect(item).toContain('\\[click\\](https://evil.example)');
    expect(item).not.toContain('\u202E');
    expect(item).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
    // Address with a backtick: the fence is longer than any run inside it.
    expect(hostileItem).toContain('``aws_s3_bucket.hostile["a`b|c<d>@e%f,g:h"]``');
    // Message lines are bounded (1,000 characters plus escapes), so one item cannot take the budget.
    expect(item.length).toBeLessThan(3_000);
    expect(markdown.match(/<!--/g)).toHaveLength(1);
  });

  it('is byte-identical for the same report', () => {
    expect(renderMarkdown(buildReport())).toBe(renderMarkdown(buildReport()));
  });
});

describe('renderMarkdown within the comment budget', () => {
  function manyFindings(count: number): Finding[] {
    const findings: Finding[] = [];
    for (let index = 0; index < count; index += 1) {
      const blocking = index % 4 === 0;
      findings.push(
        makeFinding(blocking ? 'ENC-001' : 'LOG-001', `module.fleet["bucket-${String(index).padStart(4, '0')}"].aws_s3_bucket.data`, {
          blocking,
          message: `Finding number ${index}: ${'the configuration needs attention '.repeat(6)}`,
        }),
      );
    }
    return sortFindings(findings);
  }

  it('stays under the default 60,000 characters and summarises the tail', () => {
    const report = buildReport({ findings: manyFindings(2_000) });
    const markdown = renderMarkdown(report);
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(markdown.length).toBeGreaterThan(50_000);
    const shown = (markdown.match(/^- \*\*/gm) ?? []).length;
    const note =
      /…and (\d+) more findings \((\d+) blocking, (\d+) non-blocking\) and 1 more notice and 2 more waivers not shown; see the JSON\/SARIF artifact/.exec(
        markdown,
      );
    expect(note).not.toBeNull();
    expect(Number(note?.[1])).toBe(2_000 - shown);
    expect(Number(note?.[2])).toBe(500 - shown);
    expect(Number(note?.[3])).toBe(1_500);
    // What is shown is a prefix of the blocking list, in report order.
    expect(shown).toBeGreaterThan(100);
    expect(markdown.match(/^- \*\*ENC-001\*\*/gm)).toHaveLength(shown);
    expect(markdown).toContain('module.fleet["bucket-0000"]');
    expect(markdown).not.toContain('<details>');
  });

  it('honours a smaller budget, keeping the head and a prefix of the blocking list', () => {
    const markdown = renderMarkdown(buildReport({ findings: manyFindings(200) }), { maxChars: 5_000 });
    expect(markdown.length).toBeLessThanOrEqual(5_000);
    expect(markdown).toContain('### ❌ planwarden: 50 blocking findings');
    expect(markdown).toContain('| **Total** |');
    expect(markdown).toContain('module.fleet["bucket-0000"]');
    expect(markdown).not.toContain('<details>');
    expect(markdown).toContain('Weaker than HIPAA');
    expect(markdown).toMatch(/…and \d+ more findings \(\d+ blocking, 150 non-blocking\) and 1 more notice and 2 more waivers not shown/);
  });

  it('adds no truncation note when everything fits', () => {
    expect(renderMarkdown(buildReport())).not.toContain('not shown');
  });
});

describe('markdown escaping', () => {
  it('keeps any text on one line with no live markup, HTML or mentions', () => {
    fc.assert(
      fc.property(hostileString(60), (raw) => {
        const escaped = markdownText(raw);
        expect(escaped).not.toMatch(/[\r\n\u2028\u202E]/);
        expect(escaped).not.toMatch(/(^|[^\\])[<>`*_[\]|~&$]/);
        expect(escaped).not.toMatch(/@[A-Za-z0-9_-]/);
      }),
      { numRuns: 300 },
    );
  });

  it('fences code spans so their content cannot close them', () => {
    fc.assert(
      fc.property(hostileString(40), (raw) => {
        const span = codeSpan(raw, { inTable: true });
        const fence = /^`+/.exec(span)?.[0] ?? '';
        const inner = span.slice(fence.length, span.length - fence.length);
        expect(span.endsWith(fence)).toBe(true);
        expect(inner.includes(fence)).toBe(false);
        expect(inner).not.toMatch(/(^|[^\\])\|/);
        expect(inner).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 300 },
    );
  });

  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('ab\uD83D\uDE00cd', 4)).toBe('ab…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});
