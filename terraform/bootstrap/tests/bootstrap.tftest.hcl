# The state bucket root (`terraform test`, mocked provider; scripts/terraform-checks.mjs): the
# derived bucket name and every variable's validation.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }

  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }

  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
}

# plan adds 7 resources
run "state_bucket" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this.bucket == "dofs-tfstate-123456789012-ap-south-1"
    error_message = "The bucket name is derived from the project, account and region."
  }

  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "The state bucket is versioned, so a bad apply can be rolled back."
  }
}

run "rejects_bad_aws_region" {
  command = plan

  variables {
    aws_region = "mumbai"
  }

  expect_failures = [var.aws_region]
}

run "rejects_bad_project_name" {
  command = plan

  variables {
    project_name = "DOFS"
  }

  expect_failures = [var.project_name]
}

run "rejects_bad_bucket_name" {
  command = plan

  variables {
    bucket_name = "Bad_Bucket"
  }

  expect_failures = [var.bucket_name]
}

run "rejects_bad_noncurrent_version_retention_days" {
  command = plan

  variables {
    noncurrent_version_retention_days = 0
  }

  expect_failures = [var.noncurrent_version_retention_days]
}
