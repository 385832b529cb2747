resource "aws_codepipeline" "this" {
  name          = local.pipeline_name
  pipeline_type = "V2"
  role_arn      = aws_iam_role.pipeline.arn
  # A newer push replaces an execution still waiting to enter a stage; one in progress finishes.
  execution_mode = "SUPERSEDED"

  artifact_store {
    type     = "S3"
    location = aws_s3_bucket.this["pipeline"].bucket
  }

  stage {
    name = "Source"

    action {
      name      = "Source"
      category  = "Source"
      owner     = "AWS"
      provider  = local.github ? "CodeStarSourceConnection" : "CodeCommit"
      version   = "1"
      namespace = "SourceVariables"
      # A git clone rather than a zip: the plan build needs history to diff against the last
      # deployed commit (`nx affected --base=<that commit>`).
      output_artifacts = ["source"]

      configuration = local.github ? {
        ConnectionArn        = local.connection_arn
        FullRepositoryId     = var.repository
        BranchName           = var.branch
        OutputArtifactFormat = "CODEBUILD_CLONE_REF"
        DetectChanges        = "true"
        } : {
        RepositoryName       = var.repository
        BranchName           = var.branch
        OutputArtifactFormat = "CODEBUILD_CLONE_REF"
        PollForSourceChanges = "false"
      }
    }
  }

  # Once per run: the tests, the Lambda zips and their content hashes. Every environment below
  # deploys this one artifact; nothing is rebuilt between dev and prod.
  stage {
    name = "Build"

    action {
      name             = "Build"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      namespace        = "BuildVariables"
      input_artifacts  = ["source"]
      output_artifacts = ["release"]

      configuration = {
        ProjectName = aws_codebuild_project.this["build"].name
        EnvironmentVariables = jsonencode([
          { name = "SOURCE_COMMIT", value = "#{SourceVariables.CommitId}", type = "PLAINTEXT" },
          # What is rebuilt is decided against the first environment's deployed commit.
          { name = "DOFS_RELEASE_MARKER", value = local.release_marker_keys[var.environments[0].name], type = "PLAINTEXT" },
        ])
      }
    }
  }

  # One stage per environment, in promotion order. Plan, approval, apply, canary and smoke share
  # the stage on purpose: a stage holds one execution at a time, so no other commit can be planned
  # between this plan and its apply. A failed action fails the stage and the run: nothing later is
  # deployed (a failed smoke in staging never reaches prod).
  dynamic "stage" {
    for_each = var.environments

    content {
      name = local.stage_names[stage.value.name]

      action {
        name             = "Plan"
        category         = "Build"
        owner            = "AWS"
        provider         = "CodeBuild"
        version          = "1"
        run_order        = 1
        namespace        = "${local.stage_names[stage.value.name]}Plan"
        input_artifacts  = ["release"]
        output_artifacts = ["plan_${stage.value.name}"]

        configuration = {
          ProjectName = aws_codebuild_project.this["plan"].name
          EnvironmentVariables = jsonencode([
            { name = "SOURCE_COMMIT", value = "#{SourceVariables.CommitId}", type = "PLAINTEXT" },
            { name = "DOFS_ENVIRONMENT", value = stage.value.name, type = "PLAINTEXT" },
            { name = "TF_STATE_KEY", value = stage.value.state_key, type = "PLAINTEXT" },
            { name = "TF_VAR_FILE", value = stage.value.var_file, type = "PLAINTEXT" },
          ])
        }
      }

      dynamic "action" {
        for_each = stage.value.require_approval ? ["Approve"] : []

        content {
          name      = action.value
          category  = "Approval"
          owner     = "AWS"
          provider  = "Manual"
          version   = "1"
          run_order = 2

          configuration = {
            CustomData         = "${stage.value.name}: commit #{SourceVariables.CommitId}: #{${local.stage_names[stage.value.name]}Plan.PLAN_SUMMARY}. The link opens the Plan build; its log shows `terraform show` of the saved plan, which is what Apply will apply, unchanged."
            ExternalEntityLink = "#{${local.stage_names[stage.value.name]}Plan.PLAN_BUILD_URL}"
            NotificationArn    = var.approval_topic_arn
          }
        }
      }

      action {
        name             = "Apply"
        category         = "Build"
        owner            = "AWS"
        provider         = "CodeBuild"
        version          = "1"
        run_order        = 3
        input_artifacts  = ["plan_${stage.value.name}"]
        output_artifacts = ["applied_${stage.value.name}"]

        configuration = {
          ProjectName = aws_codebuild_project.this["apply"].name
          EnvironmentVariables = jsonencode([
            { name = "SOURCE_COMMIT", value = "#{SourceVariables.CommitId}", type = "PLAINTEXT" },
            { name = "DOFS_ENVIRONMENT", value = stage.value.name, type = "PLAINTEXT" },
            { name = "TF_STATE_KEY", value = stage.value.state_key, type = "PLAINTEXT" },
            { name = "DOFS_RELEASE_MARKER", value = local.release_marker_keys[stage.value.name], type = "PLAINTEXT" },
          ])
        }
      }

      # CodeDeploy shifts each function's alias `live` to the version the apply published (all at
      # once, canary or linear, per the environment's deployment_config_name); an alarm rolls it
      # back, and a rolled-back deployment fails this action.
      action {
        name            = "Canary"
        category        = "Build"
        owner           = "AWS"
        provider        = "CodeBuild"
        version         = "1"
        run_order       = 4
        input_artifacts = ["applied_${stage.value.name}"]

        configuration = {
          ProjectName = aws_codebuild_project.this["canary"].name
          EnvironmentVariables = jsonencode([
            { name = "DOFS_ENVIRONMENT", value = stage.value.name, type = "PLAINTEXT" },
          ])
        }
      }

      # Proof that what was deployed answers: a failed smoke fails the execution (terraform/README.md
      # says how to roll back). It builds the CLI from the same commit's source.
      action {
        name            = "Smoke"
        category        = "Build"
        owner           = "AWS"
        provider        = "CodeBuild"
        version         = "1"
        run_order       = 5
        input_artifacts = ["source"]

        configuration = {
          ProjectName = aws_codebuild_project.this["smoke"].name
          EnvironmentVariables = jsonencode([
            { name = "DOFS_ENVIRONMENT", value = stage.value.name, type = "PLAINTEXT" },
            { name = "DOFS_SMOKE_API_URL_PARAMETER", value = stage.value.smoke_api_url_parameter, type = "PLAINTEXT" },
            { name = "DOFS_SMOKE_API_KEY_PARAMETER", value = coalesce(stage.value.smoke_api_key_parameter, "none"), type = "PLAINTEXT" },
          ])
        }
      }
    }
  }

  dynamic "trigger" {
    for_each = local.github ? [var.branch] : []

    content {
      provider_type = "CodeStarSourceConnection"

      git_configuration {
        source_action_name = "Source"

        push {
          branches {
            includes = [trigger.value]
          }
        }
      }
    }
  }

  tags = var.tags
}

# CodeCommit has no push trigger in the pipeline itself: an EventBridge rule starts it.
resource "aws_cloudwatch_event_rule" "codecommit" {
  count = local.github ? 0 : 1

  name        = "${var.name_prefix}-codecommit-push"
  description = "Starts ${local.pipeline_name} on a push to ${var.repository}/${var.branch}."

  event_pattern = jsonencode({
    source      = ["aws.codecommit"]
    detail-type = ["CodeCommit Repository State Change"]
    resources   = [local.repository_arn]
    detail = {
      event         = ["referenceCreated", "referenceUpdated"]
      referenceType = ["branch"]
      referenceName = [var.branch]
    }
  })

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "codecommit" {
  count = local.github ? 0 : 1

  rule     = aws_cloudwatch_event_rule.codecommit[0].name
  arn      = aws_codepipeline.this.arn
  role_arn = aws_iam_role.events[0].arn
}
