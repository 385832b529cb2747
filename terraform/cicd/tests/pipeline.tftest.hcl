# The pipeline root on its own (`terraform test`, mocked provider; scripts/terraform-checks.mjs):
# its stages in order, Smoke after Apply with its own buildspec and role, and every variable's
# validation (one bad value each, expect_failures).

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
  name_prefix        = "dofs-dev"
  aws_region         = "ap-south-1"
  environment        = "dev"
  source_provider    = "GitHub"
  repository         = "example-org/dofs"
  branch             = "main"
  state_bucket       = "dofs-tfstate-123456789012-ap-south-1"
  state_key          = "dofs/dev/terraform.tfstate"
  terraform_version  = "1.11.4"
  log_retention_days = 14
  api_invoke_url     = "https://abc123.execute-api.ap-south-1.amazonaws.com/dev"

  permissions_boundary_arn = "arn:aws:iam::123456789012:policy/dofs-dev-permissions-boundary"
  approval_topic_arn       = "arn:aws:sns:ap-south-1:123456789012:dofs-dev-alerts"
  approval_topic_key_arn   = "arn:aws:kms:ap-south-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# plan adds 41 resources
run "pipeline_stages" {
  command = plan

  assert {
    condition     = [for stage in aws_codepipeline.this.stage : stage.name] == ["Source", "Deploy"]
    error_message = "The pipeline has a Source stage and one Deploy stage."
  }

  assert {
    condition     = [for action in aws_codepipeline.this.stage[1].action : "${action.run_order}:${action.name}"] == ["1:Plan", "2:Approve", "3:Apply", "4:Smoke"]
    error_message = "Deploy runs Plan, Approve, Apply, then Smoke."
  }

  assert {
    condition     = aws_codebuild_project.this["smoke"].source[0].buildspec == "terraform/cicd/buildspec-smoke.yml"
    error_message = "The Smoke build runs its own buildspec."
  }

  assert {
    condition     = aws_ssm_parameter.this.name == "/dofs-dev/smoke/api-url" && aws_ssm_parameter.this.value == var.api_invoke_url
    error_message = "The Smoke build reads the deployed API's URL from SSM."
  }

  assert {
    condition     = toset(keys(aws_iam_role.build)) == toset(["plan", "apply", "smoke"]) && [for key, attachment in aws_iam_role_policy_attachment.build : key if attachment.role == aws_iam_role.build["smoke"].name] == ["smoke/smoke"]
    error_message = "The Smoke build has its own role with only the smoke policy."
  }
}

run "smoke_without_approval" {
  command = plan

  variables {
    require_approval = false
  }

  assert {
    condition     = [for action in aws_codepipeline.this.stage[1].action : action.name] == ["Plan", "Apply", "Smoke"]
    error_message = "Without approval, Smoke still follows Apply."
  }
}

run "smoke_with_an_api_key_parameter" {
  command = plan

  variables {
    smoke_api_key_parameter = "/dofs-dev/api/key"
  }

  assert {
    condition     = [for variable in aws_codebuild_project.this["smoke"].environment[0].environment_variable : variable.value if variable.name == "DOFS_SMOKE_API_KEY_PARAMETER"] == ["/dofs-dev/api/key"]
    error_message = "The Smoke build is told which parameter holds the API key."
  }
}

run "rejects_bad_name_prefix" {
  command = plan

  variables {
    name_prefix = "Dofs_Dev"
  }

  expect_failures = [var.name_prefix]
}

run "rejects_bad_aws_region" {
  command = plan

  variables {
    aws_region = "mumbai"
  }

  expect_failures = [var.aws_region]
}

run "rejects_bad_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
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
    branch = "bad branch"
  }

  expect_failures = [var.branch]
}

run "rejects_bad_state_bucket" {
  command = plan

  variables {
    state_bucket = "Bad_Bucket"
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
    terraform_version = "1.9.0"
  }

  expect_failures = [var.terraform_version]
}

run "rejects_bad_codebuild_image" {
  command = plan

  variables {
    codebuild_image = "ubuntu:24.04"
  }

  expect_failures = [var.codebuild_image]
}

run "rejects_bad_codebuild_compute_type" {
  command = plan

  variables {
    codebuild_compute_type = "BUILD_GENERAL1_2XLARGE"
  }

  expect_failures = [var.codebuild_compute_type]
}

run "rejects_bad_artifact_retention_days" {
  command = plan

  variables {
    artifact_retention_days = 0
  }

  expect_failures = [var.artifact_retention_days]
}

run "rejects_bad_log_retention_days" {
  command = plan

  variables {
    log_retention_days = 10
  }

  expect_failures = [var.log_retention_days]
}

run "rejects_bad_api_invoke_url" {
  command = plan

  variables {
    api_invoke_url = "http://insecure.example.com"
  }

  expect_failures = [var.api_invoke_url]
}

run "rejects_bad_smoke_api_key_parameter" {
  command = plan

  variables {
    smoke_api_key_parameter = "no-leading-slash"
  }

  expect_failures = [var.smoke_api_key_parameter]
}

run "rejects_bad_permissions_boundary_arn" {
  command = plan

  variables {
    permissions_boundary_arn = "dofs-dev-permissions-boundary"
  }

  expect_failures = [var.permissions_boundary_arn]
}

run "rejects_bad_approval_topic_arn" {
  command = plan

  variables {
    approval_topic_arn = "arn:aws:sqs:ap-south-1:123456789012:dofs-dev-alerts"
  }

  expect_failures = [var.approval_topic_arn]
}

run "rejects_bad_approval_topic_key_arn" {
  command = plan

  variables {
    approval_topic_key_arn = "alias/dofs-dev-alerts"
  }

  expect_failures = [var.approval_topic_key_arn]
}
