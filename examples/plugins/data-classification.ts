/**
 * An example planwarden rule plugin (docs/plugins.md): every S3 bucket says what data it holds,
 * in a `data-classification` tag whose value is one of the classes the platform team allows.
 *
 * Load it from the config (`plugins: [./data-classification.ts]`, see planwarden.config.yaml
 * beside this file) or with `planwarden check plan.json --plugin examples/plugins/data-classification.ts`.
 * It is compiled in memory with the `typescript` package of this project; types come from the
 * planwarden package and are erased at compile time.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from 'planwarden';

const TAG = 'data-classification';

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The bucket's tags as Terraform will set them: tags_all, else tags over the provider's default_tags. */
function tagsOf(bucket: ResourceInstance, ctx: RuleContext): Record<string, string> | 'unknown' {
  const all = bucket.attr('tags_all');
  if (all.state === 'known' && all.value !== null) return stringMap(all.value);
  const own = bucket.attr('tags');
  if (own.state === 'unknown') return 'unknown';
  return { ...(ctx.graph.providerDefaultTags(bucket) ?? {}), ...(own.state === 'known' ? stringMap(own.value) : {}) };
}

export const dataClassificationTag: Rule = {
  id: 'ACME-TAG-001',
  title: 'S3 buckets carry a data-classification tag',
  family: 'baa',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.308(a)(1)(ii)(A)', '164.310(d)(1)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'The risk analysis (164.308(a)(1)(ii)(A)) and the inventory of media holding ePHI (164.310(d)(1)) start from knowing where ePHI is. A bucket without a classification cannot be put in or out of PHI scope on purpose.',
  remediation: 'Add tags = { "data-classification" = "phi" } (or another allowed class) to the bucket, or set it in the provider default_tags.',
  params: {
    allowedClasses: {
      description: 'Values the data-classification tag may take.',
      default: ['phi', 'confidential', 'internal', 'public'],
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome {
    const tags = tagsOf(bucket, ctx);
    if (tags === 'unknown') {
      return { status: 'unknown', attribute: 'tags', message: `${bucket.address}: tags are known only after apply, so the ${TAG} tag cannot be checked` };
    }
    const allowed = (Array.isArray(ctx.params.allowedClasses) ? ctx.params.allowedClasses : []).map(String);
    const value = Object.hasOwn(tags, TAG) ? tags[TAG] : undefined;
    if (value === undefined) return { status: 'fail', attribute: `tags.${TAG}`, message: `${bucket.address} has no ${TAG} tag; tag it with one of ${allowed.join(', ')}` };
    if (!allowed.includes(value.toLowerCase())) {
      return { status: 'fail', attribute: `tags.${TAG}`, message: `${bucket.address} has a ${TAG} tag outside the allowed classes; use one of ${allowed.join(', ')}` };
    }
    return { status: 'pass', attribute: `tags.${TAG}`, message: `${bucket.address} is classified` };
  },
};

export const rules: Rule[] = [dataClassificationTag];
