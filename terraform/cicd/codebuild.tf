locals {
  # Shared by every build; what differs per environment (DOFS_ENVIRONMENT, TF_STATE_KEY,
  # TF_VAR_FILE, DOFS_RELEASE_MARKER, the smoke parameters) comes from the pipeline's action.
  build_environment = {
    DOFS_RELEASE_BUCKET = aws_s3_bucket.this["releases"].bucket
    TF_STATE_BUCKET     = var.state_bucket
    TF_STATE_REGION     = var.aws_region
    TF_VERSION          = var.terraform_version
    TF_IN_AUTOMATION    = "true"
    TF_INPUT            = "false"
  }

  builds = {
    # Once per run: tests what changed since dev's deployed commit, bundles only the affected
    # Lambdas (the others keep their deployed zip) and records every zip's sha256 (buildspec.yml).
    build = {
      description = "Tests, bundles the affected Lambdas and records the release's zips by content hash."
      buildspec   = "buildspec.yml"
      role_arn    = aws_iam_role.build["plan"].arn
      timeout     = 60
    }
    # Per environment: checks the zips against the build's hashes and saves `terraform plan`.
    plan = {
      description = "Checks the release's zips and saves one environment's Terraform plan."
      buildspec   = "terraform/cicd/buildspec-plan.yml"
      role_arn    = aws_iam_role.build["plan"].arn
      timeout     = 30
    }
    # Applies exactly the saved plan, then records the deployed commit and its Lambda zips.
    apply = {
      description = "Applies one environment's saved Terraform plan and records the deployed commit."
      buildspec   = "terraform/cicd/buildspec-apply.yml"
      role_arn    = aws_iam_role.build["apply"].arn
      timeout     = 60
    }
    # Shifts each function's alias `live` to the version the apply published, through CodeDeploy;
    # a deployment that rolls back fails the build, and the run stops there.
    canary = {
      description = "Shifts the functions' alias live to the new versions through CodeDeploy and fails on a rollback."
      buildspec   = "terraform/cicd/buildspec-canary.yml"
      role_arn    = aws_iam_role.build["canary"].arn
      timeout     = 60
    }
    # Runs `dofs smoke` against the environment just deployed; a failed check fails the pipeline.
    smoke = {
      description = "Smoke-tests the deployed API (dofs smoke): health, create, idempotent replay, 422, key, terminal status."
      buildspec   = "terraform/cicd/buildspec-smoke.yml"
      role_arn    = aws_iam_role.build["smoke"].arn
      timeout     = 15
    }
  }
}

resource "aws_codebuild_project" "this" {
  for_each = local.builds

  name          = "${var.name_prefix}-${each.key}"
  description   = each.value.description
  service_role  = each.value.role_arn
  build_timeout = each.value.timeout
  # One build at a time per project: a second plan or apply of the same state would wait on its lock.
  concurrent_build_limit = 1

  source {
    type      = "CODEPIPELINE"
    buildspec = each.value.buildspec
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    type            = "LINUX_CONTAINER"
    compute_type    = var.codebuild_compute_type
    image           = var.codebuild_image
    privileged_mode = false

    dynamic "environment_variable" {
      for_each = local.build_environment

      content {
        name  = environment_variable.key
        value = environment_variable.value
      }
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build[each.key].name
      status     = "ENABLED"
    }
  }

  tags = var.tags
}
