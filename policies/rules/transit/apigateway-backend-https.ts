/**
 * TLS-020: API Gateway calls its HTTP backends over HTTPS. An integration whose URI is http://
 * forwards every request (bodies, headers, tokens) in cleartext on the leg behind the API, even
 * when clients reach the API over TLS.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { fromWhat, printable, setting, setString } from './shared/setting';

interface Shape {
  readonly typeAttribute: string;
  readonly uriAttribute: string;
  readonly httpTypes: ReadonlySet<string>;
}

const SHAPES: Record<string, Shape> = {
  aws_api_gateway_integration: { typeAttribute: 'type', uriAttribute: 'uri', httpTypes: new Set(['HTTP', 'HTTP_PROXY']) },
  aws_apigatewayv2_integration: { typeAttribute: 'integration_type', uriAttribute: 'integration_uri', httpTypes: new Set(['HTTP', 'HTTP_PROXY']) },
};

export const apigatewayBackendHttps: Rule = {
  id: 'TLS-020',
  title: 'API Gateway integrations call HTTP backends over HTTPS',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  resourceTypes: Object.keys(SHAPES),
  rationale:
    'TLS between clients and API Gateway protects only the first hop; an HTTP or HTTP_PROXY integration with an http:// URI forwards the request, ePHI included, in cleartext to the backend — across the internet, or inside the VPC through a VPC link (164.312(e)(1), (e)(2)(ii)). Relies on: the integration URI is written in the configuration (a URI built from resources created in the plan is unknown and reported as such); AWS service and Lambda integrations use AWS\'s HTTPS endpoints and are not checked.',
  remediation: 'Point the integration at an https:// URI (for a VPC link, put a TLS listener on the NLB/ALB and use https://).',
  params: {},
  docs: {
    defaults: 'Only integrations of type HTTP / HTTP_PROXY are judged; AWS, AWS_PROXY (Lambda, services) and MOCK integrations never leave AWS\'s HTTPS endpoints.',
    anchors: ['none in cdk-nag, AWS Config or Checkov; complements API Gateway client-certificate checks (see TLS-021)'],
    example: {
      fail: 'resource "aws_api_gateway_integration" "records" {\n  type                    = "HTTP_PROXY"\n  integration_http_method = "ANY"\n  uri                     = "http://records.internal.example.org/{proxy}"\n  # ...\n}',
      pass: 'resource "aws_api_gateway_integration" "records" {\n  type                    = "HTTP_PROXY"\n  integration_http_method = "ANY"\n  uri                     = "https://records.internal.example.org/{proxy}"\n  # ...\n}',
    },
  },
  check(integration: ResourceInstance): Outcome {
    const shape = SHAPES[integration.type];
    const type = setting(integration, shape.typeAttribute);
    if (type.kind === 'unknown') return unknown(shape.typeAttribute, `${integration.address}: ${shape.typeAttribute} is known only after apply${fromWhat(type)}`);
    const typeValue = (setString(type) ?? '').toUpperCase();
    if (!shape.httpTypes.has(typeValue)) return skip(`${integration.address} is a ${typeValue || 'non-HTTP'} integration`);
    const uri = setting(integration, shape.uriAttribute);
    if (uri.kind === 'unknown') return unknown(shape.uriAttribute, `${integration.address}: ${shape.uriAttribute} is known only after apply${fromWhat(uri)}; planwarden cannot tell whether it is https://`);
    const value = setString(uri) ?? '';
    // HTTP APIs' private integrations name a listener/service ARN, not a URL: TLS there is the target's listener.
    if (value.startsWith('arn:')) return skip(`${integration.address} targets ${value.split(':')[2]} through a VPC link`);
    if (/^https:\/\//i.test(value)) return pass(shape.uriAttribute, `${integration.address} calls its backend over HTTPS`);
    return fail(shape.uriAttribute, `${integration.address} calls its backend at "${printable(uri)}" without TLS; set ${shape.uriAttribute} to an https:// URL`);
  },
};
