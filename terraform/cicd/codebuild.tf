locals {
  # Shared by both builds: where the state lives, where released zips live, which Terraform to use.
  build_environment = {
    DOFS_ENVIRONMENT    = var.environment
    DOFS_RELEASE_BUCKET = aws_s3_bucket.this["releases"].bucket
    DOFS_RELEASE_MARKER = local.release_marker_key
    TF_STATE_BUCKET     = var.state_bucket
    TF_STATE_KEY        = var.state_key
    TF_STATE_REGION     = var.aws_region
    TF_VERSION          = var.terraform_version
    TF_IN_AUTOMATION    = "true"
    TF_INPUT            = "false"
  }

  builds = {
    # Tests what changed since the last deployed commit, bundles only the affected Lambdas, and
    # saves `terraform plan` (buildspec.yml at the repository root).
    plan = {
      description = "Tests, bundles the affected Lambdas and saves the Terraform plan."
      buildspec   = "buildspec.yml"
      role_arn    = aws_iam_role.build["plan"].arn
      timeout     = 60
      environment = {}
    }
    # Applies exactly the saved plan, then records the deployed commit and its Lambda zips.
    apply = {
      description = "Applies the saved Terraform plan and records the deployed commit."
      buildspec   = "terraform/cicd/buildspec-apply.yml"
      role_arn    = aws_iam_role.build["apply"].arn
      timeout     = 60
      environment = {}
    }
    # Runs `dofs smoke` against the stage the apply just deployed; a failed check fails the
    # pipeline. It reads the API's URL (and key, once the API has one) from SSM at run time.
    smoke = {
      description = "Smoke-tests the deployed API (dofs smoke): health, create, idempotent replay, 422, key, terminal status."
      buildspec   = "terraform/cicd/buildspec-smoke.yml"
      role_arn    = aws_iam_role.build["smoke"].arn
      timeout     = 15
      environment = {
        DOFS_SMOKE_API_URL_PARAMETER = local.smoke_api_url_parameter
        DOFS_SMOKE_API_KEY_PARAMETER = coalesce(var.smoke_api_key_parameter, "none")
      }
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
      for_each = merge(local.build_environment, each.value.environment)

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
