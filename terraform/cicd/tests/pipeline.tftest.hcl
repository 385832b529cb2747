# The pipeline root on its own (`terraform test`, mocked provider; scripts/terraform-checks.mjs):
# its stages in order (one Build, then per environment Plan, Approve where asked, Apply, Canary,
# Smoke), each build with its own buildspec and role, and every variable's validation (one bad
# value each, expect_failures).

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
  source_provider    = "GitHub"
  repository         = "example-org/dofs"
  branch             = "main"
  state_bucket       = "dofs-tfstate-123456789012-ap-south-1"
  terraform_version  = "1.11.4"
  log_retention_days = 14

  permissions_boundary_arn = "arn:aws:iam::123456789012:policy/dofs-dev-permissions-boundary"
  approval_topic_arn       = "arn:aws:sns:ap-south-1:123456789012:dofs-dev-alerts"
  approval_topic_key_arn   = "arn:aws:kms:ap-south-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  environments = [
    for env in ["dev", "staging", "prod"] : {
      name                    = env
      name_prefix             = "dofs-${env}"
      state_key               = "dofs/${env}/terraform.tfstate"
      var_file                = "environments/${env}.tfvars"
      require_approval        = env == "prod"
      smoke_api_url_parameter = "/dofs-${env}/smoke/api-url"
      smoke_api_key_parameter = "/dofs-${env}/smoke/api-key"
    }
  ]
}

# plan adds 52 resources
run "pipeline_stages" {
  command = plan

  assert {
    condition     = [for stage in aws_codepipeline.this.stage : stage.name] == ["Source", "Build", "Dev", "Staging", "Prod"]
    error_message = "The pipeline builds once, then deploys dev, staging and prod in that order."
  }

  assert {
    condition     = [for action in aws_codepipeline.this.stage[1].action : action.name] == ["Build"] && aws_codepipeline.this.stage[1].action[0].output_artifacts == tolist(["release"])
    error_message = "One Build action makes the release every environment deploys."
  }

  assert {
    condition     = [for action in aws_codepipeline.this.stage[2].action : "${action.run_order}:${action.name}"] == ["1:Plan", "3:Apply", "4:Canary", "5:Smoke"] && [for action in aws_codepipeline.this.stage[4].action : "${action.run_order}:${action.name}"] == ["1:Plan", "2:Approve", "3:Apply", "4:Canary", "5:Smoke"]
    error_message = "Each environment runs Plan, Apply, Canary, then Smoke; prod waits for approval after its plan."
  }

  assert {
    condition     = aws_codepipeline.this.stage[4].action[1].configuration.NotificationArn == var.approval_topic_arn
    error_message = "The approval before prod notifies the alerts topic."
  }

  assert {
    condition     = alltrue([for index, env in var.environments : aws_codepipeline.this.stage[index + 2].action[0].input_artifacts == tolist(["release"]) && strcontains(aws_codepipeline.this.stage[index + 2].action[0].configuration.EnvironmentVariables, env.state_key) && strcontains(aws_codepipeline.this.stage[index + 2].action[0].configuration.EnvironmentVariables, env.var_file)])
    error_message = "Every environment plans the same release, with its own state key and variables file."
  }

  assert {
    condition     = alltrue([for index, env in var.environments : strcontains(aws_codepipeline.this.stage[index + 2].action[length(aws_codepipeline.this.stage[index + 2].action) - 1].configuration.EnvironmentVariables, env.smoke_api_key_parameter)])
    error_message = "Every environment's Smoke build reads its own API key."
  }

  assert {
    condition     = aws_codebuild_project.this["smoke"].source[0].buildspec == "terraform/cicd/buildspec-smoke.yml" && aws_codebuild_project.this["canary"].source[0].buildspec == "terraform/cicd/buildspec-canary.yml" && aws_codebuild_project.this["plan"].source[0].buildspec == "terraform/cicd/buildspec-plan.yml"
    error_message = "The Smoke, Canary and Plan builds run their own buildspecs."
  }

  assert {
    condition     = toset(keys(aws_iam_role.build)) == toset(["plan", "apply", "canary", "smoke"]) && [for key, attachment in aws_iam_role_policy_attachment.build : key if attachment.role == aws_iam_role.build["smoke"].name] == ["smoke/smoke"] && [for key, attachment in aws_iam_role_policy_attachment.build : key if attachment.role == aws_iam_role.build["canary"].name] == ["canary/canary"]
    error_message = "The Smoke and Canary builds have their own roles, each with only its own policy."
  }
}

run "staging_approval_is_optional" {
  command = plan

  variables {
    environments = [
      for env in ["dev", "staging", "prod"] : {
        name                    = env
        name_prefix             = "dofs-${env}"
        state_key               = "dofs/${env}/terraform.tfstate"
        var_file                = "environments/${env}.tfvars"
        require_approval        = env != "dev"
        smoke_api_url_parameter = "/dofs-${env}/smoke/api-url"
        smoke_api_key_parameter = null
      }
    ]
  }

  assert {
    condition     = [for action in aws_codepipeline.this.stage[3].action : action.name] == ["Plan", "Approve", "Apply", "Canary", "Smoke"]
    error_message = "Staging may wait for approval too."
  }

  assert {
    condition     = alltrue([for stage in slice(aws_codepipeline.this.stage, 2, 5) : strcontains(stage.action[length(stage.action) - 1].configuration.EnvironmentVariables, "\"DOFS_SMOKE_API_KEY_PARAMETER\",\"type\":\"PLAINTEXT\",\"value\":\"none\"")])
    error_message = "Without a key parameter, the Smoke build is told there is none."
  }
}

run "prod_always_needs_approval" {
  command = plan

  variables {
    environments = [
      for env in ["dev", "prod"] : {
        name                    = env
        name_prefix             = "dofs-${env}"
        state_key               = "dofs/${env}/terraform.tfstate"
        var_file                = "environments/${env}.tfvars"
        require_approval        = false
        smoke_api_url_parameter = "/dofs-${env}/smoke/api-url"
      }
    ]
  }

  expect_failures = [var.environments]
}

run "each_environment_has_its_own_state" {
  command = plan

  variables {
    environments = [
      for env in ["dev", "staging"] : {
        name                    = env
        name_prefix             = "dofs-${env}"
        state_key               = "dofs/terraform.tfstate"
        var_file                = "environments/${env}.tfvars"
        require_approval        = true
        smoke_api_url_parameter = "/dofs-${env}/smoke/api-url"
      }
    ]
  }

  expect_failures = [var.environments]
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
    environments = [{ name = "dev", name_prefix = "dofs-dev", state_key = "dofs/dev/state.json", var_file = "environments/dev.tfvars", require_approval = true, smoke_api_url_parameter = "/dofs-dev/smoke/api-url" }]
  }

  expect_failures = [var.environments]
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

run "rejects_bad_smoke_api_key_parameter" {
  command = plan

  variables {
    environments = [{ name = "dev", name_prefix = "dofs-dev", state_key = "dofs/dev/terraform.tfstate", var_file = "environments/dev.tfvars", require_approval = true, smoke_api_url_parameter = "/dofs-dev/smoke/api-url", smoke_api_key_parameter = "no-leading-slash" }]
  }

  expect_failures = [var.environments]
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
