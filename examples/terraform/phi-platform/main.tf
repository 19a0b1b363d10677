# The bundled example for `npm run demo`: a small PHI platform with some compliant and some
# violating resources, planned for real (offline) into examples/plans/phi-platform.json.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "example"
  secret_key                  = "example"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  default_tags {
    tags = { DataClassification = "PHI" }
  }
}

resource "aws_kms_key" "phi" {
  description         = "PHI data key"
  enable_key_rotation = true
}

# One records store per clinic: buckets and their encryption in a module, for_each.
module "records" {
  source   = "./modules/records"
  for_each      = { north = "aws:kms", south = "AES256" }
  name          = "clinic-${each.key}-records"
  sse_algorithm = each.value
  kms_key       = aws_kms_key.phi.arn
}

# Audit logs kept 30 days: too short for HIPAA's six years.
resource "aws_cloudwatch_log_group" "api_audit" {
  name              = "/phi/api/audit"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.phi.arn
}

resource "aws_cloudwatch_log_group" "ingest_audit" {
  name              = "/phi/ingest/audit"
  retention_in_days = 2192
  kms_key_id        = aws_kms_key.phi.arn
}

# Not on AWS's HIPAA Eligible Services list.
resource "aws_lightsail_instance" "portal" {
  name              = "patient-portal"
  availability_zone = "us-east-1a"
  blueprint_id      = "amazon_linux_2"
  bundle_id         = "nano_3_0"
}

# A device policy that lets any device connect as any client and do anything.
resource "aws_iot_policy" "devices" {
  name = "glucose-monitors"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iot:*"], Resource = ["*"] }]
  })
}
