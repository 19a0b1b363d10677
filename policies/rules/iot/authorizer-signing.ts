/**
 * IOT-012: IoT custom authorizers verify token signatures. With signing_disabled = true AWS
 * IoT passes any token to the authorizer Lambda unverified, so anyone who can reach the
 * endpoint makes the Lambda run on tokens of their choosing (and pays for it).
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';

export const authorizerSigning: Rule = {
  id: 'IOT-012',
  title: 'IoT custom authorizers verify token signatures',
  family: 'iot',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(d)', '164.312(a)(1)'],
  resourceTypes: ['aws_iot_authorizer'],
  rationale:
    'A custom authorizer decides which devices and users may connect, publish and subscribe (164.312(a)(1)). With token signing enabled, AWS IoT checks the token\'s signature against token_signing_public_keys before calling the authorizer; with signing_disabled = true every request reaches the Lambda unauthenticated, leaving entity authentication (164.312(d)) to code that unauthenticated callers can probe and flood. AWS Config\'s iot-authorizer-token-signing-enabled flags the same setting.',
  remediation: 'Set signing_disabled = false (the default) with token_key_name and token_signing_public_keys, and sign tokens with the matching private key.',
  params: {},
  docs: {
    defaults: 'AWS and provider 5.x default signing_disabled to false; CreateAuthorizer then requires token_key_name and token_signing_public_keys.',
    anchors: ['AWS Config iot-authorizer-token-signing-enabled', 'AWS IoT custom authentication (developer guide)'],
    example: {
      fail: 'resource "aws_iot_authorizer" "devices" {\n  name                    = "devices"\n  authorizer_function_arn = aws_lambda_function.authorizer.arn\n  signing_disabled        = true\n}',
      pass: 'resource "aws_iot_authorizer" "devices" {\n  name                      = "devices"\n  authorizer_function_arn   = aws_lambda_function.authorizer.arn\n  signing_disabled          = false\n  token_key_name            = "x-device-token"\n  token_signing_public_keys = { key1 = file("signing-key.pub.pem") }\n}',
    },
  },
  check(authorizer: ResourceInstance): Outcome {
    const disabled = authorizer.attr('signing_disabled');
    if (disabled.state === 'unknown') return unknown('signing_disabled', `${authorizer.address}: signing_disabled is known only after apply; planwarden cannot tell whether tokens are verified`);
    if (disabled.state === 'known' && disabled.value === true) {
      return fail('signing_disabled', `${authorizer.address} sets signing_disabled = true, so AWS IoT passes unverified tokens to its authorizer function; set signing_disabled = false with token_signing_public_keys`);
    }
    return pass('signing_disabled', `${authorizer.address} verifies token signatures`);
  },
};
