/** The real-Terraform plans the transit tests read (see test/fixtures/tf/<case>/main.tf for what each resource is). */
const PLANS = `${__dirname}/../../fixtures/plans`;

export const TRANSIT_EDGE = { file: `${PLANS}/transit-edge.json` };
export const TRANSIT_DATA = { file: `${PLANS}/transit-data.json` };
export const TRANSIT_APIS = { file: `${PLANS}/transit-apis.json` };
export const TRANSIT = { file: `${PLANS}/transit.json` };
export const DATABASES = { file: `${PLANS}/encryption-services-databases.json` };
export const MESSAGING = { file: `${PLANS}/encryption-services-messaging.json` };
export const SEARCH = { file: `${PLANS}/encryption-services-search-streams.json` };
export const S3_ENCRYPTION = { file: `${PLANS}/s3-encryption.json` };
