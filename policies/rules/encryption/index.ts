import type { Rule } from '../../engine/types';
import { s3BucketEncryption } from './s3-bucket-encryption';

export const encryptionRules: readonly Rule[] = [s3BucketEncryption];
