/** Real plans (test/fixtures/plans) the encryption rule tables use. */
const PLANS = `${__dirname}/../../fixtures/plans`;

export function fixture(name: string): { file: string } {
  return { file: `${PLANS}/${name}.json` };
}

export const COMPUTE = fixture('encryption-services-compute');
export const EBS_DEFAULT = fixture('encryption-services-ebs-default');
export const DATABASES = fixture('encryption-services-databases');
export const DATA = fixture('encryption-services-data');
export const MESSAGING = fixture('encryption-services-messaging');
export const SEARCH_STREAMS = fixture('encryption-services-search-streams');
export const STORAGE_SOURCES = fixture('encryption-storage-sources');
export const MANAGED = fixture('encryption-managed-services');
export const S3 = fixture('s3-encryption');
export const PLAN_ACTIONS = fixture('plan-actions');
