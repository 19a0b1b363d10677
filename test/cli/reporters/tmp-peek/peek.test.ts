import { renderMarkdown } from '../../../../cli/reporters/markdown';
import { buildReport, makeFinding, sortFindings } from '../report-fixture';
it('peek', () => {
  const findings = [];
  for (let index = 0; index < 2000; index += 1) {
    const blocking = index % 4 === 0;
    findings.push(makeFinding(blocking ? 'ENC-001' : 'LOG-001', `module.fleet["bucket-${String(index).padStart(4, '0')}"].aws_s3_bucket.data`, { blocking, message: `Finding number ${index}: ${'the configuration needs attention '.repeat(6)}` }));
  }
  const md = renderMarkdown(buildReport({ findings: sortFindings(findings) }));
  console.log(md.length, md.slice(-700));
});
