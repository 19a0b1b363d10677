/**
 * Address and rule-id globs for waivers and scope: `*` matches any run of characters (dots and
 * brackets included), `?` one character; everything else is literal, so `aws_s3_bucket.x[0]`
 * means exactly that. (picomatch and friends treat `[...]` as a character class, which is wrong
 * for Terraform addresses.) A glob matches an instance address or its configuration address
 * (instance keys dropped), so `module.legacy.*` covers every instance of module.legacy.
 */
const MAX_GLOB_LENGTH = 1024;

export function compileGlob(glob: string): RegExp {
  if (glob.length > MAX_GLOB_LENGTH) throw new Error(`a glob longer than ${MAX_GLOB_LENGTH} characters`);
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  // Collapse runs of `.*`: keeps matching linear on hostile globs like `*****a`.
  return new RegExp(`^${source.replace(/(\.\*)+/g, '.*')}$`, 's');
}

export function globMatchesAddress(pattern: RegExp, address: string, configAddress: string): boolean {
  return pattern.test(address) || pattern.test(configAddress);
}
