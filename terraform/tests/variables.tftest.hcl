# Every tunable variable's validation, proven by `terraform test` (scripts/terraform-checks.mjs):
# one run per validated variable, each with one bad value that must fail that variable's own
# validation (expect_failures) and nothing else. terraform/tests/terraform-cli.test.ts checks that
# every variable with a validation block has its run here.

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

variables {
  enable_pipeline = true
  source_provider = "GitHub"
  repository      = "example-org/dofs"
  state_bucket    = "dofs-tfstate-123456789012-ap-south-1"
}

run "rejects_bad_aws_region" {
  command = plan

  variables {
    aws_region = "Mumbai"
  }

  expect_failures = [var.aws_region]
}

run "rejects_bad_project_name" {
  command = plan

  variables {
    project_name = "DOFS_Project"
  }

  expect_failures = [var.project_name]
}

run "rejects_bad_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}

run "rejects_bad_notification_email" {
  command = plan

  variables {
    notification_email = "ops-at-example"
  }

  expect_failures = [var.notification_email]
}

run "rejects_bad_lambda_timeout" {
  command = plan

  variables {
    lambda_timeout         = 901
    sqs_visibility_timeout = 43200
  }

  expect_failures = [var.lambda_timeout]
}

run "rejects_bad_lambda_memory_size" {
  command = plan

  variables {
    lambda_memory_size = 64
  }

  expect_failures = [var.lambda_memory_size]
}

run "rejects_bad_sqs_visibility_timeout" {
  command = plan

  variables {
    sqs_visibility_timeout = 43201
  }

  expect_failures = [var.sqs_visibility_timeout]
}

run "rejects_bad_sqs_max_receive_count" {
  command = plan

  variables {
    sqs_max_receive_count = 0
  }

  expect_failures = [var.sqs_max_receive_count]
}

run "rejects_bad_dlq_alert_threshold" {
  command = plan

  variables {
    dlq_alert_threshold = 0.5
  }

  expect_failures = [var.dlq_alert_threshold]
}

run "rejects_bad_log_retention_days" {
  command = plan

  variables {
    log_retention_days = 10
  }

  expect_failures = [var.log_retention_days]
}

run "rejects_bad_api_throttling_rate_limit" {
  command = plan

  variables {
    api_throttling_rate_limit = 0
  }

  expect_failures = [var.api_throttling_rate_limit]
}

run "rejects_bad_api_throttling_burst_limit" {
  command = plan

  variables {
    api_throttling_burst_limit = 5001
  }

  expect_failures = [var.api_throttling_burst_limit]
}

run "rejects_bad_fulfillment_max_concurrency" {
  command = plan

  variables {
    fulfillment_max_concurrency = 1
  }

  expect_failures = [var.fulfillment_max_concurrency]
}

run "rejects_bad_dlq_processor_max_concurrency" {
  command = plan

  variables {
    dlq_processor_max_concurrency = 1001
  }

  expect_failures = [var.dlq_processor_max_concurrency]
}

run "rejects_bad_lambda_reserved_concurrency" {
  command = plan

  variables {
    lambda_reserved_concurrency = { "api-handler" = -1 }
  }

  expect_failures = [var.lambda_reserved_concurrency]
}

run "rejects_bad_artifacts_dir" {
  command = plan

  variables {
    artifacts_dir = " "
  }

  expect_failures = [var.artifacts_dir]
}

run "rejects_bad_source_provider" {
  command = plan

  variables {
    source_provider = "Bitbucket"
  }

  expect_failures = [var.source_provider]
}

run "rejects_bad_repository" {
  command = plan

  variables {
    repository = "not a repository"
  }

  expect_failures = [var.repository]
}

run "rejects_bad_branch" {
  command = plan

  variables {
    branch = "bad branch name"
  }

  expect_failures = [var.branch]
}

run "rejects_bad_state_bucket" {
  command = plan

  variables {
    state_bucket = "Not_A_Bucket"
  }

  expect_failures = [var.state_bucket]
}

run "rejects_bad_state_key" {
  command = plan

  variables {
    state_key = "dofs/dev/state.json"
  }

  expect_failures = [var.state_key]
}

run "rejects_bad_terraform_version" {
  command = plan

  variables {
    terraform_version = "1.9.8"
  }

  expect_failures = [var.terraform_version]
}

run "rejects_bad_table_kms_key_arn" {
  command = plan

  variables {
    table_kms_key_arn = "alias/dofs-orders"
  }

  expect_failures = [var.table_kms_key_arn]
}

run "rejects_bad_pipeline_environments" {
  command = plan

  variables {
    pipeline_environments = ["staging", "dev"]
  }

  expect_failures = [var.pipeline_environments]
}

run "rejects_bad_approval_environments" {
  command = plan

  variables {
    approval_environments = ["staging"]
  }

  expect_failures = [var.approval_environments]
}

run "rejects_bad_fulfillment_success_rate" {
  command = plan

  variables {
    fulfillment_success_rate = 1.5
  }

  expect_failures = [var.fulfillment_success_rate]
}

run "rejects_bad_lambda_log_level" {
  command = plan

  variables {
    lambda_log_level = "TRACE"
  }

  expect_failures = [var.lambda_log_level]
}

run "rejects_bad_workflow_log_level" {
  command = plan

  variables {
    workflow_log_level = "OFF"
  }

  expect_failures = [var.workflow_log_level]
}

run "rejects_bad_deployment_config_name" {
  command = plan

  variables {
    deployment_config_name = "CodeDeployDefault.AllAtOnce"
  }

  expect_failures = [var.deployment_config_name]
}

run "rejects_bad_rollback_p99_duration_ms" {
  command = plan

  variables {
    rollback_p99_duration_ms = { api-handler = 0 }
  }

  expect_failures = [var.rollback_p99_duration_ms]
}
